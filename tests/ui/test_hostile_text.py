"""Every screen shows scenario text, team names and what players typed as typed: markup in any
of them is content, never read as Textual markup (which would restyle it, hide it, or raise).

The screens run wide (250x80) so that each string fits on one line of its panel and can be
searched for in what the terminal would show.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import RadioSet

from tabletop.exercise.engine import Decision
from tabletop.exercise.replay import PlannedVotes
from tabletop.ui.factory import create_app, resume_app
from tabletop.ui.screens.action_dialog import ActionDialog
from tabletop.ui.screens.announcement import AnnouncementScreen
from tabletop.ui.screens.briefing import BriefingScreen
from tabletop.ui.screens.dashboard import DashboardScreen
from tabletop.ui.screens.debrief import DebriefScreen
from tabletop.ui.screens.feedback import FeedbackScreen
from tabletop.ui.screens.help import HelpScreen
from tabletop.ui.screens.statement_dialog import StatementDialog
from tabletop.ui.screens.tally import TallyScreen
from tabletop.ui.widgets.cell_table import CellTable
from tests.reports import hostile as h
from tests.ui.helpers import (
    SEED,
    act,
    advance_to,
    close_announcements,
    on_screen,
    open_action_dialog,
    panel_text,
    paused_at,
    screen_text,
)

WIDE = (200, 50)
WORKSHOP: dict[str, Any] = {"mode": "workshop", "teams": h.TEAMS, "speed": 60}
VOTES = PlannedVotes(10.5, tuple(
    Decision(10.5, action, ("overrides",), h.PLAYER_TEXT, team=team)
    for team, action in zip(h.TEAMS, ("freeze", "freeze", "rollback"), strict=True)))
"""Two hostile teams freeze and one rolls back, each citing the hostile evidence."""


def head(text: str) -> str:
    """The start of a hostile string, past its markup: what a column too narrow for all of it
    shows before it cuts the string with an ellipsis."""
    return text[:text.index("<script>") + 4]


def missing(pilot: Pilot[None], *expected: str) -> list[str]:
    """The expected strings the current screen does not show as typed (spaces aside, as a
    narrow column wraps a string where it has them)."""
    shown = "".join(screen_text(pilot).split())
    return [text for text in expected if "".join(text.split()) not in shown]


def first_column(table: Widget) -> str:
    """What a table of cells (`CellTable`) draws in its first column, spaces aside: a score
    card's criterion wraps within that column, beside the other columns' text."""
    assert isinstance(table, CellTable)
    width = table.cells.layout_at(table.size.width).columns[0].width
    return "".join("".join(line[:width].split()) for line in on_screen(table).splitlines())


async def test_the_briefing_and_the_help_show_scenario_text_as_typed() -> None:
    app = create_app(h.hostile_scenario(), scenario_ref="hostile.yaml", seed=SEED)
    async with app.run_test(size=WIDE) as pilot:
        assert isinstance(app.screen, BriefingScreen)
        assert missing(pilot, h.TITLE, h.SUMMARY, h.GOAL, h.RUNBOOK, h.ROLE, h.BRIEF) == []
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert missing(pilot, h.ASKED_BY) == []


async def test_an_announcement_shows_scenario_text_as_typed() -> None:
    harness = paused_at(9.5, h.hostile_scenario())
    async with harness.app.run_test(size=WIDE) as pilot:
        await pilot.press("space")
        await advance_to(pilot, harness, 10.0)
        texts = (h.INJECT, h.NARRATIVE, h.EVIDENCE, h.INJECT_PROMPT, h.ROLE, h.ROLE_PROMPT)
        for _ in range(50):  # on a busy machine the announcement takes a few frames to lay out
            if isinstance(harness.app.screen, AnnouncementScreen) and not missing(pilot, *texts):
                break
            await pilot.pause(0.02)
        assert isinstance(harness.app.screen, AnnouncementScreen)
        assert missing(pilot, *texts) == []


async def test_the_dashboard_shows_scenario_text_and_team_votes_as_typed() -> None:
    harness = paused_at(12.0, h.hostile_scenario(), steps=[VOTES], **WORKSHOP)
    async with harness.app.run_test(size=WIDE) as pilot:
        assert isinstance(harness.app.screen, DashboardScreen)
        # The feed's caption is cut to its panel's width.
        assert missing(pilot, h.TITLE, h.FEED, head(h.FEED_COUNTS), h.CORRECTIONS,
                       h.LOG, h.COLUMN, h.RUNBOOK, h.INJECT, h.EVIDENCE, h.ACTION) == []
        # The confidence panel's caption wraps in its column: read inside the border.
        confidence = panel_text(harness.app.screen.query_one("#confidence"))
        assert "".join(h.ACCURACY.split()) in "".join(confidence.split())


async def test_the_action_dialog_shows_team_checks_and_options_as_typed() -> None:
    harness = paused_at(-9.5, h.hostile_scenario(), **WORKSHOP)
    async with harness.app.run_test(size=WIDE) as pilot:
        await open_action_dialog(pilot)
        # The option and the checks' border title, which names it, are cut to their columns.
        assert missing(pilot, f"{h.TEAMS[0].upper()} TEAM", head(h.APPROVE), h.CHECK,
                       f"Extra checks, demanded with '{head(h.APPROVE)}") == []


async def test_the_action_dialog_shows_the_decision_evidence_and_actions_as_typed() -> None:
    harness = paused_at(10.5, h.hostile_scenario())
    async with harness.app.run_test(size=WIDE) as pilot:
        dialog = await open_action_dialog(pilot)
        dialog.query_one("#action-choice", RadioSet).action_next_button()
        await pilot.press("enter")  # the first option: freeze, whose description shows
        await pilot.pause()
        assert isinstance(harness.app.screen, ActionDialog)
        assert missing(pilot, h.DECISION, head(h.ACTION), head(h.ROLLBACK), h.EVIDENCE,
                       h.DESCRIPTION) == []


async def test_the_tally_shows_team_names_labels_and_justifications_as_typed() -> None:
    harness = paused_at(10.5, h.hostile_scenario(), **WORKSHOP)
    async with harness.app.run_test(size=WIDE) as pilot:
        # Opened as the vote worker opens it once each team has voted.
        await harness.app.push_screen(TallyScreen(h.hostile_scenario(), list(VOTES.votes)))
        await pilot.pause()
        assert missing(pilot, *h.TEAMS, h.ACTION, h.ROLLBACK, h.PLAYER_TEXT) == []


async def test_the_statement_dialog_shows_the_request_as_typed() -> None:
    harness = paused_at(30.5, h.hostile_scenario())
    async with harness.app.run_test(size=WIDE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(harness.app.screen, StatementDialog)
        assert missing(pilot, h.STATEMENT_TITLE, h.STATEMENT_PROMPT) == []


async def test_a_solo_drills_feedback_shows_the_rubric_as_typed() -> None:
    harness = paused_at(10.5, h.hostile_scenario(), mode="solo")
    async with harness.app.run_test(size=WIDE) as pilot:
        await act(pilot, "freeze", ["overrides"])
        await close_announcements(pilot)  # freezing sets off an inject
        assert isinstance(harness.app.screen, FeedbackScreen)
        assert missing(pilot, h.CRITERION, h.WHY) == []


async def test_the_debrief_shows_scores_teams_and_answers_as_typed() -> None:
    app = resume_app(h.hostile_workshop())
    async with app.run_test(size=WIDE) as pilot:
        assert isinstance(app.screen, DebriefScreen)
        assert missing(pilot, h.WHY, h.HARM, h.GRADE, h.QUESTION, h.NOTE,
                       h.EXTENSION, h.INJECT, h.ACTION, h.PLAYER_TEXT, *h.TEAMS) == []
        assert "".join(h.CRITERION.split()) in first_column(app.screen.query_one("#score-card"))
