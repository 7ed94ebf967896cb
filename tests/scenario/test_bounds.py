"""Every number in a scenario has a range that makes sense for its field, and a number outside it
is refused naming the file, line, column, field and the range."""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

import pytest

from tabletop.scenario import model, rubric, stream, terms
from tabletop.scenario.bounds import BOUNDS, MAX_MINUTE, MAX_SEED
from tabletop.scenario.loader import parse_scenario
from tabletop.scenario.schema import scenario_schema
from tests.helpers import ANY_STORY, FILE, MINI, mutate, position, refused
from tests.scenario.test_loader_errors import assert_error


def number_fields() -> list[tuple[type, str]]:
    """(record, field) of every field of the format that holds numbers."""
    found = []
    for module in (model, stream, rubric, terms):
        for cls in vars(module).values():
            if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)
                    and cls.__module__ == module.__name__):
                continue
            for name, hint in typing.get_type_hints(cls).items():
                if {int, float} & set(_leaves(hint)):
                    found.append((cls, name))
    return found


def _leaves(hint: Any) -> list[Any]:
    args = typing.get_args(hint)
    return [leaf for arg in args for leaf in _leaves(arg)] if args else [hint]


def test_every_number_field_of_the_format_has_a_range() -> None:
    assert number_fields()
    assert [f for f in number_fields() if f not in BOUNDS] == []


def test_the_schema_shows_each_fields_range() -> None:
    defs = scenario_schema()["$defs"]
    assert defs["ModelBehaviour"]["properties"]["misroute"] | {"description": ""} == {
        "type": "number", "minimum": 0, "maximum": 1, "description": ""}
    assert defs["Rollout"]["properties"]["ramp_minutes"]["exclusiveMinimum"] == 0
    assert scenario_schema()["properties"]["default_seed"]["maximum"] == MAX_SEED


# --- probabilities and shares ------------------------------------------------------------------


@pytest.mark.parametrize("written", ["7", "-3", "1.5"])
def test_a_chance_outside_zero_to_one_is_refused_naming_the_range(written: str) -> None:
    text = mutate("confidence_wrong: 0.9, override: 0.5}",
                  f"confidence_wrong: 0.9, override: {written}}}")
    line, column = position(text, f"override: {written}}}")
    assert_error(refused(text), (line, column + len("override: ")),
                 "stream.candidate.other.override",
                 f"{written} is out of range; expected a chance from 0 to 1")


def test_a_share_of_traffic_at_either_end_is_accepted() -> None:
    text = mutate("segments: {en: 1, other: 1}", "segments: {en: 1, other: 0}")
    assert parse_scenario(text, FILE).stream.segments == {"en": 1.0, "other": 0.0}


def test_a_segment_share_above_one_is_refused_at_its_entry() -> None:
    text = mutate("segments: {en: 1, other: 1}", "segments: {en: 70, other: 30}")
    assert_error(refused(text), position(text, "70"), "stream.segments.en",
                 "expected a share from 0 to 1")


# --- durations and minutes ---------------------------------------------------------------------


@pytest.mark.parametrize("written", ["0", "-5"])
def test_a_ramp_of_no_time_or_less_is_refused(written: str) -> None:
    text = MINI + f"rollout: {{ramp_minutes: {written}}}\n"
    assert_error(refused(text), position(text, f"{written}}}"), "rollout.ramp_minutes",
                 "expected minutes more than 0 and at most")


def test_a_drain_of_no_time_is_refused() -> None:
    text = MINI + "rollout: {drain_minutes: 0}\n"
    assert_error(refused(text), position(text, "0}"), "rollout.drain_minutes",
                 "0 is out of range; expected minutes more than 0")


def test_a_deadline_of_no_time_is_refused() -> None:
    text = mutate("deadline_minutes: 15", "deadline_minutes: 0")
    line, column = position(text, "deadline_minutes: 0")
    assert_error(refused(text), (line, column + len("deadline_minutes: ")),
                 "statements[0].deadline_minutes", "expected minutes more than 0")


