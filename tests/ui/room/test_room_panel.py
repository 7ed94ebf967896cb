"""`p` on the facilitator's seat shows one panel enlarged on the room's view: its figures in
the block font over the panel, the panel the whole width; then the dashboard again."""

from __future__ import annotations

from pathlib import Path

import pytest

from tabletop.base.words import percent
from tabletop.journal.events import Presentation
from tabletop.ui.room.app import RoomApp
from tabletop.ui.room.block_font import render_blocks
from tabletop.ui.room.controls import PANEL_NAMES
from tabletop.ui.room.enlarged import BigFigures
from tabletop.ui.widgets.ticket_feed import TicketFeed
from tests.ui.helpers import SIZE, bundled, on_screen, paused_at
from tests.ui.room.helpers import room_on


async def test_a_panel_enlarged_shows_its_figures_in_large_digits_then_the_dashboard_again(
        tmp_path: Path) -> None:
    room = room_on(tmp_path, 25)
    async with room.app.run_test(size=SIZE) as pilot:
        for _ in range(4):
            await pilot.pause()
        assert isinstance(pilot.app, RoomApp)
        dashboard = pilot.app.screen
        feed_width = dashboard.query_one("#column-left").size.width
        assert feed_width <= max(56, dashboard.query_one(TicketFeed).needed_width)
        room.session.present(Presentation(view="health"))
        pilot.app.follow()
        for _ in range(3):
            await pilot.pause()
        figures = dashboard.query_one(BigFigures)
        snap = room.session.exercise.snapshot()
        latency = f"{snap.latency_p95_ms:.0f}"
        assert [f.value for f in figures.figures] == [
            latency, percent(snap.error_rate, places=1).replace(" ", "")]
        drawn = on_screen(figures)
        scales = [scale for scale in (8, 6, 4, 2)
                  if all(line.strip() in drawn for line in render_blocks(latency, scale))]
        assert scales
        assert scales[0] >= 4  # a pixel 4 cells wide, 2 lines high at least
        assert figures.size.height >= 10
        assert "Latency p95" in drawn
        assert "OK" in drawn
        health = dashboard.query_one("#health")
        assert health.display
        assert health.outer_size.width == SIZE[0]
        assert not dashboard.query_one("#evidence").display
        room.session.present(Presentation(view="overrides"))  # a panel of the other column
        pilot.app.follow()
        for _ in range(3):
            await pilot.pause()
        assert dashboard.query_one("#column-left").size.width == SIZE[0]
        assert figures.figures[0].value == str(snap.overrides)
        room.session.present(Presentation(view="feed"))  # a panel of text: no figures
        pilot.app.follow()
        for _ in range(3):
            await pilot.pause()
        assert not figures.display
        room.session.present(Presentation())
        pilot.app.follow()
        for _ in range(3):
            await pilot.pause()
        assert not figures.display
        assert dashboard.query_one("#column-left").size.width == feed_width
        assert dashboard.query_one("#evidence").display
    room.store.close()


@pytest.mark.parametrize("ref", ["student-support-release", "pricing-assistant-incident"])
async def test_every_panel_the_facilitator_can_enlarge_is_named_in_words(ref: str) -> None:
    harness = paused_at(25, bundled(ref), ref=ref)
    async with harness.app.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await pilot.pause()
        panels = [w.id for w in pilot.app.screen.query(".panel")]
        assert len(panels) >= 4
        assert [p for p in panels if p not in PANEL_NAMES] == []
