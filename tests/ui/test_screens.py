"""Screens as a user meets them: literal scenario text, layout, help, quitting, themes."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations
from typing import Any

import pytest
from textual.dom import DOMNode
from textual.widgets import Static

from tabletop.scenario.model import Scenario
from tabletop.ui.bindings import GROUPS
from tabletop.ui.commands import TabletopCommands
from tabletop.ui.screens.announcement import AnnouncementScreen
from tabletop.ui.screens.briefing import BriefingScreen
from tabletop.ui.screens.confirm import ConfirmScreen
from tabletop.ui.screens.dashboard import DashboardScreen
from tabletop.ui.screens.help import HelpScreen
from tabletop.ui.widgets.evidence_log import EvidenceLog
from tabletop.ui.widgets.line_table import LineTable
from tabletop.ui.widgets.readout import Readout
from tabletop.ui.widgets.ticket_feed import MAX_ROWS, TicketFeed

from .helpers import (
    SIZE,
    advance_to,
    bundled,
    close_announcements,
    make,
    on_screen,
    open_action_dialog,
    panel_text,
    paused_at,
    start,
)

MARKUP = "[bold]not bold[/bold] [red]x [/] [link=http://x]y[/link] [@click=app.quit]z[/] ["
"""Text that would break or restyle a panel if it were read as markup."""


def marked_up_scenario() -> Scenario:
    """The default scenario with markup-like text in every kind of field players read."""
    scenario = bundled()
    first, *rest = scenario.injects
    evidence = (replace(first.evidence[0], text=f"evidence {MARKUP}"), *first.evidence[1:])
    first = replace(first, title=f"Round {MARKUP}", narrative=f"narrative {MARKUP}",
                    evidence=evidence)
    role = replace(scenario.roles[0], brief=f"brief {MARKUP}")
    return replace(scenario, title=f"Title {MARKUP}", summary=f"summary {MARKUP}",
                   injects=(first, *rest), roles=(role, *scenario.roles[1:]))


def text_of(node: DOMNode) -> str:
    """Everything the node's Static widgets show, wrapped lines joined, spaces collapsed."""
    return squash(" ".join(on_screen(w) for w in node.query(Static)))


def squash(text: str) -> str:
    """Whitespace collapsed to single spaces, so wrapped text can be searched."""
    return " ".join(text.split())


async def test_scenario_text_with_brackets_and_markup_shows_literally() -> None:
    h = make(marked_up_scenario())
    async with h.app.run_test(size=(160, 60)) as pilot:
        briefing = pilot.app.screen
        assert isinstance(briefing, BriefingScreen)
        for text in (f"Title {MARKUP}", f"summary {MARKUP}", f"brief {MARKUP}"):
            assert squash(text) in text_of(briefing)
        await start(pilot, close_round_one=False)
        announcement = pilot.app.screen
        assert isinstance(announcement, AnnouncementScreen)
        shown = text_of(announcement)
        for text in (f"Round {MARKUP}", f"narrative {MARKUP}", f"evidence {MARKUP}"):
            assert squash(text) in shown
        await pilot.press("enter")
        await pilot.pause()
        log = pilot.app.screen.query_one(EvidenceLog)
        assert squash(f"evidence {MARKUP}") in panel_text(log)
        dialog = await open_action_dialog(pilot)
        detail = squash(on_screen(dialog.query_one("#cite-detail")))
        assert squash(f"evidence {MARKUP}") in detail


PANELS = ("#header-strip", "#prompt-bar", "#feed", "#overrides", "#evidence", "#health",
          "#confidence", "Footer")
"""Everything the dashboard shows, top to bottom."""
BODY_PANELS = PANELS[2:-1]
"""The panels of the body, which scrolls when they do not fit."""


