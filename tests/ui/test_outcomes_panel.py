"""The dashboard's panels follow what the scenario declares: the routing panels for a stream
that routes, the outcomes panel for one with declared outcomes, read from the screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from tabletop.exercise.replay import parse_action
from tabletop.scenario.loader import load_scenario
from tabletop.ui.screens.dashboard import DashboardScreen
from tests.ui.helpers import bundled, paused_at
from tests.ui.test_dashboard_sizes import drawn_inside

CHATBOT = Path(__file__).parents[1] / "scenarios" / "discount-chatbot.yaml"


@pytest.mark.parametrize("size", [(80, 24), (120, 36), (160, 50)])
async def test_the_pricing_dashboard_shows_each_trigger_as_its_own_figure(
        size: tuple[int, int]) -> None:
    scenario = bundled("pricing-assistant-incident")
    h = paused_at(12, scenario, ref=scenario.id)
    async with h.app.run_test(size=size) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, DashboardScreen)
        assert not screen.query("#overrides")
        assert not screen.query("#confidence")
        screen.show_panel("outcomes")
        await pilot.pause()
        shown = "\n".join(drawn_inside(screen, "outcomes"))
        for signal in h.app.exercise.snapshot().outcomes:
            outcome = scenario.stream.outcome(signal.id)
            assert outcome is not None
            assert outcome.label[:30] in shown
            assert f"{signal.count} " in shown
        assert "5xx" not in shown  # the gateway's errors are on service health
        screen.show_panel("health")
        await pilot.pause()
        assert "Error rate" in "\n".join(drawn_inside(screen, "health"))


async def test_a_routing_scenario_keeps_its_routing_panels_and_has_no_outcomes_panel() -> None:
    h = paused_at(25)
    async with h.app.run_test(size=(160, 50)) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, DashboardScreen)
        assert screen.query("#overrides")
        assert screen.query("#confidence")
        assert not screen.query("#outcomes")


async def test_the_chatbot_plays_on_screen_and_its_panel_counts_its_leaks() -> None:
    scenario = load_scenario(CHATBOT)
    h = paused_at(40, scenario, ref=str(CHATBOT), steps=[parse_action("-5:approve")])
    async with h.app.run_test(size=(120, 36)) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, DashboardScreen)
        total = h.app.exercise.snapshot().outcomes[0].total
        assert total >= 5
        screen.show_panel("outcomes")
        await pilot.pause()
        shown = "\n".join(drawn_inside(screen, "outcomes"))
        assert "chats that quoted a staff discount code" in shown
        assert f"{total} since" in shown
        screen.show_panel("feed")
        await pilot.pause()
        feed = "\n".join(drawn_inside(screen, "feed"))
        assert "Topic" in feed  # the scenario's heading for an item's class
        assert "Outcome" in feed  # what each answer produced, not where it was routed
        assert "Routed" not in feed
        assert "Conf" not in feed


@pytest.mark.parametrize("ref", ["pricing-assistant-incident", "student-support-release"])
async def test_at_80_columns_the_tabs_read_whole_words_and_the_footer_keeps_help(
        ref: str) -> None:
    scenario = bundled(ref)
    h = paused_at(12 if ref.startswith("pricing") else 57, scenario, ref=ref)
    async with h.app.run_test(size=(80, 24)) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, DashboardScreen)
        assert h.app.exercise.open_statements()  # the statement's key is on the footer too
        await pilot.pause()
        lines = [strip.text for strip in screen._compositor.render_strips()]
        assert "Help" in lines[-1]
        assert "Statement" in lines[-1]
        if ref.startswith("pricing"):
            tabs = next(line for line in lines if "Evidence" in line and "Triggers" in line)
            assert "Requests" in tabs
            assert "Request log" in tabs
