"""A scenario's story: its lines load with bounds and positions, and are read off the run
with nobody acting as the evidence would quote them."""

from __future__ import annotations

import dataclasses
import typing

import pytest

from tabletop.exercise.signals import figures, model_figures
from tabletop.exercise.story import keeps, story_breaks, story_checks
from tabletop.scenario.bundled import bundled_scenarios
from tabletop.scenario.errors import ScenarioError
from tabletop.scenario.loader import parse_scenario
from tabletop.scenario.model import StoryFigure, StoryLine
from tabletop.scenario.templates import TEMPLATE_FIELDS
from tests.helpers import bundled, exercise_at, position

LINE = "{figure: overrides, minute: 20, at_least: 12}"
"""A story line of the default scenario, unique in its file."""


def default_text() -> str:
    return bundled_scenarios()["student-support-release"].read_text(encoding="utf-8")


def refused_story(new: str) -> tuple[ScenarioError, tuple[int, int]]:
    text = default_text()
    assert text.count(LINE) == 1
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text.replace(LINE, new), "s.yaml", story_checks)
    return caught.value, position(text, LINE)


def test_every_story_figure_is_a_figure_evidence_quotes_and_shows_a_number() -> None:
    names = typing.get_args(StoryFigure)
    assert set(names) <= set(TEMPLATE_FIELDS)
    shown = figures(exercise_at(bundled(), 20).snapshot_at(20)) | \
        model_figures(bundled().stream)
    assert all(float(shown[name]) == float(shown[name]) for name in names)


def test_an_unknown_figure_is_refused_with_file_line_column_and_field() -> None:
    err, (line, column) = refused_story("{figure: overides, minute: 20, at_least: 12}")
    assert (err.file, err.line, err.column) == ("s.yaml", line, column + len("{figure: "))
    assert err.field_path.startswith("story[")
    assert err.field_path.endswith("].figure")
    assert "overides" in str(err)
    assert "overrides" in str(err)


@pytest.mark.parametrize(("line", "field", "words"), [
    ("{figure: overrides, minute: 20}", "]", "at_least or at_most"),
    ("{figure: overrides, minute: 20, at_least: 12, at_most: 3}", "].at_most", "below"),
    ("{figure: overrides, minute: 95, at_least: 12}", "].minute", "outside the exercise"),
    ("{figure: overrides, minute: 20, at_least: 1e7}", "].at_least", ""),
])
def test_a_line_that_cannot_be_kept_is_refused(line: str, field: str, words: str) -> None:
    err, (row, _) = refused_story(line)
    assert err.line == row
    assert err.field_path.endswith(field)
    assert words in str(err)


def test_a_scenario_whose_own_stream_breaks_its_story_is_refused_naming_the_line() -> None:
    err, (row, _) = refused_story("{figure: overrides, minute: 20, at_least: 120}")
    assert err.line == row
    assert err.field_path.endswith("].at_least")
    assert "own stream breaks its story" in str(err)
    assert "at least 120" in str(err)
    # Without the check (the loader alone, as `run` and `simulate` load) it loads.
    text = default_text().replace(LINE, "{figure: overrides, minute: 20, at_least: 120}")
    assert parse_scenario(text, "s.yaml").story


@pytest.mark.parametrize("ident", sorted(bundled_scenarios()))
def test_each_bundled_scenario_declares_a_story_its_own_stream_keeps(ident: str) -> None:
    scenario = bundled(ident)
    assert scenario.story
    assert story_breaks(scenario) == []


def test_story_breaks_reads_the_figure_as_an_inject_at_that_minute_would_quote_it() -> None:
    scenario = bundled()
    shown = figures(exercise_at(scenario, 20).snapshot_at(20))["overrides"]
    kept = StoryLine("overrides", 20.0, at_least=float(shown))
    broken = StoryLine("overrides", 20.0, at_least=float(shown) + 1)
    model = StoryLine("candidate_recall_other", 90.0, at_least=0.99)
    breaks = story_breaks(dataclasses.replace(scenario, story=(kept, broken, model)))
    recall = model_figures(scenario.stream)["candidate_recall_other"]
    assert [(b.index, b.shown) for b in breaks] == [(1, shown), (2, recall)]
    assert breaks[0].describe() == \
        f"overrides at T+20:00 is {shown} (the story needs at least {float(shown) + 1:g})"


def test_a_figure_that_shows_no_number_keeps_no_line() -> None:
    assert not keeps(StoryLine("critical_change_percent", 20.0, at_least=-100), "n/a")
    assert keeps(StoryLine("critical_change_percent", 20.0, at_least=-100), "-100")
    assert not keeps(StoryLine("overrides", 20.0, at_least=1, at_most=3), "4")
