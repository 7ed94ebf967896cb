"""The runbook's order (issue 20, item 5): steps before stabilising cost order in proportion to
the harm they let through; a step whose premise had not come first does not count; a made-up
trace id or the wrong run id in the stub is a wrong claim."""

from __future__ import annotations

from tabletop.exercise.replay import parse_action, parse_statement, play
from tabletop.scoring.rubric import ScoreCard, score
from tests.helpers import bundled, mutate, position, refused
from tests.scenario.test_loader_errors import assert_error
from tests.scoring.judge_plays import _PRICING_RUNBOOK, _STUB, PLAYS, PRICING, card

_EXPERT = "expert: roll back at T+0.5, whole runbook"


def played(actions: list[str], statements: tuple[str, ...] = (_STUB,)) -> ScoreCard:
    return score(play(bundled(PRICING), None, [parse_action(a) for a in actions],
                      [parse_statement(s) for s in statements]))


def line(c: ScoreCard, criterion: str) -> tuple[float, str]:
    found = next(x for x in c.criteria if x.id == criterion)
    return found.points, found.why


def diagnosed_first(minutes: int) -> ScoreCard:
    diagnosis = ["inspect-runs", "check-grafana", "verify-prompts", "check-gateway"]
    steps = [f"{i * minutes / len(diagnosis):g}:{a}" for i, a in enumerate(diagnosis)]
    rest = [f"{minutes + 1 + i}:{a}" for i, a in enumerate(
        ["capture-trace:p-hallucinated", "mark-run-failed", "page-oncall",
         "fix-prompts-retrain:d-prompts", "document-register"])]
    return played([*steps, f"{minutes}:rollback:p-hallucinated", *rest,
                   "50:schedule-retro", "51:bias-review-followup", "52:update-runbook"])


def test_diagnosing_before_stabilising_costs_order_in_proportion_to_the_harm() -> None:
    expert = card(PRICING, _EXPERT)
    five, ten = diagnosed_first(5), diagnosed_first(10)
    assert line(expert, "order")[0] == 15
    assert line(ten, "order")[0] < line(five, "order")[0] < 15
    assert "came before Roll back to last known good" in line(ten, "order")[1]
    assert line(ten, "timeliness")[0] < line(five, "timeliness")[0] < 15
    assert "that share is lost" in line(ten, "timeliness")[1]
    assert ten.total < five.total < expert.total
    assert ten.grade != "A"


def test_the_whole_runbook_in_one_burst_scores_below_the_paced_expert() -> None:
    burst = played(["0:rollback:p-hallucinated", *(f"0:{a.split(':', 1)[1]}"
                                                    for a in _PRICING_RUNBOOK)])
    points, why = line(burst, "completeness")
    assert points < 15
    assert "not counted, taken before what they need" in why
    assert "Schedule the retrospective" in why
    assert burst.total < card(PRICING, _EXPERT).total


def test_post_incident_steps_before_stabilising_do_not_count() -> None:
    early = played(["0:schedule-retro", "1:rollback:p-hallucinated"], ())
    late = played(["0:rollback:p-hallucinated", "1:schedule-retro"], ())
    assert line(early, "completeness")[0] < line(late, "completeness")[0]


def test_a_made_up_trace_id_or_the_wrong_run_id_is_a_wrong_claim() -> None:
    honest = card(PRICING, _EXPERT)
    runbook = list(PLAYS[PRICING][_EXPERT][0])
    made_up = played(runbook, (_STUB.replace("4cd9fbb5c22e", "deadbeef0000"),))
    wrong_run = played(runbook, (_STUB.replace("run-7f3a91", "run-52c0d4"),))
    for stub in (made_up, wrong_run):
        points, why = line(stub, "stub")
        assert points <= line(honest, "stub")[0] / 2
        assert "wrong claim" in why
    assert "deadbeef0000" in line(made_up, "stub")[1]
    assert "the release at fault is run run-7f3a91" in line(wrong_run, "stub")[1]


def test_a_premise_or_a_verified_field_that_names_nothing_is_refused() -> None:
    premise = mutate("    label: Roll back\n", "    label: Roll back\n    premise: [luck]\n")
    assert_error(refused(premise), position(premise, "luck"), "actions[3].premise[0]",
                 "unknown action or inject 'luck'")
    run = mutate("      statement: notice\n", "      statement: notice\n      verify_run: run\n")
    error = refused(run)
    assert error.field_path.endswith("verify_run")
    assert "'run' is not a field of the communication request 'notice'" in error.message
