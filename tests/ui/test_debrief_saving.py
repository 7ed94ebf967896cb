"""The debrief keeps every word typed (issue 18): each change to a field is journalled at once
(not after a pause in typing), ctrl+s writes a report holding everything typed, and the report
is written off the UI's thread, so the screen answers keys while a slow one is written."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tabletop.journal.restore import restore
from tabletop.journal.store import DB_NAME, Store
from tabletop.reports import writers
from tabletop.reports.facts import Report
from tabletop.ui.screens.debrief import REPORT_WORKERS
from tests.journal.processes import child, kill, read_line

from .helpers import SIZE, bundled, end_now, paused_at, record_notifications

ANSWER = "Per-language recall, before the F1"
"""What the team types into the first question."""
STOP = "Approving on F1 alone"
"""What the team types as its STOP commitment."""


async def type_into(pilot: Pilot[None], field: str, text: str) -> None:
    """Focus a field of the debrief and type `text` into it, key by key."""
    pilot.app.screen.query_one(f"#{field}", Input).focus()
    await pilot.press(*text)


def journalled_answers(events: list[tuple[str, dict[str, object]]]) -> dict[object, object]:
    """The latest text of each question and commitment, as the journal holds them."""
    return {(data.get("index", data["part"])): data["text"]
            for kind, data in events if kind == "answer" and "text" in data}


async def test_every_keystroke_is_journalled_without_waiting_for_a_pause() -> None:
    app = paused_at(-5).app
    async with app.run_test(size=SIZE) as pilot:
        await end_now(pilot)
        await type_into(pilot, "answer-0", ANSWER[:5])
        typed = [e.data["text"] for e in app.session.journal.events() if e.kind == "answer"]
        assert typed == [ANSWER[:n] for n in range(1, 6)]


async def test_leaving_a_field_journals_nothing_new_when_every_change_was() -> None:
    app = paused_at(-5).app
    async with app.run_test(size=SIZE) as pilot:
        await end_now(pilot)
        await type_into(pilot, "answer-0", "yes")
        await pilot.press("tab")
        await pilot.pause()
        typed = [e.data["text"] for e in app.session.journal.events() if e.kind == "answer"]
        assert typed == ["y", "ye", "yes"]


async def test_typing_then_saving_at_once_puts_every_character_in_the_report(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = paused_at(-5).app
    async with app.run_test(size=SIZE) as pilot:
        await end_now(pilot)
        await type_into(pilot, "answer-0", ANSWER)
        await type_into(pilot, "commit-stop", STOP)
        await type_into(pilot, "plan-0-owner", "Eval lead")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    data = json.loads(next(tmp_path.glob("tabletop-*.json")).read_text(encoding="utf-8"))
    assert data["debrief"]["answers"][0]["answer"] == ANSWER
    assert data["debrief"]["commitments"]["stop"] == STOP
    assert data["improvement_plan"][0]["owner"] == "Eval lead"


async def test_the_screen_answers_keys_while_a_slow_report_is_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    release = threading.Event()
    render_html = writers.RENDERERS["html"]

    def slow_html(report: Report) -> str:
        release.wait(timeout=30)  # a very long text, laid out
        return render_html(report)

    monkeypatch.setitem(writers.RENDERERS, "html", slow_html)
    app = paused_at(-5).app
    async with app.run_test(size=SIZE) as pilot:
        notes = record_notifications(app)
        await end_now(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        writing = [w for w in app.workers if w.group == REPORT_WORKERS]
        assert writing
        assert not writing[0].is_finished
        assert [n.message for n in notes] == ["Writing the report\u2026"]
        await type_into(pilot, "answer-1", "still here")
        assert app.screen.query_one("#answer-1", Input).value == "still here"
        await pilot.press("ctrl+s")  # a second report waits for the first
        assert notes[-1].message == "Still writing the report."
        assert not list(tmp_path.glob("tabletop-*.html"))
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
    written = sorted(tmp_path.glob("tabletop-*"))
    assert [p.suffix for p in written] == [".html", ".json", ".md"]
    assert notes[-1].title == "Report written"
    assert sorted(notes[-1].message.splitlines()) == [str(p) for p in written]  # where


KILLED = """
import asyncio, sys
from pathlib import Path
from tabletop.journal.sqlite_journal import save_session
from tabletop.journal.store import DB_NAME, Store
from tabletop.ui.factory import resume_app
from textual.widgets import Input
from tests.ui.helpers import SIZE, end_now, played_to

async def main() -> None:
    store = Store(Path(sys.argv[1]) / DB_NAME)
    session = played_to(-5)
    session_id = save_session(store, session)
    app = resume_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await end_now(pilot)
        for field, text in (("answer-0", sys.argv[2]), ("commit-stop", sys.argv[3])):
            pilot.app.screen.query_one("#" + field, Input).focus()
            await pilot.press(*text)
        print("typed", session_id, flush=True)
        sys.stdin.read()  # the app stands still here until the kill

asyncio.run(main())
"""
"""A child that types into the debrief of a stored session, says so, and waits to be killed."""


def test_answers_typed_just_before_a_kill_are_there_when_the_session_is_restored(
        tmp_path: Path) -> None:
    with child(KILLED, str(tmp_path), ANSWER, STOP) as proc:
        word, session_id = read_line(proc).split()
        assert word == "typed"
        kill(proc)  # SIGKILL: no pause in typing, no field left, no save
    with Store(tmp_path / DB_NAME) as store:
        debrief = restore(store, int(session_id), bundled()).debrief()
    assert debrief.answers[0] == ANSWER
    assert debrief.commitments["stop"] == STOP