def test_a_negative_scoring_window_is_refused() -> None:
    text = mutate("window_minutes: 10", "window_minutes: -1")
    assert_error(refused(text), position(text, "-1\n"), "rubric.criteria[2].window_minutes",
                 "-1 is out of range; expected minutes more than 0")


def test_a_scoring_window_longer_than_the_exercise_is_refused() -> None:
    text = mutate("window_minutes: 10", "window_minutes: 100")
    assert_error(refused(text), position(text, "100"), "rubric.criteria[2].window_minutes",
                 "100 minutes is longer than the exercise (70 minutes")


def test_a_deadline_longer_than_the_exercise_is_refused() -> None:
    text = mutate("deadline_minutes: 15", "deadline_minutes: 71")
    assert_error(refused(text), position(text, "71"), "statements[0].deadline_minutes",
                 "longer than the exercise")


def test_an_end_minute_of_a_trillion_is_refused_naming_the_range() -> None:
    text = mutate("end_minute: 60", "end_minute: 1.0e+12")
    assert_error(refused(text), position(text, "1.0e+12"), "end_minute",
                 f"1.0e+12 is out of range; expected a scenario minute from -{MAX_MINUTE} "
                 f"to {MAX_MINUTE}")


def test_an_exercise_three_days_either_side_of_deployment_loads() -> None:
    text = mutate("end_minute: 60", f"end_minute: {MAX_MINUTE}")
    text = mutate("start_minute: -10", f"start_minute: -{MAX_MINUTE}", text)
    text = mutate("per_minute: 12", "per_minute: 1", text)
    assert parse_scenario(text, FILE).duration_minutes == 2 * MAX_MINUTE


def test_a_fault_that_ends_before_it_starts_is_refused() -> None:
    text = mutate("  high_priority_share: 0.2\n", "  high_priority_share: 0.2\n"
                  "  faults: [{from_minute: 20, to_minute: 5}]\n")
    assert_error(refused(text), position(text, "5}]"), "stream.faults[0].to_minute",
                 "5 is not after from_minute (20)")


# --- latency -----------------------------------------------------------------------------------


def test_a_latency_of_1e300_milliseconds_is_refused() -> None:
    text = mutate("  high_priority_share: 0.2\n",
                  "  high_priority_share: 0.2\n  latency_ms: 1.0e+300\n")
    assert_error(refused(text), position(text, "1.0e+300"), "stream.latency_ms",
                 "expected milliseconds more than 0 and at most 60000")


def test_a_faults_huge_latency_is_refused() -> None:
    text = mutate("  high_priority_share: 0.2\n", "  high_priority_share: 0.2\n"
                  "  faults: [{from_minute: 5, latency_ms: 99999999}]\n")
    assert_error(refused(text), position(text, "99999999"), "stream.faults[0].latency_ms",
                 "expected milliseconds from 0 to 60000")


def test_a_latency_spread_wider_than_its_median_is_refused() -> None:
    text = mutate("  high_priority_share: 0.2\n", "  high_priority_share: 0.2\n"
                  "  latency_ms: 100\n  latency_jitter_ms: 150\n")
    assert_error(refused(text), position(text, "150"), "stream.latency_jitter_ms",
                 "150 is more than latency_ms (100)")


# --- scores ------------------------------------------------------------------------------------


def test_a_criterion_maximum_of_1e308_is_refused() -> None:
    text = mutate("max: 25", "max: 1.0e+308")
    assert_error(refused(text), position(text, "1.0e+308"), "rubric.criteria[0].max",
                 "expected points more than 0 and at most 1000")


def test_an_outcome_worth_more_than_its_criterion_is_refused() -> None:
    text = mutate("freeze: {points: 25, why: The right call.}",
                  "freeze: {points: 26, why: The right call.}")
    assert_error(refused(text), position(text, "26"),
                 "rubric.criteria[0].stages[1].outcomes.freeze.points",
                 "26 is more than the criterion's max (25)")


