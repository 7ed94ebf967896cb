"""Evidence quotes figures of the run by name only: the loader refuses a format spec or a
conversion at the field's position, and filling a template never fails or grows it."""

from __future__ import annotations

import dataclasses

import pytest

from tabletop.scenario.templates import fill_template
from tests.helpers import exercise_at, mini, mutate, position, refused
from tests.scenario.test_loader_errors import assert_error

OVERRIDES = "text: manual overrides rise}"


@pytest.mark.parametrize("field", ["{overrides:Z}", "{overrides_phrase:>300000000}",
                                   "{overrides!r}", "{overrides!s:^9}"])
def test_a_figure_with_a_format_spec_or_conversion_is_refused_at_its_text(field: str) -> None:
    text = mutate(OVERRIDES, f"text: 'overrides {field}'}}")
    assert_error(refused(text), position(text, "'overrides"), "injects[2].evidence[0].text",
                 f"'{field}' formats the figure; expected one of the figure names without a "
                 "format spec or conversion, such as {overrides")


def test_a_bare_figure_name_loads() -> None:
    text = mutate(OVERRIDES, "text: 'overrides {overrides} and {{braces}}'}")
    assert mini(text).inject("signals").evidence[0].text == (
        "overrides {overrides} and {{braces}}")


def test_an_unknown_figure_is_refused_listing_the_known_ones() -> None:
    text = mutate(OVERRIDES, "text: 'overrides {0}'}")
    assert_error(refused(text), position(text, "'overrides"), "injects[2].evidence[0].text",
                 "unknown figure '{0}'; known: critical_to_fallback")


def test_a_template_fills_bare_names_and_unescapes_braces() -> None:
    assert fill_template("{a} of {{b}}", {"a": "4"}) == "4 of {b}"


@pytest.mark.parametrize("written", ["{a:>300000000}", "{a:Z}", "{a!r}", "{zzz}", "{a.x}",
                                     "{a[0]}"])
def test_a_template_keeps_anything_but_a_bare_known_name_as_written(written: str) -> None:
    assert fill_template(f"x {written} y", {"a": "4"}) == f"x {written} y"


def test_a_template_with_a_lone_brace_is_kept_as_written() -> None:
    assert fill_template("a { b", {"a": "4"}) == "a { b"


def test_evidence_that_skipped_the_loader_is_shown_unformatted_rather_than_failing() -> None:
    scenario = mini()
    signals = scenario.inject("signals")
    hostile = dataclasses.replace(signals.evidence[0], text="{overrides:>30}{overrides:Z}")
    scenario = dataclasses.replace(scenario, injects=tuple(
        dataclasses.replace(i, evidence=(hostile, *i.evidence[1:])) if i is signals else i
        for i in scenario.injects))
    exercise = exercise_at(scenario, 11.0)
    texts = [e.text for f in exercise.fired for e in f.evidence if e.id == "overrides"]
    assert texts == ["{overrides:>30}{overrides:Z}"]
