"""Players' intents through the dialogs, and the debrief's score against the core's."""

from __future__ import annotations

import shlex

from textual.widget import Widget
from textual.widgets import Digits, RadioButton, RadioSet, TextArea

from tabletop.base.words import out_of
from tabletop.exercise.engine import Choice, Decision
from tabletop.exercise.replay import (
    PlannedStatement,
    PlannedStep,
    PlannedVotes,
    parse_action,
    parse_statement,
    play,
)
from tabletop.journal.setup import replay_line
from tabletop.scenario.model import Condition, Inject
from tabletop.scoring.rubric import score
from tabletop.scoring.teams import ranked, team_scores
from tabletop.ui.screens.action_dialog import ActionDialog
from tabletop.ui.screens.announcement import AnnouncementScreen
from tabletop.ui.screens.confirm import ConfirmScreen
from tabletop.ui.screens.debrief import DebriefScreen
from tabletop.ui.screens.statement_dialog import StatementDialog
from tabletop.ui.widgets.score_card import ScoreCardTable

from .helpers import (
    SEED,
    SIZE,
    act,
    advance_to,
    bundled,
    close_announcements,
    end_now,
    on_screen,
    open_action_dialog,
    paused_at,
    played_to,
    until_on,
    write_statement,
)

SCENARIO = bundled()


def _unprompted(inject: Inject) -> bool:
    """The inject comes in a run where nobody acts: scheduled, or only waiting for deployment."""
    return inject.when is None or inject.when == Condition(deployed=True)


START = SCENARIO.start_minute
"""Round 1 is open from the first minute."""
SIGNALS = min(i.minute for i in SCENARIO.injects if _unprompted(i) and i.decision
              and i.minute > SCENARIO.rollout.deploy_minute)
"""The first scheduled round after deployment that opens a decision."""
ASKED = min(i.minute for i in SCENARIO.injects if _unprompted(i) and i.requests_statement)
"""The first scheduled inject that asks for a statement."""


def card_rows(card: Widget) -> list[tuple[str, str]]:
    """Each criterion's points and why as a score card draws them, read off its columns (a
    why's wrapped lines joined by spaces; a blank line ends a criterion)."""
    assert isinstance(card, ScoreCardTable)
    layout = card.cells.layout_at(card.size.width)
    title, width, _ = (column.width for column in layout.columns)
    at, why_at = title + layout.gutter, title + width + 2 * layout.gutter
    rows: list[tuple[str, str]] = []
    new_row = True
    for line in on_screen(card).splitlines():
        if not line.strip():
            new_row = True
        elif new_row:
            rows.append((line[at:at + width].strip(), line[why_at:].strip()))
            new_row = False
        else:
            rows[-1] = (rows[-1][0], " ".join((rows[-1][1], line[why_at:].strip())).strip())
    return rows


def action_with_effect(effect: str) -> str:
    """The id of the scenario's action with this rollout effect."""
    return next(a.id for a in SCENARIO.actions if a.effect == effect)


async def test_an_action_changes_exposure_on_the_dashboard() -> None:
    h = paused_at(2)
    async with h.app.run_test(size=SIZE) as pilot:
        before = h.app.exercise.snapshot().exposure
        await act(pilot, action_with_effect("continue"))
        assert [d.action for d in h.app.exercise.decisions] == ["continue"]
        await pilot.press("space")
        await advance_to(pilot, h, 7)
        after = h.app.exercise.snapshot().exposure
        assert after > before
        assert f"{after * 100:.0f} %" in on_screen(h.app.screen.query_one("#run-status"))


async def test_the_action_dialog_offers_the_open_decision_first_and_cites_revealed_evidence(
) -> None:
    h = paused_at(START)
    async with h.app.run_test(size=SIZE) as pilot:
        dialog = await open_action_dialog(pilot)
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
    h = paused_at(START)
    async with h.app.run_test(size=SIZE) as pilot:
        dialog = await open_action_dialog(pilot)
        point = h.app.exercise.open_decision()
        assert point is not None
        assert point.checks_with
        checks = dialog.query_one("#checks")
        options = list(dialog.query("#action-choice RadioButton"))
        assert checks.disabled
        for option, action in zip(options, point.options, strict=False):
            option.value = True  # type: ignore[attr-defined]
            await pilot.pause()
            assert checks.disabled == (action != point.checks_with), action


