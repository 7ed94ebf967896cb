"""The journal room: the `Session` that applies every intent and journals it as an event
(`events` is the vocabulary), setting up a run (`setup`), the SQLite store (`store`,
`migrations`) and restoring a session from it (`restore`).
"""
