"""Release gates (issue 21): the canary judge, the what-if replay on the incident and on a
healthy release, the exported pipeline and playbook, and bad gate files."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tabletop.cli import main
from tabletop.exercise.gates import healthy_scenario, judge_canary, replay_with_gates
from tabletop.exercise.replay import parse_action, play
from tabletop.reports.pipeline import playbook, workflow
from tabletop.scenario.errors import ScenarioError
from tabletop.scenario.gate_design import CanaryMetric, GateDesign, Threshold
from tabletop.scenario.gate_loader import default_design_path, load_gate_design, parse_gate_design
from tabletop.scenario.gates import Measure
from tabletop.scoring.gates import gate_report
from tests.helpers import bundled

STUDENT = "student-support-release"
PRICING = "pricing-assistant-incident"


def design(ident: str = STUDENT) -> GateDesign:
    scenario = bundled(ident)
    path = default_design_path(scenario)
    assert path is not None
    return load_gate_design(path, scenario)


# --- the canary judge -------------------------------------------------------------------------

MEASURES = {"a": Measure("a", "alpha", "overrides"), "b": Measure("b", "beta", "overrides")}


def judged(value: float, fails: str = "both", tolerance: float = 0.5, slack: float = 0.0,
           baseline: float = 10.0) -> str:
    verdict = judge_canary([CanaryMetric("a", tolerance, fails, slack)],  # type: ignore[arg-type]
                           MEASURES, {"a": (value, baseline)}, 0.0, 1.0, 0.5)
    return verdict.metrics[0].verdict


def test_a_metric_passes_within_its_band_and_fails_high_or_low_outside_it() -> None:
    assert judged(14) == "pass"
    assert judged(16) == "fail high"
    assert judged(4) == "fail low"
    assert judged(16, slack=2) == "pass"
    assert judged(4, fails="high") == "pass"  # only failing high counts for this metric
    assert judged(16, fails="low") == "pass"


def test_the_score_is_the_share_that_pass_and_the_thresholds_decide() -> None:
    metrics = [CanaryMetric("a", 0.5, "high"), CanaryMetric("b", 0.5, "high")]

    def decide(a: float, b: float) -> tuple[float, str]:
        found = judge_canary(metrics, MEASURES, {"a": (a, 10), "b": (b, 10)}, 15.0, 1.0, 0.5)
        return found.score, found.decision

    assert decide(10, 10) == (1.0, "continue")
    assert decide(30, 10) == (0.5, "hold")  # inconclusive: between the two thresholds
    assert decide(30, 30) == (0.0, "roll back")


# --- the what-if replay -------------------------------------------------------------------------


def test_the_default_design_blocks_the_release_before_deploy() -> None:
    found = replay_with_gates(bundled(), None, design())
    assert found.outcome == "blocked before deploy"
    assert not any(found.harm.as_dict().values())
    assert "urgent recall on non-English live tickets" in found.events[0].gate


def test_without_the_evaluation_gates_the_override_trigger_rolls_back_at_the_first_crossing(
        ) -> None:
    scenario = bundled()
    only_trigger = dataclasses.replace(design(), pre_deploy=(), canary=None)
    found = replay_with_gates(scenario, None, only_trigger)
    limit = only_trigger.rollback_triggers[0].at_most
    assert limit is not None
    nobody = play(scenario, None, [])
    first = next(m for m in range(0, int(scenario.end_minute))
                 if float(nobody.figures_at(m)["overrides"]) > limit)
    assert found.stopped_at == first
    assert found.outcome.startswith("rolled back at")


def test_the_replay_never_does_more_harm_than_the_teams_own_run() -> None:
    scenario = bundled()
    weights = scenario.rubric.harm_weights
    plays = [(), ("20:continue",), ("20:freeze:r2-overrides",), ("56:rollback",),
             ("-5:approve-with-checks:r1-f1:slice-eval", "0:rollback:x-slice-recall")]
    designs = [design(), dataclasses.replace(design(), pre_deploy=()),
               dataclasses.replace(design(), pre_deploy=(), canary=None)]
    for actions in plays:
        run = play(scenario, None, [parse_action(a) for a in actions])
        for each in designs:
            report = gate_report(run, each)
            assert report.incident.harm.weighted(weights) <= report.team.weighted(weights), actions


def test_a_design_that_blocks_everything_shows_false_alarms_on_the_healthy_release() -> None:
    scenario = bundled()
    strict = dataclasses.replace(design(), pre_deploy=(
        Threshold("urgent-recall-other", at_least=1.0),))
    healthy = replay_with_gates(healthy_scenario(scenario), None, strict)
    assert healthy.outcome == "blocked before deploy"
    assert gate_report(play(scenario, None, []), strict).false_alarm
    assert not gate_report(play(scenario, None, []), design()).false_alarm


def test_the_pricing_gates_cover_the_runbooks_four_triggers_and_stop_the_incident() -> None:
    scenario = bundled(PRICING)
    found = design(PRICING)
    figures = {m.id: m.figure for m in scenario.gates.measures} if scenario.gates else {}
    assert len({figures[t.measure] for t in found.rollback_triggers}) == 4
    report = gate_report(play(scenario, None, []), found)
    assert report.caught
    assert not report.false_alarm


# --- the exports ----------------------------------------------------------------------------------


@pytest.mark.parametrize("ident", [STUDENT, PRICING])
def test_the_workflow_is_valid_yaml_naming_every_gate_and_the_playbook_every_step(
        ident: str, tmp_path: Path) -> None:
    scenario, found = bundled(ident), design(ident)
    text = workflow(found, scenario)
    jobs = yaml.safe_load(text)["jobs"]
    assert {"evaluation-gates", "deploy-canary", "promote", "rollback"} <= set(jobs)
    labels = {m.id: m.label for m in scenario.gates.measures} if scenario.gates else {}
    metrics = found.canary.metrics if found.canary else ()
    named: list[Threshold | CanaryMetric] = [*found.pre_deploy, *found.rollback_triggers,
                                             *metrics]
    for gate in named:
        assert labels[gate.measure] in text
    book = playbook(found, scenario)
    for step in found.playbook:
        assert " ".join(step.step.split()) in book
    for evidence in found.report_evidence:
        assert evidence in book


@pytest.mark.skipif(shutil.which("zizmor") is None and not Path(".venv/bin/zizmor").exists(),
                    reason="zizmor is not installed (the test extra installs it)")
@pytest.mark.parametrize("ident", [STUDENT, PRICING])
def test_zizmor_finds_nothing_in_the_exported_workflow(ident: str, tmp_path: Path) -> None:
    file = tmp_path / "release.yml"
    file.write_text(workflow(design(ident), bundled(ident)))
    zizmor = shutil.which("zizmor") or ".venv/bin/zizmor"
    done = subprocess.run([zizmor, "--offline", "--persona", "pedantic", str(file)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings" in done.stdout + done.stderr


# --- files and the command ------------------------------------------------------------------------


def refused(text: str) -> ScenarioError:
    with pytest.raises(ScenarioError) as caught:
        parse_gate_design(text, "g.yaml", bundled())
    return caught.value


def test_bad_gate_files_name_the_line_column_and_field() -> None:
    unknown = refused("scenario: student-support-release\npre_deploy:\n"
                      "  - {measure: nothing-like-it, at_least: 1}\n")
    assert (unknown.line, unknown.column, unknown.field_path) == (3, 15, "pre_deploy[0].measure")
    wrong_kind = refused("scenario: student-support-release\nrollback_triggers:\n"
                         "  - {measure: urgent-recall-other, at_most: 1}\n")
    assert "is a pre-deploy measure" in wrong_kind.message
    no_limit = refused("scenario: student-support-release\npre_deploy:\n"
                       "  - {measure: urgent-recall-other}\n")
    assert "expected at_least or at_most" in no_limit.message
    other = refused("scenario: pricing-assistant-incident\n")
    assert other.field_path == "scenario"
    field = refused("scenario: student-support-release\nthresholds: []\n")
    assert "unknown field" in field.message
    upside = refused("scenario: student-support-release\ncanary:\n  minutes: 10\n"
                     "  metrics: [{measure: override-rate}]\n  continue_at: 0.4\n"
                     "  roll_back_below: 0.6\n")
    assert upside.field_path == "canary.roll_back_below"


def test_the_gates_command_prints_the_replay_and_validate_reads_designs(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["gates", STUDENT, "--json", "--export", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert '"outcome": "blocked before deploy"' in out
    assert (tmp_path / f"release-{STUDENT}.yml").is_file()
    path = default_design_path(bundled())
    assert path is not None
    assert main(["validate", str(path)]) == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("scenario: student-support-release\npre_deploy: [{measure: x, at_least: 1}]\n")
    assert main(["validate", str(bad)]) == 2


# --- the fourth learning goal -----------------------------------------------------------------


def test_the_teams_saved_design_is_scored_journalled_and_back_after_resume(
        tmp_path: Path) -> None:
    from tabletop.exercise.clock import FakeTime
    from tabletop.journal.restore import restore
    from tabletop.journal.store import DB_NAME, Store
    from tabletop.scenario.gate_loader import design_yaml
    from tests.journal.helpers import session_id, start_workshop

    store = Store(tmp_path / DB_NAME)
    driver = start_workshop(store, FakeTime())
    driver.finish()
    session = driver.session
    assert all(line.id != "gates" for line in session.score().criteria)  # no design yet
    session.save_gates(design_yaml(design()))
    line = next(x for x in session.score().criteria if x.id == "gates")
    assert line.max == 10
    assert "Your gates would have blocked the release before deploy" in line.why
    loose = dataclasses.replace(design(), pre_deploy=(), canary=None, rollback_triggers=())
    session.save_gates(design_yaml(loose))
    weaker = next(x for x in session.score().criteria if x.id == "gates")
    assert weaker.points < line.points
    restored = restore(store, session_id(session), bundled(), FakeTime())
    assert restored.gate_design() == loose
    assert restored.score() == session.score()


def test_a_design_that_stops_a_healthy_release_loses_half() -> None:
    from tabletop.scoring.gates import gates_points

    scenario = bundled()
    criterion = next(c for c in scenario.rubric.criteria if c.kind == "gates")
    run = play(scenario, None, [])
    strict = dataclasses.replace(design(), pre_deploy=(
        Threshold("urgent-recall-other", at_least=1.0),))
    good, _ = gates_points(criterion, run, design())
    alarmist, why = gates_points(criterion, run, strict)
    assert alarmist == good / 2
    assert "false alarm" in why


def test_the_report_carries_the_gates_the_practices_and_the_pipeline() -> None:
    from tabletop.exercise.clock import FakeTime
    from tabletop.reports.facts import report_from_session
    from tabletop.reports.markdown import to_markdown
    from tabletop.scenario.gate_loader import design_yaml
    from tests.journal.helpers import start_workshop

    driver = start_workshop(None, FakeTime())
    driver.finish()
    report = report_from_session(driver.session)
    assert report.gates is not None
    assert not report.gates.own  # the scenario's own design: the team saved none
    space = bundled().gates
    assert space is not None
    practices = {p for ps in space.practices.values() for p in ps}
    assert {p.practice for p in report.gates.practices} == practices
    text = to_markdown(report)
    assert "## Release Gates" in text
    assert "blocked before deploy" in text
    assert "name: \"Release student-support-release\"" in text
    driver.session.save_gates(design_yaml(dataclasses.replace(design(), title="Ours")))
    own = report_from_session(driver.session).gates
    assert own is not None
    assert own.own
    assert own.title == "Ours"
