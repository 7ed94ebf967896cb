"""Players' intents through the dialogs, and the debrief's score against the core's."""

from __future__ import annotations

import shlex

from textual.pilot import Pilot
from textual.widgets import Digits, RadioButton, TextArea

from tabletop.exercise.replay import (
    PlannedStatement,
    PlannedStep,
    parse_action,
    parse_statement,
    play,
)
from tabletop.scoring.rubric import score
from tabletop.ui.app import TabletopApp
from tabletop.ui.screens.action_dialog import ActionDialog
from tabletop.ui.screens.announcement import AnnouncementScreen
from tabletop.ui.screens.debrief import DebriefScreen
from tabletop.ui.screens.statement_dialog import StatementDialog

from .helpers import (
    SEED,
    SIZE,
    Harness,
    act,
    advance_to,
    close_announcements,
    make,
    on_screen,
    start,
    write_statement,
)


def action_with_effect(app: TabletopApp, effect: str) -> str:
    """The id of the scenario's action with this rollout effect."""
    return next(a.id for a in app.exercise.scenario.actions if a.effect == effect)


def first_signals_minute(h: Harness) -> float:
    """Minute of the first scheduled round after deployment that opens a decision."""
    scenario = h.app.exercise.scenario
    return min(i.minute for i in scenario.injects if i.when is None and i.decision
               and i.minute > scenario.rollout.deploy_minute)


def statement_minute(h: Harness) -> float:
    """Minute of the first scheduled inject that asks for a statement."""
    return min(i.minute for i in h.app.exercise.scenario.injects
               if i.when is None and i.requests_statement)


async def run_to_the_statement_request(pilot: Pilot[None], h: Harness, asked: float) -> None:
    """Start and run the clock to the minute the statement is asked for."""
    await start(pilot)
    await advance_to(pilot, h, asked - 1)
    await close_announcements(pilot)
    await advance_to(pilot, h, asked)
    await close_announcements(pilot)


async def test_an_action_changes_exposure_on_the_dashboard() -> None:
    h = make()
    async with h.app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await advance_to(pilot, h, 2)
        await close_announcements(pilot)
        before = h.app.exercise.snapshot().exposure
        await act(pilot, action_with_effect(h.app, "continue"))
        assert [d.action for d in h.app.exercise.decisions] == ["continue"]
        await advance_to(pilot, h, 7)
        after = h.app.exercise.snapshot().exposure
        assert after > before
        assert f"{after * 100:.0f} %" in on_screen(h.app.screen.query_one("#run-status"))


async def test_the_action_dialog_offers_the_open_decision_first_and_cites_revealed_evidence(
) -> None:
    h = make()
    async with h.app.run_test(size=SIZE) as pilot:
        await start(pilot, close_round_one=False)
        await pilot.press("a")  # from the announcement, straight to the dialog
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ActionDialog)
        point = h.app.exercise.open_decision()
        assert point is not None
        labels = [b.label.plain for b in dialog.query("#action-choice RadioButton")
                  if isinstance(b, RadioButton)]
        first = [h.app.exercise.scenario.action(o).label for o in point.options]
        assert labels[:len(first)] == first
        cite = dialog.query_one("#cite")
        assert cite.option_count == len(h.app.exercise.revealed())  # type: ignore[attr-defined]
        assert bool(dialog.query("#checks")) == bool(point.checks)


async def test_the_checks_open_only_with_the_option_that_demands_them() -> None:
    h = make()
    async with h.app.run_test(size=SIZE) as pilot:
        await start(pilot, close_round_one=False)
        await pilot.press("a")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ActionDialog)
        point = h.app.exercise.open_decision()
        assert point is not None and point.checks_with
        checks = dialog.query_one("#checks")
        options = list(dialog.query("#action-choice RadioButton"))
        assert checks.disabled
        for option, action in zip(options, point.options, strict=False):
            option.value = True  # type: ignore[attr-defined]
            await pilot.pause()
            assert checks.disabled == (action != point.checks_with), action


async def test_an_action_needs_a_choice_before_it_is_submitted() -> None:
    h = make()
    async with h.app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ActionDialog)
        assert "Choose an action" in on_screen(pilot.app.screen.query_one("#action-error"))
        await pilot.press("escape")
        await pilot.pause()
        assert h.app.exercise.decisions == []


async def test_the_statement_dialog_counts_down_to_the_deadline_and_sends() -> None:
    h = make()
    asked = statement_minute(h)
    async with h.app.run_test(size=SIZE) as pilot:
        await run_to_the_statement_request(pilot, h, asked)
        request = h.app.exercise.open_statements()[0]
        await pilot.press("s")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, StatementDialog)
        full = request.request.deadline_minutes
        assert f"{int(full):02d}:00 left" in on_screen(dialog.query_one("#deadline"))
        await advance_to(pilot, h, asked + 5)
        assert f"{int(full) - 5:02d}:00 left" in on_screen(dialog.query_one("#deadline"))
        for area in dialog.query(TextArea):
            area.text = "Urgent tickets were misrouted; we rolled back. Next update at noon."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [s.request for s in h.app.exercise.statements] == [request.request.id]
        assert not h.app.offers("statement")


