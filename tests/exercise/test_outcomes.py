"""Outcomes a scenario declares: rates per model version and segment, their own draws, harm
counted per outcome, and files that declare them wrongly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tabletop.cli import main
from tabletop.exercise.engine import ActionError, Choice, Exercise
from tabletop.exercise.simulation import RolloutPlan, Simulation, count_harm
from tabletop.scenario.outcomes import HARM_COUNTERS
from tabletop.scoring.cases import counterfactuals
from tests.helpers import FILE, exercise_at, mini, mutate, position, refused, run, step
from tests.helpers import MINI as MINI_TEXT

LEAK = """\
  outcomes:
    - id: code_leaked
      label: discount codes leaked
      unit: code
      weight: 3
      candidate: {rate: 0.0, segments: {other: 0.6}}
      incumbent: {rate: 0.05}
"""
NOT_HARM = """\
    - id: answered
      label: answers given
      harm: false
      candidate: {rate: 0.5}
      incumbent: {rate: 0.5}
"""
DECLARED = mutate("  high_priority_share: 0.2\n", "  high_priority_share: 0.2\n" + LEAK)
BOTH = mutate(LEAK, LEAK + NOT_HARM, DECLARED)


def _full_candidate() -> RolloutPlan:
    return RolloutPlan(((0.0, "continue"),))


def test_an_outcome_follows_its_rate_on_each_segment() -> None:
    sim = Simulation(mini(DECLARED), 5)
    sim.apply(0.0, "continue")
    items = [i for i in sim.advance(60.0) if i.served_by == "candidate" and i.minute > 20]
    for segment, low, high in (("en", 0.0, 0.0), ("other", 0.5, 0.7)):
        group = [i for i in items if i.segment == segment]
        share = sum("code_leaked" in i.produced for i in group) / len(group)
        assert low <= share <= high, (segment, share, len(group))


def test_declaring_an_outcome_moves_no_other_draw() -> None:
    """The routing draws and the first outcome's draws are the same with a second outcome
    declared: each outcome draws from its own stream."""
    one, two = Simulation(mini(DECLARED), 9), Simulation(mini(BOTH), 9)
    for sim in (one, two):
        sim.apply(0.0, "continue")
    a, b = one.advance(60.0), two.advance(60.0)
    assert [(i.routed, i.overridden, i.failed, i.trace_id) for i in a] == \
           [(i.routed, i.overridden, i.failed, i.trace_id) for i in b]
    assert [("code_leaked" in i.produced) for i in a] == [("code_leaked" in i.produced) for i in b]
    assert any("answered" in i.produced for i in b)
    plain = Simulation(mini(), 9)
    plain.apply(0.0, "continue")
    assert [i.routed for i in plain.advance(60.0)] == [i.routed for i in a]


def test_harm_counts_what_the_candidate_adds_and_not_a_non_harm_outcome() -> None:
    scenario = mini(BOTH)
    sim = Simulation(scenario, 3)
    items = sim.candidate_items(_full_candidate(), 0.0, 60.0)
    harm = count_harm(scenario.stream, items, 0.0)
    expected = sum("code_leaked" in i.produced and "code_leaked" not in i.shadow_produced
                   for i in items)
    produced = sum("code_leaked" in i.produced for i in items)
    assert harm.count("code_leaked") == expected > 0
    assert expected < produced  # the incumbent's own 5 % is not the release's harm
    assert "answered" not in harm.as_dict()
    assert harm.weighted({"code_leaked": 2}) == 2 * expected


def test_a_rollback_stops_an_outcome_and_the_rubric_weighs_it_at_its_weight() -> None:
    scenario = mini(DECLARED)
    harm = next(c for c in scenario.rubric.criteria if c.kind == "harm")
    assert harm.weights == {"critical_misrouted": 1, "high_priority_missed": 5}
    unweighted = mini(mutate("      weights: {critical_misrouted: 1, high_priority_missed: 5}\n",
                             "", DECLARED))
    assert unweighted.rubric.harm_weights == {"critical_misrouted": 1.0, "code_leaked": 3.0}
    nobody = run(unweighted).harm_for(RolloutPlan())
    early = run(unweighted, step(1, "rollback"))
    assert early.harm_for(early.plan()).count("code_leaked") < nobody.count("code_leaked")


def test_simulate_json_reports_harm_per_declared_outcome(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "leak.yaml"
    path.write_text(DECLARED)
    assert main(["simulate", str(path), "--seed", "4", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["harm"]["code_leaked"] > 0
    assert set(out["baseline_harm"]) >= {"critical_misrouted", "failed", "code_leaked"}


def test_an_outcome_named_twice_is_refused_with_its_place() -> None:
    text = mutate(NOT_HARM, NOT_HARM.replace("answered", "code_leaked"), BOTH)
    err = refused(text)
    assert err.file == FILE
    assert err.field_path == "stream.outcomes[1].id"
    line, _ = position(text, "    - id: code_leaked\n      label: answers")
    assert err.line == line
    assert err.column is not None
    assert "named twice" in str(err)


def test_a_fault_on_an_unknown_outcome_is_refused_with_its_place() -> None:
    text = mutate("  high_priority_share: 0.2\n",
                  "  high_priority_share: 0.2\n  faults:\n"
                  "    - {from_minute: 5, outcomes: {codes_leaked: 0.2}}\n", DECLARED)
    err = refused(text)
    assert err.field_path == "stream.faults[0].outcomes.codes_leaked"
    assert (err.line, err.column) == position(text, "0.2}}")
    assert "unknown outcome 'codes_leaked'" in str(err)
    assert "code_leaked" in str(err)


def test_rates_on_an_unknown_segment_and_a_weight_on_an_unknown_outcome_are_refused() -> None:
    err = refused(mutate("segments: {other: 0.6}", "segments: {others: 0.6}", DECLARED))
    assert err.field_path == "stream.outcomes[0].candidate.segments.others"
    err = refused(mutate("high_priority_missed: 5}", "code_leak: 5}", DECLARED))
    assert err.field_path.endswith("weights.code_leak")
    assert "code_leaked" in str(err)


def test_a_fault_window_adds_to_an_outcome() -> None:
    text = mutate("  high_priority_share: 0.2\n",
                  "  high_priority_share: 0.2\n  faults:\n"
                  "    - {from_minute: 30, outcomes: {code_leaked: 0.9}}\n", DECLARED)
    sim = Simulation(mini(text), 2)
    items = sim.candidate_items(_full_candidate(), 0.0, 60.0)
    en_before = [i for i in items if i.segment == "en" and i.minute < 30]
    en_after = [i for i in items if i.segment == "en" and i.minute >= 30]
    assert not any("code_leaked" in i.produced for i in en_before)
    assert sum("code_leaked" in i.produced for i in en_after) > len(en_after) / 2


# --- actions that stop or scale outcomes ---------------------------------------------------------

REVOKE = """\
  - id: revoke
    label: Revoke the codes
    stops: [code_leaked]
    takes_minutes: 5
    role: lead
  - id: thin
    label: Tighten the filter
    scales: {code_leaked: 0.5}
    role: lead
