"""Faults of the machine under the store: a full disk (SQLite's own page limit), a damaged
file (its last pages overwritten), an unusable data folder. Each gets one line that names the
file or folder and says what to do, exit 2 on the command line, never a traceback, and every
event already written stays. Issue 12's table, rows 8 (the store's half), 9, 10, 11 and 19.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tabletop.cli import main
from tabletop.exercise.clock import FakeTime
from tabletop.journal.events import Event, answer_event
from tabletop.journal.faults import StoreFault
from tabletop.journal.session import Session
from tabletop.journal.setup import new_run
from tabletop.journal.sqlite_journal import Notice, SqliteJournal, save_session
from tabletop.journal.store import DB_NAME, Store, StoreError
from tabletop.scenario.bundled import DEFAULT_SCENARIO
from tabletop.ui.factory import create_app
from tests.helpers import MINI, mini
from tests.ui.helpers import SEED, SIZE, bundled

PAGE = 4096
"""SQLite's page size here."""
LONG_TEXT = "x" * 3 * PAGE
"""An answer that needs pages of its own: it cannot fit in a page's free space."""


def fill_disk(store: Store) -> None:
    """The disk is full, as SQLite sees it: the file may not grow by a page more."""
    conn = store._conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")


def free_disk(store: Store) -> None:
    """Room on the disk again."""
    store._conn.execute("PRAGMA max_page_count = 1073741823")


def _saved_session(store: Store, ref: str = "") -> Session:
    session = new_run(mini(), ref=ref, time_source=FakeTime())
    save_session(store, session)
    session.start()
    session.tick()
    return session


def _journal(session: Session) -> SqliteJournal:
    assert isinstance(session.journal, SqliteJournal)
    return session.journal


def _stored_kinds(store: Store, session: Session) -> list[str]:
    assert session.session_id is not None
    return [s.event.kind for s in store.events(session.session_id)]


# --- a full disk (row 9) -------------------------------------------------------------------


def test_a_full_disk_keeps_every_event_written_and_the_rest_in_memory(tmp_path: Path) -> None:
    with Store(tmp_path / DB_NAME) as store:
        session = _saved_session(store)
        written = _stored_kinds(store, session)
        fill_disk(store)
        session.answer(0, LONG_TEXT)  # no traceback: kept
        session.pause()
        assert _stored_kinds(store, session) == written
        assert _journal(session).unsaved == [answer_event(session.exercise.minute, 0, LONG_TEXT),
                                             Event("pause", session.exercise.minute)]
        assert [e.kind for e in session.journal.events()] == [*written, "answer", "pause"]


def test_the_room_is_told_once_that_the_session_can_no_longer_be_saved_and_where(
        tmp_path: Path) -> None:
    told: list[tuple[str, Notice]] = []
    with Store(tmp_path / DB_NAME) as store:
        session = _saved_session(store)
        _journal(session).on_fault = lambda message, notice: told.append((message, notice))
        fill_disk(store)
        session.answer(0, LONG_TEXT)
        session.pause()
    ((message, notice),) = told
    assert notice == "not saved"
    assert str(tmp_path / DB_NAME) in message
    assert "the disk is full" in message
    assert "can no longer be saved" in message


def test_what_was_kept_in_memory_is_written_in_order_once_the_disk_has_room(
        tmp_path: Path) -> None:
    told: list[Notice] = []
    with Store(tmp_path / DB_NAME) as store:
        session = _saved_session(store)
        _journal(session).on_fault = lambda message, notice: told.append(notice)
        fill_disk(store)
        session.answer(0, LONG_TEXT)
        free_disk(store)
        session.pause()
        assert _stored_kinds(store, session)[-2:] == ["answer", "pause"]
        assert _journal(session).unsaved == []
    assert told == ["not saved", "saved again"]


