"""`tabletop gates`: a gate design replayed on a scenario's incident and on a healthy release,
headless; `--export` writes its pipeline (a GitHub Actions workflow) and its playbook."""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tabletop.base.words import fmt_minute
from tabletop.cli.errors import UsageError
from tabletop.cli.output import say

if TYPE_CHECKING:
    from tabletop.exercise.engine import Exercise
    from tabletop.scenario.gate_design import GateDesign
    from tabletop.scenario.model import Scenario
    from tabletop.scoring.gates import GateReport


def gates_command(args: argparse.Namespace, load: Callable[[str], Scenario]) -> int:
    """Replay the design (the scenario's default without `--gates`) and print the result."""
    # Loaded when the command runs: `tabletop` starts without the scoring.
    from tabletop.scoring.gates import gate_report

    scenario = load(args.scenario)
    design = _design(args, scenario)
    exercise = _exercise(args, scenario)
    report = gate_report(exercise, design)
    if args.export:
        _export(Path(args.export), design, scenario)
    say(json.dumps(gate_data(report), indent=2) if args.json else _text(report))
    return 0


def _design(args: argparse.Namespace, scenario: Scenario) -> GateDesign:
    # Loaded when the command runs: `tabletop` starts without the scoring.
    from tabletop.scenario.gate_loader import default_design_path, load_gate_design

    path = Path(args.gates) if args.gates else default_design_path(scenario)
    if path is None:
        raise UsageError(f"gates: {scenario.id} ships no gate design; give one with --gates")
    return load_gate_design(path, scenario)  # a ScenarioError names file, line and field


def _exercise(args: argparse.Namespace, scenario: Scenario) -> Exercise:
    """The run the gates are replayed against: a saved session's, or nobody acting."""
    if args.session is None:
        # Loaded when the command runs: `tabletop` starts without the scoring.
        from tabletop.exercise.replay import play

        return play(scenario, None, [])
    # Loaded when the command runs: `tabletop` starts without the scoring.
    from tabletop.journal.restore import restore
    from tabletop.journal.store import Store, StoreError

    try:
        with Store.open(getattr(args, "data_dir", None)) as store:
            info = store.session(args.session)
            if info.scenario_ref != args.scenario and Path(info.scenario_ref).stem != scenario.id:
                raise UsageError(f"gates: session {args.session} played {info.scenario_ref}")
            return restore(store, args.session, scenario).exercise
    except StoreError as err:
        raise UsageError(str(err)) from None


def _export(folder: Path, design: GateDesign, scenario: Scenario) -> None:
    # Loaded when the command runs: `tabletop` starts without the scoring.
    from tabletop.reports.pipeline import playbook, workflow

    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ((f"release-{scenario.id}.yml", workflow(design, scenario)),
                       (f"release-playbook-{scenario.id}.md", playbook(design, scenario))):
        (folder / name).write_text(text, encoding="utf-8")
        say(f"wrote {folder / name}")


def gate_data(report: GateReport) -> dict[str, Any]:
    """The report as JSON: each replay's events and outcome, and the four harms weighed."""
    def replay(found: Any) -> dict[str, Any]:
        return {"outcome": found.outcome, "stopped_at": found.stopped_at,
                "harm": found.harm.as_dict(),
                "events": [{"minute": e.minute, "gate": e.gate, "says": e.says}
                           for e in found.events]}
    weights = report.weights
    return {
        "design": report.design.title, "scenario": report.design.scenario,
        "incident": replay(report.incident), "healthy": replay(report.healthy),
        "caught": report.caught, "false_alarm": report.false_alarm,
        "weighted_harm": {"gated": report.incident.harm.weighted(weights),
                          "team": report.team.weighted(weights),
                          "nobody": report.nobody.weighted(weights),
                          "best": report.best.weighted(weights)},
    }


def _text(report: GateReport) -> str:
    weights = report.weights
    lines = [f"Gate design: {report.design.title or report.design.scenario}", "",
             f"On the incident: {report.incident.outcome}"]
    lines += [f"  {fmt_minute(e.minute)}  {e.gate}: {e.says}" for e in report.incident.events]
    lines += ["", f"{'weighted harm':<28}{'with the gates':>16}{'your run':>10}"
                  f"{'nobody':>8}{'best':>6}",
              f"{'':<28}{report.incident.harm.weighted(weights):>16g}"
              f"{report.team.weighted(weights):>10g}{report.nobody.weighted(weights):>8g}"
              f"{report.best.weighted(weights):>6g}", "",
              f"On a healthy release: {report.healthy.outcome}"
              + (" (a false alarm)" if report.false_alarm else "")]
    lines += [f"  {fmt_minute(e.minute)}  {e.gate}: {e.says}" for e in report.healthy.events]
    return "\n".join(lines)


def is_gate_design(path: Path) -> bool:
    """The file is a gate design (it names its `scenario` at the top level), not a scenario."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False  # the scenario loader says why it cannot be read
    return re.search(r"^scenario:", text, re.MULTILINE) is not None


def validate_design(path: Path, load: Callable[[str], Scenario]) -> bool:
    """Check a gate design against the scenario it names; say what was found."""
    # Loaded when the command runs: `tabletop` starts without the scoring.
    from tabletop.scenario.errors import ScenarioError
    from tabletop.scenario.gate_loader import load_gate_design

    try:
        named = re.search(r"^scenario:\s*(\S+)", path.read_text(encoding="utf-8"), re.MULTILINE)
        scenario = load(named.group(1) if named else "")
        design = load_gate_design(path, scenario)
    except ScenarioError as err:
        say(err, error=True)
        return False
    say(f"{path}: ok (gate design for {design.scenario}: {len(design.pre_deploy)} evaluation "
        f"gates, {'a' if design.canary else 'no'} canary checkpoint, "
        f"{len(design.rollback_triggers)} rollback triggers, {len(design.playbook)} playbook "
        "steps)")
    return True
