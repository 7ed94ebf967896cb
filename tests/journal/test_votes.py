"""Workshop votes: each journalled as it is cast, all belonging to the decision point and the
minute the vote opened for, and a vote the journal stopped in comes back open."""

from __future__ import annotations

from pathlib import Path

import pytest

from tabletop.exercise.clock import FakeTime
from tabletop.exercise.engine import ActionError, Choice, Decision
from tabletop.journal.restore import restore
from tabletop.journal.session import Session
from tabletop.journal.setup import new_run
from tabletop.journal.sqlite_journal import save_session
from tabletop.journal.store import DB_NAME, Store
from tests.helpers import bundled, mini

TEAMS = ("Red", "Blue", "Green")
GO_VOTES = (Decision(0, "approve", ("f1",), "F1 is up", team="Red"),
            Decision(0, "approve", (), "ship it", team="Blue"),
            Decision(0, "approve", ("f1",), "with a canary", team="Green"))
"""At the mini scenario's `go` decision (T-10; approve is available only until T+0)."""
FAST = 120.0
"""Two scenario minutes a real second: the clock passes T+0 while a team fills its dialog."""


def _at_go(time: FakeTime) -> Session:
    """A workshop on the mini scenario, its clock running at `FAST` from T-10, `go` open."""
    session = new_run(mini(), mode="workshop", teams=TEAMS, speed=FAST, time_source=time)
    session.start()
    session.tick()
    return session


def _vote_slowly(session: Session, time: FakeTime, votes: tuple[Decision, ...]) -> None:
    """Cast each vote after a team took 10 real seconds over its dialog (20 minutes at FAST),
    the screen's timer ticking all along."""
    for vote in votes:
        time.advance(10.0)
        session.advance()
        session.voting.cast(vote)


def _kinds(session: Session) -> list[str]:
    return [e.kind for e in session.journal.events()]


def test_a_vote_is_journalled_as_it_is_cast_before_the_next_team_votes() -> None:
    session = _at_go(FakeTime())
    session.voting.open()
    session.voting.cast(GO_VOTES[0])
    (vote,) = [e for e in session.journal.events() if e.kind == "vote"]
    assert (vote.data["team"], vote.data["action"], vote.data["decision"]) == (
        "Red", "approve", "go")


def test_a_vote_demanding_checks_with_none_ticked_is_kept_as_the_plain_approval() -> None:
    session = new_run(bundled(), mode="workshop", teams=TEAMS, time_source=FakeTime())
    session.start()
    session.tick()
    point = session.exercise.open_decision()
    assert point is not None
    assert point.checks_with
    assert point.without_checks
    session.voting.open()
    kept = session.voting.cast(Decision(0, point.checks_with, (), "", team="Red"))
    (vote,) = [e for e in session.journal.events() if e.kind == "vote"]
    assert kept.action == vote.data["action"] == point.without_checks


def test_the_tally_does_not_journal_the_votes_cast_again() -> None:
    session = _at_go(FakeTime())
    session.voting.open()
    for vote in GO_VOTES:
        session.voting.cast(vote)
    session.record_votes(GO_VOTES)
    assert _kinds(session).count("vote") == 3
    assert len(session.voting.votes) == 3


def test_votes_taken_while_time_passes_t0_at_speed_120_all_belong_to_the_point_opened_for(
) -> None:
    time = FakeTime()
    session = _at_go(time)
    opened_at = session.voting.open().minute
    _vote_slowly(session, time, GO_VOTES)
    decision = session.voting.close()
    assert decision.action == "approve"  # available until T+0: the clock stood still
    assert decision.minute == opened_at
    assert {v.minute for v in session.voting.votes} == {opened_at}
    points = {e.data["decision"] for e in session.journal.events() if e.kind == "vote"}
    assert points == {"go"}