"""
REMEDIED = mutate("decisions:\n", REVOKE + "\ndecisions:\n", DECLARED)


def _leaks(exercise: Exercise, since: float) -> int:
    return sum("code_leaked" in i.produced for i in exercise.items if i.minute >= since)


def test_a_stop_holds_from_the_action_minute_plus_what_it_takes() -> None:
    played = run(mini(REMEDIED), step(0, "continue"), step(10, "revoke"))
    assert _leaks(played, 15.02) == 0
    assert _leaks(played, 0) > 0
    before = [i for i in played.items if 10 <= i.minute < 15 and "code_leaked" in i.produced]
    assert before  # the 5 minutes the revocation takes still leak
    nobody = run(mini(REMEDIED), step(0, "continue"))
    harm, base = (e.harm_for(e.plan()).count("code_leaked") for e in (played, nobody))
    assert harm < base


def test_a_scale_thins_an_outcome_to_a_subset_of_the_same_draws() -> None:
    thinned = run(mini(REMEDIED), step(0, "continue"), step(10, "thin"))
    full = run(mini(REMEDIED), step(0, "continue"))
    after = {i.id for i in thinned.items if i.minute > 10 and "code_leaked" in i.produced}
    unthinned = {i.id for i in full.items if i.minute > 10 and "code_leaked" in i.produced}
    assert after < unthinned
    assert 0.3 < len(after) / len(unthinned) < 0.7


def test_a_busy_role_cannot_start_its_next_step() -> None:
    exercise = exercise_at(mini(REMEDIED), 10)
    exercise.act(Choice("revoke"))
    assert "thin" not in {a.id for a in exercise.available_actions()}
    with pytest.raises(ActionError, match="busy until T\\+15"):
        exercise.act(Choice("thin"))


def test_the_best_case_takes_the_remediations_and_nobody_acting_does_not() -> None:
    scenario = mini(REMEDIED)
    cases = counterfactuals(scenario, 3)
    assert cases.best_plan.outcome_effects
    assert cases.best.count("code_leaked") < cases.baseline.count("code_leaked")
    assert not RolloutPlan().outcome_effects


def test_an_effect_on_an_unknown_outcome_or_role_is_refused_with_its_place() -> None:
    text = mutate("stops: [code_leaked]", "stops: [codes_leaked]", REMEDIED)
    err = refused(text)
    assert err.field_path == "actions[4].stops[0]"
    assert (err.line, err.column) == position(text, "codes_leaked]")
    assert "unknown outcome 'codes_leaked'" in str(err)
    err = refused(mutate("scales: {code_leaked: 0.5}\n    role: lead",
                         "scales: {code_leaked: 0.5}\n    role: leader", REMEDIED))
    assert err.field_path == "actions[5].role"


# --- injects that wait for a figure ---------------------------------------------------------------

LEAK_FROM_8 = mutate(
    "      candidate: {rate: 0.0, segments: {other: 0.6}}\n      incumbent: {rate: 0.05}\n",
    "      candidate: {rate: 0.0}\n  faults:\n"
    "    - {from_minute: 8, outcomes: {code_leaked: 0.5}}\n", DECLARED)
LEAK_REPORTED = mutate("""  - id: chase
""", """  - id: leak-reported
    minute: 2
    title: Codes in the wild
    when: {figure: code_leaked_total, at_least: 3}
    evidence:
      - id: codes
        tag: stakeholder
        text: "{code_leaked_total} codes leaked, {code_leaked_rate_percent} % of answers"
  - id: chase
