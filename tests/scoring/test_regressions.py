"""Bugs found in review, each pinned by the behaviour that was wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from tabletop.cli import main
from tabletop.exercise.engine import ActionError, Choice
from tabletop.scoring.rubric import score
from tests.helpers import MINI, exercise_at, mini, mutate, run, step


def _without_reference_plan() -> str:
    start = MINI.index("  reference_plan:")
    end = MINI.index("\n  grades:")
    return MINI[:start] + MINI[end + 1:]


def test_making_harm_worse_scores_zero_even_when_nothing_was_preventable() -> None:
    scenario = mini(_without_reference_plan())
    card = score(run(scenario, step(5, "continue")))
    harm = next(c for c in card.criteria if c.id == "harm")
    assert card.harm.critical_misrouted > card.baseline_harm.critical_misrouted
    assert harm.points == 0
    assert "worse than doing nothing" in harm.why


def test_citing_an_unknown_evidence_id_says_it_is_unknown() -> None:
    exercise = exercise_at(mini(), 21)
    with pytest.raises(ActionError, match="unknown evidence id: bogus"):
        exercise.act(Choice("freeze", ("bogus",)))


@pytest.mark.parametrize("speed", ["nan", "inf", "-1", "0"])
def test_a_speed_that_is_not_a_positive_finite_number_is_refused(
    speed: str, capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["run", "--speed", speed])
    assert exit_info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_a_broken_file_error_starts_with_its_location(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(mutate("per_minute: 12", "per_minute: lots"))
    assert main(["validate", str(path)]) == 2
    assert capsys.readouterr().err.startswith(f"{path}:")
