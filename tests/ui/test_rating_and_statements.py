"""The facilitator rates the statement from the debrief (ctrl+g): the rating is journalled, the
total and the cards show it at once. A solo drill offers no rating: it shows the learner's
statement beside the scenario's model answer instead."""

from __future__ import annotations

from textual.widgets import Digits, Input, Select, TextArea

from tabletop.exercise.engine import Decision
from tabletop.exercise.replay import PlannedVotes, parse_action
from tabletop.ui.screens.debrief import DebriefScreen
from tabletop.ui.screens.feedback import StatementFeedbackScreen
from tabletop.ui.screens.rating_dialog import RatingDialog
from tabletop.ui.screens.statement_dialog import StatementDialog
from tabletop.ui.widgets.marks import Checklist, MarkedRadioButton, MarkedRadioSet

from .helpers import (
    SIZE,
    bundled,
    close_announcements,
    end_now,
    on_screen,
    paused_at,
    screen_text,
    write_statement,
)

SCENARIO = bundled()
SIGNALS = next(i.minute for i in SCENARIO.injects if i.decision == "halt-or-wait")


async def test_the_facilitators_rating_is_counted_shown_and_journalled() -> None:
    votes = PlannedVotes(SIGNALS + 0.5, (Decision(SIGNALS + 0.5, "freeze", team="Red"),
                                         Decision(SIGNALS + 0.5, "continue", team="Blue")),
                         pick="freeze")
    h = paused_at(SIGNALS + 1, mode="workshop", teams=("Red", "Blue"), steps=[votes])
    async with h.app.run_test(size=SIZE) as pilot:
        await end_now(pilot)
        debrief = pilot.app.screen
        assert isinstance(debrief, DebriefScreen)
        await pilot.press("ctrl+g")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, RatingDialog)
        assert "The machine reads" in on_screen(dialog.query_one("#rating-reading"))
        levels = dialog.query_one("#rating-level", MarkedRadioSet)
        next(iter(levels.query(MarkedRadioButton))).value = True  # performed without challenges
        dialog.query_one("#rating-reason", Input).value = "clear and honest"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is debrief
        session = h.app.session
        statement = next(c.id for c in SCENARIO.rubric.criteria if c.kind == "statement")
        assert session.debrief().ratings[statement].level == "P"
        card = session.score()
        assert debrief.query_one("#total", Digits).value == f"{card.total:g}"
        assert "Facilitator's rating: performed without challenges" in " ".join(
            on_screen(debrief.query_one("#score-card")).split())


async def test_a_solo_drill_offers_no_rating() -> None:
    h = paused_at(SIGNALS + 1, mode="solo")
    async with h.app.run_test(size=SIZE) as pilot:
        await end_now(pilot)
        assert isinstance(pilot.app.screen, DebriefScreen)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, RatingDialog)


async def test_a_solo_drill_shows_the_model_statement_beside_the_learners() -> None:
    asked = next(i.minute for i in SCENARIO.injects if i.requests_statement)
    h = paused_at(asked + 1, mode="solo")
    async with h.app.run_test(size=SIZE) as pilot:
        await close_announcements(pilot, resume=False)
        await write_statement(pilot, "misrouted student rolled update")
        await pilot.pause()
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, StatementFeedbackScreen)
        text = " ".join(screen_text(pilot).split())
        assert "The model statement" in text
        assert "no sentence in it states a fact" in text
        assert "✗ missing" in text
        assert "✓ made" in text  # the model makes the points the learner missed
        request = SCENARIO.statement_request("incident-statement")
        assert request.model["statement"].split()[0] in text


async def test_the_statement_dialog_sends_the_facts_picked_beside_the_text() -> None:
    asked = next(i.minute for i in SCENARIO.injects if i.requests_statement)
    h = paused_at(asked + 1, steps=[parse_action("25:rollback:r2-overrides")])
    async with h.app.run_test(size=SIZE) as pilot:
        await close_announcements(pilot, resume=False)
        await pilot.press("s")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, StatementDialog)
        dialog.query_one(TextArea).text = "Urgent tickets were misrouted."
        dialog.query_one("#pick-action", Select).value = "rollback"
        segment = next(iter(SCENARIO.stream.segments))
        dialog.query_one("#pick-affected", Checklist).select(segment)
        dialog.query_one("#pick-count-0", Input).value = "3"
        dialog.query_one("#pick-next-update", Select).value = "30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        sent = h.app.exercise.statements[-1]
        assert sent.texts == {"statement": "Urgent tickets were misrouted."}
        counter = SCENARIO.stream.harm_counters[0]
        assert sent.picks == {"action": "rollback", "next_update": "30", "affected": segment,
                              f"count:{counter}": "3"}
