"""Plays of the bundled scenarios from expert to reckless, as `tabletop simulate` options.

The relation tests (test_judge_relations.py) play them in-process; `python -m
tests.scoring.judge_plays` prints each play's command line, total, grade and harm (the table
in docs/rubric.md).
"""

from __future__ import annotations

import shlex
import sys
from functools import cache

from tabletop.exercise.replay import parse_action, parse_statement, play
from tabletop.scoring.rubric import ScoreCard, score
from tests.helpers import bundled

STUDENT = "student-support-release"
PRICING = "pricing-assistant-incident"

_GOOD = ("60:incident-statement:Urgent tickets from multilingual students were misrouted to the "
         "general queue; we rolled back the release at 10:25 and the next update is at 11:00.")
_CAUGHT = ("60:incident-statement:Our pre-release check showed the candidate would misroute "
           "urgent tickets from multilingual students to the general queue; we rolled it back "
           "at 10:00 as it went live, and the next update is at 11:00.")
_LATE = ("60:incident-statement:Urgent tickets from multilingual students were misrouted to the "
         "general queue and two high-priority cases missed escalation; we rolled back at 10:56; "
         "next update at 11:30.")
_STUB = ('4:incident-stub:{"trace_id": "4cd9fbb5c22e", "run_id": "run-7f3a91", '
         '"customer_impact": "pricing admins got hallucinated adjustments and customer personal '
         'data leaked", "mitigation_eta": "rolled back, done"}')
_PRICING_RUNBOOK = ("1:capture-trace:p-hallucinated", "2:mark-run-failed", "3:page-oncall",
                    "6:inspect-runs", "7:check-grafana", "8:verify-prompts", "9:run-regression",
                    "10:check-gateway", "12:fix-prompts-retrain:d-prompts",
                    "14:document-register", "50:schedule-retro", "51:bias-review-followup",
                    "52:update-runbook")

PLAYS: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    STUDENT: {
        "block, citing the checks": (
            ("-10:approve-with-checks:r1-f1,r1-regression:slice-eval,shadow-compare",
             "-9:block:x-slice-recall,x-shadow-disagree"), ()),
        "checks, roll back at T+0": (
            ("-5:approve-with-checks:r1-f1,r1-regression:slice-eval,shadow-compare",
             "0:rollback:x-slice-recall,x-shadow-disagree"), (_CAUGHT,)),
        "expert": (
            ("-5:approve-with-checks:r1-f1,r1-regression:slice-eval,shadow-compare",
             "20:freeze:r2-overrides,r2-reviewer", "25:rollback:r2-overrides,r2-reviewer"),
            (_GOOD,)),
        "canary review, freeze at T+15": (
            ("-5:approve-with-checks:r1-f1:canary-review", "15:freeze:x-canary-overrides",
             "20:rollback:r2-overrides,r2-reviewer"), (_GOOD.replace("10:25", "10:20"),)),
        "lazy": (("-5:approve-with-checks", "20:rollback"),
                 ("60:incident-statement:misrouted students rolled back next update",)),
        "approve, freeze at T+22, roll back at T+56": (
            ("-5:approve:r1-f1,r1-regression", "22:freeze:r2-overrides",
             "56:rollback:r3-missed-escalations,r3-shadow-correct"), (_LATE,)),
        "reassuring checks, roll back at T+56": (
            ("-5:approve-with-checks:r1-f1:load-test,fresh-split,security-scan",
             "56:rollback:r3-missed-escalations"), (_LATE,)),
        "nobody acts": ((), ()),
        "continue at T+56": (("56:continue",), ()),
        "approve on staging, continue at T+20 on latency": (
            ("-5:approve:r1-staging", "20:continue:r2-latency"), ()),
    },
    PRICING: {
        "roll back at T+0, whole runbook": (("0:rollback:p-hallucinated,p-admin-rejections",
                                             *_PRICING_RUNBOOK), (_STUB,)),
        "expert: roll back at T+0.5, whole runbook": (
            ("0.5:rollback:p-hallucinated,p-admin-rejections", *_PRICING_RUNBOOK), (_STUB,)),
        "disable the flag at T+0, whole runbook": (
            ("0:disable-flag:p-hallucinated,p-admin-rejections", *_PRICING_RUNBOOK),
            (_STUB.replace("rolled back, done", "flag disabled, done"),)),
        "roll back at T+2, contain, notify, no diagnosis": (
            ("2:rollback:p-hallucinated", "3:capture-trace", "4:mark-run-failed",
             "5:page-oncall"), (_STUB.replace("4:", "6:", 1),)),
        "fast rollback, diagnosis, no stub": (
            ("2:rollback", "4:capture-trace", "5:page-oncall", "8:mark-run-failed",
             "12:inspect-runs", "14:check-grafana", "16:verify-prompts"), ()),
        "lazy": (("10:rollback",),
                 ("12:incident-stub:pricing assistant broken, rolled back, eta soon",)),
        "disable the flag at T+10": (("10:disable-flag", "30:page-oncall"), ()),
        "notify first, roll back at T+12": (
            ("1:page-oncall", "3:capture-trace", "12:rollback:p-gateway-5xx"), ()),
        "diagnose, never stabilise": (
            ("1:inspect-runs", "2:check-grafana", "3:verify-prompts", "4:check-gateway",
             "20:refresh-dataset:p-bias-drift"), ()),
        "nobody acts": ((), ()),
    },
}
"""Scenario id to play name to (its --action specs, its --statement specs)."""


@cache
def card(ident: str, name: str) -> ScoreCard:
    """The score card of a named play, with the scenario's default seed."""
    actions, statements = PLAYS[ident][name]
    return score(play(bundled(ident), None, [parse_action(a) for a in actions],
                      [parse_statement(s) for s in statements]))


def command(ident: str, name: str) -> str:
    """The `tabletop simulate` command line that plays it."""
    actions, statements = PLAYS[ident][name]
    args = ["tabletop", "simulate", ident, *(f"--action={a}" for a in actions),
            *(f"--statement={s}" for s in statements)]
    return " ".join(shlex.quote(a) for a in args)


def table(ident: str) -> str:
    """A Markdown table of every play of a scenario: total, grade, harm."""
    rows = ["| play | total | grade | harm (counters) |", "| --- | --- | --- | --- |"]
    for name in PLAYS[ident]:
        c = card(ident, name)
        harm = ", ".join(f"{k} {v}" for k, v in c.harm.as_dict().items() if v)
        rows.append(f"| {name} | {c.total:g} | {c.grade} | {harm or 'none'} |")
    return "\n".join(rows)


if __name__ == "__main__":
    for ident in PLAYS:
        sys.stdout.write(f"\n## {ident}\n\n{table(ident)}\n\n")
        for name in PLAYS[ident]:
            sys.stdout.write(f"- {name}: `{command(ident, name)}`\n")