async def test_at_every_size_from_120x36_up_each_panel_is_on_screen_and_none_overlap() -> None:
    h = paused_at(5)
    async with h.app.run_test(size=SIZE) as pilot:
        for size in (SIZE, (160, 48), (250, 70)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            screen = pilot.app.screen
            regions = {panel: screen.query_one(panel).region for panel in PANELS}
            for panel, region in regions.items():
                assert region.area, (size, panel)
                assert screen.region.contains_region(region), (size, panel)
            for (a, one), (b, other) in combinations(regions.items(), 2):
                assert not one.overlaps(other), (size, a, b)


async def test_at_80x24_the_panels_take_turns_full_width_the_evidence_log_first() -> None:
    h = paused_at(5)
    async with h.app.run_test(size=(80, 24)) as pilot:
        screen = pilot.app.screen
        body = screen.query_one("#body").region
        shown = [panel for panel in BODY_PANELS if screen.query_one(panel).region.area]
        assert shown == ["#evidence"]
        assert screen.query_one("#evidence").region == body


async def test_the_dashboard_at_80x24_shows_every_panel_whole_with_the_panels_key() -> None:
    h = paused_at(5)
    async with h.app.run_test(size=(80, 24)) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, DashboardScreen)
        await pilot.pause()  # the canary judge, mounted after the first frame
        body = screen.query_one("#body").region
        seen = []
        for _ in BODY_PANELS:
            [panel] = [p for p in BODY_PANELS if screen.query_one(p).region.area]
            region = screen.query_one(panel).region
            if panel == "#health":  # the canary judge takes its turn above it
                region = screen.query_one("#canary-judge").region.union(region)
            assert region == body, panel
            seen.append(panel)
            await pilot.press("v")
            await pilot.pause()
        assert sorted(seen) == sorted(BODY_PANELS)


async def test_help_lists_every_key_and_f1_or_question_mark_opens_it() -> None:
    h = make()
    async with h.app.run_test(size=SIZE) as pilot:
        for key in ("f1", "question_mark"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(pilot.app.screen, HelpScreen)
            shown = on_screen(pilot.app.screen.query_one("#help-keys"))
            for _, group in GROUPS:
                for binding in group:
                    assert binding.description in shown
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(pilot.app.screen, BriefingScreen)


async def test_ctrl_q_asks_first_while_the_exercise_runs() -> None:
    h = paused_at(-5)
    async with h.app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DashboardScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert h.app.return_code is not None  # it was asked to exit


async def test_ctrl_q_on_the_briefing_quits_at_once() -> None:
    h = make()
    async with h.app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert h.app.return_code is not None  # it was asked to exit


async def test_the_command_palette_offers_the_main_actions_when_they_apply() -> None:
    h = make()
    async with h.app.run_test(size=SIZE) as pilot:
        provider = TabletopCommands(pilot.app.screen)
        before = [hit.text async for hit in provider.discover()]
        assert before == ["Help"]
        await start(pilot)
        provider = TabletopCommands(pilot.app.screen)
        names = [hit.text async for hit in provider.discover()]
        assert {"Act", "Pause", "Next inject", "End", "Help"} <= set(names)
        assert "Resume" not in names
        assert "Statement" not in names
        assert {"Notes", "Truth", "Blank", "Timer", "Clock", "Panel"} <= set(names)


async def test_a_solo_drill_offers_no_answer_key_by_key_or_palette() -> None:
    h = make(mode="solo")
    async with h.app.run_test(size=SIZE) as pilot:
        await start(pilot)
        names = [hit.text async for hit in TabletopCommands(pilot.app.screen).discover()]
        assert "Notes" not in names
        assert "Truth" not in names
        await pilot.press("f", "t")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DashboardScreen)
        assert not pilot.app.screen.query_one(TicketFeed).truth


async def test_the_palettes_facilitator_commands_run_on_the_dashboard() -> None:
    h = make()
    async with h.app.run_test(size=SIZE) as pilot:
        await start(pilot)
        hits = {hit.text: hit async for hit in TabletopCommands(pilot.app.screen).discover()}
        await hits["Truth"].command()
        await pilot.pause()
        assert pilot.app.screen.query_one(TicketFeed).truth


async def test_the_projector_theme_is_registered_beside_textuals_themes() -> None:
    h = make(theme="projector")
    async with h.app.run_test(size=SIZE):
        assert h.app.theme == "projector"
        assert "textual-dark" in h.app.available_themes


async def test_an_unknown_theme_falls_back_instead_of_crashing() -> None:
    h = make(theme="no-such-theme")
    async with h.app.run_test(size=SIZE):
        assert h.app.theme in h.app.available_themes


async def test_the_feed_appends_new_rows_and_keeps_at_most_its_cap() -> None:
    h = make()
    async with h.app.run_test(size=SIZE) as pilot:
        await start(pilot)
        table = pilot.app.screen.query_one("#feed", LineTable)
        first = table.rows[0]
        await advance_to(pilot, h, -9.5)
        assert table.rows[0] is first  # appended, not rebuilt
        assert table.rows[-1][0][0] == h.app.exercise.items[-1].id
        await advance_to(pilot, h, 0)
        await close_announcements(pilot)
        await advance_to(pilot, h, 15)
        assert table.row_count <= MAX_ROWS
        assert table.rows[-1][0][0] == h.app.exercise.items[-1].id
        assert h.app.exercise.items[-1].id in on_screen(table)  # the view follows the newest


