"""Faults of the machine under the store, told as the room needs to hear them.

SQLite reports a full disk, a read-only file, an I/O error, a damaged file or a file held by
another program as `sqlite3.OperationalError` or `DatabaseError`; each becomes a `StoreFault`
whose message names the file and says what to do. A folder that cannot hold the store (a file
in its place, a read-only place) gets the same kind of message from `folder_fault`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


class StoreError(Exception):
    """A database that cannot be used, with the reason for the user."""


class StoreFault(StoreError):
    """The machine under the store failed it (disk full, read-only, damaged, I/O error, busy).

    Unlike a refused event (a program error), the room can do something about it, and what
    was already written stays written. Its message: `{path}: {reason}; {advice}`.
    """

    def __init__(self, path: Path, reason: str, advice: str, *, damaged: bool = False) -> None:
        super().__init__(f"{path}: {reason}; {advice}")
        self.path = path
        """The database file."""
        self.reason = reason
        """What is wrong, in a few words ("the disk is full")."""
        self.advice = advice
        """What to do about it."""
        self.damaged = damaged
        """The file itself is damaged: moving it aside is the way on."""


MOVE_ASIDE = "move it aside (tabletop starts a new one there)"
"""What to do with a damaged store: the one place that says it."""
ELSEWHERE = "or choose another folder with --data-dir"


def _what(err: sqlite3.Error) -> tuple[str, str, bool]:
    """What went wrong, what to do, and whether the file is damaged, from SQLite's error."""
    name = getattr(err, "sqlite_errorname", "") or ""
    text = str(err)
    if name.startswith("SQLITE_NOTADB") or "not a database" in text:
        return f"not a tabletop database ({text})", MOVE_ASIDE, True
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text:
        return f"damaged ({text})", MOVE_ASIDE, True
    if name == "SQLITE_FULL" or "full" in text:
        return "the disk is full", f"free some space, {ELSEWHERE}", False
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return "read-only", f"make it writable, {ELSEWHERE}", False
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return "busy in another program", "try again in a moment", False
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return "cannot be opened", f"check that its folder is writable, {ELSEWHERE}", False
    if name.startswith("SQLITE_IOERR") or "I/O" in text:
        return f"input/output error ({text})", f"check the disk, {ELSEWHERE}", False
    return f"cannot be used ({text})", ELSEWHERE.removeprefix("or "), False


def store_fault(err: sqlite3.Error, path: Path) -> StoreFault:
    """SQLite's error on the store at `path` as a one-line message naming the file."""
    if path.is_dir():  # SQLite says only that it cannot open it
        return StoreFault(path, "is a folder, not a tabletop store",
                          f"move or rename that folder, {ELSEWHERE}")
    reason, advice, damaged = _what(err)
    return StoreFault(path, reason, advice, damaged=damaged)


def damaged(path: Path, problem: str) -> StoreFault:
    """The store at `path` fails SQLite's check with `problem`."""
    return StoreFault(path, f"damaged ({problem})", MOVE_ASIDE, damaged=True)


def folder_fault(err: OSError, folder: Path) -> StoreError:
    """Why the data folder cannot be made or used, naming it."""
    # The nearest of the folder and its parents that is there: a file in the way says why.
    there = next((p for p in (folder, *folder.parents) if p.exists()), folder)
    if there.exists() and not there.is_dir():
        why = "it is not a folder" if there == folder else f"{there} is not a folder"
    else:
        why = f"it cannot be created there ({(err.strerror or str(err)).lower()})"
    return StoreError(f"cannot keep sessions in {folder}: {why}; choose another folder with "
                      "--data-dir or $TABLETOP_DATA_DIR")
