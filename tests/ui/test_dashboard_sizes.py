"""At every common terminal size the dashboard shows the current round and its evidence whole,
read from what the screen draws (the compositor's lines), not from the widgets' state."""

from __future__ import annotations

from pathlib import Path

import pytest

from tabletop.scenario.loader import load_scenario
from tabletop.scenario.model import Scenario
from tabletop.ui.screens.dashboard import DashboardScreen
from tabletop.ui.widgets.confidence import ConfidencePanel
from tabletop.ui.widgets.evidence_log import EvidenceLog
from tests.ui.helpers import bundled, paused_at

SIZES = [(80, 24), (91, 22), (100, 30), (120, 36), (160, 48)]
"""A laptop's terminal, the browser at fontsize 24 on 1280x720, and up to a large screen."""
THIRD = "tests/scenarios/content-moderation-release.yaml"


def squash(text: str) -> str:
    """`text` without its spaces: a wrapped line breaks where a space was."""
    return "".join(text.split())


def drawn_inside(screen: DashboardScreen, widget_id: str) -> list[str]:
    """The lines the terminal shows inside a panel's border and scrollbar, as the screen
    draws them."""
    lines = [strip.text for strip in screen._compositor.render_strips()]
    region = screen.query_one(f"#{widget_id}").scrollable_content_region
    if not region.area:
        return []
    return [line[region.x:region.right] for line in lines[region.y:region.bottom]]


async def assert_current_round_whole(scenario: Scenario | None, ref: str, minute: float,
                                     size: tuple[int, int]) -> None:
    h = paused_at(minute, scenario, ref=ref) if scenario else paused_at(minute)
    async with h.app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()  # the canary judge, mounted after the first frame, is laid out
        screen = pilot.app.screen
        assert isinstance(screen, DashboardScreen)
        current = h.app.exercise.fired[-1]
        shown = squash(" ".join(drawn_inside(screen, "evidence")))
        assert squash(current.inject.title) in shown, (size, current.inject.title)
        for evidence in current.evidence:
            assert squash(evidence.text) in shown, (size, evidence.text)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("minute", [25, 57], ids=["round 2", "round 3"])
async def test_the_current_rounds_evidence_is_on_screen_whole(size: tuple[int, int],
                                                              minute: float) -> None:
    await assert_current_round_whole(None, "student-support-release", minute, size)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
@pytest.mark.parametrize("ref", ["pricing-assistant-incident", THIRD])
async def test_every_scenarios_last_round_is_on_screen_whole(size: tuple[int, int],
                                                             ref: str) -> None:
    scenario = bundled(ref) if not ref.endswith(".yaml") else _third()
    await assert_current_round_whole(scenario, ref, scenario.end_minute - 1, size)


def _third() -> Scenario:
    return load_scenario(Path(__file__).parents[2] / THIRD)


async def test_a_new_round_brings_the_evidence_log_back_where_panels_take_turns() -> None:
    h = paused_at(19)
    async with h.app.run_test(size=(80, 24)) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, DashboardScreen)
        await pilot.press("v")
        await pilot.pause()
        assert not screen.query_one(EvidenceLog).region.area
        await pilot.press("space")
        h.time.advance(2 * 60.0)
        h.app.tick()
        await pilot.pause()
        assert screen.query_one(EvidenceLog).region.area


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_the_confidence_table_keeps_each_row_on_one_line(size: tuple[int, int]) -> None:
    h = paused_at(25)
    async with h.app.run_test(size=size) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, DashboardScreen)
        screen.show_panel("confidence")
        await pilot.pause()
        lines = [line.strip() for line in drawn_inside(screen, "confidence")]
        segments = h.app.exercise.snapshot().segments
        assert len(segments) > 1
        for segment in segments:
            [row] = [line for line in lines if line.startswith(segment.segment)]
            assert len(row.split()) == 4, row  # name, items, confidence, accuracy
        assert isinstance(screen.query_one("#confidence"), ConfidencePanel)


async def test_a_terminal_made_smaller_then_larger_moves_between_the_layouts() -> None:
    h = paused_at(25)
    async with h.app.run_test(size=(120, 36)) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, DashboardScreen)
        assert not screen.has_class("-tabs")
        assert all(screen.query_one(f"#{i}").region.area for i in screen.panel_ids())
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.has_class("-tabs")
        assert [i for i in screen.panel_ids() if screen.query_one(f"#{i}").region.area] == \
            ["evidence"]
        assert screen.query_one("#panel-tabs").region.area
        assert "▸ Evidence log" in \
            "\n".join(s.text for s in screen._compositor.render_strips())
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert all(screen.query_one(f"#{i}").region.area for i in screen.panel_ids())
