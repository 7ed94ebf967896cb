"""Workshop mode: the room's decision drives the run; each team is scored on its own votes."""

from __future__ import annotations

import pytest

from tabletop.exercise.clock import FakeTime, GameClock
from tabletop.exercise.engine import ActionError, Choice, Decision, Exercise
from tabletop.exercise.workshop import (
    agreement,
    alignment,
    parse_teams,
    room_choice,
    tally,
    voting_rounds,
)
from tabletop.journal.session import NullJournal, Session
from tabletop.scenario.bundled import bundled_scenarios
from tabletop.scenario.loader import load_scenario
from tabletop.scoring.rubric import feedback, score
from tabletop.scoring.teams import ranked, team_scores


def _vote(team: str, action: str, *cited: str) -> Decision:
    return Decision(0.0, action, cited, team=team)


def _workshop(time: FakeTime) -> Session:
    scenario = load_scenario(bundled_scenarios()["student-support-release"])
    clock = GameClock(scenario.start_minute, speed=60.0, time_source=time)
    session = Session(Exercise(scenario, clock=clock), mode="workshop",
                      teams=("Red", "Blue", "Green"))
    session.start()
    session.tick()
    return session


def test_majority_is_the_rooms_choice() -> None:
    votes = [_vote("Red", "freeze"), _vote("Blue", "continue"), _vote("Green", "freeze")]
    assert room_choice(votes) == "freeze"


def test_a_tie_without_a_pick_asks_the_facilitator() -> None:
    votes = [_vote("Red", "freeze"), _vote("Blue", "rollback")]
    assert tally(votes).tied
    assert room_choice(votes) is None
    assert room_choice(votes, pick="rollback") == "rollback"


def test_alignment_is_the_share_agreeing_with_the_room() -> None:
    votes = [_vote("Red", "freeze"), _vote("Blue", "continue"), _vote("Green", "freeze"),
             _vote("Gold", "freeze")]
    assert alignment(votes, "freeze") == 0.75


def test_team_names_are_checked() -> None:
    assert parse_teams("Red, Blue ,Green") == ("Red", "Blue", "Green")
    with pytest.raises(ValueError, match="at most 8 teams, got 9"):
        parse_teams(",".join(f"T{i}" for i in range(9)))
    with pytest.raises(ValueError, match="has a name twice"):
        parse_teams("Red,red")
    assert parse_teams("Trust and Safety,Red") == ("Trust and Safety", "Red")
    with pytest.raises(ValueError, match="at most 20 characters, got 21"):
        parse_teams("Red," + "A" * 21)
    with pytest.raises(ValueError, match="control character"):
        parse_teams("Red,Bl\x1b[31mue")


def test_the_run_follows_the_room_and_votes_are_kept() -> None:
    time = FakeTime()
    session = _workshop(time)
    session.record_votes([_vote("Red", "approve"), _vote("Blue", "approve"),
                          _vote("Green", "block")])
    time.advance(31)  # T+21 at speed 60
    room = session.record_votes([_vote("Red", "freeze"), _vote("Blue", "continue"),
                                 _vote("Green", "freeze")])
    assert room.action == "freeze"
    assert [d.action for d in session.exercise.decisions] == ["approve", "freeze"]
    assert [v.action for v in session.voting.team_votes("Blue")] == ["approve", "continue"]
    assert session.exercise.snapshot().exposure == pytest.approx(0.25)


def test_each_team_is_scored_on_its_own_votes() -> None:
    time = FakeTime()
    session = _workshop(time)
    time.advance(31)
    session.record_votes([_vote("Red", "freeze", "r2-overrides", "r2-reviewer"),
                          _vote("Blue", "continue", "r2-latency"),
                          _vote("Green", "freeze")])
    session.end()
    red = score(session.exercise, session.voting.team_votes("Red"))
    blue = score(session.exercise, session.voting.team_votes("Blue"))
    assert red.total > blue.total
    assert red.harm == blue.harm  # one shared run


def test_a_tie_records_nothing_until_the_facilitator_picks() -> None:
    session = _workshop(FakeTime())
    with pytest.raises(ActionError):
        session.record_votes([_vote("Red", "approve"), _vote("Blue", "block")])
    assert session.voting.votes == []
    assert session.exercise.decisions == []