async def test_an_action_needs_a_choice_before_it_is_submitted() -> None:
    h = paused_at(START)
    async with h.app.run_test(size=SIZE) as pilot:
        await open_action_dialog(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ActionDialog)
        assert "Choose an action" in on_screen(pilot.app.screen.query_one("#action-error"))
        await pilot.press("escape")
        await pilot.pause()
        assert h.app.exercise.decisions == []


async def test_an_action_with_nothing_cited_and_nothing_said_is_asked_about_first() -> None:
    h = paused_at(START)
    async with h.app.run_test(size=SIZE) as pilot:
        dialog = await open_action_dialog(pilot)
        dialog.query_one("#action-choice", RadioSet).query(RadioButton)[0].value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        asked = pilot.app.screen
        assert isinstance(asked, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert pilot.app.screen_stack[-1] is dialog
        assert h.app.exercise.decisions == []
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert len(h.app.exercise.decisions) == 1


async def test_a_radio_list_starts_on_its_chosen_row() -> None:
    """Enter on a freshly focused list keeps the choice it shows (medium confidence), rather
    than pressing the first row."""
    h = paused_at(START)
    async with h.app.run_test(size=SIZE) as pilot:
        dialog = await open_action_dialog(pilot)
        confidence = dialog.query_one("#confidence-choice", RadioSet)
        chosen = confidence.pressed_index
        assert chosen > 0
        confidence.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert confidence.pressed_index == chosen


async def test_the_statement_dialog_counts_down_to_the_deadline_and_sends() -> None:
    h = paused_at(ASKED)
    async with h.app.run_test(size=SIZE) as pilot:
        request = h.app.exercise.open_statements()[0]
        await pilot.press("space", "s")  # the clock runs while the team writes
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, StatementDialog)
        full = request.request.deadline_minutes
        assert f"{int(full):02d}:00 left" in on_screen(dialog.query_one("#deadline"))
        await advance_to(pilot, h, ASKED + 5)
        assert f"{int(full) - 5:02d}:00 left" in on_screen(dialog.query_one("#deadline"))
        for area in dialog.query(TextArea):
            area.text = "Urgent tickets were misrouted; we rolled back. Next update at noon."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [s.request for s in h.app.exercise.statements] == [request.request.id]
        assert not h.app.offers("statement")


async def test_a_cancelled_statement_keeps_its_draft() -> None:
    h = paused_at(ASKED)
    async with h.app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        pilot.app.screen.query_one(TextArea).text = "half a thought"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert pilot.app.screen.query_one(TextArea).text == "half a thought"


async def test_the_debrief_shows_exactly_the_score_the_core_computes_for_the_same_run() -> None:
    # Round 1 is played by the core; round 2, the statement and the end through the screens.
    ex = played_to(START).exercise
    point = ex.open_decision()
    assert point is not None
    first = PlannedStep(START, Choice(point.checks_with or point.options[-1],
                                      tuple(sorted(ex.revealed_ids())[:1]), "check first",
                                      "high", tuple(c.id for c in point.checks[:1])))
    h = paused_at(SIGNALS + 2.5, steps=[first], pause_on_inject=False)
    async with h.app.run_test(size=SIZE) as pilot:
        ex = h.app.exercise
        new = [e.id for f, e in ex.revealed() if f.minute == SIGNALS]
        await act(pilot, action_with_effect("freeze"), cited=new[:2])
        await pilot.press("space")
        await advance_to(pilot, h, ASKED + 3)
        await close_announcements(pilot)
        await write_statement(pilot, *["Urgent tickets were misrouted to the general queue; we "
                                       "froze the rollout. Next update in an hour."] * len(
                                           ex.open_statements()[0].request.fields))
        await act(pilot, action_with_effect("rollback"), cited=new[:1])
        await advance_to(pilot, h, ex.scenario.end_minute)
        await until_on(pilot, DebriefScreen)
        assert isinstance(pilot.app.screen, DebriefScreen)
        steps = [PlannedStep(d.minute, Choice(d.action, d.cited, checks=d.checks))
                 for d in ex.decisions]
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
        shown = card_rows(pilot.app.screen.query_one("#score-card"))
        assert [points for points, _ in shown] == [out_of(c.points, c.max)
                                                   for c in expected.criteria]


