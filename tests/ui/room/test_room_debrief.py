"""The room's briefing and debrief follow the facilitator's: the part scrolled to, on any
size."""

from __future__ import annotations

from pathlib import Path

from textual.containers import VerticalScroll
from textual.pilot import Pilot

from tabletop.journal.events import Presentation
from tabletop.ui.room.app import RoomApp
from tabletop.ui.room.screens import RoomBriefing, RoomDebrief
from tabletop.ui.screens.briefing import BriefingScreen
from tabletop.ui.screens.debrief import DebriefScreen
from tabletop.ui.screens.scroll_place import END, PLACE_AFTER
from tests.ui.helpers import SIZE, end_now, make, paused_at, start
from tests.ui.room.helpers import Room, room_on, room_on_briefing


async def shown(pilot: Pilot[None], room: Room, place: Presentation) -> None:
    """The seat presents `place`; the room's view follows it and draws."""
    room.session.present(place)
    assert isinstance(pilot.app, RoomApp)
    pilot.app.follow()
    for _ in range(3):
        await pilot.pause()


async def test_the_rooms_debrief_scrolls_to_the_part_the_facilitator_is_on(
        tmp_path: Path) -> None:
    room = room_on(tmp_path, 25)
    room.session.end()
    async with room.app.run_test(size=(80, 24)) as pilot:
        for _ in range(4):
            await pilot.pause()
        assert isinstance(pilot.app, RoomApp)
        screen = pilot.app.screen
        assert isinstance(screen, RoomDebrief)
        column = screen.query_one("#debrief", VerticalScroll)
        assert column.scroll_y == 0
        await shown(pilot, room, Presentation(section="h-card", offset=3))
        heading = screen.query_one("#h-card")
        assert column.scroll_y == heading.virtual_region.y + 3
        assert column.scroll_y < column.max_scroll_y  # not merely its end
        assert screen.place() == ("h-card", 3)
        # A part the room's debrief does not have (the facilitator note): its end.
        await shown(pilot, room, Presentation(section="h-note", offset=1))
        assert column.scroll_y == column.max_scroll_y > heading.virtual_region.y
        await shown(pilot, room, Presentation())
        assert column.scroll_y == 0
    room.store.close()



async def test_scrolling_the_facilitators_debrief_tells_the_room_where_it_is() -> None:
    harness = paused_at(25)
    async with harness.app.run_test(size=SIZE) as pilot:
        await end_now(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, DebriefScreen)
        column = screen.query_one("#debrief", VerticalScroll)
        card = screen.query_one("#h-card").virtual_region.y
        for step in range(1, 4):  # a run of steps, as the wheel or the arrow keys make it
            column.scroll_to(y=card + step, animate=False, immediate=True)
            await pilot.pause()
        await pilot.pause(PLACE_AFTER * 2)
        shown = harness.app.session.presentation()
        assert (shown.section, shown.offset) == ("h-card", 3)
        await pilot.press("end")  # on the scroll, as the facilitator reads to the end
        await pilot.pause(PLACE_AFTER * 2)
        assert harness.app.session.presentation().section == screen.place()[0] != "h-card"


async def test_the_rooms_briefing_scrolls_to_the_part_the_facilitator_reads(
        tmp_path: Path) -> None:
    room = room_on_briefing(tmp_path)
    async with room.app.run_test(size=SIZE) as pilot:
        for _ in range(4):
            await pilot.pause()
        assert isinstance(pilot.app, RoomApp)
        screen = pilot.app.screen
        assert isinstance(screen, RoomBriefing)
        column = screen.query_one("#briefing", VerticalScroll)
        assert column.scroll_y == 0
        await shown(pilot, room, Presentation(section="h-goals", offset=2))
        assert column.scroll_y == screen.query_one("#h-goals").virtual_region.y + 2
        await shown(pilot, room, Presentation(section=END))  # the seat's end: the ground rules
        assert column.scroll_y == column.max_scroll_y > 0
        assert screen.query_one("#h-rules").region.y > 0  # on screen
    room.store.close()


async def test_scrolling_the_facilitators_briefing_tells_the_room_then_the_debrief_starts_at_top(
        ) -> None:
    harness = make()
    async with harness.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, BriefingScreen)
        column = screen.query_one("#briefing", VerticalScroll)
        column.scroll_to(y=1, animate=False, immediate=True)
        await pilot.pause(PLACE_AFTER * 2)
        shown = harness.app.session.presentation()
        assert (shown.section, shown.offset) == ("", 1)
        await pilot.press("end")  # read to the end: the room's end, its ground rules
        await pilot.pause(PLACE_AFTER * 2)
        assert harness.app.session.presentation().section == END
        await start(pilot)
        await end_now(pilot)
        shown = harness.app.session.presentation()
        assert (shown.section, shown.offset) == ("", 0)
