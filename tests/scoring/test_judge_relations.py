"""The judge a facilitator can defend (issue 10): relations between plays, never golden numbers.

The plays are tests/scoring/judge_plays.py's, each a `tabletop simulate` command line, played
in-process with the scenario's default seed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tabletop.exercise.engine import Decision
from tabletop.exercise.replay import parse_action, parse_statement, play
from tabletop.scenario.loader import load_scenario
from tabletop.scoring.rubric import CAP_ID, ScoreCard, feedback, score
from tests.helpers import bundled, mini, mutate, run, step
from tests.scoring.judge_plays import PLAYS, PRICING, STUDENT, card

ROOT = Path(__file__).resolve().parents[2]
_MODERATION = "tests/scenarios/content-moderation-release.yaml"


def points(c: ScoreCard, criterion: str) -> float:
    return next(line.points for line in c.criteria if line.id == criterion)


def why(c: ScoreCard, criterion: str) -> str:
    return next(line.why for line in c.criteria if line.id == criterion)


def weighted(ident: str, c: ScoreCard) -> float:
    return c.harm.weighted(bundled(ident).rubric.harm_weights)


# --- the four relations, default scenario ------------------------------------------------------


def test_the_lazy_play_is_not_an_a_and_scores_at_least_20_below_the_expert() -> None:
    lazy, expert = card(STUDENT, "lazy"), card(STUDENT, "expert")
    assert lazy.grade != "A"
    assert expert.total - lazy.total >= 20


def test_the_protective_zero_harm_plays_score_at_least_the_experts() -> None:
    expert = card(STUDENT, "expert")
    for name in ("block, citing the checks", "checks, roll back at T+0"):
        protective = card(STUDENT, name)
        assert weighted(STUDENT, protective) == 0
        assert protective.total >= expert.total


def test_continuing_at_56_scores_no_more_than_nobody_acting() -> None:
    reckless, nobody = card(STUDENT, "continue at T+56"), card(STUDENT, "nobody acts")
    assert weighted(STUDENT, reckless) > weighted(STUDENT, nobody)
    assert reckless.total <= nobody.total
    assert any(line.id == CAP_ID for line in reckless.criteria)


# --- the same relations, pricing scenario --------------------------------------------------------


def test_pricing_lazy_play_is_not_an_a_and_scores_at_least_20_below_the_expert() -> None:
    lazy = card(PRICING, "lazy")
    expert = card(PRICING, "expert: roll back at T+0.5, whole runbook")
    assert lazy.grade != "A"
    assert expert.total - lazy.total >= 20


def test_pricing_stabilising_at_once_scores_at_least_the_expert() -> None:
    protective = card(PRICING, "roll back at T+0, whole runbook")
    expert = card(PRICING, "expert: roll back at T+0.5, whole runbook")
    assert weighted(PRICING, protective) <= weighted(PRICING, expert)
    assert protective.total >= expert.total


def test_pricing_never_stabilising_scores_below_every_play_that_stabilises() -> None:
    # No action of the pricing scenario adds harm, so no play there exceeds nobody acting; the
    # play that lets all the harm happen still ranks below every play that stops it.
    never = card(PRICING, "diagnose, never stabilise")
    assert weighted(PRICING, never) == weighted(PRICING, card(PRICING, "nobody acts"))
    for name in ("lazy", "disable the flag at T+10", "expert: roll back at T+0.5, whole runbook"):
        assert points(card(PRICING, name), "stabilise") > 0
        assert card(PRICING, name).total > never.total


def test_any_play_more_harmful_than_nobody_scores_no_more_than_nobody_in_each_scenario() -> None:
    for ident in PLAYS:
        nobody = card(ident, "nobody acts")
        for name in PLAYS[ident]:
            c = card(ident, name)
            if weighted(ident, c) > weighted(ident, nobody):
                assert c.total <= nobody.total, name


def test_widening_late_in_the_held_out_scenario_scores_no_more_than_nobody() -> None:
    moderation = load_scenario(ROOT / _MODERATION)
    nobody = score(play(moderation, None, []))
    widened = score(play(moderation, None, [parse_action("50:widen")]))
    assert widened.harm.weighted({"critical_misrouted": 1}) > \
        nobody.harm.weighted({"critical_misrouted": 1})
    assert widened.total <= nobody.total


# --- best case --------------------------------------------------------------------------------


def test_the_best_case_is_the_least_harm_of_any_play_not_the_reference_plan() -> None:
    best = card(STUDENT, "expert").best_harm
    weights = bundled(STUDENT).rubric.harm_weights
    for name in ("expert", "lazy", "nobody acts", "continue at T+56"):
        assert best.weighted(weights) <= weighted(STUDENT, card(STUDENT, name)), name
    # A block that cites the checks holds: zero harm, below the old reference plan's line.
    assert best.weighted(weights) == 0


def test_an_old_reference_plan_no_longer_moves_the_best_case() -> None:
    # The mini scenario still carries a reference plan (rollback at 10): older files load.
    late = mini(mutate("- {minute: 10, action: rollback}", "- {minute: 40, action: rollback}"))
    earliest = score(run(late, step(0, "rollback")))
    assert score(run(late)).best_harm == earliest.harm


# --- judging decisions -------------------------------------------------------------------------


def test_a_decision_that_no_longer_changed_the_run_is_not_scored_down() -> None:
    exercise = play(bundled(STUDENT), None, [parse_action("20:rollback:r2-overrides")])
    once = score(exercise)
    repeated = score(exercise, [*exercise.decisions, Decision(56, "rollback")])
    assert points(repeated, "rollout-call") == points(once, "rollout-call")
    assert points(repeated, "evidence") == points(once, "evidence")
    assert "no longer changed the run" in why(repeated, "rollout-call")


def test_evidence_is_scored_against_what_could_be_cited_then() -> None:
    # Before deployment no service-quality evidence exists: technical evidence is all there is.
    expert = card(STUDENT, "expert")
    exercise = play(bundled(STUDENT), None,
                    [parse_action("-5:approve-with-checks:r1-f1:slice-eval")])
    alone = score(exercise, exercise.decisions[:1])
    assert points(alone, "evidence") == alone.criteria[3].max
    assert points(expert, "evidence") == 15


def test_approving_with_checks_but_none_ticked_is_judged_as_an_approval() -> None:
    exercise = play(bundled(STUDENT), None, [])
    ticked = score(exercise, [Decision(-5, "approve-with-checks", checks=("slice-eval",))])
    none_ticked = score(exercise, [Decision(-5, "approve-with-checks")])
    approved = score(exercise, [Decision(-5, "approve")])
    assert points(none_ticked, "release-decision") == points(approved, "release-decision")
    assert points(none_ticked, "release-decision") < points(ticked, "release-decision")
    assert "judged as Approve release" in why(none_ticked, "release-decision")


def test_checks_that_could_not_find_the_problem_score_below_those_that_could() -> None:
    exercise = play(bundled(STUDENT), None, [])

    def checks(*ids: str) -> float:
        return points(score(exercise, [Decision(-5, "approve-with-checks", checks=ids)]),
                      "checks")

    assert checks("load-test", "fresh-split", "security-scan") == 0
    assert checks("slice-eval", "shadow-compare") > checks("slice-eval", "load-test")
    every = ("slice-eval", "shadow-compare", "calibration", "canary-review", "load-test",
             "fresh-split", "security-scan")
    assert checks(*every) < checks("slice-eval", "shadow-compare")


def test_feedback_speaks_of_the_exposure_when_the_decision_was_taken() -> None:
    exercise = play(bundled(STUDENT), None,
                    [parse_action("5:continue"), parse_action("56:freeze:r3-shadow-correct")])
    lines = feedback(exercise, exercise.decisions[-1])
    call = next(line.why for line in lines if line.id == "rollout-call")
    assert "100 % of tickets" in call
    assert "one ticket in four" not in call


def test_a_held_block_leaves_nothing_to_halt_and_scores_those_lines_in_full() -> None:
    held = card(STUDENT, "block, citing the checks")
    for criterion in ("rollout-call", "timeliness"):
        assert "Nothing left to decide" in why(held, criterion)
        line = next(x for x in held.criteria if x.id == criterion)
        assert line.points == line.max


def test_feedback_on_a_decision_that_no_longer_applied_says_so_and_costs_nothing() -> None:
    exercise = play(bundled(STUDENT), None, [parse_action("20:rollback:r2-overrides")])
    lines = feedback(exercise, Decision(56, "freeze", ("r3-shadow-correct",)))
    assert lines
    for line in lines:
        assert line.points == line.max
        assert "no longer changed the run: the release was already rolled back" in line.why
        assert "% of tickets" not in line.why


def test_below_the_cap_more_harm_never_scores_higher_and_none_outscores_nobody() -> None:
    scenario = bundled(STUDENT)
    weights = scenario.rubric.harm_weights
    nobody = score(play(scenario, None, []))
    runs = sorted((score(play(scenario, None, [parse_action(f"{minute}:continue")]))
                   for minute in (1, 10, 20, 40, 56)),
                  key=lambda card: card.harm.weighted(weights))
    assert all(card.harm.weighted(weights) > nobody.harm.weighted(weights) for card in runs)
    assert all(card.total <= nobody.total for card in runs)
    totals = [card.total for card in runs]
    assert totals == sorted(totals, reverse=True)  # the least harmful first, scoring most
    assert totals[0] > totals[-1]


# --- each team on its own calls ------------------------------------------------------------------


def test_a_team_card_scores_the_run_had_the_room_followed_that_team() -> None:
    from tabletop.scoring.teams import team_scores

    room = play(bundled(STUDENT), None, [parse_action("20:freeze:r2-overrides,r2-reviewer"),
                                         parse_action("25:rollback:r2-overrides,r2-reviewer")],
                [parse_statement(PLAYS[STUDENT]["expert"][1][0])])
    votes = [Decision(20.01, "freeze", ("r2-overrides", "r2-reviewer"), team="Red"),
             Decision(20.01, "continue", ("r2-latency",), team="Blue"),
             Decision(25.01, "rollback", ("r2-overrides", "r2-reviewer"), team="Red"),
             Decision(55.01, "continue", (), team="Blue")]
    cards = {r.team: r.card for r in team_scores(room, votes)}
    red, blue, shared = cards["Red"], cards["Blue"], score(room)
    assert red.total == pytest.approx(shared.total, abs=1)
    assert points(blue, "timeliness") == 0
    assert "Nothing left to decide" not in why(blue, "timeliness")
    assert weighted(STUDENT, blue) > weighted(STUDENT, red)
    assert blue.total <= card(STUDENT, "nobody acts").total + 5
    statement = next(line for line in blue.criteria if line.id == "statement")
    assert statement.shared
    assert statement.points == points(shared, "statement")
    assert not any(line.shared for line in blue.criteria if line.id != "statement")