async def test_a_full_disk_during_a_run_puts_up_a_notification_that_stays(
        tmp_path: Path) -> None:
    store = Store(tmp_path / DB_NAME)
    app = create_app(bundled(), scenario_ref=DEFAULT_SCENARIO, seed=SEED,
                     time_source=FakeTime(), briefing=False, open_store=lambda: store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        fill_disk(store)
        app.session.answer(0, LONG_TEXT)
        await pilot.press("space")  # the app plays on
        await pilot.pause()
        (note,) = [n for n in app._notifications if n.title == "Not saved"]
        assert note.severity == "error"
        assert note.timeout >= 3600
        assert str(tmp_path / DB_NAME) in note.message
        assert not app.exercise.clock.running
    store.close()


# --- a damaged store (row 10) --------------------------------------------------------------


@pytest.fixture
def damaged_dir(tmp_path: Path) -> Path:
    """A data folder whose store holds six sessions of the mini scenario (its file beside),
    the store's last pages overwritten with junk."""
    scenario = tmp_path / "mini.yaml"
    scenario.write_text(MINI, encoding="utf-8")
    with Store(tmp_path / DB_NAME) as store:
        store._conn.execute("PRAGMA synchronous=OFF")  # setting up: no need to wait for disk
        for _ in range(6):
            session = _saved_session(store, str(scenario))
            for index in range(6):
                session.answer(index, f"{index} " * 600)
    path = tmp_path / DB_NAME
    with path.open("r+b") as db:
        db.seek(path.stat().st_size - 3 * PAGE)
        db.write(os.urandom(3 * PAGE))
    return tmp_path


def _listed(out: str) -> dict[int, str]:
    """Session id to its score column, from `tabletop sessions`."""
    return {int(m[1]): m[2] for m in re.finditer(r"^\s+(\d+)\s+mini .* running\s+(.+)$", out,
                                                 re.MULTILINE)}


def _one_line_naming(err: str, path: Path, advice: str) -> None:
    assert len(err.strip().splitlines()) == 1, err
    assert str(path) in err
    assert advice in err
    assert "Traceback" not in err


def test_sessions_in_a_damaged_store_lists_those_it_can_read_and_says_what_to_do(
        damaged_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sessions", "--data-dir", str(damaged_dir)]) == 2
    out, err = capsys.readouterr()
    listed = _listed(out)
    assert sorted(listed) == [1, 2, 3, 4, 5, 6]
    assert listed[6] == "unreadable"
    assert listed[1].startswith("at T")
    _one_line_naming(err, damaged_dir / DB_NAME, "move it aside")


def test_a_readable_session_in_a_damaged_store_still_gives_its_report(
        damaged_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "1", "--data-dir", str(damaged_dir)]) == 0
    assert capsys.readouterr().out.startswith("# After-action report")


@pytest.mark.parametrize("command", [["report", "6"], ["resume", "1"]])
def test_a_damaged_store_gives_report_and_resume_one_line_and_exit_2(
        damaged_dir: Path, command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*command, "--data-dir", str(damaged_dir)]) == 2
    _one_line_naming(capsys.readouterr().err, damaged_dir / DB_NAME, "move it aside")


def test_a_new_run_is_not_written_into_a_damaged_store(damaged_dir: Path) -> None:
    with Store(damaged_dir / DB_NAME) as store:
        sessions = store._conn.execute("SELECT COUNT(*) FROM sessions").fetchone()
        with pytest.raises(StoreFault, match="move it aside") as refused:
            save_session(store, new_run(mini(), time_source=FakeTime()))
        assert refused.value.damaged
        assert store._conn.execute("SELECT COUNT(*) FROM sessions").fetchone() == sessions


# --- an unusable data folder (row 11) ------------------------------------------------------


def _under_a_file(tmp_path: Path) -> Path:
    (tmp_path / "notes.txt").write_text("a file where a folder would go")
    return tmp_path / "notes.txt" / "tabletop"


@pytest.mark.parametrize("folder", [
    lambda tmp: Path("/dev/null"),
    _under_a_file,
    # Root may write almost anywhere, but not make a folder in /proc.
    pytest.param(lambda tmp: Path("/proc/tabletop"), marks=pytest.mark.skipif(
        not Path("/proc/self").exists(), reason="needs /proc")),
], ids=["dev-null", "under-a-file", "proc"])
@pytest.mark.parametrize("command", ["sessions", "report", "resume"])
def test_an_unusable_data_folder_gets_one_line_naming_it_and_exit_2(
        tmp_path: Path, folder: object, command: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert callable(folder)
    where = folder(tmp_path)
    assert main([command, "--data-dir", str(where)]) == 2
    _one_line_naming(capsys.readouterr().err, where, "choose another folder")


def test_a_run_with_an_unusable_data_folder_is_refused_by_the_store_it_opens() -> None:
    # The app quits with this message and status 2 (tests/ui/test_modes.py).
    with pytest.raises(StoreError, match="/dev/null: it is not a folder"):
        Store.open("/dev/null")


# --- seeds (row 8, the store's half) and a session not started (row 19) --------------------


def test_a_seed_sqlite_cannot_keep_is_refused_before_it_reaches_sqlite(tmp_path: Path) -> None:
    with Store(tmp_path / DB_NAME) as store:
        with pytest.raises(StoreError, match="seeds go from -9223372036854775808 to "
                                             "9223372036854775807"):
            store.create_session("mini", "mini", "team", 10**20, 1.0)
        assert store.list_sessions() == []


def test_sessions_shows_a_session_with_no_events_as_not_started(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store(tmp_path / DB_NAME) as store:
        store.create_session("mini", "mini", "team", 7, 1.0)
    assert main(["sessions", "--data-dir", str(tmp_path)]) == 0
    assert _listed(capsys.readouterr().out) == {1: "not started"}
