"""The journal's vocabulary: every event a session writes has the stored JSON old journals
have, and reads back as it was written."""

from __future__ import annotations

import json

import pytest

from tabletop.exercise.clock import FakeTime, GameClock
from tabletop.exercise.engine import CONFIDENCE_LEVELS, Decision, Exercise, StatementRecord
from tabletop.journal.events import (
    Event,
    StoredEvent,
    action_event,
    clock_state,
    commitment_event,
    decision_from_event,
    event_kind,
    final_score,
    inject_id,
    jump_event,
    speed_event,
    started_event,
    statement_event,
    statement_from_event,
    vote_event,
    was_started,
)
from tabletop.journal.session import Session
from tests.helpers import mini

# The journal of `_script` exactly as the program wrote it before the encoders moved into
# journal/events.py (kind, minute, stored JSON of data). Kept by hand: old databases hold it.
STORED = [
    ('started', -10.0, '{"scenario": "mini", "ref": "mini.yaml", "seed": 7, '
                       '"speed": 60.0, "mode": "workshop", "teams": ["Red", "Blue"]}'),
    ('inject', -10.0, '{"id": "briefing"}'),
    ('pause', -7.0, '{}'),
    ('speed', -7.0, '{"speed": 120.0}'),
    ('resume', -7.0, '{}'),
    ('checkpoint', -7.0, '{}'),
    ('vote', -7.0, '{"action": "approve", "cited": ["f1"], '
                   '"justification": "F1 <b>up</b>", "confidence": "high", '
                   '"checks": ["slice-eval"], "team": "Red", "decision": "go"}'),
    ('vote', -7.0, '{"action": "approve", "cited": [], "justification": "ship é", '
                   '"confidence": "low", "checks": [], "team": "Blue", "decision": "go"}'),
    ('action', -7.0, '{"action": "approve", "cited": ["f1"], '
                     '"justification": "Room decision: 2 of 2 teams", '
                     '"confidence": "medium", "checks": ["slice-eval"], "team": ""}'),
    ('inject', -7.0, '{"id": "slice-result"}'),
    ('jump', 10.0, '{"to": 10.0}'),
    ('inject', 10.0, '{"id": "signals"}'),
    ('vote', 10.0, '{"action": "freeze", "cited": ["overrides"], '
                   '"justification": "hold", "confidence": "medium", "checks": [], '
                   '"team": "Red", "decision": "halt"}'),
    ('vote', 10.0, '{"action": "rollback", "cited": ["reviewer"], '
                   '"justification": "back", "confidence": "high", "checks": [], '
                   '"team": "Blue", "decision": "halt"}'),
    ('action', 10.0, '{"action": "rollback", "cited": ["reviewer"], '
                     '"justification": "Room decision: 1 of 2 teams (facilitator\'s pick)'
                     '", "confidence": "medium", "checks": [], "team": ""}'),
    ('jump', 20.0, '{"to": 20.0}'),
    ('jump', 25.0, '{"to": 25.0}'),
    ('jump', 30.0, '{"to": 30.0}'),
    ('inject', 30.0, '{"id": "confirmation"}'),
    ('statement', 30.0, '{"request": "notice", '
                        '"fields": {"statement": "Urgent tickets were misrouted; \\"stude'
                        'nts\\" affected"}}'),
    ('answer', 30.0, '{"part": "question", "index": 0, "text": "slices"}'),
    ('answer', 30.0, '{"part": "stop", "text": "trusting F1"}'),
    ('answer', 30.0, '{"part": "plan", "row": 0, "action": "Gate on slices", '
                     '"owner": "Eval lead", "due": "2026-04-01"}'),
    ('ended', 30.0, '{"total": 76.0, "max": 85.0, "grade": "A"}'),
]


def _script() -> Session:
    """A workshop on the mini scenario touching every intent the session journals."""
    time = FakeTime()
    scenario = mini()
    session = Session(Exercise(scenario, None, GameClock(scenario.start_minute, 60.0, time)),
                      None, "mini.yaml", "workshop", ("Red", "Blue"))
    session.start()
    session.tick()
    time.advance(3.0)
    session.pause()
    session.set_speed(120.0)
    session.resume()
    session.checkpoint()
    session.record_votes([
        Decision(0, "approve", ("f1",), "F1 <b>up</b>", "high", ("slice-eval",), "Red"),
        Decision(0, "approve", (), "ship \u00e9", "low", (), "Blue")])
    session.skip_to_next_inject()
    session.record_votes([Decision(0, "freeze", ("overrides",), "hold", "medium", (), "Red"),
                          Decision(0, "rollback", ("reviewer",), "back", "high", (), "Blue")],
                         pick="rollback")
    for minute in (20, 25, 30):  # contingencies on the way: the next inject skips them
        session.jump_to(minute)
    session.submit_statement("notice", {"statement": 'Urgent tickets were misrouted; "students" '
                                                     "affected"})
    session.answer(0, "slices")
    session.commit("stop", "trusting F1")
    session.plan_row(0, "Gate on slices", "Eval lead", "2026-04-01")
    session.end()
    return session


