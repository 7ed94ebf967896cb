"""Keys typed faster than the screen redraws can ask a dialog to close twice (Enter on its
button and Escape, both handled before it has gone): it closes once, and the screen beneath
stays. The random key walk (tests/faults/test_key_walk.py) found this."""

from __future__ import annotations

from tabletop.ui.screens.action_dialog import ActionDialog
from tabletop.ui.screens.confirm import ConfirmScreen
from tabletop.ui.screens.dashboard import DashboardScreen
from tests.ui.helpers import SIZE, open_action_dialog, paused_at


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
        assert isinstance(pilot.app.screen, DashboardScreen)
        assert len(harness.app.exercise.decisions) == 1
