"""Nothing typed is lost (issue 22, item 5): the justification is a text area of several lines
that shows all of its text, and keys typed straight after Tab reach it. One clock (item 4): a
decision says the minute the clock showed."""

from __future__ import annotations

from textual.widgets import Digits, TextArea

from tabletop.base.words import fmt_minute
from tabletop.ui.screens.action_dialog import ActionDialog
from tabletop.ui.screens.dashboard import DashboardScreen

from .helpers import SIZE, act, on_screen, open_action_dialog, paused_at

WHY = ("The per-language recall fell below the floor for two languages while the F1 rose, "
       "so we hold the rollout until the evaluation team has looked at the slices")
"""A justification longer than one line of the dialog."""


async def test_keys_typed_straight_after_tab_reach_the_justification() -> None:
    harness = paused_at(20.5)
    async with harness.app.run_test(size=SIZE) as pilot:
        dialog = await open_action_dialog(pilot)
        # Choose the first option, then Tab twice (past confidence) and type in one burst.
        await pilot.press("enter", "tab", "tab", *WHY)
        await pilot.pause()
        assert isinstance(dialog, ActionDialog)
        area = dialog.query_one("#justification", TextArea)
        assert area.text == WHY
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DashboardScreen)
        assert harness.app.exercise.decisions[0].justification == WHY


async def test_the_justification_shows_all_of_its_text() -> None:
    harness = paused_at(20.5)
    async with harness.app.run_test(size=(80, 24)) as pilot:
        dialog = await open_action_dialog(pilot)
        area = dialog.query_one("#justification", TextArea)
        area.text = WHY
        await pilot.pause()
        shown = " ".join(" ".join(on_screen(area).replace("│", " ").split()).split())
        for word in WHY.split():
            assert word.strip(",") in shown
        assert area.size.height >= 3  # wrapped over several lines, none scrolled away


async def test_a_decision_taken_at_a_shown_minute_carries_that_minute() -> None:
    harness = paused_at(20.004)  # 0.24 s past the minute: the clock shows T+20:00
    async with harness.app.run_test(size=SIZE) as pilot:
        assert pilot.app.screen.query_one("#clock", Digits).value == "+20:00"
        await act(pilot, "freeze", justification="hold")
        (decision,) = harness.app.exercise.decisions
        assert fmt_minute(decision.minute) == "T+20:00"  # was T+20:01, a hundredth later
        event = next(e for e in harness.app.session.journal.events() if e.kind == "action")
        assert fmt_minute(event.minute) == "T+20:00"
