"""One writer per session: the lock `run` and `resume` take on the session they write.

The lock is a row of the store's `writers` table (`journal.migrations`): the holder's pid,
host, when it took the session, and the process's own start time where the system tells it.
A second tabletop that wants to write the session is told who holds it; one that finds the
lock left by a process that is gone on this host (killed, crashed) takes it over. Readers
(`sessions`, `report`) take no lock. The store takes and releases it (`Store.claim`,
`Store.close`); this module says who holds it and whether that holder still runs.
"""

from __future__ import annotations

import os
import socket
import sqlite3
from datetime import datetime
from pathlib import Path

from tabletop.base.record import record
from tabletop.journal.faults import StoreError


class SessionBusy(StoreError):
    """Another tabletop is writing the session; the message names it."""


@record
class Writer:
    """A process that writes a session."""

    pid: int
    """Its process id."""
    host: str
    """The machine it runs on."""
    since: str
    """Wall time it took the session, ISO 8601 in UTC."""
    started: str = ""
    """The process's own start as the system tells it (Linux: /proc), so a pid used again by
    another process is not taken for the holder; empty where the system does not tell."""

    def same_process(self, other: Writer) -> bool:
        """The two are one process (its lock is its own to take again)."""
        return (self.pid, self.host, self.started) == (other.pid, other.host, other.started)


def process_start(pid: int) -> str:
    """When process `pid` started, in the system's clock ticks since boot, as text; "gone" for
    a process that has exited but not been reaped; "" where the system does not say."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return ""
    # The command name is in brackets and may hold spaces: the fields follow its last ")".
    fields = stat.rpartition(")")[2].split()
    if len(fields) < 20:
        return ""
    return "gone" if fields[0] in ("Z", "X") else fields[19]


def this_process(since: str) -> Writer:
    """This process, taking a session at wall time `since` (ISO 8601, UTC)."""
    return Writer(os.getpid(), socket.gethostname(), since, process_start(os.getpid()))


def still_runs(writer: Writer) -> bool:
    """The holder may still be writing: always for another host (it cannot be asked); on this
    one, while its pid runs and is the same process that took the lock."""
    if writer.host != socket.gethostname():
        return True
    try:
        os.kill(writer.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process: it runs
    now = process_start(writer.pid)
    return not (now == "gone" or (writer.started and now and now != writer.started))


def holder(conn: sqlite3.Connection, session_id: int) -> Writer | None:
    """Who holds the session's lock, if anyone (alive or not)."""
    row = conn.execute("SELECT pid, host, since, started FROM writers WHERE session_id = ?",
                       (session_id,)).fetchone()
    return Writer(int(row[0]), str(row[1]), str(row[2]), str(row[3])) if row else None


def take(conn: sqlite3.Connection, session_id: int, me: Writer) -> None:
    """Take the session's lock for `me` inside the caller's write transaction; `SessionBusy`
    when another process that still runs holds it. A lock left by a process that is gone is
    taken over."""
    held = holder(conn, session_id)
    if held is not None and held.same_process(me):
        return
    if held is not None and still_runs(held):
        raise SessionBusy(busy_message(session_id, held))
    conn.execute("INSERT OR REPLACE INTO writers (session_id, pid, host, since, started) "
                 "VALUES (?, ?, ?, ?, ?)", (session_id, me.pid, me.host, me.since, me.started))


def let_go(conn: sqlite3.Connection, session_id: int, me: Writer) -> None:
    """Release the session's lock if `me` holds it."""
    conn.execute("DELETE FROM writers WHERE session_id = ? AND pid = ? AND host = ?",
                 (session_id, me.pid, me.host))


def busy_message(session_id: int, held: Writer) -> str:
    """Who writes the session, for the one who may not: pid, host if another, local time."""
    where = "" if held.host == socket.gethostname() else f" on {held.host}"
    try:
        since = datetime.fromisoformat(held.since).astimezone().strftime("%H:%M")
    except ValueError:
        since = held.since
    return (f"session {session_id} is open in another tabletop (pid {held.pid}{where}, since "
            f"{since}); close it there first")
