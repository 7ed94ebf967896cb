"""The journal room: the `Session` that applies every intent and journals it as an event
(`events` is the vocabulary), setting up a run (`setup`), the SQLite store (`store`, its rows
`rows`, `migrations`), a session's journal in it (`sqlite_journal`), the faults of the machine
under it (`faults`), one writer per session (`writers`) and restoring a session (`restore`).
"""
