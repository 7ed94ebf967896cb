"""The after-action report's release-gate section (the extension activity): the team's gate
design (or the scenario's own when the team saved none) replayed on the run, the governance
practices each criterion and each part of the design evidences, and the design's pipeline
and playbook. Built once into a `GatesSection`; the renderers lay it out."""

from __future__ import annotations

from tabletop.base.record import record
from tabletop.base.words import fmt_minute, out_of
from tabletop.exercise.engine import Exercise
from tabletop.reports.pipeline import playbook, workflow
from tabletop.scenario.gate_checks import DESIGN_PARTS
from tabletop.scenario.gate_design import GateDesign
from tabletop.scoring.gates import GateReport, gate_report
from tabletop.scoring.rubric import ScoreCard

PART_NAMES = {"pre_deploy": "evaluation gates", "canary": "canary checkpoint",
              "rollback_triggers": "rollback triggers", "playbook": "rollback playbook",
              "report_evidence": "post-release evidence"}
"""A design part in the report's words."""


@record
class Practice:
    """A governance practice, what the team did for it and what the gates would have."""

    practice: str
    """The practice as the scenario names it."""
    team: tuple[str, ...]
    """Each criterion that evidences it, with its points."""
    gates: tuple[str, ...]
    """Each part of the design that evidences it, with what it did or holds."""


@record
class GatesSection:
    """Everything the section shows, computed once."""

    title: str
    """The design's title."""
    own: bool
    """The team saved this design (else it is the scenario's own)."""
    outcome: str
    """What the gates would have done on this run."""
    events: tuple[str, ...]
    """Each gate that fired, in words with its minute."""
    harm: tuple[tuple[str, float], ...]
    """(replay, weighted harm): with the gates, the team's run, nobody acting, the best case."""
    healthy: str
    """What the gates would have done on a healthy release."""
    false_alarm: bool
    """They would have stopped it."""
    practices: tuple[Practice, ...]
    """The governance mapping, in the order the scenario first names each practice."""
    evidence: tuple[str, ...]
    """The evidence the design says the post-release report must carry."""
    workflow: str
    """The design's GitHub Actions workflow."""
    playbook: str
    """The design's rollback playbook and release checklist (Markdown)."""


def gates_section(exercise: Exercise, card: ScoreCard, design: GateDesign,
                  own: bool) -> GatesSection:
    """The section for `design` replayed on `exercise`, scored as `card`."""
    report = gate_report(exercise, design)
    weights = report.weights
    harm = (("with the gates", report.incident.harm.weighted(weights)),
            ("the team's run", report.team.weighted(weights)),
            ("nobody acting", report.nobody.weighted(weights)),
            ("the best case", report.best.weighted(weights)))
    scenario = exercise.scenario
    return GatesSection(
        design.title or design.scenario, own, report.incident.outcome,
        tuple(f"{fmt_minute(e.minute)} {e.gate}: {e.says}" for e in report.incident.events),
        harm, report.healthy.outcome, report.false_alarm,
        _practices(exercise, card, design, report), design.report_evidence,
        workflow(design, scenario), playbook(design, scenario))


def _practices(exercise: Exercise, card: ScoreCard, design: GateDesign,
               report: GateReport) -> tuple[Practice, ...]:
    mapping = exercise.scenario.gates.practices if exercise.scenario.gates else {}
    lines = {line.id: line for line in card.criteria}
    done = _parts_done(design, report)
    order: dict[str, tuple[list[str], list[str]]] = {}
    for key, practices in mapping.items():
        for practice in practices:
            team, gates = order.setdefault(practice, ([], []))
            if key in lines:
                line = lines[key]
                team.append(f"{line.title} {out_of(line.points, line.max)}")
            elif key in DESIGN_PARTS and key in done:
                gates.append(f"{PART_NAMES[key]}: {done[key]}")
    return tuple(Practice(p, tuple(team), tuple(gates)) for p, (team, gates) in order.items())


def _parts_done(design: GateDesign, report: GateReport) -> dict[str, str]:
    """What each part of the design holds or did on this run."""
    fired = {e.gate.split(":")[0] for e in report.incident.events}
    done = {}
    if design.pre_deploy:
        done["pre_deploy"] = (f"{len(design.pre_deploy)}, "
                              + ("blocked the release" if "Evaluation gate" in fired
                                 else "none failed"))
    if design.canary is not None:
        verdict = report.incident.canary
        done["canary"] = (f"after {design.canary.minutes:g} minutes, "
                          + (verdict.decision if verdict else "not reached"))
    if design.rollback_triggers:
        done["rollback_triggers"] = (f"{len(design.rollback_triggers)}, "
                                     + ("one fired" if "Rollback trigger" in fired
                                        else "none fired"))
    if design.playbook:
        done["playbook"] = f"{len(design.playbook)} steps, each with an owner"
    if design.report_evidence:
        done["report_evidence"] = f"{len(design.report_evidence)} items required"
    return done
