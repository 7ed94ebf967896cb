"""One writer per session: the lock `run` and `resume` take, who holds it, and when a lock left
behind is taken over. (Two real processes: tests/faults/test_kill_and_resume.py.)"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tabletop.journal.store import DB_NAME, Store
from tabletop.journal.writers import SessionBusy, Writer, process_start, still_runs

GONE_PID = 4_194_304 + 1
"""Above the largest pid Linux hands out: no process has it."""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / DB_NAME) as store:
        store.create_session("mini", "mini", "team", 7, 1.0)
        yield store


def _held_by(store: Store, pid: int, host: str, started: str = "") -> None:
    store._conn.execute("INSERT OR REPLACE INTO writers VALUES (1, ?, ?, "
                        "'2026-03-14T09:30:00.000+00:00', ?)", (pid, host, started))


def _holder_pid(store: Store) -> int | None:
    row = store._conn.execute("SELECT pid FROM writers WHERE session_id = 1").fetchone()
    return int(row[0]) if row else None


def test_a_session_claimed_is_held_by_this_process(store: Store) -> None:
    store.claim(1)
    assert _holder_pid(store) == os.getpid()


def test_closing_the_store_lets_the_session_go(tmp_path: Path, store: Store) -> None:
    store.claim(1)
    store.close()
    with Store(tmp_path / DB_NAME) as again:
        assert _holder_pid(again) is None


def test_a_process_may_claim_its_own_session_again(tmp_path: Path, store: Store) -> None:
    store.claim(1)
    with Store(tmp_path / DB_NAME) as second_store:
        second_store.claim(1)  # no SessionBusy: the holder is this very process
        assert _holder_pid(second_store) == os.getpid()


def test_a_lock_left_by_a_process_that_is_gone_is_taken_over(store: Store) -> None:
    _held_by(store, GONE_PID, socket.gethostname())
    store.claim(1)
    assert _holder_pid(store) == os.getpid()


def test_a_lock_whose_pid_now_belongs_to_another_process_is_taken_over(store: Store) -> None:
    # pid 1 runs, but started long before this lock was taken: not its holder.
    _held_by(store, 1, socket.gethostname(), started="999999999999")
    if not process_start(1):
        pytest.skip("the system does not say when a process started")
    store.claim(1)
    assert _holder_pid(store) == os.getpid()


def test_a_lock_held_on_another_host_is_refused_naming_the_host(store: Store) -> None:
    _held_by(store, 1234, "projector-laptop")
    with pytest.raises(SessionBusy, match=r"session 1 is open in another tabletop \(pid 1234 on "
                                          r"projector-laptop, since \d\d:\d\d\); close it there"):
        store.claim(1)


def test_a_holder_on_another_host_is_taken_to_run() -> None:
    assert still_runs(Writer(GONE_PID, "projector-laptop", "", ""))