async def test_a_cancelled_statement_keeps_its_draft() -> None:
    h = make()
    asked = statement_minute(h)
    async with h.app.run_test(size=SIZE) as pilot:
        await run_to_the_statement_request(pilot, h, asked)
        await pilot.press("s")
        await pilot.pause()
        pilot.app.screen.query_one(TextArea).text = "half a thought"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert pilot.app.screen.query_one(TextArea).text == "half a thought"


async def test_the_debrief_shows_exactly_the_score_the_core_computes_for_the_same_run() -> None:
    h = make()
    signals = first_signals_minute(h)
    asked = statement_minute(h)
    async with h.app.run_test(size=SIZE) as pilot:
        await start(pilot, close_round_one=False)
        ex = h.app.exercise
        point = ex.open_decision()
        assert point is not None
        round_one = sorted(ex.revealed_ids())
        await act(pilot, point.checks_with or point.options[-1], cited=round_one[:1],
                  checks=[c.id for c in point.checks[:1]], justification="check first",
                  confidence="high")
        await close_announcements(pilot)
        await advance_to(pilot, h, signals + 2.5)
        await close_announcements(pilot)
        new = [e.id for f, e in ex.revealed() if f.minute == signals]
        await act(pilot, action_with_effect(h.app, "freeze"), cited=new[:2])
        await advance_to(pilot, h, asked + 3)
        await close_announcements(pilot)
        await write_statement(pilot, *["Urgent tickets were misrouted to the general queue; we "
                                       "froze the rollout. Next update in an hour."] * len(
                                           ex.open_statements()[0].request.fields))
        await act(pilot, action_with_effect(h.app, "rollback"), cited=new[:1])
        await advance_to(pilot, h, ex.scenario.end_minute - 1)
        await close_announcements(pilot)
        await advance_to(pilot, h, ex.scenario.end_minute)
        await close_announcements(pilot)

        assert isinstance(pilot.app.screen, DebriefScreen)
        steps = [PlannedStep(d.minute, d.action, d.cited, d.checks) for d in ex.decisions]
        notes = [PlannedStatement(s.minute, s.request, next(iter(s.fields.values())))
                 for s in ex.statements]
        expected = score(play(ex.scenario, SEED, steps, notes))
        card = h.app.card
        assert card is not None
        assert (card.total, card.max, card.grade) == (expected.total, expected.max,
                                                      expected.grade)
        assert [(c.id, c.points) for c in card.criteria] == \
            [(c.id, c.points) for c in expected.criteria]
        assert pilot.app.screen.query_one("#total", Digits).value == f"{expected.total:g}"
        shown = [on_screen(w).strip() for w in pilot.app.screen.query(".points")]
        assert shown == [f"{c.points:g} / {c.max:g}" for c in expected.criteria]


async def test_the_replay_command_on_the_debrief_reproduces_the_score() -> None:
    h = make()
    signals = first_signals_minute(h)
    async with h.app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await advance_to(pilot, h, signals + 1.25)
        await close_announcements(pilot)
        ex = h.app.exercise
        cited = [e.id for f, e in ex.revealed() if f.minute == signals][:2]
        await act(pilot, action_with_effect(h.app, "rollback"), cited=cited)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        debrief = pilot.app.screen
        assert isinstance(debrief, DebriefScreen)
        args = shlex.split(on_screen(debrief.query_one("#replay")).strip())
        steps = [parse_action(a.removeprefix("--action=")) for a in args
                 if a.startswith("--action=")]
        notes = [parse_statement(a.removeprefix("--statement=")) for a in args
                 if a.startswith("--statement=")]
        seed = int(args[args.index("--seed") + 1])
        replayed = score(play(ex.scenario, seed, steps, notes))
        assert h.app.card is not None
        # Ending early scores the run as it stands; the replay plays on to the end with no
        # further actions, which is the same plan, so the same harm and the same total.
        assert replayed.total == h.app.card.total


async def test_the_debrief_lists_questions_note_extension_and_the_timeline() -> None:
    h = make()
    async with h.app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        debrief = pilot.app.screen
        assert isinstance(debrief, DebriefScreen)
        scenario = h.app.exercise.scenario
        questions = [" ".join(on_screen(w).split()).split(". ", 1)[1]
                     for w in debrief.query("#questions .form-question")]
        assert questions == list(scenario.debrief_questions)
        timeline = on_screen(debrief.query_one("#timeline"))
        assert h.app.exercise.fired[0].inject.title in timeline
        assert debrief.query("#facilitator-note")
        assert bool(debrief.query("#extension")) == bool(scenario.extension_activity)


async def test_ending_asks_first_and_no_keeps_playing() -> None:
    h = make()
    async with h.app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert not h.app.ended
        assert not isinstance(pilot.app.screen, (DebriefScreen, AnnouncementScreen))