def test_a_harm_weight_beyond_any_scale_is_refused() -> None:
    text = mutate("high_priority_missed: 5}", "high_priority_missed: 1.0e+300}")
    assert_error(refused(text), position(text, "1.0e+300"),
                 "rubric.criteria[3].weights.high_priority_missed",
                 "expected a weight from 0 to 1000")


def test_a_grade_band_above_100_percent_is_refused() -> None:
    text = mutate("min_percent: 80", "min_percent: 800")
    assert_error(refused(text), position(text, "800"), "rubric.grades[0].min_percent",
                 "expected a percentage from 0 to 100")


# --- seeds and long numbers --------------------------------------------------------------------


def test_a_seed_beyond_what_the_store_keeps_is_refused() -> None:
    text = MINI + "default_seed: 99999999999999999999\n"
    assert_error(refused(text), position(text, "99999999999999999999"), "default_seed",
                 f"99999999999999999999 is out of range; expected a seed from 0 to {MAX_SEED}")


def test_the_largest_seed_loads() -> None:
    assert parse_scenario(MINI + f"default_seed: {MAX_SEED}\n", FILE).default_seed == MAX_SEED


def test_a_number_of_130_digits_is_shown_by_its_length() -> None:
    text = MINI + "default_seed: " + "9" * 130 + "\n"
    err = refused(text)
    assert_error(err, position(text, "9" * 130), "default_seed",
                 "a number with 130 digits is out of range")
    assert "9" * 30 not in str(err)


def test_a_number_of_5000_digits_where_text_belongs_is_described_not_built() -> None:
    text = mutate("title: Mini release", "title: " + "7" * 5000)
    assert_error(refused(text), position(text, "7" * 5000), "title",
                 "expected text, got a number with 5000 digits")


def test_a_variation_range_outside_its_parameters_range_is_refused() -> None:
    text = MINI + "variation: {candidate.other.override: [0.2, 7]}\n"
    assert_error(refused(text), position(text, "7]"), "variation.candidate.other.override[1]",
                 "7 is out of range for candidate.other.override; expected a chance from 0 to 1")


def test_a_variation_range_within_its_parameters_range_loads() -> None:
    text = MINI + "variation: {candidate.other.override: [0.2, 0.9]}\n" + ANY_STORY
    assert parse_scenario(text, FILE).variation == {"candidate.other.override": (0.2, 0.9)}


# --- numbers YAML 1.1 reads as text ----------------------------------------------------------


def test_an_exponent_without_a_dot_and_a_sign_gets_a_hint() -> None:
    text = mutate("end_minute: 60", "end_minute: 6e1")
    assert_error(refused(text), position(text, "6e1"), "end_minute",
                 "expected a number, got the text '6e1'; YAML reads 6e1 as text",
                 "write 6.0e+1 or 60")


def test_an_exponent_where_a_whole_number_belongs_gets_the_whole_form_only() -> None:
    text = MINI + "default_seed: 1e9\n"
    err = refused(text)
    assert_error(err, position(text, "1e9"), "default_seed", "write 1000000000")
    assert "1.0e+9" not in err.message


def test_the_hinted_form_reads_as_the_number() -> None:
    text = mutate("end_minute: 60", "end_minute: 6.0e+1")
    assert parse_scenario(text, FILE).end_minute == 60.0


def test_quoted_digits_get_no_exponent_hint() -> None:
    text = mutate("end_minute: 60", "end_minute: '6e1'")
    assert "YAML reads" not in refused(text).message


def test_long_text_where_a_number_belongs_is_quoted_short() -> None:
    text = mutate("end_minute: 60", "end_minute: " + "x" * 10_000)
    err = refused(text)
    assert "(10000 characters)" in err.message
    assert len(str(err)) < 200
