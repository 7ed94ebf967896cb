"""Keys typed faster than the screen redraws: a dialog asked to close twice (Enter on its
button and Escape, both handled before it has gone) closes once, and the screen beneath stays;
one asked to close, or ticked, while it is still opening opens as it should. The random key
walk (tests/faults/test_key_walk.py) found each of these."""

from __future__ import annotations

from tabletop.ui.screens.action_dialog import ActionDialog
from tabletop.ui.screens.confirm import ConfirmScreen
from tabletop.ui.screens.dashboard import DashboardScreen
from tabletop.ui.screens.statement_dialog import StatementDialog
from tests.ui.helpers import SIZE, on_screen, open_action_dialog, paused_at

STATEMENT_ASKED = 55.0
"""When the default scenario asks for its statement."""


async def test_a_question_answered_twice_is_answered_once() -> None:
    harness = paused_at(20.5)
    async with harness.app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        question = pilot.app.screen
        assert isinstance(question, ConfirmScreen)
        question.action_answer(False)
        question.action_answer(True)  # the second key, handled after the first closed it
        await pilot.pause()
        assert isinstance(pilot.app.screen, DashboardScreen)
        assert not harness.app.ended


async def test_an_action_submitted_twice_is_taken_once() -> None:
    harness = paused_at(20.5)
    async with harness.app.run_test(size=SIZE) as pilot:
        dialog = await open_action_dialog(pilot)
        await pilot.press("enter")  # the first option
        await pilot.pause()
        assert isinstance(dialog, ActionDialog)
        dialog.action_submit()
        dialog.action_submit()
        await pilot.pause()
        assert len(pilot.app.screen_stack) == 3  # asked once (nothing cited or said)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DashboardScreen)
        assert len(harness.app.exercise.decisions) == 1


async def test_a_dialog_asked_to_close_while_it_opens_stays_open() -> None:
    harness = paused_at(20.5)
    async with harness.app.run_test(size=SIZE) as pilot:
        dialog = ActionDialog(harness.app.exercise)
        harness.app.push_screen(dialog)
        dialog.action_cancel()  # Escape, typed before the dialog was on screen
        await pilot.pause()
        assert pilot.app.screen is dialog
        assert dialog.query_one("#cite").border_title


async def test_a_tick_while_the_statement_dialog_opens_shows_once_it_is_open() -> None:
    harness = paused_at(STATEMENT_ASKED + 1)
    async with harness.app.run_test(size=SIZE) as pilot:
        request = harness.app.exercise.open_statements()[0]
        dialog = StatementDialog(request, STATEMENT_ASKED + 1, {})
        harness.app.push_screen(dialog)
        dialog.show_time(STATEMENT_ASKED + 3)  # the clock's tick, before the dialog is composed
        await pilot.pause()
        left = request.request.deadline_minutes - 3
        assert f"{left:02.0f}:00 left" in on_screen(dialog.query_one("#deadline"))
