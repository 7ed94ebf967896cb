"""Events a session kept in memory, written to a file at quitting and put back into the store.

When the store cannot take a session's events (a full disk: `SqliteJournal`), quitting offers
to write them to a JSON file (`write_pending`), tried at the place the user chose, then in the
home folder, then in the system's temporary folder (the disk that is full may hold the first).
`tabletop resume --import FILE` puts them back (`import_pending`): the file must follow the
session exactly as the store holds it (same session, scenario, seed and events before), and
the events are replayed with those before through the same validated path a restore takes
(`restore.replayed`) before one is written.

The file: `{"format": "tabletop-pending-events", "version": 1, "store": path, "session": id,
"scenario": id, "seed": n, "after": events already in the store, "events": [{"kind",
"minute", "data"}, ...]}`.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from tabletop.journal.events import Event, event_kind
from tabletop.journal.faults import StoreError
from tabletop.journal.restore import RestoreError, replayed
from tabletop.journal.sqlite_journal import SqliteJournal
from tabletop.journal.store import Store
from tabletop.scenario.model import Scenario

FORMAT = "tabletop-pending-events"
"""The file's `format`: what it is, for a reader that finds it."""
VERSION = 1


class PendingError(StoreError):
    """A pending-events file that cannot be put back: its message names the file and why."""


def places(session_id: int, chosen: Path | None = None) -> list[Path]:
    """Where the pending events of a session are written, in the order tried: `chosen`, the
    home folder, the system's temporary folder."""
    name = f"tabletop-session-{session_id}-pending.json"
    found = [Path.home() / name, Path(tempfile.gettempdir()) / name]
    return [chosen, *(p for p in found if p != chosen)] if chosen else found


def document(journal: SqliteJournal) -> dict[str, Any]:
    """The JSON of the journal's events kept in memory, and what they follow."""
    info = journal.info
    return {"format": FORMAT, "version": VERSION, "store": str(journal.store.path),
            "session": journal.session_id, "scenario": info.scenario_id if info else None,
            "seed": info.seed if info else None, "after": len(journal.written),
            "events": [{"kind": e.kind, "minute": e.minute, "data": e.data}
                       for e in journal.unsaved]}


def write_pending(journal: SqliteJournal, where: Sequence[Path]) -> Path:
    """Write the journal's events kept in memory to the first of `where` that takes them;
    the file's path. `PendingError` naming every place tried when none does."""
    text = json.dumps(document(journal), ensure_ascii=False, indent=1, allow_nan=False)
    tried = []
    for path in where:
        try:
            path.expanduser().write_text(text + "\n", encoding="utf-8")
        except OSError as err:
            tried.append(f"{path} ({(err.strerror or str(err)).lower()})")
            continue
        return path.expanduser()
    raise PendingError(f"the events kept in memory could not be written: {'; '.join(tried)}")


def import_pending(store: Store, path: Path, load: Callable[[str], Scenario],
                   expected: int | None = None) -> int:
    """Put the events of the pending-events file at `path` back into the store, after those
    they follow, this process the session's writer (`Store.claim`); the session's id.
    `PendingError` naming the file and why, nothing written, when it is not one, is of
    another session than `expected` (if given), does not follow the session as stored, or a
    replay refuses it."""
    data, events = _read(path)
    session_id, after = int(data["session"]), int(data["after"])
    if expected not in (None, session_id):
        raise PendingError(f"{path}: its events are of session {session_id}, not {expected}")
    try:
        info = store.session(session_id)
    except StoreError:
        raise PendingError(f"{path}: session {session_id} is not in {store.path}") from None
    if (data.get("scenario"), data.get("seed")) != (info.scenario_id, info.seed):
        raise PendingError(f"{path}: its events are of scenario {data.get('scenario')!r} "
                           f"seed {data.get('seed')}, session {session_id} played "
                           f"{info.scenario_id!r} seed {info.seed}")
    stored = [s.event for s in store.events(session_id)]
    if len(stored) != after:
        state = ("already holds them" if stored[after:] == events else
                 f"holds {len(stored)} events of it")
        raise PendingError(f"{path}: its events follow the first {after} of session "
                           f"{session_id}, and {store.path} {state}")
    try:
        replayed(info, load(info.scenario_ref), [*stored, *events])
    except RestoreError as err:
        raise PendingError(f"{path}: {err}") from None
    store.claim(session_id)
    for event in events:
        store.append(session_id, event)
    return session_id


def _read(path: Path) -> tuple[dict[str, Any], list[Event]]:
    """The file's fields (its session and count of events before checked for numbers) and
    its events."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a file of pending events")
        if data.get("version") != VERSION:
            raise ValueError(f"version {data.get('version')!r}, this program reads {VERSION}")
        events = [_event(item) for item in data["events"]]
        session_id, after = int(data["session"]), int(data["after"])
        if not (isinstance(session_id, int) and isinstance(after, int) and after >= 0):
            raise ValueError("its session or count is not a number")
    except OSError as err:
        raise PendingError(f"{path}: cannot be read ({err.strerror or err})") from None
    except (ValueError, KeyError, TypeError) as err:
        raise PendingError(f"{path}: not a file of pending events ({err})") from None
    return data, events


def _event(item: Any) -> Event:
    """One event of the file; ValueError when it is not one."""
    if not isinstance(item, dict) or not isinstance(item.get("data"), dict):
        raise ValueError("an event is not an object with data")
    minute = item.get("minute")
    if isinstance(minute, bool) or not isinstance(minute, int | float):
        raise ValueError("an event's minute is not a number")
    return Event(event_kind(str(item.get("kind"))), float(minute), item["data"])
