"""The command line: exit codes, one-line errors, and the shapes other tools read."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tabletop.cli import main
from tabletop.exercise.engine import Exercise
from tabletop.exercise.replay import parse_action, play
from tabletop.scenario.bundled import DEFAULT_SCENARIO, bundled_scenarios
from tabletop.scenario.outcomes import HARM_COUNTERS
from tabletop.scoring.rubric import ScoreCard, score
from tests.helpers import MINI, bundled, mutate, position

ERROR_LINE = re.compile(r"^(?:tabletop: )?(?P<file>.+):(?P<line>\d+):(?P<column>\d+): "
                        r"(?P<field>[\w.\[\]-]+): (?P<message>.+)$")
"""`file:line:col: field: message`, as editors and CI annotate it (after the program name)."""


@pytest.fixture
def mini_file(tmp_path: Path) -> Path:
    path = tmp_path / "mini.yaml"
    path.write_text(MINI, encoding="utf-8")
    return path


@pytest.fixture
def broken_file(tmp_path: Path) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(mutate("per_minute: 12", "per_minute: lots"), encoding="utf-8")
    return path


def simulate_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["simulate", *args, "--json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


@pytest.fixture(scope="module")
def freeze_json() -> dict[str, Any]:
    """`simulate student-support-release --action 22:freeze --json`, run once for the module."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["simulate", DEFAULT_SCENARIO, "--action", "22:freeze", "--json"]) == 0
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


# --- validate -------------------------------------------------------------------------------


def test_validate_exits_2_on_a_broken_file(broken_file: Path) -> None:
    assert main(["validate", str(broken_file)]) == 2