async def test_the_replay_command_on_the_debrief_reproduces_the_score() -> None:
    h = paused_at(SIGNALS + 1.25)
    async with h.app.run_test(size=SIZE) as pilot:
        ex = h.app.exercise
        cited = [e.id for f, e in ex.revealed() if f.minute == SIGNALS][:2]
        await act(pilot, action_with_effect("rollback"), cited=cited)
        await end_now(pilot)
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


async def test_a_solo_drills_debrief_gives_the_replay_line_of_the_drill_it_played() -> None:
    h = paused_at(START, mode="solo")
    async with h.app.run_test(size=SIZE) as pilot:
        await end_now(pilot)
        debrief = pilot.app.screen
        assert isinstance(debrief, DebriefScreen)
        shown = " ".join(on_screen(debrief.query_one("#replay")).split())
        assert "--drill" in shown
        assert shown == replay_line(h.app.session)


async def test_the_debrief_lists_questions_note_extension_and_the_timeline() -> None:
    h = paused_at(START)
    async with h.app.run_test(size=SIZE) as pilot:
        await end_now(pilot)
        debrief = pilot.app.screen
        assert isinstance(debrief, DebriefScreen)
        scenario = h.app.exercise.scenario
        questions = [" ".join(on_screen(w).split()).split(". ", 1)[1]
                     for w in debrief.query("#questions .form-question")]
        assert questions == list(scenario.debrief_questions)
        timeline = on_screen(debrief.query_one("#timeline"))
        assert h.app.exercise.fired[0].inject.title in timeline
        assert debrief.query("#facilitator-note")
        assert scenario.extension_activity
        extension = " ".join(" ".join(on_screen(w) for w in debrief.query("#extension Static")
                                      if w.outer_size.area).split())
        for text in (scenario.extension_intro, *scenario.extension_activity):
            assert " ".join(text.split()) in extension
        # Every item has room on screen, not only the intro line.
        assert debrief.query_one("#extension").size.height >= 1 + len(
            scenario.extension_activity)
        # Ended before deployment: the harm shown is a projection, and says so.
        note = " ".join(on_screen(debrief.query_one("#harm-note")).split())
        assert "before deployment" in note
        assert "projected" in note


async def test_a_workshop_debrief_shows_each_teams_own_card() -> None:
    votes = PlannedVotes(SIGNALS + 0.5, (
        Decision(SIGNALS + 0.5, action_with_effect("freeze"), team="Red"),
        Decision(SIGNALS + 0.5, action_with_effect("continue"), team="Blue")),
        pick=action_with_effect("freeze"))
    h = paused_at(SIGNALS + 1, mode="workshop", teams=("Red", "Blue"), steps=[votes])
    async with h.app.run_test(size=SIZE) as pilot:
        await end_now(pilot)
        debrief = pilot.app.screen
        assert isinstance(debrief, DebriefScreen)
        session = h.app.session
        results = ranked(team_scores(session.exercise, session.voting.votes, session.teams))
        headings = [on_screen(w) for w in debrief.query(".team-heading")]
        cards = list(debrief.query(".team-card"))
        assert len(headings) == len(cards) == 2
        for result, heading, card in zip(results, headings, cards, strict=True):
            assert f"Team {result.team}'s own card" in heading
            assert out_of(result.card.total, result.card.max) in heading
            assert card_rows(card) == [(out_of(c.points, c.max), " ".join(c.why.split()))
                                       for c in result.card.criteria]
        assert results[0].card.criteria != results[1].card.criteria


async def test_ending_asks_first_and_no_keeps_playing() -> None:
    h = paused_at(START)
    async with h.app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert not h.app.ended
        assert not isinstance(pilot.app.screen, (DebriefScreen, AnnouncementScreen))
