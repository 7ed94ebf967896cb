"""The room's view shows what the room should see and follows the facilitator's keys; the
facilitator's seat keeps its material and the truth behind keys."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content

from tabletop.exercise.clock import FakeTime
from tabletop.journal.events import Presentation, present_event
from tabletop.journal.session import Session
from tabletop.ui.room.app import RoomApp
from tabletop.ui.room.block_font import fitting_scale, render_blocks
from tabletop.ui.room.controls import Presenter, seconds_left
from tabletop.ui.room.facilitator import outlook
from tabletop.ui.room.screens import BlankScreen, RoomBriefing, RoomDashboard, RoomDebrief
from tabletop.ui.room.widgets import BlockClock
from tabletop.ui.widgets.header_strip import HeaderStrip
from tabletop.ui.widgets.ticket_feed import TicketFeed
from tabletop.ui.widgets.votes import VoteStrip
from tests.journal.helpers import PRE_RELEASE_VOTES
from tests.ui.helpers import (
    SIZE,
    advance_to,
    bundled,
    close_announcements,
    end_now,
    on_screen,
    paused_at,
    played_to,
    screen_text,
)
from tests.ui.room.helpers import WALL, room_on, room_on_briefing


async def test_the_room_sees_no_truth_no_facilitator_material_and_follows_a_blank(
        tmp_path: Path) -> None:
    room = room_on(tmp_path, 25)
    async with room.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, RoomDashboard)
        text = screen_text(pilot)
        assert "Routed to" in text
        assert "Truth" not in text
        assert "high priority" not in text
        assert bundled().facilitator_note[:40] not in text
        assert "Space" not in text
        assert "Next inject" in text
        bar = on_screen(pilot.app.screen.query_one("#prompt-bar"))
        asked = pilot.app.screen.exercise.open_decision()
        assert asked is not None
        assert bar.split("DECISION", 1)[1].split()[:2] == asked.prompt.split()[:2]
        room.session.journal.append(present_event(25, Presentation(blank=True)))
        assert isinstance(pilot.app, RoomApp)
        pilot.app.follow()
        await pilot.pause()
        assert isinstance(pilot.app.screen, BlankScreen)
        assert pilot.app.stage == "blank"
    room.store.close()


async def test_the_facilitators_seat_shows_the_truth_and_its_material_behind_keys() -> None:
    h = paused_at(25)
    async with h.app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.pause()
        feed = pilot.app.screen.query_one(TicketFeed)
        assert not feed.truth
        assert "Truth" not in screen_text(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert feed.truth
        assert "Truth" in screen_text(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert "FACILITATOR ONLY" in screen_text(pilot)
        assert bundled().facilitator_note.split()[0] in screen_text(pilot)
        await pilot.press("b")  # a presentation key, journalled for the room's view
        await pilot.press("escape")
        await pilot.press("b")
        await pilot.pause()
        kinds = [e.kind for e in h.app.session.journal.events()]
        assert kinds.count("present") == 1  # b is the dashboard's key, not the material's


async def test_the_rooms_debrief_has_no_facilitator_note_and_no_replay_line(
        tmp_path: Path) -> None:
    room = room_on(tmp_path, -9, running=False)
    room.session.end()
    async with room.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, RoomDebrief)
        assert not screen.query("#facilitator-note")
        assert not screen.query("#replay")
        assert screen.query_one("#questions")
    room.store.close()


def test_presentation_keys_journal_what_the_room_shows() -> None:
    session = Session(played_to(-10).exercise)
    wall = [WALL]
    presenter = Presenter(session, wall=lambda: wall[0])
    assert presenter.blank() == "The room's screen is blank."
    assert [presenter.discussion() for _ in range(4)][-1] == "Discussion timer off."
    presenter.discussion()
    assert presenter.shown.timer_seconds == 120.0
    assert presenter.timer_left() == 120.0
    wall[0] += 200
    assert seconds_left(presenter.shown, wall[0]) == 0.0
    presenter.discussion()  # the timer ran out: the next press starts the shortest again
    assert presenter.shown.timer_seconds == 120.0
    assert presenter.big_clock() == "The room sees the big clock."
    panels = ["feed", "evidence"]
    shown = [presenter.panel(panels) for _ in range(3)]
    assert shown[-1] == "The room sees the dashboard."
    assert "evidence" in shown[1]
    presents = [e for e in session.journal.events() if e.kind == "present"]
    assert len(presents) == 11
    assert presents[-1].data["view"] == "dashboard"
    again = Presenter(session)  # a resumed seat starts from what the journal says
    assert again.shown == presenter.shown


def test_the_block_clock_is_heavy_and_fits() -> None:
    lines = render_blocks("T+12:34")
    assert len(lines) == 3
    assert "█" in lines[0]
    assert "━" not in "".join(lines)
    assert fitting_scale("T+12:34", 118, 28) == 4
    assert fitting_scale("T+12:34", 78, 16) == 3
    assert fitting_scale("T+12:34", 10, 2) == 1


def test_the_master_list_says_which_injects_will_fire() -> None:
    exercise = played_to(-10, time=FakeTime()).exercise
    scenario = exercise.scenario
    scheduled = next(i for i in scenario.injects if i.when is None and i.minute > -10)
    assert outlook(exercise, scheduled) == "scheduled: will fire"
    triggered = next(i for i in scenario.injects if i.when is not None and i.when.checks)
    assert outlook(exercise, triggered) == "not triggered yet"


async def test_before_the_start_the_room_reads_the_briefing_then_follows_the_start(
        tmp_path: Path) -> None:
    room = room_on_briefing(tmp_path)
    scenario = bundled()
    async with room.app.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await pilot.pause()
        assert isinstance(pilot.app.screen, RoomBriefing)
        assert isinstance(pilot.app, RoomApp)
        assert pilot.app.stage == "briefing"
        text = screen_text(pilot)
        for part in (scenario.summary[:30], scenario.learning_goals[0][:30],
                     scenario.roles[0].title, "Ground rules", "facilitator starts the clock"):
            assert " ".join(part.split()) in " ".join(text.split())
        assert "Press" not in text
        room.session.start()
        room.session.tick()
        pilot.app.follow()
        for _ in range(3):
            await pilot.pause()
        assert pilot.app.stage != "briefing"
        assert not isinstance(pilot.app.screen, RoomBriefing)
    room.store.close()


async def test_when_the_facilitators_window_stops_the_room_says_so_and_keeps_its_state(
        tmp_path: Path) -> None:
    room = room_on(tmp_path, 25)
    wall = [WALL]
    room.app.follower._wall = lambda: wall[0]  # the wall moves on: the writer is looked at again
    async with room.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app, RoomApp)
        assert "FACILITATOR STOPPED" not in screen_text(pilot)
        info = pilot.app.follower.info
        assert info is not None
        room.store.release(info.id)  # the facilitator's process is gone: its lock with it
        wall[0] += 5.0
        pilot.app.follow()
        await pilot.pause()
        text = screen_text(pilot)
        assert "FACILITATOR STOPPED" in text
        assert "T+25:00" in text  # the last state, kept
        assert isinstance(pilot.app.screen, RoomDashboard)
    room.store.close()


async def test_the_rooms_vote_line_counts_an_open_vote_without_showing_its_choices(
        tmp_path: Path) -> None:
    room = room_on(tmp_path, -10, teams=("Red", "Blue", "Green"))
    room.session.voting.open()
    room.session.voting.cast(PRE_RELEASE_VOTES[0])
    async with room.app.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await pilot.pause()
        assert isinstance(pilot.app, RoomApp)
        assert pilot.app.dashboard is not None
        line = on_screen(pilot.app.dashboard.query_one(VoteStrip))
        assert "vote open: 1 of 3 teams have voted" in line
        assert "none recorded yet" not in line
        assert "Approve" not in line  # the choice stays hidden until the vote closes
    room.store.close()


def _rule(header: HeaderStrip) -> str:
    """The words on the header strip's bottom rule."""
    return Content.from_markup(str(header.border_subtitle)).plain


