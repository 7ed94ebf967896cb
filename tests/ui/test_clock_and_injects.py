"""The clock on the dashboard: injects at their minute, pauses that hold, speeds, skips."""

from __future__ import annotations

from textual.widgets import Digits

from tabletop.base.words import fmt_minute
from tabletop.ui.screens.announcement import AnnouncementScreen
from tabletop.ui.screens.dashboard import DashboardScreen
from tabletop.ui.widgets.header_strip import HeaderStrip

from .helpers import (
    SIZE,
    Harness,
    advance_to,
    bundled,
    close_announcements,
    make,
    on_screen,
    paused_at,
    start,
)


def round_two() -> tuple[str, float]:
    """The first scheduled inject after deployment that opens a decision: (id, minute)."""
    scenario = bundled()
    inject = min((i for i in scenario.injects
                  if i.when is None and i.decision and i.minute > scenario.rollout.deploy_minute),
                 key=lambda i: i.minute)
    return inject.id, inject.minute


def running_before(minute: float, *, pause_on_inject: bool = True) -> Harness:
    """The app a minute before `minute`, every announcement on the way closed: press space."""
    return paused_at(minute - 1, pause_on_inject=pause_on_inject)


async def test_the_briefing_comes_first_and_enter_starts_the_clock() -> None:
    h = make()
    async with h.app.run_test(size=SIZE) as pilot:
        assert not h.app.exercise.clock.running
        await start(pilot, close_round_one=False)
        assert isinstance(pilot.app.screen, AnnouncementScreen)
        assert h.app.exercise.fired[0].inject.id == pilot.app.screen.fired.inject.id


async def test_an_inject_arrives_at_its_scheduled_minute_and_not_before() -> None:
    inject_id, minute = round_two()
    h = running_before(minute)
    async with h.app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await advance_to(pilot, h, minute - 0.01)
        assert inject_id not in {f.inject.id for f in h.app.exercise.fired}
        assert isinstance(pilot.app.screen, DashboardScreen)
        await advance_to(pilot, h, minute)
        fired = {f.inject.id: f.minute for f in h.app.exercise.fired}
        assert fired[inject_id] == minute
        assert isinstance(pilot.app.screen, AnnouncementScreen)
        assert pilot.app.screen.fired.inject.id == inject_id


async def test_an_inject_pauses_the_clock_and_resuming_continues_from_the_same_minute() -> None:
    _, minute = round_two()
    h = running_before(minute)
    async with h.app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await advance_to(pilot, h, minute)
        clock = h.app.exercise.clock
        assert not clock.running
        held = clock.minute
        h.time.advance(600)
        h.app.tick()
        await pilot.pause()
        assert clock.minute == held
        await pilot.press("enter")  # resume from the announcement
        await pilot.pause()
        assert clock.running
        assert clock.minute == held
        h.time.advance(60)
        assert clock.minute == held + 1


async def test_the_no_pause_option_keeps_the_clock_running_through_an_inject() -> None:
    _, minute = round_two()
    h = running_before(minute, pause_on_inject=False)
    async with h.app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await advance_to(pilot, h, minute)
        assert h.app.exercise.clock.running
        assert isinstance(pilot.app.screen, AnnouncementScreen)


async def test_the_header_behind_a_no_pause_announcement_keeps_the_running_minute() -> None:
    _, minute = round_two()
    h = running_before(minute, pause_on_inject=False)
    async with h.app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await advance_to(pilot, h, minute)
        assert isinstance(pilot.app.screen, AnnouncementScreen)
        await advance_to(pilot, h, minute + 7)
        assert isinstance(pilot.app.screen, AnnouncementScreen)
        header = pilot.app.screen_stack[-2].query_one(HeaderStrip)
        assert header.query_one("#clock", Digits).value == fmt_minute(minute + 7)[1:]


async def test_space_pauses_and_the_pause_holds_time() -> None:
    h = running_before(-5)
    async with h.app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await advance_to(pilot, h, -5)
        await pilot.press("space")
        await pilot.pause()
        clock = h.app.exercise.clock
        assert not clock.running
        h.time.advance(3600)
        h.app.tick()
        await pilot.pause()
        assert clock.minute == -5
        assert "PAUSED" in on_screen(h.app.screen.query_one("#run-status"))
        await pilot.press("space")
        await pilot.pause()
        assert clock.running
        assert clock.minute == -5
        assert "RUNNING" in on_screen(h.app.screen.query_one("#run-status"))


async def test_the_header_shows_the_scenario_minute_large() -> None:
    h = running_before(-4.5)
    async with h.app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await advance_to(pilot, h, -4.5)
        header = h.app.screen.query_one(HeaderStrip)
        assert header.query_one("#clock", Digits).value == "-04:30"


async def test_on_a_60_by_20_screen_the_header_keeps_its_title_and_every_figure() -> None:
    h = running_before(-4.5)
    async with h.app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        header = h.app.screen.query_one(HeaderStrip)
        status = on_screen(header.query_one("#run-status"))
        assert str(header.border_subtitle).startswith(bundled().title[:20])
        for figure in ("PAUSED", "Next", "Exposure", "speed 1x", "0 %"):
            assert figure in status, status


async def test_faster_and_slower_step_through_the_speeds() -> None:
    h = paused_at(-5)
    async with h.app.run_test(size=SIZE) as pilot:
        clock = h.app.exercise.clock
        await pilot.press("plus", "plus", "plus")
        assert clock.speed == 10
        await pilot.press("minus")
        assert clock.speed == 5
        assert "5x" in on_screen(h.app.screen.query_one("#run-status"))


async def test_next_inject_fires_the_next_scheduled_inject_now() -> None:
    h = paused_at(-5)
    async with h.app.run_test(size=SIZE) as pilot:
        upcoming = h.app.exercise.next_inject_minute()
        assert upcoming is not None
        await pilot.press("n")
        await pilot.pause()
        assert h.app.exercise.minute == upcoming
        assert upcoming in {f.minute for f in h.app.exercise.fired}


async def test_the_statement_key_is_offered_only_once_a_statement_is_requested() -> None:
    asked = min(i.minute for i in bundled().injects if i.requests_statement)
    h = running_before(asked)
    async with h.app.run_test(size=SIZE) as pilot:
        assert not h.app.offers("statement")
        await pilot.press("space")
        await advance_to(pilot, h, asked)
        await close_announcements(pilot)
        assert h.app.offers("statement")