def test_feedback_names_the_trap_right_after_the_decision() -> None:
    time = FakeTime()
    session = _workshop(time)
    time.advance(31)
    decision = session.act(Choice("continue", ("r2-latency",)))
    lines = {line.id: line for line in feedback(session.exercise, decision)}
    assert lines["evidence"].points == 0
    assert "trap" in lines["evidence"].why
    assert lines["rollout-call"].points < lines["rollout-call"].max / 2


def test_injects_an_action_triggers_are_journalled() -> None:
    session = _workshop(FakeTime())
    session.act(Choice("approve-with-checks", checks=("slice-eval",)))
    journal = session.journal
    assert isinstance(journal, NullJournal)
    kinds = [(e.kind, e.data.get("id")) for e in journal.events()]
    assert ("inject", "check-slice-eval") in kinds
    assert kinds.index(("action", None)) < kinds.index(("inject", "check-slice-eval"))


def test_agreement_is_the_share_of_a_teams_votes_the_room_followed() -> None:
    room = [Decision(-10.0, "approve"), Decision(21.0, "freeze")]
    votes = [Decision(-10.0, "approve", team="Red"), Decision(21.0, "continue", team="Red")]
    assert agreement(votes, room) == 0.5
    assert agreement([], room) == 0.0


def test_team_scores_give_each_team_its_own_card_and_agreement_with_the_room() -> None:
    time = FakeTime()
    session = _workshop(time)
    time.advance(31)
    session.record_votes([_vote("Red", "freeze", "r2-overrides", "r2-reviewer"),
                          _vote("Blue", "continue", "r2-latency"), _vote("Green", "freeze")])
    results = {r.team: r
               for r in team_scores(session.exercise, session.voting.votes, session.teams)}
    # The room followed Red: Red's card is the room's; Blue's run would have continued.
    assert results["Red"].card.total == score(session.exercise).total
    assert results["Blue"].card.total < results["Red"].card.total
    assert (results["Red"].agreement, results["Blue"].agreement) == (1.0, 0.0)


def test_team_scores_list_every_team_named_and_tell_which_voted() -> None:
    session = _workshop(FakeTime())
    session.record_votes([_vote("Red", "approve"), _vote("Blue", "approve")])
    named = team_scores(session.exercise, session.voting.votes, ("Red", "Blue", "Green"))
    assert [(r.team, r.voted) for r in named] == [("Red", True), ("Blue", True),
                                                 ("Green", False)]
    assert [r.team for r in team_scores(session.exercise, session.voting.votes)] == ["Red", "Blue"]


def test_teams_rank_by_total_and_keep_their_order_on_a_tie() -> None:
    time = FakeTime()
    session = _workshop(time)
    time.advance(31)
    session.record_votes([_vote("Blue", "continue", "r2-latency"), _vote("Red", "freeze"),
                          _vote("Green", "freeze")])
    assert [r.team for r in ranked(team_scores(session.exercise, session.voting.votes))] == [
        "Red", "Green", "Blue"]


def test_two_votes_in_one_paused_minute_are_two_rounds_each_with_its_room_decision() -> None:
    session = _workshop(FakeTime())
    session.pause()
    checks = ("slice-eval",)
    session.record_votes([Decision(0.0, "approve-with-checks", checks=checks, team=t)
                          for t in ("Red", "Blue")] + [_vote("Green", "block")])
    session.record_votes([_vote(t, "block", "x-slice-recall") for t in ("Red", "Blue", "Green")])
    rounds = voting_rounds(session.voting.votes, session.exercise.decisions)
    assert [(len(group), room) for group, room in rounds] == [
        (3, "approve-with-checks"), (3, "block")]
    assert len({group[0].minute for group, _ in rounds}) == 1  # one minute, two rounds
    from tabletop.reports.facts import vote_rounds  # the report's rounds read the same

    reported = vote_rounds(session.exercise, session.voting.votes)
    assert [(r.room_action, len(r.votes)) for r in reported] == [
        ("approve-with-checks", 3), ("block", 3)]