def test_validate_prints_one_line_naming_file_line_column_and_field(
    broken_file: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    main(["validate", str(broken_file)])
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    match = ERROR_LINE.match(err.strip())
    assert match, err
    line, column = position(broken_file.read_text(encoding="utf-8"), "lots")
    assert match["file"] == str(broken_file)
    assert (int(match["line"]), int(match["column"])) == (line, column)
    assert match["field"] == "stream.per_minute"
    assert "expected a number" in match["message"]


def test_validate_prints_no_traceback_for_a_hostile_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(mutate("title: Mini release", "title: !!python/object/apply:os.system [id]"),
                    encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert "not allowed" in captured.err


def test_validate_reports_a_missing_file_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", str(tmp_path / "nowhere.yaml")]) == 2
    err = capsys.readouterr().err
    assert "no such file" in err
    assert "Traceback" not in err


def test_validate_exits_0_on_good_files(
    mini_file: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    default = bundled_scenarios()[DEFAULT_SCENARIO]
    assert main(["validate", str(default), str(mini_file)]) == 0
    out = capsys.readouterr().out
    assert f"{mini_file}: ok" in out
    assert f"{default}: ok" in out


def test_validate_checks_every_file_and_fails_if_any_is_broken(
    mini_file: Path, broken_file: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", str(mini_file), str(broken_file)]) == 2
    captured = capsys.readouterr()
    assert f"{mini_file}: ok" in captured.out
    assert str(broken_file) in captured.err


# --- list and schema --------------------------------------------------------------------------


def test_list_shows_the_default_scenario_with_title_and_duration(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["list"]) == 0
    scenario = bundled()
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith(scenario.id))
    assert scenario.title in line
    assert f"{scenario.duration_minutes:g} min" in line


def test_list_shows_every_bundled_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    main(["list"])
    out = capsys.readouterr().out
    assert all(ident in out for ident in bundled_scenarios())


def test_schema_prints_json_with_injects_and_rubric(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert {"injects", "rubric"} <= set(schema["properties"])
    assert "id" in schema["required"]


def test_schema_definitions_carry_each_fields_description(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["schema"])
    defs = json.loads(capsys.readouterr().out)["$defs"]
    assert defs["Inject"]["properties"]["minute"]["description"].startswith("Scenario minute")
    assert defs["Condition"]["properties"]["not_acted"]["description"]
    assert defs["Criterion"]["properties"]["kind"]["enum"][0] == "decision"


# --- simulate ----------------------------------------------------------------------------------


def the_core_run() -> tuple[Exercise, ScoreCard]:
    """The run `freeze_json` prints, played and scored by the core itself."""
    exercise = play(bundled(), None, [parse_action("22:freeze")])
    return exercise, score(exercise)


def test_simulate_json_is_the_score_card_the_core_computes(freeze_json: dict[str, Any]) -> None:
    _, card = the_core_run()
    assert (freeze_json["total"], freeze_json["max"], freeze_json["grade"]) == (
        card.total, card.max, card.grade)
    assert [(c["id"], c["points"], c["max"], c["why"]) for c in freeze_json["criteria"]] == [
        (c.id, c.points, c.max, c.why) for c in card.criteria]
    assert freeze_json["total"] == pytest.approx(
        sum(c["points"] for c in freeze_json["criteria"]))


def test_simulate_json_reports_the_harm_of_the_run_nobody_acting_and_the_best_case(
    freeze_json: dict[str, Any],
) -> None:
    _, card = the_core_run()
    assert freeze_json["harm"] == card.harm.as_dict()
    assert freeze_json["baseline_harm"] == card.baseline_harm.as_dict()
    assert freeze_json["best_harm"] == card.best_harm.as_dict()
    assert list(freeze_json["harm"]) == list(card.harm.counters)
    assert set(freeze_json["harm"]) <= set(HARM_COUNTERS)


def test_simulate_json_with_no_action_reports_the_baseline_harm(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = simulate_json(capsys, DEFAULT_SCENARIO)
    assert data["harm"] == data["baseline_harm"]


def test_simulate_json_lists_the_injects_the_run_fired_with_their_evidence_as_shown(
    freeze_json: dict[str, Any],
) -> None:
    exercise, _ = the_core_run()
    assert [(f["id"], f["minute"], f["title"]) for f in freeze_json["fired_injects"]] == [
        (f.inject.id, f.minute, f.inject.title) for f in exercise.fired]
    assert [[e["text"] for e in f["evidence"]] for f in freeze_json["fired_injects"]] == [
        [e.text for e in f.evidence] for f in exercise.fired]
    minutes = [f["minute"] for f in freeze_json["fired_injects"]]
    assert minutes == sorted(minutes)


def test_simulate_takes_a_path_to_a_scenario_file(
    mini_file: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    data = simulate_json(capsys, str(mini_file), "--action", "11:rollback:overrides,reviewer")
    assert data["scenario"] == "mini"
    assert data["decisions"] == [{"minute": 11.0, "action": "rollback",
                                  "cited": ["overrides", "reviewer"], "checks": []}]


def test_simulate_prints_a_readable_score_card_without_json(
    mini_file: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["simulate", str(mini_file), "--action", "11:rollback"]) == 0
    out = capsys.readouterr().out
    assert "Score card" in out
    assert "Early signals" in out


@pytest.mark.parametrize("spec", ["rollback", "22:", "soon:freeze", "1:2:3:4:5"])
def test_simulate_exits_2_on_a_malformed_action(
    spec: str, capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["simulate", DEFAULT_SCENARIO, f"--action={spec}"]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert spec in err
    assert "Traceback" not in err


def test_a_malformed_action_says_what_form_was_expected(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["simulate", DEFAULT_SCENARIO, "--action", "rollback"])
    assert "expected MINUTE:ACTION" in capsys.readouterr().err


def test_an_action_at_a_minute_that_is_not_a_number_is_named(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["simulate", DEFAULT_SCENARIO, "--action", "soon:freeze"])
    assert "'soon' is not a scenario minute" in capsys.readouterr().err


def test_simulate_exits_2_on_an_unknown_action_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", DEFAULT_SCENARIO, "--action", "22:explode"]) == 2
    err = capsys.readouterr().err
    assert "'explode' is not an action of this scenario" in err
    assert "Traceback" not in err


def test_simulate_exits_2_on_an_action_outside_the_exercise(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["simulate", DEFAULT_SCENARIO, "--action", "500:freeze"]) == 2
    assert "outside the exercise" in capsys.readouterr().err


def test_simulate_exits_2_on_a_broken_scenario_file(
    broken_file: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["simulate", str(broken_file)]) == 2
    assert ERROR_LINE.match(capsys.readouterr().err.strip())


def test_a_reader_that_leaves_early_gets_no_traceback() -> None:
    import subprocess
    import sys

    # The reader closes its end before the command writes, as `| head` does once it has enough.
    child = subprocess.Popen([sys.executable, "-m", "tabletop", "simulate", DEFAULT_SCENARIO,
                              "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None
    assert child.stderr is not None
    child.stdout.close()
    errors = child.stderr.read().decode()
    assert child.wait(timeout=120) == 1
    assert errors == ""


@pytest.mark.parametrize("argv", [
    [], ["run"], ["run", "pricing-assistant-incident", "--speed", "60", "--teams", "A,B"],
    ["resume", "3", "--theme", "projector"], ["report", "--format", "html"],
    ["simulate", DEFAULT_SCENARIO, "--action=-5:approve", "--json"], ["validate", "a", "b"],
])
def test_the_parser_built_for_one_command_reads_it_as_the_whole_parser_does(
        argv: list[str]) -> None:
    from tabletop.cli.parser import build_parser, parse

    assert parse(argv) == build_parser().parse_args(argv)


def test_history_of_a_scenario_suggests_starting_a_drill_of_that_scenario(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "pricing-assistant-incident", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Start one: tabletop run pricing-assistant-incident --solo" in out
