"""Scoring: each criterion kind on the mini scenario; the issue's ordering on the bundled one."""

from __future__ import annotations

from functools import cache

import pytest

from tabletop.exercise.replay import PlannedStatement, PlannedStep, parse_action
from tabletop.scoring.rubric import ScoreCard, score
from tests.helpers import bundled, mini, played, run, step

EVERY_POINT = "Urgent tickets were misrouted; students who wrote in other languages are affected."
"""A statement that makes both points the mini rubric asks for."""


def points(card: ScoreCard, criterion: str) -> float:
    return next(line.points for line in card.criteria if line.id == criterion)


def why(card: ScoreCard, criterion: str) -> str:
    return next(line.why for line in card.criteria if line.id == criterion)


@cache
def mini_card(*steps: PlannedStep, statements: tuple[PlannedStatement, ...] = ()) -> ScoreCard:
    """The mini scenario played with these actions and statements, and scored (once each)."""
    return score(run(mini(), *steps, statements=statements))


def statement(minute: float, text: str = EVERY_POINT) -> tuple[PlannedStatement, ...]:
    return (PlannedStatement(minute, "notice", text),)


# --- the score card ----------------------------------------------------------------------------


def test_the_score_card_has_a_line_per_criterion_in_rubric_order() -> None:
    card = mini_card()
    assert [line.id for line in card.criteria] == ["call", "evidence", "timeliness", "harm",
                                                   "statement"]
    assert card.max == 85


def test_the_total_is_the_sum_of_the_lines() -> None:
    card = mini_card(step(11, "rollback", ("overrides",)), statements=statement(35))
    assert card.total == pytest.approx(sum(line.points for line in card.criteria))


def test_every_line_says_why_in_a_sentence() -> None:
    card = mini_card(step(11, "freeze", ("overrides", "reviewer")), statements=statement(35))
    assert all(line.why.endswith(".") for line in card.criteria)


def test_the_total_maps_to_its_grade_band() -> None:
    good = mini_card(step(10, "rollback", ("overrides", "reviewer")), statements=statement(35))
    assert (good.grade, good.grade_label) == ("A", "Good")
    assert (mini_card().grade, mini_card().grade_label) == ("E", "Unsafe")


# --- decision ------------------------------------------------------------------------------------


def test_a_decision_is_judged_by_the_stage_revealed_when_it_was_taken() -> None:
    assert points(mini_card(step(5, "rollback")), "call") == 10
    assert points(mini_card(step(11, "rollback")), "call") == 24
    assert points(mini_card(step(31, "rollback")), "call") == 20


def test_a_decision_at_the_minute_a_stage_is_revealed_is_judged_by_that_stage() -> None:
    assert points(mini_card(step(10, "freeze")), "call") == 25


def test_a_decision_quotes_its_stages_reason() -> None:
    assert "The trap." in why(mini_card(step(11, "continue")), "call")


def test_no_decision_scores_the_none_outcome() -> None:
    card = mini_card()
    assert points(card, "call") == 0
    assert why(card, "call") == "Never halted."


def test_several_decisions_score_their_average() -> None:
    assert points(mini_card(step(5, "freeze"), step(11, "rollback")), "call") == 19.5


# --- evidence -------------------------------------------------------------------------------------


def test_citing_technical_and_service_quality_evidence_together_scores_full_marks() -> None:
    assert points(mini_card(step(11, "freeze", ("overrides", "reviewer"))), "evidence") == 15


def test_citing_one_strong_tag_scores_less_than_both() -> None:
    one = points(mini_card(step(11, "freeze", ("overrides",))), "evidence")
    assert 3 < one < 15


def test_citing_nothing_scores_the_none_outcome() -> None:
    card = mini_card(step(11, "freeze"))
    assert points(card, "evidence") == 3
    assert "nothing cited" in why(card, "evidence")


def test_citing_only_the_red_herring_for_continue_scores_below_citing_nothing() -> None:
    trap = points(mini_card(step(11, "continue", ("latency",))), "evidence")
    nothing = points(mini_card(step(11, "continue")), "evidence")
    assert trap < nothing
    assert trap == 0


def test_the_trap_is_named_in_the_reason() -> None:
    assert "trap" in why(mini_card(step(11, "continue", ("latency",))), "evidence")


def test_a_red_herring_cited_beside_strong_evidence_costs_but_is_not_the_trap() -> None:
    strong = points(mini_card(step(11, "freeze", ("overrides", "reviewer"))), "evidence")
    padded = points(mini_card(step(11, "freeze", ("latency", "overrides", "reviewer"))),
                    "evidence")
    trap = points(mini_card(step(11, "freeze", ("latency",))), "evidence")
    assert strong == 15
    assert trap < padded < strong


def test_no_decision_at_all_earns_no_evidence_points() -> None:
    assert points(mini_card(), "evidence") == 0


# --- timeliness -----------------------------------------------------------------------------------


def test_halting_within_the_window_scores_full_timeliness() -> None:
    assert points(mini_card(step(15, "freeze")), "timeliness") == 15