async def test_the_facilitators_seat_keeps_what_the_room_sees_in_sight() -> None:
    harness = paused_at(25)
    async with harness.app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # drawn after the first frame
        header = pilot.app.screen.query_one(HeaderStrip)
        # Mirroring this dashboard: said on the header's bottom rule, no line of its own.
        assert "ROOM SEES this dashboard, live" in _rule(header)
        assert not pilot.app.screen.query("#room-cue")
        for keys, said in (("b", "a blank screen"), ("bc", "the big clock"),
                           ("cp", "full screen"), ("d", "discussion timer")):
            await pilot.press(*keys)
            await pilot.pause()
            cue = pilot.app.screen.query_one("#room-cue")
            assert cue.display
            assert "ROOM SEES" in on_screen(cue)
            assert said in on_screen(cue)
            assert "live" not in _rule(header)
        await pilot.press(*"d" * 3)  # the timer off, then every panel in turn: live again
        while harness.app.presenter.shown.view != "dashboard":
            await pilot.press("p")
        await pilot.pause()
        assert not pilot.app.screen.query_one("#room-cue").display
        assert "ROOM SEES this dashboard, live" in _rule(header)


async def test_a_short_seat_says_what_the_room_sees_after_the_title() -> None:
    harness = paused_at(25)
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rule = _rule(pilot.app.screen.query_one(HeaderStrip))
        assert rule == f"{bundled().title} · ROOM SEES this dashboard, live"