def test_the_clock_stands_still_while_a_vote_is_open_and_runs_on_once_the_room_decides(
) -> None:
    time = FakeTime()
    session = _at_go(time)
    session.voting.open()
    minute = session.exercise.minute
    _vote_slowly(session, time, GO_VOTES)
    session.resume()  # the facilitator's Space does not start it mid-vote
    assert session.exercise.minute == minute
    session.voting.close()
    assert session.exercise.clock.running
    time.advance(1.0)
    assert session.exercise.minute > minute


def test_a_vote_left_before_any_team_voted_closes_and_the_clock_runs_on() -> None:
    session = _at_go(FakeTime())
    session.voting.open()
    assert session.voting.leave() is False
    assert session.voting.ballot is None
    assert session.exercise.clock.running
    assert "vote" not in _kinds(session)


def test_a_vote_left_after_a_team_voted_stays_open_and_goes_on_from_the_next_team() -> None:
    session = _at_go(FakeTime())
    session.voting.open()
    session.voting.cast(GO_VOTES[0])
    assert session.voting.leave() is True
    ballot = session.voting.open()
    assert ballot.waiting(TEAMS) == ("Blue", "Green")
    assert not session.exercise.clock.running


def test_a_team_cannot_vote_twice_in_one_vote() -> None:
    session = _at_go(FakeTime())
    session.voting.open()
    session.voting.cast(GO_VOTES[0])
    with pytest.raises(ActionError, match="Red has voted already"):
        session.voting.cast(GO_VOTES[0])


def test_no_other_action_is_taken_while_a_vote_is_open() -> None:
    session = _at_go(FakeTime())
    session.voting.open()
    with pytest.raises(ActionError, match="vote is open"):
        session.act(Choice("block"))


def test_a_vote_cannot_be_opened_without_an_open_decision() -> None:
    session = new_run(mini(), mode="workshop", teams=TEAMS, time_source=FakeTime())
    session.start()
    session.tick()
    session.record_votes(GO_VOTES)
    with pytest.raises(ActionError, match="no decision is open"):
        session.voting.open()
    assert session.exercise.clock.running


def _stopped_mid_vote(tmp_path: Path) -> tuple[Store, int]:
    """A stored workshop whose journal stops after Red's vote, as a killed process leaves it."""
    store = Store(tmp_path / DB_NAME)
    session = _at_go(FakeTime())
    session_id = save_session(store, session)
    session.voting.open()
    session.voting.cast(GO_VOTES[0])
    return store, session_id


def test_a_restored_session_has_the_votes_already_in_and_the_vote_open(tmp_path: Path) -> None:
    store, session_id = _stopped_mid_vote(tmp_path)
    restored = restore(store, session_id, mini(), FakeTime())
    assert restored.voting.ballot is not None
    assert restored.voting.ballot.point == "go"
    assert restored.voting.ballot.waiting(TEAMS) == ("Blue", "Green")
    assert [(v.team, v.justification) for v in restored.voting.votes] == [("Red", "F1 is up")]
    store.close()


def test_a_restored_vote_goes_on_and_ends_as_an_uninterrupted_one(tmp_path: Path) -> None:
    store, session_id = _stopped_mid_vote(tmp_path)
    restored = restore(store, session_id, mini(), FakeTime())
    restored.voting.open()
    for vote in GO_VOTES[1:]:
        restored.voting.cast(vote)
    decision = restored.voting.close()
    straight = _at_go(FakeTime())
    assert decision == straight.record_votes(GO_VOTES)
    assert restored.voting.votes == straight.voting.votes
    assert [s.event.kind for s in store.events(session_id)].count("vote") == 3
    store.close()


def test_a_vote_the_room_decided_is_not_reopened_on_restore(tmp_path: Path) -> None:
    store = Store(tmp_path / DB_NAME)
    session = _at_go(FakeTime())
    session_id = save_session(store, session)
    session.record_votes(GO_VOTES)
    assert restore(store, session_id, mini(), FakeTime()).voting.ballot is None
    store.close()
