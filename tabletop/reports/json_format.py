"""The report as JSON, version 1: the shape documented in docs/report-format.md."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from tabletop.base.text import UNSAFE
from tabletop.base.words import fmt_minute
from tabletop.exercise.engine import Exercise
from tabletop.exercise.variation import Drill, played_variation
from tabletop.reports.facts import Report
from tabletop.reports.wording import action_label
from tabletop.scoring.rubric import ScoreCard

REPORT_FORMAT = "tabletop.report"
"""The `format` field of the JSON report."""
REPORT_VERSION = 1
"""The `version` field of the JSON report; bumped when a field changes meaning or goes away."""


def to_data(report: Report) -> dict[str, Any]:
    """The report as the JSON object of docs/report-format.md."""
    o = report.overview
    return {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "overview": {
            "scenario_id": o.scenario_id, "title": o.title, "summary": o.summary,
            "purpose": o.purpose, "date": o.date, "mode": o.mode, "teams": list(o.teams),
            "roles": list(o.roles), "facilitator": o.facilitator, "seed": o.seed,
            "session_id": o.session_id,
            "ended": o.ended, "minute": o.minute, "clock": fmt_minute(o.minute),
            "real_time": o.real_time,
        },
        "timeline": [
            {"minute": e.minute, "clock": e.clock, "kind": e.kind, "ref": e.ref,
             "title": e.title, "details": list(e.details), "team": e.team}
            for e in report.timeline],
        "goals": [
            {"goal": g.goal, "criteria": list(g.criteria), "points": g.points, "max": g.max,
             "strengths": list(g.strengths), "improvements": list(g.improvements),
             "capability": g.capability, "facilitator_capability": g.facilitator_capability}
            for g in report.goals],
        "score": _score(report),
        "gates": _gates(report),
        "harm": _harm(report),
        "debrief": {
            "answers": [{"question": a.question, "answer": a.answer} for a in report.debrief],
            "commitments": dict(report.commitments),
        },
        "improvement_plan": [{"action": r.action, "owner": r.owner, "due": r.due}
                             for r in report.plan],
        **_choices(report),
    }


def card_data(card: ScoreCard) -> dict[str, Any]:
    """A score card as JSON: the total, the grade and each criterion with its why and the
    facilitator's HSEEP rating (null where the machine's reading stands)."""
    return {
        "total": card.total, "max": card.max, "percent": round(card.percent, 1),
        "grade": card.grade, "grade_label": card.grade_label,
        "criteria": [{"id": c.id, "title": c.title, "points": c.points, "max": c.max,
                      "why": c.why, "rating": c.rating or None} for c in card.criteria],
    }


def run_result(exercise: Exercise, card: ScoreCard, drill: Drill | None = None
               ) -> dict[str, Any]:
    """What `tabletop simulate --json` prints: the score card, the harm against nobody acting
    and the best case, the injects fired with their evidence as shown (figures filled in) and
    the decisions, for scripts and calibration; with `--drill`, the drill the seed drew."""
    drawn = {} if drill is None else {"drill": {
        "seed": drill.seed, "stream_seed": drill.stream_seed, "draws": drill.draws,
        "variation": played_variation(drill.scenario)}}
    return {
        "scenario": exercise.scenario.id,
        "seed": exercise.seed,
        **drawn,
        **card_data(card),
        "harm": card.harm.as_dict(),
        "baseline_harm": card.baseline_harm.as_dict(),
        "best_harm": card.best_harm.as_dict(),
        "fired_injects": [{"id": f.inject.id, "minute": f.minute, "title": f.inject.title,
                           "evidence": [{"id": e.id, "tag": e.tag, "text": e.text}
                                        for e in f.evidence]}
                          for f in exercise.fired],
        "decisions": [{"minute": d.minute, "action": d.action, "cited": list(d.cited),
                       "checks": list(d.checks)} for d in exercise.decisions],
    }


def _score(report: Report) -> dict[str, Any]:
    return {
        **card_data(report.card),
        "teams": [{"team": t.team, "total": t.total, "max": t.max, "grade": t.grade}
                  for t in report.team_scores],
    }


def _gates(report: Report) -> dict[str, Any] | None:
    g = report.gates
    if g is None:
        return None
    return {"title": g.title, "teams_own": g.own, "outcome": g.outcome, "events": list(g.events),
            "weighted_harm": [{"replay": name, "value": value} for name, value in g.harm],
            "healthy": g.healthy, "false_alarm": g.false_alarm,
            "practices": [{"practice": p.practice, "team": list(p.team), "gates": list(p.gates)}
                          for p in g.practices],
            "report_evidence": list(g.evidence), "workflow": g.workflow,
            "playbook": g.playbook}


def _harm(report: Report) -> dict[str, Any]:
    curve = report.harm_curve
    return {
        "from_minute": curve.minutes[0] if curve.minutes else None,
        "to_minute": curve.minutes[-1] if curve.minutes else None,
        "counters": [{"counter": h.counter, "label": h.label, "run": h.run,
                      "baseline": h.baseline, "best": h.best} for h in report.harm],
        "curve": {"counter": curve.counter, "label": curve.label,
                  "minutes": list(curve.minutes), "run": list(curve.run),
                  "baseline": list(curve.baseline), "best": list(curve.best)},
    }


def _choices(report: Report) -> dict[str, Any]:
    """The decisions, statements and votes in full."""
    return {
        "decisions": [
            {"minute": d.minute, "clock": fmt_minute(d.minute), "action": d.action,
             "label": action_label(report, d.action), "team": d.team, "cited": list(d.cited),
             "checks": list(d.checks), "justification": d.justification,
             "confidence": d.confidence} for d in report.decisions],
        "statements": [
            {"minute": st.minute, "clock": fmt_minute(st.minute), "request": st.request,
             "fields": st.texts, "picks": st.picks} for st in report.statements],
        "votes": [
            {"minute": r.minute, "clock": fmt_minute(r.minute), "decision": r.decision,
             "room_action": r.room_action, "alignment": r.alignment,
             "votes": [{"team": v.team, "action": v.action, "cited": list(v.cited),
                        "justification": v.justification, "confidence": v.confidence,
                        "checks": list(v.checks)} for v in r.votes]}
            for r in report.votes],
    }


def to_json(report: Report) -> str:
    """The report as JSON (docs/report-format.md)."""
    text = json.dumps(to_data(report), indent=2, ensure_ascii=False)
    # Written as JSON escapes, a control character keeps its value for a program and never
    # reaches a terminal that shows the file (`base.text`); other text stays as typed.
    return UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", text) + "\n"


def load_json(text: str) -> Mapping[str, Any]:
    """Read a JSON report back, checking its format and version."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("format") != REPORT_FORMAT:
        raise ValueError("not a tabletop report")
    if data.get("version") != REPORT_VERSION:
        raise ValueError(f"report version {data.get('version')!r}; this program reads "
                         f"version {REPORT_VERSION}")
    return data
