"""The facilitator steers the story (issue 22, item 1): an inject written on the spot, a
scheduled one held back or brought forward, an overrule of the team's block; each journalled
and taken again by `restore`, and the team's own decisions still what is scored."""

from __future__ import annotations

from pathlib import Path

import pytest

from tabletop.exercise.clock import FakeTime
from tabletop.exercise.engine import ActionError, Choice
from tabletop.exercise.steering import ADHOC, Steer, next_id, waiting
from tabletop.journal.restore import restore
from tabletop.journal.session import Session
from tabletop.journal.steering import journal_steer
from tabletop.journal.store import DB_NAME, Store
from tests.helpers import bundled
from tests.journal.helpers import session_id, started_run
from tests.journal.test_restore import assert_same_run


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / DB_NAME)


def _drill(store: Store) -> Session:
    """A solo drill of the default scenario, saved, started at its first round."""
    return started_run(store)


def _fired(session: Session) -> list[str]:
    return [f.inject.id for f in session.exercise.fired]


def _blocked(session: Session) -> None:
    """Round 1 played well: the checks run, the block cites what they found, and it holds."""
    session.act(Choice("approve-with-checks", checks=("slice-eval",)))
    session.act(Choice("block", ("x-slice-recall",), "urgent recall fails off English"))
    session.jump_to(1.0)
    assert "block-holds" in _fired(session)
    assert "deploy" not in _fired(session)


def test_a_drill_that_blocks_at_round_one_reaches_round_three_when_the_block_is_overruled(
        store: Store) -> None:
    session = _drill(store)
    _blocked(session)
    overrule = Steer("inject", 0, next_id(session.exercise),
                     "The programme director overrules the block",
                     "Term starts on Monday: deploy at 25 % and watch the queues.",
                     ("the term-start deadline is three days away",), effect="deploy")
    fired = journal_steer(session, overrule)
    assert [f.inject.title for f in fired] == ["The programme director overrules the block"]
    session.jump_to(20.0)
    session.jump_to(55.0)
    assert {"early-signals", "confirmation"} <= set(_fired(session))  # rounds 2 and 3
    assert [d.action for d in session.exercise.decisions] == ["approve-with-checks", "block"]
    restored = restore(store, session_id(session), bundled(), FakeTime())
    assert_same_run(restored, session)


def test_an_inject_written_now_reveals_evidence_the_team_can_cite_after_resume(
        store: Store) -> None:
    session = _drill(store)
    move = Steer("inject", 0, next_id(session.exercise), "A journalist calls",
                 "A reporter asks about misrouted tickets.", ("the reporter has a screenshot",))
    journal_steer(session, move)
    (fired,) = [f for f in session.exercise.fired if f.inject.id.startswith(ADHOC)]
    assert fired.minute == session.exercise.minute
    restored = restore(store, session_id(session), bundled(), FakeTime())
    assert_same_run(restored, session)
    restored.act(Choice("block", (f"{ADHOC}1-1",), "press is on it"))
    assert restored.exercise.decisions[-1].cited == (f"{ADHOC}1-1",)


def test_a_held_inject_does_not_come_until_brought_forward(store: Store) -> None:
    session = _drill(store)
    session.act(Choice("approve"))
    journal_steer(session, Steer("hold", 0, "early-signals"))
    assert ("early-signals", True) in [(i.id, held) for i, held in waiting(session.exercise)]
    session.jump_to(30.0)
    assert "early-signals" not in _fired(session)
    after_hold = restore(store, session_id(session), bundled(), FakeTime())
    assert_same_run(after_hold, session)
    journal_steer(session, Steer("forward", 0, "early-signals"))
    assert _fired(session)[-1] == "early-signals"
    assert session.exercise.fired[-1].minute == 30.0
    assert_same_run(restore(store, session_id(session), bundled(), FakeTime()), session)


def test_a_scheduled_inject_brought_forward_comes_now(store: Store) -> None:
    session = _drill(store)
    session.act(Choice("approve"))
    session.jump_to(5.0)
    journal_steer(session, Steer("forward", 0, "early-signals"))
    assert session.exercise.fired[-1].inject.id == "early-signals"
    assert session.exercise.fired[-1].minute == 5.0
    session.jump_to(25.0)
    assert _fired(session).count("early-signals") == 1
    assert_same_run(restore(store, session_id(session), bundled(), FakeTime()), session)


def test_steering_an_inject_that_already_came_is_refused(store: Store) -> None:
    session = _drill(store)
    with pytest.raises(ActionError, match="not waiting"):
        journal_steer(session, Steer("hold", 0, "pre-release"))
    assert not [e for e in session.journal.events() if e.kind == "steer"]


def test_the_report_marks_an_inject_the_facilitator_wrote(store: Store) -> None:
    from tabletop.reports.facts import report_from_session
    from tabletop.reports.markdown import to_markdown

    session = _drill(store)
    journal_steer(session, Steer("inject", 0, next_id(session.exercise), "A journalist calls",
                                 "A reporter asks about misrouted tickets."))
    text = to_markdown(report_from_session(session))
    assert "The facilitator's inject: A journalist calls" in text
