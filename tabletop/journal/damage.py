"""A store's files as the file system holds them: whether they are still the ones the store
opened, whether the write-ahead log can be read, and moving a damaged store aside.

SQLite reads a write-ahead log up to its first frame that does not check and forgets the rest
without a word: a log cut in the middle of a frame would show an older (often empty) store,
and the next writer would write over what was left. So the log is looked at before SQLite
opens it (`check_log`), and a store that cannot be read is moved aside under a name that says
when (`set_aside`), never written over.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import struct
import tempfile
import time
from contextlib import closing, suppress
from datetime import UTC, datetime
from pathlib import Path

from tabletop.journal.faults import StoreFault, damaged

LOG_SUFFIXES = ("-wal", "-shm")
"""The files SQLite keeps beside the store in write-ahead-log mode."""
_WAL_MAGIC = (0x377F0682, 0x377F0683)
_WAL_HEADER = 32
_FRAME_HEADER = 24

Identity = tuple[int, int]
"""A file's device and inode: a file deleted and made again, or replaced, has another."""


def identity(path: Path) -> Identity | None:
    """The file's identity, None when there is no file at `path`."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def log_problem(path: Path) -> str | None:
    """What is wrong with the store's write-ahead log (`path` + "-wal"), None when nothing
    is, or when there is none. A log that ends inside a frame, or whose header is not one,
    was cut or overwritten: SQLite would quietly read less than was written."""
    wal = Path(f"{path}-wal")
    try:
        size = wal.stat().st_size
        with wal.open("rb") as log:
            header = log.read(_WAL_HEADER)
    except OSError:
        return None
    if size == 0:
        return None
    if len(header) < _WAL_HEADER:
        return f"its log {wal.name} is cut short ({size} bytes)"
    magic, _version, page_size = struct.unpack(">III", header[:12])
    if magic not in _WAL_MAGIC or page_size < 512 or page_size & (page_size - 1):
        return f"its log {wal.name} is not a write-ahead log"
    stray = (size - _WAL_HEADER) % (_FRAME_HEADER + page_size)
    # A frame is written as its header, then its page: a process killed between the two
    # leaves a header alone, of a transaction never committed (SQLite rolls it back).
    if stray in (0, _FRAME_HEADER):
        return None
    return f"its log {wal.name} ends inside a page ({stray} bytes past the last whole one)"


def check_log(path: Path) -> None:
    """`StoreFault` (damaged) when the store's log cannot be read whole (`log_problem`).

    Another tabletop may be writing a frame this moment (a frame is two writes): the log is
    looked at again a moment later, and only a log that stays cut is damaged."""
    problem = log_problem(path)
    if problem is not None:
        time.sleep(0.05)
        problem = log_problem(path)
    if problem is not None:
        raise damaged(path, problem)


def set_aside(path: Path, now: datetime | None = None) -> Path:
    """Move the store at `path` and its log files aside, to `NAME.damaged-YYYYmmdd-HHMMSS`
    (and `-wal`, `-shm` beside it); the copy's path. Nothing in them is changed. A
    `StoreFault` naming the file when the move fails."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    copy = path.with_name(f"{path.name}.damaged-{stamp}")
    count = 1
    while any(Path(f"{copy}{s}").exists() for s in ("", *LOG_SUFFIXES)):
        count += 1
        copy = path.with_name(f"{path.name}.damaged-{stamp}-{count}")
    try:
        for suffix in ("", *LOG_SUFFIXES):
            source = Path(f"{path}{suffix}")
            if source.exists():
                source.rename(f"{copy}{suffix}")
    except OSError as err:
        raise StoreFault(path, f"cannot be moved aside ({err.strerror or err})",
                         "move it aside by hand") from None
    return copy


def highest_id(copy: Path) -> int:
    """The highest session id a store moved aside ever gave, as far as it can be read (its
    log up to its last whole frame, read from a copy in a temporary folder: the one moved
    aside stays as it was), so a new store goes on after it and no id names two sessions;
    0 when nothing can be read."""
    found = 0
    with tempfile.TemporaryDirectory() as folder, suppress(OSError, sqlite3.Error):
        readable = Path(folder) / copy.name
        shutil.copyfile(copy, readable)
        log = Path(f"{copy}-wal")
        if log.exists():
            Path(f"{readable}-wal").write_bytes(_whole_frames(log.read_bytes()))
        with closing(sqlite3.connect(f"file:{readable}?mode=ro", uri=True)) as conn:
            for sql in ("SELECT MAX(seq) FROM sqlite_sequence WHERE name = 'sessions'",
                        "SELECT MAX(id) FROM sessions"):
                with suppress(sqlite3.Error):
                    found = max(found, int(conn.execute(sql).fetchone()[0] or 0))
    return found


def _whole_frames(log: bytes) -> bytes:
    """A write-ahead log up to its last whole frame (all of it when its header is not one)."""
    if len(log) < _WAL_HEADER:
        return b""
    page_size = struct.unpack(">I", log[8:12])[0]
    if page_size < 512:
        return b""
    frame = _FRAME_HEADER + page_size
    return log[:_WAL_HEADER + (len(log) - _WAL_HEADER) // frame * frame]