def test_halting_late_scores_partial_timeliness_above_zero() -> None:
    late = points(mini_card(step(40, "freeze")), "timeliness")
    assert 0 < late < 15
    assert late >= 15 * 0.3


def test_halting_later_scores_less() -> None:
    assert points(mini_card(step(30, "rollback")), "timeliness") > \
        points(mini_card(step(50, "rollback")), "timeliness")


def test_never_halting_scores_zero_timeliness() -> None:
    assert points(mini_card(step(15, "continue")), "timeliness") == 0


# --- harm -----------------------------------------------------------------------------------------


def test_matching_the_best_case_scores_full_harm_marks() -> None:
    # The best case is computed: the earliest allowed rollback, at T+0.
    card = mini_card(step(0, "rollback"))
    assert card.harm == card.best_harm
    assert points(card, "harm") == 20


def test_nobody_acting_scores_zero_harm_marks() -> None:
    card = mini_card()
    assert card.harm == card.baseline_harm
    assert points(card, "harm") == 0


def test_preventing_part_of_the_harm_scores_part_of_the_marks() -> None:
    assert 0 < points(mini_card(step(35, "rollback")), "harm") < 20


def test_making_harm_worse_than_doing_nothing_scores_zero_not_less() -> None:
    card = mini_card(step(5, "continue"))
    assert points(card, "harm") == 0
    assert "worse than doing nothing" in why(card, "harm")


# --- statement ------------------------------------------------------------------------------------


def test_a_statement_on_time_with_every_point_scores_full_marks() -> None:
    assert points(mini_card(statements=statement(35)), "statement") == 10


def test_a_late_statement_scores_less_than_one_on_time() -> None:
    late = points(mini_card(statements=statement(50)), "statement")
    assert 0 < late < 10


def test_a_statement_missing_a_point_scores_less_and_names_it() -> None:
    card = mini_card(statements=statement(35, "Urgent tickets were misrouted."))
    assert 0 < points(card, "statement") < 10
    assert "missing who is affected" in why(card, "statement")


def test_no_statement_scores_zero() -> None:
    assert points(mini_card(), "statement") == 0


def test_on_time_beats_late_beats_missing() -> None:
    on_time = points(mini_card(statements=statement(35)), "statement")
    late = points(mini_card(statements=statement(50)), "statement")
    missing = points(mini_card(), "statement")
    assert on_time > late > missing == 0


# --- the ordering on the bundled scenario ------------------------------------------------


@cache
def bundled_card(*specs: str) -> ScoreCard:
    """The default scenario played with `--action` specs, e.g. `22:freeze`, and scored."""
    return score(played(*(parse_action(spec) for spec in specs)))


def weighted_harm(card: ScoreCard) -> float:
    """The run's harm as the rubric's harm criterion weighs it."""
    return weighted(card, "harm")


def test_freeze_then_rollback_early_scores_clearly_above_a_rollback_at_56() -> None:
    early = bundled_card("22:freeze", "26:rollback")
    late = bundled_card("56:rollback")
    # 9 points of 100 since the plan ramps at T+60 (12 before): a rollback at T+56 still
    # spares the students the full rollout, which nobody acting now lets through.
    assert early.total - late.total >= early.max * 0.08
    assert weighted_harm(early) < weighted_harm(late)


def test_a_rollback_at_56_scores_above_continuing_at_56() -> None:
    assert bundled_card("56:rollback").total > bundled_card("56:continue").total


def test_harm_runs_the_other_way_from_the_score() -> None:
    early = weighted_harm(bundled_card("22:freeze", "26:rollback"))
    late = weighted_harm(bundled_card("56:rollback"))
    worst = weighted_harm(bundled_card("56:continue"))
    assert early < late < worst


def test_no_action_at_all_reports_the_baseline_harm() -> None:
    card = bundled_card()
    assert card.harm == card.baseline_harm
    assert weighted_harm(card) > weighted_harm(bundled_card("22:freeze", "26:rollback"))


def test_citing_only_the_infrastructure_trap_scores_lower_than_citing_nothing() -> None:
    trap = bundled_card("-5:approve:r1-staging", "20:rollback")
    nothing = bundled_card("-5:approve", "20:rollback")
    assert trap.total < nothing.total


def weighted(card: ScoreCard, which: str) -> float:
    harm = next(c for c in bundled().rubric.criteria if c.kind == "harm")
    return float(getattr(card, which).weighted(harm.weights or {"critical_misrouted": 1.0}))


@pytest.mark.parametrize("specs", [("22:freeze", "26:rollback"), ("56:rollback",),
                                   ("56:continue",), ()])
def test_no_run_does_better_than_the_best_case_or_moves_the_reference_lines(
    specs: tuple[str, ...],
) -> None:
    card = bundled_card(*specs)
    nobody = bundled_card()
    assert weighted(card, "best_harm") <= weighted(card, "harm")
    assert (card.best_harm, card.baseline_harm) == (nobody.best_harm, nobody.baseline_harm)
