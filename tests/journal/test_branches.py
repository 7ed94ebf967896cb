"""A scenario's declared branches (issue 22, item 1): offered to the facilitator when their
premise holds, never fired by themselves; released, they come at once, are journalled as the
facilitator's, survive `resume` and join the world the run is measured against."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tabletop.exercise.clock import FakeTime
from tabletop.exercise.engine import ActionError, Choice
from tabletop.exercise.steering import Steer, offered
from tabletop.journal.restore import restore
from tabletop.journal.session import Session
from tabletop.journal.setup import new_run
from tabletop.journal.steering import journal_steer
from tabletop.journal.store import DB_NAME, Store
from tabletop.scenario.model import Scenario
from tests.helpers import bundled
from tests.journal.helpers import session_id, started_run
from tests.journal.test_restore import assert_same_run

PRICING = "pricing-assistant-incident"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / DB_NAME)


def _started(store: Store, scenario: Scenario) -> Session:
    return started_run(store, scenario, mode="workshop")


def _fired(session: Session) -> list[str]:
    return [f.inject.id for f in session.exercise.fired]


def _branches(scenario: Scenario) -> list[str]:
    return [i.id for i in scenario.injects if i.branch]


def _blocked_and_held(store: Store) -> Session:
    """Round 1 played well: the checks run, the block cites what they found, and it holds."""
    session = _started(store, bundled())
    session.act(Choice("approve-with-checks", checks=("slice-eval",)))
    session.act(Choice("block", ("x-slice-recall",), "urgent recall fails off English"))
    session.jump_to(1.0)
    assert "block-holds" in _fired(session)
    return session


def test_every_bundled_scenario_declares_a_branch() -> None:
    assert _branches(bundled())
    assert _branches(bundled(PRICING))


def test_a_block_that_holds_is_offered_the_branch_and_the_story_waits_for_the_facilitator(
        store: Store) -> None:
    session = _blocked_and_held(store)
    session.jump_to(30.0)
    (branch,) = offered(session.exercise)
    assert branch.id in _branches(bundled())
    assert branch.minute < 30.0  # offered at its own minute, when its premise held
    assert branch.id not in _fired(session)
    assert not set(_fired(session)) & {"early-signals", "confirmation"}  # nothing more comes
    assert session.exercise.next_inject_minute() != branch.minute


def test_released_the_branch_comes_now_and_the_rounds_follow_and_survive_resume(
        store: Store) -> None:
    session = _blocked_and_held(store)
    session.jump_to(8.0)
    (branch,) = offered(session.exercise)
    fired = journal_steer(session, Steer("branch", 0, branch.id))
    assert [(f.inject.id, f.minute, f.facilitator) for f in fired] == [(branch.id, 8.0, True)]
    assert not offered(session.exercise)
    session.jump_to(55.0)
    assert {"early-signals", "confirmation"} <= set(_fired(session))  # rounds 2 and 3
    assert [d.action for d in session.exercise.decisions] == ["approve-with-checks", "block"]
    restored = restore(store, session_id(session), bundled(), FakeTime())
    assert_same_run(restored, session)
    assert [f.facilitator for f in restored.exercise.fired if f.inject.id == branch.id] == [True]


def _overruled(store: Store, answer: Choice | None) -> tuple[float, float]:
    """The total before the branch is released, and at the end after the team's answer to
    it at round 2 (None: no answer)."""
    session = _blocked_and_held(store)
    session.jump_to(8.0)
    before = session.score().total
    (branch,) = offered(session.exercise)
    journal_steer(session, Steer("branch", 0, branch.id))
    (played,) = [i for i in session.exercise.scenario.injects if i.id == branch.id]
    assert (played.branch, played.when, played.minute) == (False, None, 8.0)
    session.jump_to(21.0)
    if answer is not None:
        session.act(answer)
    session.jump_to(90.0)
    return before, session.score().total


def test_the_team_is_judged_on_what_it_did_with_a_released_branch(tmp_path: Path) -> None:
    rolled_back = _overruled(Store(tmp_path / "a.db"), Choice(
        "rollback", ("r2-overrides", "r2-urgent-to-general"), "overrides and misroutes rise"))
    ignored = _overruled(Store(tmp_path / "b.db"), None)
    before, after = rolled_back
    assert abs(after - before) <= 1.0  # the overrule is not the team's harm
    assert ignored[1] < before - 20  # what the team let happen after it is


def test_a_branch_whose_premise_does_not_hold_is_never_offered(store: Store) -> None:
    session = _started(store, bundled())
    session.act(Choice("approve"))  # deployed: the block's overrule has nothing to overrule
    session.jump_to(30.0)
    assert not offered(session.exercise)
    with pytest.raises(ActionError, match="not offered"):
        journal_steer(session, Steer("branch", 0, _branches(bundled())[0]))
    assert not [e for e in session.journal.events() if e.kind == "steer"]


def test_after_an_early_rollback_the_pricing_branch_brings_a_second_trigger_to_cite(
        store: Store) -> None:
    scenario = bundled(PRICING)
    session = _started(store, scenario)
    session.jump_to(0.0)
    session.act(Choice("rollback", ("p-hallucinated",), "stabilise first"))
    session.jump_to(12.0)
    (branch,) = offered(session.exercise)
    journal_steer(session, Steer("branch", 0, branch.id))
    revealed = {e.id for f in session.exercise.fired if f.inject.id == branch.id
                for e in f.evidence}
    assert revealed
    session.act(Choice("disable-flag", tuple(revealed), "the rollback target drifts too"))
    assert session.exercise.decisions[-1].cited == tuple(revealed)
    assert_same_run(restore(store, session_id(session), scenario, FakeTime()), session)


def test_any_inject_declared_a_branch_is_offered_not_fired(store: Store) -> None:
    scenario = bundled()
    first = next(i for i in scenario.injects if i.when is None and i.minute > scenario.start_minute
                 and i.pause)
    branching = replace(scenario, injects=tuple(replace(i, branch=True) if i is first else i
                                                for i in scenario.injects))
    session = _started(store, branching)
    session.jump_to(first.minute + 1)
    assert first.id not in _fired(session)
    assert [b.id for b in offered(session.exercise)] == [first.id]


def test_the_report_marks_a_branch_the_facilitator_released(store: Store) -> None:
    from tabletop.reports.facts import report_from_session
    from tabletop.reports.markdown import to_markdown

    session = _blocked_and_held(store)
    session.jump_to(8.0)
    (branch,) = offered(session.exercise)
    journal_steer(session, Steer("branch", 0, branch.id))
    assert f"Released by the facilitator: {branch.title}" in to_markdown(
        report_from_session(session))


def test_the_facilitators_notes_say_a_branch_is_offered_not_that_it_fires() -> None:
    from tabletop.ui.room.facilitator import outlook

    scenario = bundled()
    (branch,) = [i for i in scenario.injects if i.branch]
    session = new_run(scenario, ref="branches", mode="workshop", time_source=FakeTime())
    assert outlook(session.exercise, branch).startswith("a branch: offered to you")


def test_a_steered_runs_replay_line_reproduces_it(store: Store) -> None:
    """The debrief's replay line carries the facilitator's moves (`simulate --steer`), each
    where it came among the decisions: a branch released, an inject written now, one held
    back then brought forward, and the team's rollback after the overrule, all replayed to
    the same injects at the same minutes and the same score."""
    from tabletop.journal.setup import replay_line
    from tests.exercise.test_variation import _simulate_json

    session = _blocked_and_held(store)
    session.jump_to(8.0)
    (branch,) = offered(session.exercise)
    journal_steer(session, Steer("branch", 0, branch.id))
    journal_steer(session, Steer("inject", 0, "adhoc-1", "A reporter calls",
                                 "A reporter asks about misrouted tickets.",
                                 ("the reporter: 'students wait hours'",)))
    journal_steer(session, Steer("hold", 0, "early-signals"))
    session.jump_to(21.0)
    journal_steer(session, Steer("forward", 0, "early-signals"))
    session.act(Choice("rollback", ("r2-overrides", "adhoc-1-1"), "overrides rise"))
    session.jump_to(40.0)
    session.exercise.end()
    line = replay_line(session)
    assert line.count("--steer=") == 4
    replayed = _simulate_json(line)
    live = [(f.inject.id, f.minute) for f in session.exercise.fired]
    assert [(f["id"], f["minute"]) for f in replayed["fired_injects"]][:len(live)] == live
    assert replayed["total"] == session.score().total


def test_a_bad_steering_move_on_the_command_line_is_a_usage_error(
        capsys: pytest.CaptureFixture[str]) -> None:
    from tabletop.cli import main

    assert main(["simulate", "student-support-release", "--steer=5:swap:deploy"]) == 2
    assert "not MINUTE:KIND:INJECT" in capsys.readouterr().err