async def test_a_solo_drills_seat_shows_the_room_only_while_it_differs() -> None:
    harness = paused_at(19, mode="solo")
    async with harness.app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await advance_to(pilot, harness, 20)  # a round: no line for a room a drill lacks
        await close_announcements(pilot, resume=False)
        await pilot.pause()
        assert not pilot.app.screen.query("#room-cue")
        assert "ROOM SEES" not in _rule(pilot.app.screen.query_one(HeaderStrip))
        await pilot.press("b")
        await pilot.pause()
        cue = pilot.app.screen.query_one("#room-cue")
        assert cue.display
        assert "a blank screen" in on_screen(cue)


async def test_the_room_reads_that_the_statement_is_being_written_then_reads_it(
        tmp_path: Path) -> None:
    room = room_on(tmp_path, 56)
    async with room.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app, RoomApp)
        room.session.journal.append(present_event(56, Presentation(drafting=True)))
        pilot.app.follow()
        await pilot.pause()
        assert "the team is writing the statement" in screen_text(pilot)
        (asked,) = room.session.exercise.open_statements()
        text = "Urgent tickets from multilingual students were misrouted since T+0"
        room.session.journal.append(present_event(56, Presentation()))
        room.session.submit_statement(asked.request.id,
                                      dict.fromkeys(asked.request.fields, text))
        pilot.app.follow()
        await pilot.pause()
        shown = screen_text(pilot)
        assert "STATEMENT SENT" in shown
        assert text[:40] in shown
    room.store.close()


async def test_the_statement_key_tells_the_room_the_team_is_writing() -> None:
    harness = paused_at(56)
    async with harness.app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert harness.app.session.presentation().drafting
        await pilot.press("escape")
        await pilot.pause()
        assert not harness.app.session.presentation().drafting


async def test_the_blank_screens_discussion_timer_is_large(tmp_path: Path) -> None:
    room = room_on(tmp_path, 25, shown=Presentation(
        blank=True, timer_end="2027-01-15T08:03:20.000+00:00", timer_seconds=300.0))
    async with room.app.run_test(size=SIZE) as pilot:
        for _ in range(50):  # the blank screen put up and composed (slower on a busy machine)
            await pilot.pause()
            if pilot.app.screen.query("#blank-timer"):
                break
        assert isinstance(pilot.app.screen, BlankScreen)
        timer = pilot.app.screen.query_one("#blank-timer", BlockClock)
        assert timer.display
        assert timer.text == "3:20"
        assert timer.size.height >= 10  # most of the screen, read from the back
    room.store.close()


async def test_the_rooms_debrief_follows_the_question_the_facilitator_is_on(
        tmp_path: Path) -> None:
    room = room_on(tmp_path, 25)
    room.session.end()
    asked = bundled().debrief_questions
    async with room.app.run_test(size=SIZE) as pilot:
        for _ in range(4):
            await pilot.pause()
        assert isinstance(pilot.app, RoomApp)
        assert isinstance(pilot.app.screen, RoomDebrief)
        box = pilot.app.screen.query_one("#room-question")
        assert not box.display
        room.session.present(Presentation(question=1))
        room.session.answer(1, "We would gate on per-language recall")
        pilot.app.follow()
        await pilot.pause()
        text = on_screen(box)
        assert box.display
        assert f"QUESTION 2 OF {len(asked)}" in text
        assert " ".join(asked[1].split()[:4]) in " ".join(text.split())
        assert "We would gate on per-language recall" in text
    room.store.close()


async def test_moving_to_a_question_on_the_facilitators_debrief_tells_the_room() -> None:
    harness = paused_at(25)
    async with harness.app.run_test(size=SIZE) as pilot:
        await end_now(pilot)
        pilot.app.screen.query_one("#answer-2").focus()
        await pilot.pause()
        assert harness.app.session.presentation().question == 2


async def test_a_round_on_the_room_gives_way_to_the_notice_when_the_facilitator_stops(
        tmp_path: Path) -> None:
    room = room_on(tmp_path, 20, running=False)  # round 2 announced, the clock standing
    wall = [WALL]
    room.app.follower._wall = lambda: wall[0]
    async with room.app.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await pilot.pause()
        assert isinstance(pilot.app, RoomApp)
        assert pilot.app.stage == "announcement"
        info = pilot.app.follower.info
        assert info is not None
        room.store.release(info.id)
        wall[0] += 5.0
        pilot.app.follow()
        for _ in range(3):
            await pilot.pause()
        assert isinstance(pilot.app.screen, RoomDashboard)
        assert "FACILITATOR STOPPED" in screen_text(pilot)
    room.store.close()