""", LEAK_FROM_8)


def _fired(exercise: Exercise, inject: str) -> list[tuple[float, str]]:
    return [(f.minute, f.evidence[0].text) for f in exercise.fired if f.inject.id == inject]


def test_an_inject_fires_at_the_whole_minute_its_figure_is_reached_and_quotes_it() -> None:
    scenario = mini(LEAK_REPORTED)
    played = run(scenario, step(0, "continue"))
    ((minute, text),) = _fired(played, "leak-reported")
    assert minute >= 8
    assert minute == int(minute)
    total = played.snapshot_at(minute).outcomes[0].total
    assert total >= 3
    assert played.snapshot_at(minute - 1).outcomes[0].total < 3
    assert text.startswith(f"{total} codes leaked, ")
    assert "{" not in text
    # the same minute however the clock got there: ticked minute by minute
    ticked = exercise_at(scenario, 0)
    ticked.act(Choice("continue"))
    for tick in range(1, 60):
        ticked.clock.jump_to(tick + 0.37)
        ticked.update()
    assert [f.minute for f in ticked.fired if f.inject.id == "leak-reported"] == [minute]


def test_an_inject_whose_premise_a_rollback_prevented_never_fires() -> None:
    played = run(mini(LEAK_REPORTED), step(0, "continue"), step(5, "rollback"))
    assert _fired(played, "leak-reported") == []
    assert played.snapshot_at(60).outcomes[0].total == 0


def test_a_condition_on_an_unknown_figure_or_with_no_value_is_refused_with_its_place() -> None:
    text = mutate("figure: code_leaked_total,", "figure: codes_leaked_total,", LEAK_REPORTED)
    err = refused(text)
    assert err.field_path == "injects[7].when.figure"
    assert "unknown figure 'codes_leaked_total'" in str(err)
    err = refused(mutate(", at_least: 3}", "}", LEAK_REPORTED))
    assert "expected at_least or at_most" in str(err)


# --- routing: each segment its own behaviour ---------------------------------------------------

OTHER = """\
    other: {misroute: 0.8, critical_misroute: 0.8, high_priority_misroute: 0.8,
            confidence_right: 0.9, confidence_wrong: 0.9, override: 0.5}
"""
PER_SEGMENT = mutate(OTHER, OTHER + """\
    segments:
      other: {misroute: 0.0, critical_misroute: 0.3, high_priority_misroute: 0.3,
              confidence_right: 0.9, confidence_wrong: 0.9, override: 0.5}
""")


def test_a_segment_routes_by_its_own_behaviour_over_home_and_other() -> None:
    def critical_misses(text: str) -> float:
        sim = Simulation(mini(text), 8)
        items = sim.candidate_items(_full_candidate(), 0.0, 60.0)
        urgent = [i for i in items if i.segment == "other" and i.true_class == "urgent"]
        return sum(i.misrouted for i in urgent) / len(urgent)

    assert critical_misses(MINI_TEXT) > 0.65
    assert 0.15 < critical_misses(PER_SEGMENT) < 0.45


def test_a_routing_stream_must_cover_every_segment() -> None:
    text = mutate(OTHER, "", PER_SEGMENT)
    assert mini(text).stream.candidate.other is None  # `other` is covered by its segment
    err = refused(mutate("    segments:\n      other:", "    segments:\n      others:",
                         PER_SEGMENT))
    assert err.field_path == "stream.candidate.segments.others"
    err = refused(mutate("    segments:\n      other:", "    segments:\n      en:",
                         text))
    assert "no routing behaviour for other" in str(err)


def test_a_file_in_the_format_before_outcomes_loads_and_counts_as_it_did() -> None:
    """Routing by home and other, a leak fault by leak_rate: no outcome, the four counters."""
    text = mutate("  high_priority_share: 0.2\n", "  high_priority_share: 0.2\n  faults:\n"
                  "    - {from_minute: 5, leak_rate: 0.2}\n")
    scenario = mini(text)
    assert scenario.stream.routes
    assert scenario.stream.outcomes == ()
    harm = run(scenario).harm_for(RolloutPlan())
    assert tuple(harm.as_dict()) == HARM_COUNTERS
    assert harm.leaks > 0
    assert harm.critical_misrouted > 0
