"""The run's timeline: one list, in one order, carrying what every renderer draws."""

from __future__ import annotations

from tabletop.exercise.clock import FakeTime
from tabletop.exercise.engine import Decision
from tabletop.reports.timeline import KINDS, run_timeline, scheduled_timeline
from tests.exercise.test_workshop import _workshop
from tests.helpers import bundled, played, step
from tests.journal.helpers import HALT_VOTES, uninterrupted


def test_entries_run_by_minute_then_inject_vote_decision_statement() -> None:
    session = uninterrupted()
    entries = run_timeline(session.exercise, session.voting.votes)
    caused = {e.minute for e in entries if e.kind == "decision"}
    keys = [(e.minute, KINDS.index(e.kind)) for e in entries
            if not (e.minute in caused and e.inject and e.inject.when)]
    assert keys == sorted(keys)
    assert {e.kind for e in entries} == set(KINDS)


def test_the_teams_votes_come_just_before_the_room_decision_they_made() -> None:
    session = uninterrupted()
    entries = run_timeline(session.exercise, session.voting.votes)
    halt = next(d for d in session.exercise.decisions if d.action == "rollback")
    at_that_minute = [(e.kind, e.team) for e in entries if e.minute == halt.minute
                      and e.kind in ("vote", "decision")]
    assert at_that_minute == [*(("vote", v.team) for v in HALT_VOTES), ("decision", "")]


def test_votes_are_left_out_unless_given() -> None:
    entries = run_timeline(uninterrupted().exercise)
    assert "vote" not in {e.kind for e in entries}


def test_an_inject_carries_its_evidence_as_the_run_showed_it_with_tags() -> None:
    exercise = uninterrupted().exercise
    entries = [e for e in run_timeline(exercise) if e.kind == "inject"]
    assert [e.inject for e in entries] == [f.inject for f in exercise.fired]
    assert [e.evidence for e in entries] == [f.evidence for f in exercise.fired]
    assert all(ev.tag for e in entries for ev in e.evidence)


def test_a_decision_carries_what_backed_it() -> None:
    exercise = uninterrupted().exercise
    decisions = [e for e in run_timeline(exercise) if e.kind == "decision"]
    for entry, decision in zip(decisions, exercise.decisions, strict=True):
        assert entry.label == exercise.scenario.action(decision.action).label
        assert (entry.cited, entry.checks, entry.justification, entry.confidence) == (
            decision.cited, decision.checks, decision.justification, decision.confidence)


def test_a_statement_carries_its_request_title_and_fields() -> None:
    exercise = uninterrupted().exercise
    [entry] = [e for e in run_timeline(exercise) if e.kind == "statement"]
    [sent] = exercise.statements
    title = exercise.scenario.statement_request(sent.request).title
    assert (entry.label, entry.title) == (title, f"{title} sent")
    assert dict(entry.fields) == sent.fields


def test_the_scheduled_timeline_leaves_conditional_injects_off() -> None:
    scenario = bundled()
    entries = scheduled_timeline(scenario)
    assert [e.ref for e in entries] == [
        i.id for i in sorted(scenario.injects, key=lambda i: i.minute) if i.when is None]
    assert "{" not in " ".join(ev.text for e in entries for ev in e.evidence)


def test_a_checks_results_come_after_the_decision_that_asked_for_them() -> None:
    """Both happen at the decision's minute; a reader must not take the decision for one made
    after seeing the results."""
    exercise = played(step(-10, "approve-with-checks", checks=("slice-eval", "calibration")))
    entries = run_timeline(exercise)
    decision = next(i for i, e in enumerate(entries) if e.kind == "decision")
    results = [i for i, e in enumerate(entries) if e.inject and e.inject.when
               and e.inject.when.checks]
    assert len(results) == 2
    assert all(entries[i].minute == entries[decision].minute for i in results)
    assert min(results) > decision


def test_two_rounds_in_one_paused_minute_read_in_the_order_they_happened() -> None:
    """Approve with checks, the checks report, then block on what they found: all at the
    minute the clock stood at, and read in that order."""
    session = _workshop(FakeTime())
    session.pause()
    teams = ("Red", "Blue", "Green")
    session.record_votes([Decision(0.0, "approve-with-checks", checks=("slice-eval",), team=t)
                          for t in teams])
    session.record_votes([Decision(0.0, "block", ("x-slice-recall",), team=t) for t in teams])
    entries = run_timeline(session.exercise, session.voting.votes)
    minute = session.exercise.decisions[0].minute
    said = [(e.kind, e.label) for e in entries if (e.minute == minute and e.kind != "inject")
            or e.ref == "check-slice-eval"]
    label = session.exercise.scenario.action
    approve, block = label("approve-with-checks").label, label("block").label
    check = next(i.title for i in session.exercise.scenario.injects if i.id == "check-slice-eval")
    assert said == [*[("vote", approve)] * 3, ("decision", approve), ("inject", check),
                    *[("vote", block)] * 3, ("decision", block)]
