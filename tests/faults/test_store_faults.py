"""Faults of the machine under the store: a full disk (SQLite's own page limit), a damaged
file (its last pages overwritten), an unusable data folder. Each gets one line that names the
file or folder and says what to do, exit 2 on the command line, never a traceback, and every
event already written stays. Issue 12's table, rows 8 (the store's half), 9, 10, 11 and 19.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from tabletop.base.text import printable
from tabletop.cli import main
from tabletop.exercise.clock import FakeTime
from tabletop.exercise.records import Choice
from tabletop.journal.events import Event, answer_event
from tabletop.journal.faults import StoreFault
from tabletop.journal.pending import PendingError, import_pending, places, write_pending
from tabletop.journal.restore import restore
from tabletop.journal.session import Session
from tabletop.journal.setup import new_run
from tabletop.journal.sqlite_journal import Notice, SqliteJournal, save_session
from tabletop.journal.store import DB_NAME, Store, StoreError
from tabletop.scenario import loader
from tabletop.scenario.bundled import DEFAULT_SCENARIO
from tabletop.scenario.model import Scenario
from tabletop.ui.app import TabletopApp
from tabletop.ui.factory import create_app
from tabletop.ui.screens.confirm import PendingQuitScreen
from tabletop.ui.text import TextApp
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


# --- no silent loss (issue 18, item 4): disk full then quit --------------------------------


def _quit_app(store: Store) -> TabletopApp:
    app = create_app(bundled(), scenario_ref=DEFAULT_SCENARIO, seed=SEED,
                     time_source=FakeTime(), briefing=False, open_store=lambda: store)
    assert isinstance(app, TabletopApp)
    return app


def _said(app: TextApp) -> str:
    """What the app leaves for the command line to say once it has closed, as printed."""
    return printable(app.farewell)


async def test_quitting_with_events_kept_in_memory_says_how_many_and_writes_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store(tmp_path / DB_NAME)
    app = _quit_app(store)
    chosen = tmp_path / "kept.json"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        fill_disk(store)
        app.session.answer(0, LONG_TEXT)
        app.session.answer(1, LONG_TEXT)
        await pilot.press("ctrl+q")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PendingQuitScreen)
        question = str(dialog.query_one("#question", Static).render())
        assert "2 events of session 1 are not saved" in question
        assert "the disk is full" in question
        dialog.query_one("#pending-path", Input).value = str(chosen)
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
    assert f"put them back with: tabletop resume --import {chosen}" in _said(app)
    data = json.loads(chosen.read_text(encoding="utf-8"))
    assert [e["kind"] for e in data["events"]] == ["answer", "answer"]
    assert data["after"] == len(store.events(1))
    store.close()


async def test_quitting_without_writing_them_exits_1_and_says_how_many_were_lost(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store(tmp_path / DB_NAME)
    app = _quit_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        fill_disk(store)
        app.session.answer(0, LONG_TEXT)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#lose")
        await pilot.pause()
    assert app.return_code == 1
    assert "1 event of session 1 lost: quit without writing them to a file" in _said(app)
    store.close()


def test_pending_events_are_written_elsewhere_when_the_chosen_place_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    with Store(tmp_path / DB_NAME) as store:
        session = _saved_session(store)
        fill_disk(store)
        session.answer(0, LONG_TEXT)
        journal = _journal(session)
        where = places(1, Path("/dev/null/kept.json"))
        written = write_pending(journal, where)
        assert written == tmp_path / "home" / "tabletop-session-1-pending.json"
        with pytest.raises(PendingError, match=r"/dev/null/kept.json \(not a directory\)"):
            write_pending(journal, [Path("/dev/null/kept.json")])


def load_scenario(ref: str) -> Scenario:
    """The scenario a session names, as `resume` loads it."""
    return loader.load_scenario(Path(ref))


def _pending_file(tmp_path: Path) -> tuple[Path, Path, list[Event]]:
    """A data folder whose store lost the last events of session 1 to a full disk, and the
    file a quit wrote them to; and the events."""
    scenario = tmp_path / "mini.yaml"
    scenario.write_text(MINI, encoding="utf-8")
    data = tmp_path / "data"
    with Store(data / DB_NAME) as store:
        session = _saved_session(store, str(scenario))
        fill_disk(store)
        session.answer(0, LONG_TEXT)
        session.act(Choice("approve", justification="the evals pass"))
        session.pause()
        journal = _journal(session)
        kept = list(journal.unsaved)
        path = write_pending(journal, [tmp_path / "kept.json"])
    return data, path, kept


def test_resume_import_puts_the_pending_events_back_after_a_replay(tmp_path: Path) -> None:
    data, path, kept = _pending_file(tmp_path)
    assert [e.kind for e in kept] == ["answer", "action", "pause"]
    with Store(data / DB_NAME) as store:
        before = [s.event for s in store.events(1)]
        assert import_pending(store, path, load_scenario) == 1
        assert [s.event for s in store.events(1)] == [*before, *kept]
        restored = restore(store, 1, load_scenario(store.session(1).scenario_ref))
        assert restored.debrief().answers[0] == LONG_TEXT
        # Twice is refused: the store already holds them.
        with pytest.raises(PendingError, match="already holds them"):
            import_pending(store, path, load_scenario)


@pytest.mark.parametrize(("change", "reason"), [
    (lambda d: d.update(session=9), "session 9 is not in"),
    (lambda d: d.update(seed=d["seed"] + 1), "seed"),
    (lambda d: d.update(after=1), "its events follow the first 1 of session 1"),
    (lambda d: d["events"][1]["data"].update(action="no-such-action"), "session 1"),
    (lambda d: d.update(format="other"), "not a file of pending events"),
    (lambda d: d["events"].append({"kind": "bogus", "minute": 1, "data": {}}),
     "unknown event kind"),
], ids=["session", "seed", "after", "refused-step", "format", "kind"])
def test_resume_import_refuses_a_file_that_does_not_follow_the_session(
        tmp_path: Path, change: Callable[[dict[str, Any]], None], reason: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    data, path, _ = _pending_file(tmp_path)
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document), encoding="utf-8")
    with Store(data / DB_NAME) as store:
        before = len(store.events(1))
    assert main(["resume", "--import", str(path), "--data-dir", str(data)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert str(path) in err
    assert reason in err
    with Store(data / DB_NAME) as store:
        assert len(store.events(1)) == before


# --- the store deleted or replaced under a run ---------------------------------------------


def _remove_store(folder: Path) -> None:
    """`rm tabletop.db*`."""
    for path in folder.glob(DB_NAME + "*"):
        path.unlink()


def test_a_store_deleted_under_a_run_is_written_again_whole_and_the_room_told(
        tmp_path: Path) -> None:
    told: list[tuple[str, Notice]] = []
    with Store(tmp_path / DB_NAME) as store:
        session = _saved_session(store)
        session.answer(0, "before")
        _journal(session).on_fault = lambda message, notice: told.append((message, notice))
        _remove_store(tmp_path)
        session.answer(1, "after")
        everything = session.journal.events()
    ((message, notice),) = told
    assert notice == "store replaced"
    assert f"{tmp_path / DB_NAME} was deleted" in message
    with Store(tmp_path / DB_NAME) as store:
        assert [s.event for s in store.events(1)] == everything
        assert [e.kind for e in everything][-2:] == ["answer", "answer"]
        assert store.session(1).seed == session.exercise.seed
        # A new session after it takes the next id.
        assert store.create_session("mini", "mini", "team", 7, 1.0) == 2


def test_a_store_replaced_under_a_run_is_moved_aside_not_written_into(tmp_path: Path) -> None:
    told: list[str] = []
    with Store(tmp_path / DB_NAME) as store:
        session = _saved_session(store)
        _journal(session).on_fault = lambda message, notice: told.append(message)
        _remove_store(tmp_path)
        (tmp_path / DB_NAME).write_bytes(b"someone else's file")
        session.pause()
    (copy,) = tmp_path.glob(DB_NAME + ".damaged-*")
    assert copy.read_bytes() == b"someone else's file"
    assert f"moved aside to {copy}" in told[0]
    with Store(tmp_path / DB_NAME) as store:
        assert [s.event.kind for s in store.events(1)][-1] == "pause"


async def test_a_store_deleted_during_a_run_puts_up_a_notification_that_stays(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store(tmp_path / DB_NAME)
    app = _quit_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        _remove_store(tmp_path)
        app.session.answer(0, "typed")
        await pilot.pause()
        (note,) = [n for n in app._notifications if n.title == "Store replaced"]
        assert note.timeout >= 3600
        assert "nothing recorded is lost" in note.message
        await pilot.press("ctrl+q")
        await pilot.press("y")
        await pilot.pause()
    assert f"tabletop: The session store {tmp_path / DB_NAME} was deleted" in _said(app)
    store.close()
    with Store(tmp_path / DB_NAME) as again:
        assert again.debrief(1).answers[0] == "typed"


# --- a damaged write-ahead log, checkpoints, ids -------------------------------------------


def _killed_with_log(tmp_path: Path) -> Path:
    """A data folder as a killed run leaves it: the store and its log, the log not yet
    copied into the file (no round reached); returns the folder."""
    live, left = tmp_path / "live", tmp_path / "left"
    left.mkdir()
    with Store(live / DB_NAME) as store:
        store._conn.execute("PRAGMA wal_autocheckpoint=0")
        session = _saved_session(store)
        for index in range(3):
            session.answer(index, f"answer {index}")
        for suffix in ("", "-wal"):
            shutil.copy(f"{live / DB_NAME}{suffix}", f"{left / DB_NAME}{suffix}")
    return left


def _cut_log(folder: Path) -> bytes:
    """Cut the log in the middle of its last page; its bytes as they were left."""
    wal = folder / (DB_NAME + "-wal")
    left = wal.read_bytes()
    wal.write_bytes(left[:-PAGE // 2])
    return left[:-PAGE // 2]


def test_a_log_left_whole_by_a_kill_is_read_whole(tmp_path: Path) -> None:
    left = _killed_with_log(tmp_path)
    with Store(left / DB_NAME) as store:
        assert store.debrief(1).answers[2] == "answer 2"


def test_sessions_says_a_store_whose_log_is_cut_is_damaged(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    left = _killed_with_log(tmp_path)
    _cut_log(left)
    assert main(["sessions", "--data-dir", str(left)]) == 2
    out, err = capsys.readouterr()
    assert "No sessions" not in out
    _one_line_naming(err, left / DB_NAME, "move it aside")
    assert "damaged" in err
    assert DB_NAME + "-wal" in err


async def test_a_run_moves_a_store_whose_log_is_cut_aside_and_names_the_copy(
        tmp_path: Path) -> None:
    left = _killed_with_log(tmp_path)
    cut = _cut_log(left)
    app = create_app(bundled(), scenario_ref=DEFAULT_SCENARIO, seed=SEED,
                     time_source=FakeTime(), briefing=False,
                     open_store=lambda: Store(left / DB_NAME))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        (note,) = [n for n in app._notifications if n.title == "Store replaced"]
        (copy,) = left.glob(DB_NAME + ".damaged-*[0-9]")
        assert f"moved aside, unchanged, to {copy}" in note.message
        assert Path(f"{copy}-wal").read_bytes() == cut  # never written over
        assert app.store is not None
        # Session 1 is in the copy's log: the new store's first session is 2.
        assert app.session.session_id == 2
    assert app.store is not None
    app.store.close()


def test_the_log_is_copied_into_the_file_at_each_round(tmp_path: Path) -> None:
    with Store(tmp_path / DB_NAME) as store:
        store._conn.execute("PRAGMA wal_autocheckpoint=0")
        session = _saved_session(store)
        session.answer(0, "before the round")
        store.append(1, Event("inject", 1.0, {"id": "x"}))
        # The file alone, without its log, holds everything up to the round.
        alone = tmp_path / "alone"
        alone.mkdir()
        shutil.copy(tmp_path / DB_NAME, alone / DB_NAME)
    with Store(alone / DB_NAME) as copy:
        assert [s.event.kind for s in copy.events(1)][-2:] == ["answer", "inject"]


def test_session_ids_are_never_used_again_after_the_newest_is_deleted(tmp_path: Path) -> None:
    with Store(tmp_path / DB_NAME) as store:
        for _ in range(3):
            _saved_session(store)
        store.release(3)
        for table in ("events", "sessions"):
            column = "session_id" if table == "events" else "id"
            store._conn.execute(f"DELETE FROM {table} WHERE {column} = 3")
        assert store.ids_given() == 3
        assert store.create_session("mini", "mini", "team", 7, 1.0) == 4


def test_sessions_says_a_store_that_lost_every_session_looks_damaged(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store(tmp_path / DB_NAME) as store:
        for _ in range(2):
            _saved_session(store)
        for table in ("writers", "events", "sessions"):
            store._conn.execute(f"DELETE FROM {table}")
    assert main(["sessions", "--data-dir", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert "No sessions" not in out
    _one_line_naming(err, tmp_path / DB_NAME, "move it aside")
    assert "looks damaged (it gave 2 session ids and holds no session)" in err


def test_run_with_a_file_for_its_data_folder_refuses_before_any_screen(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    in_the_way = tmp_path / "sessions"
    in_the_way.write_text("not a folder", encoding="utf-8")

    def no_screen(*_: object, **__: object) -> None:
        raise AssertionError("the app was built: its briefing would have painted")

    monkeypatch.setattr("tabletop.ui.factory.create_app", no_screen)
    assert main(["run", "--data-dir", str(in_the_way / "more")]) == 2
    said = capsys.readouterr().err
    assert f"{in_the_way} is not a folder" in said
