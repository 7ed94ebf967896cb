"""The room's view keeps the facilitator's minute: a round the facilitator jumps to with the
clock standing replaces the one announced, and the header beneath shows the minute."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Digits

from tabletop.base.words import fmt_minute
from tabletop.ui.room.app import RoomApp
from tests.ui.helpers import SIZE, bundled, screen_text
from tests.ui.room.helpers import room_on


async def test_a_round_the_facilitator_jumps_to_while_paused_replaces_the_one_announced(
        tmp_path: Path) -> None:
    room = room_on(tmp_path, 20, running=False)  # round 2 announced, the clock standing
    later = next(i for i in bundled().injects if i.minute > 20 and i.when is None and i.pause)
    async with room.app.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await pilot.pause()
        assert isinstance(pilot.app, RoomApp)
        assert pilot.app.stage == "announcement"
        room.session.jump_to(later.minute)  # the seat's next-inject key, the clock paused
        pilot.app.follow()
        for _ in range(3):
            await pilot.pause()
        assert pilot.app.stage == "announcement"
        assert later.title in " ".join(screen_text(pilot).split())
        assert room.app.dashboard is not None
        shown = room.app.dashboard.query_one("#clock", Digits).value  # through the backdrop
        assert shown == fmt_minute(later.minute)[1:]
    room.store.close()