async def test_a_tick_with_nothing_new_redraws_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    h = paused_at(-5)
    async with h.app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.pause()
        updates: list[str] = []
        original = Static.update

        def spy(self: Static, *args: Any, **kwargs: Any) -> None:
            updates.append(self.id or type(self).__name__)
            return original(self, *args, **kwargs)

        monkeypatch.setattr(Static, "update", spy)
        rows = pilot.app.screen.query_one("#feed", LineTable).row_count
        h.app.tick()
        h.app.tick()
        assert updates == []
        assert pilot.app.screen.query_one("#feed", LineTable).row_count == rows
        h.time.advance(60)
        h.app.tick()
        assert "prompt-bar" not in updates  # no new inject, decision or deadline
        assert updates  # but the figures moved


async def test_a_readout_redraws_only_when_its_content_changes() -> None:
    from textual.content import Content

    h = make()
    async with h.app.run_test(size=SIZE) as pilot:
        readout = Readout()
        await pilot.app.screen.mount(readout)
        assert readout.show(Content("a")) is True
        assert readout.show(Content("a")) is False
        assert readout.show(Content.styled("a", "bold")) is True


async def test_a_runbook_scenario_shows_the_checklist_and_a_log_of_faulty_requests() -> None:
    scenario = bundled("pricing-assistant-incident")
    faulty_minute = min(f.from_minute for f in scenario.stream.faults)
    h = paused_at(max(faulty_minute, scenario.start_minute), scenario,
                  ref="pricing-assistant-incident")
    async with h.app.run_test(size=(160, 48)) as pilot:  # every panel at once
        screen = pilot.app.screen
        assert isinstance(screen, DashboardScreen)
        runbook = on_screen(screen.query_one("#runbook"))
        assert scenario.runbook_lines[0].text[:30] in runbook
        await pilot.press("space")
        await advance_to(pilot, h, h.app.exercise.minute + 5)
        await close_announcements(pilot)
        log = screen.query_one("#fault-log", LineTable)
        faulty = [i for i in h.app.exercise.items if i.faulty]
        assert faulty
        assert log.row_count > 0
        assert log.rows[-1][1][0] == faulty[-1].trace_id
        assert faulty[-1].trace_id in on_screen(log)


async def test_quit_from_the_command_palette_asks_first_too() -> None:
    h = paused_at(-5)
    async with h.app.run_test(size=SIZE) as pilot:
        quit_command = next(c for c in h.app.get_system_commands(pilot.app.screen)
                            if c.title == "Quit")
        quit_command.callback()
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert h.app.return_code is None  # still running


async def test_the_last_inject_key_shows_the_announcement_again() -> None:
    h = make()
    async with h.app.run_test(size=SIZE) as pilot:
        await start(pilot)
        assert isinstance(pilot.app.screen, DashboardScreen)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(pilot.app.screen, AnnouncementScreen)
        assert pilot.app.screen.fired is h.app.exercise.fired[0]


async def test_a_resumed_session_shows_its_latest_inject_again_with_the_same_key() -> None:
    h = paused_at(25)
    async with h.app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(pilot.app.screen, AnnouncementScreen)
        assert pilot.app.screen.fired is h.app.exercise.fired[-1]


async def test_the_evidence_log_follows_each_new_round_to_its_end() -> None:
    h = paused_at(19)
    async with h.app.run_test(size=(80, 24)) as pilot:  # too small for every round at once
        await pilot.press("space")
        await advance_to(pilot, h, 21)
        await close_announcements(pilot)
        log = pilot.app.screen.query_one(EvidenceLog)
        latest = h.app.exercise.fired[-1]
        assert log.max_scroll_y > 0
        assert log.scroll_y == log.max_scroll_y
        assert squash(latest.evidence[-1].text) in panel_text(log)


async def test_moving_focus_between_panels_keeps_the_footers_keys_and_a_new_key_shows() -> None:
    h = paused_at(5)
    async with h.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = list(pilot.app.screen.query("FooterKey"))
        await pilot.press("tab", "tab")
        await pilot.pause()
        assert list(pilot.app.screen.query("FooterKey")) == keys  # the same widgets: not rebuilt
        await pilot.press("space")  # the clock runs: the footer's pause key says so
        await pilot.pause()
        assert list(pilot.app.screen.query("FooterKey")) != keys
