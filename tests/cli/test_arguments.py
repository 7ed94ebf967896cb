"""Bad arguments: each is refused in one line that names the argument and what it accepts, with
exit status 2, before anything is opened or written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tabletop.cli import main
from tabletop.cli.parser import SESSION_ID_MAX, SPEED_RANGE, parse
from tabletop.exercise.story import story_breaks
from tabletop.scenario.bounds import MAX_SEED
from tabletop.scenario.bundled import DEFAULT_SCENARIO
from tests.helpers import bundled

TOO_BIG = "99999999999999999999"
"""More than SQLite's signed 64-bit integers hold."""


@pytest.fixture(autouse=True)
def _no_screen_no_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A command that got through would open the app or the user's store: make either fail
    loudly instead, and keep any store in a temporary folder."""
    def started(*args: object, **kwargs: object) -> None:
        raise AssertionError("the app was started")

    monkeypatch.setattr("tabletop.ui.factory.create_app", started)
    monkeypatch.setattr("tabletop.ui.factory.resume_app", started)
    monkeypatch.setenv("TABLETOP_DATA_DIR", str(tmp_path / "data"))


def refusal(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The one line `argv` is refused with, having checked the exit status is 2."""
    try:
        status = main(argv)
    except SystemExit as exit_info:  # argparse's refusals
        status = int(exit_info.code or 0)
    captured = capsys.readouterr()
    assert status == 2, captured
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    return lines[0]


@pytest.mark.parametrize("argv", [["run", "--seed", TOO_BIG],
                                  ["simulate", DEFAULT_SCENARIO, "--seed", TOO_BIG]])
def test_a_seed_beyond_what_the_store_keeps_is_refused_with_the_range(
        argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    line = refusal(argv, capsys)
    assert f"--seed: expected a seed, a whole number from 0 to {MAX_SEED}; got '{TOO_BIG}'" \
        in line


def test_a_seed_beyond_a_scenarios_default_seed_range_is_refused(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert "--seed" in refusal(["simulate", DEFAULT_SCENARIO, "--seed", str(MAX_SEED + 1)],
                               capsys)


def test_a_run_on_a_seed_that_breaks_the_scenarios_story_is_refused_naming_the_figure(
        capsys: pytest.CaptureFixture[str]) -> None:
    breaking = next(seed for seed in range(1, 50) if story_breaks(bundled(), seed))
    line = refusal(["run", "--seed", str(breaking)], capsys)
    assert f"--seed {breaking} breaks the scenario's story: " in line
    assert story_breaks(bundled(), breaking)[0].line.figure in line


def test_a_negative_seed_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert "--seed" in refusal(["simulate", DEFAULT_SCENARIO, "--seed", "-1"], capsys)


def test_the_largest_seed_is_played(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", DEFAULT_SCENARIO, "--seed", str(MAX_SEED), "--json"]) == 0
    assert f'"seed": {MAX_SEED}' in capsys.readouterr().out


@pytest.mark.parametrize("speed", ["1e300", "inf", "nan", "0", "-1", "0.01", "601", "fast"])
def test_a_speed_outside_its_range_is_refused_with_the_range(
        speed: str, capsys: pytest.CaptureFixture[str]) -> None:
    line = refusal(["run", "--speed", speed], capsys)
    low, high = SPEED_RANGE
    assert f"--speed: expected scenario minutes per real minute, from {low:g} to {high:g}" \
        in line


@pytest.mark.parametrize("speed", SPEED_RANGE)
def test_a_speed_at_either_end_of_its_range_is_taken(speed: float) -> None:
    assert parse(["run", "--speed", f"{speed:g}"]).speed == speed


@pytest.mark.parametrize("teams", ["", " , ,"])
def test_teams_without_a_name_are_refused_not_run_as_one_team(
        teams: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert "--teams needs at least one team name" in refusal(["run", "--teams", teams], capsys)


def test_a_team_name_too_long_for_the_screen_is_refused_in_one_line(
        capsys: pytest.CaptureFixture[str]) -> None:
    line = refusal(["run", "--teams", "Red," + "A" * 300], capsys)
    assert "a team name has at most 20 characters, got 300" in line


@pytest.mark.parametrize("argv", [["resume", "-5"], ["resume", TOO_BIG], ["report", "0"],
                                  ["report", "-1"], ["report", "latest"]])
def test_a_session_id_no_session_can_have_is_refused(
        argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    line = refusal(argv, capsys)
    assert f"argument session: expected a session id (tabletop sessions lists them), a whole " \
           f"number from 1 to {SESSION_ID_MAX}; got '{argv[1]}'" in line


@pytest.mark.parametrize("argv", [["run", ""], ["simulate", " "], ["timeline", "", "-o", "x.svg"],
                                  ["validate", ""]])
def test_an_empty_scenario_is_refused(argv: list[str],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert "expected a" in refusal(argv, capsys)


@pytest.mark.parametrize("command", [["report"], ["timeline", DEFAULT_SCENARIO]])
def test_output_to_a_folder_is_refused(command: list[str], tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    line = refusal([*command, "-o", str(tmp_path)], capsys)
    assert f"-o/--output: '{tmp_path}' is a folder; name a file in it" in line


@pytest.mark.parametrize("command", [["report"], ["timeline", DEFAULT_SCENARIO]])
def test_output_to_no_file_is_refused(command: list[str],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert "-o/--output: expected a file name; got ''" in refusal([*command, "-o", ""], capsys)


def test_an_empty_data_dir_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert "--data-dir: expected a folder; got ''" in refusal(
        ["sessions", "--data-dir", ""], capsys)


def test_a_mistake_argparse_finds_is_one_line_that_points_to_help(
        capsys: pytest.CaptureFixture[str]) -> None:
    line = refusal(["report", "--format", "xml"], capsys)
    assert line.startswith("tabletop report: argument --format: invalid choice: 'xml'")
    assert line.endswith("(see: tabletop report --help)")


def test_a_long_bad_argument_is_quoted_short(capsys: pytest.CaptureFixture[str]) -> None:
    line = refusal(["run", "--seed", "9" * 5000], capsys)
    assert len(line) < 200