def _stamped(kind: str, minute: float, data: str) -> tuple[str, float, str]:
    """An old journal's event as written now: an action or statement says it was stamped at
    the clock's minute (issue 22), the one change since."""
    if kind in ("action", "statement"):
        data = data[:-1] + ', "stamp": "clock"}'
    return kind, minute, data


def test_a_session_writes_the_json_old_journals_hold_with_the_stamp_rule() -> None:
    written = [(e.kind, e.minute, json.dumps(e.data, ensure_ascii=False))
               for e in _script().journal.events()]
    assert written == [_stamped(*event) for event in STORED]


def test_a_decision_reads_back_with_every_field() -> None:
    decision = Decision(21.34, "freeze", ("a", "b"), "why", "low", ("c",), "Red")
    assert decision_from_event(action_event(decision)) == decision
    assert decision_from_event(vote_event(decision, "halt")) == decision


def test_a_vote_names_its_decision_point() -> None:
    assert vote_event(Decision(1.0, "freeze"), "halt").data["decision"] == "halt"


def test_an_unknown_confidence_reads_back_as_medium() -> None:
    event = Event("action", 1.0, {"action": "freeze", "confidence": "certain"})
    assert decision_from_event(event).confidence == "medium"


def test_the_confidence_levels_run_from_least_to_most_sure() -> None:
    assert CONFIDENCE_LEVELS == ("low", "medium", "high")


def test_a_statement_reads_back_with_its_fields() -> None:
    record = StatementRecord("notice", 30.0, {"what": "misrouted", "who": "students"})
    assert statement_from_event(statement_event(record)) == record


def test_a_jump_records_the_minute_reached() -> None:
    assert jump_event(20.0) == Event("jump", 20.0, {"to": 20.0})


def test_speed_inject_and_score_read_back() -> None:
    assert speed_event(3.0, 120.0).data == {"speed": 120.0}
    assert inject_id(Event("inject", 0.0, {"id": "deploy"})) == "deploy"
    assert final_score(Event("ended", 60.0, {"total": 1.5, "max": 2.0, "grade": "E"})) == (
        1.5, 2.0, "E")


def test_a_commitment_must_be_stop_start_or_continue() -> None:
    with pytest.raises(ValueError, match="commitment must be one of stop, start, continue"):
        commitment_event(0.0, "maybe", "x")  # type: ignore[arg-type]


def test_the_session_refuses_a_commitment_of_another_kind() -> None:
    with pytest.raises(ValueError, match="commitment must be one of"):
        _script().commit("maybe", "x")


def _stored(*events: Event) -> list[StoredEvent]:
    return [StoredEvent(seq, f"2026-01-01T00:00:{seq:02d}+00:00", event)
            for seq, event in enumerate(events, start=1)]


def test_a_stored_kind_no_tabletop_wrote_is_refused() -> None:
    assert event_kind("vote") == "vote"
    with pytest.raises(ValueError, match="unknown event kind"):
        event_kind("tick")


def test_a_journal_before_its_start_has_no_clock() -> None:
    assert clock_state(_stored(Event("answer", 0.0))) is not None
    assert clock_state(_stored(Event("inject", -10.0, {"id": "a"}))) is None
    assert not was_started([Event("inject", -10.0, {"id": "a"})])


def test_the_clock_runs_from_the_latest_clock_stamped_event() -> None:
    state = clock_state(_stored(
        started_event(-10.0, scenario="s", ref="s", seed=1, speed=60.0, mode="solo", teams=()),
        speed_event(-5.0, 120.0), Event("inject", 0.0, {"id": "a"}),
        action_event(Decision(3.01, "freeze"))))
    assert state is not None
    assert (state.anchor.seq, state.running, state.speed, state.reached) == (2, True, 120.0, 3.01)


def test_a_paused_clock_stands_at_its_pause() -> None:
    state = clock_state(_stored(
        started_event(-10.0, scenario="s", ref="s", seed=1, speed=60.0, mode="solo", teams=()),
        Event("pause", 4.0), Event("checkpoint", 4.0)))
    assert state is not None
    assert (state.anchor.event.minute, state.running, state.speed) == (4.0, False, None)
