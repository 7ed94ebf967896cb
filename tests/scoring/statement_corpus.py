"""Statements a room might write, each with the band the judge must put it in (issue 20).

Each is sent at a fixed minute of a fixed run: in the student-support scenario the expert's
run (freeze at T+20, roll back at T+25; by T+60 two urgent tickets misrouted and one
high-priority case missed), the statement at T+60; in the pricing scenario the expert's
runbook (roll back at T+0.5), the stub at T+4. Bands: "kept" is within 20 % of the reference
statement's points; "half" is at most half the criterion's maximum.

`python -m tests.scoring.statement_corpus` prints each statement's points and why.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from typing import Literal

from tabletop.exercise.engine import Exercise
from tabletop.exercise.replay import PlannedStatement, parse_action, play
from tabletop.scenario.model import Scenario
from tabletop.scoring.rubric import CriterionScore, score
from tests.helpers import bundled

Band = Literal["kept", "half"]
STUDENT = "student-support-release"
PRICING = "pricing-assistant-incident"

_STUDENT_RUN = ("-5:approve-with-checks:r1-f1,r1-regression:slice-eval,shadow-compare",
                "20:freeze:r2-overrides,r2-reviewer", "25:rollback:r2-overrides,r2-reviewer")
_PRICING_RUN = ("0.5:rollback:p-hallucinated,p-admin-rejections", "1:capture-trace:p-hallucinated",
                "2:mark-run-failed", "3:page-oncall")
_MINUTE = {STUDENT: 60.0, PRICING: 4.0}

REFERENCE = {
    STUDENT: ("Urgent tickets from multilingual students were misrouted to the general queue; "
              "we rolled back the release at T+25 and the next update is at T+90."),
    PRICING: json.dumps({"trace_id": "4cd9fbb5c22e", "run_id": "run-7f3a91",
                         "customer_impact": "pricing admins got hallucinated renewal "
                                            "adjustments from the assistant",
                         "mitigation_eta": "rolled back to v2.3 at T+0.5, done"}),
}
"""The statement each scenario's corpus is measured against."""

_DONE = " We rolled back at T+25. Next update at T+90."
_WHAT = "Urgent tickets from multilingual students were misrouted to the general queue."

STUDENT_CORPUS: tuple[tuple[str, Band, str], ...] = (
    # honest paraphrases
    ("paraphrase", "kept", REFERENCE[STUDENT]),
    ("paraphrase", "kept", "Some urgent support tickets written by multilingual students were "
     "sent to the general queue by the new classifier. We froze the rollout at T+20 and rolled "
     "it back at T+25. Our next update will be at T+90."),
    ("paraphrase", "kept", "Between T+0 and T+25 the new routing model put urgent requests from "
     "students writing in languages other than English into the general queue, and one "
     "high-priority case missed escalation. We have reverted to last week's model. Next update "
     "in 30 minutes."),
    ("paraphrase", "kept", "A classifier update misclassified urgent tickets from students who "
     "write in Spanish, Mandarin and other languages; they waited in the general queue. We "
     "halted the release and rolled back to the previous model at T+25. We will post a further "
     "update at T+80."),
    ("paraphrase", "kept", "Two urgent tickets from multilingual students were routed to the "
     "general queue and one high-priority case missed the escalation path. We rolled back the "
     "update at T+25. Next update in 20 minutes."),
    ("paraphrase", "kept", "Students writing in languages other than English had urgent "
     "messages misrouted after today's release. The release was paused at T+20 and rolled back "
     "at T+25; advisors are reviewing the affected tickets now. Next update at T+75."),
    ("paraphrase", "kept", "Urgent tickets from non-English-speaking students were wrongly "
     "routed by the new model. We reverted it. Next update within the hour."),
    ("paraphrase", "kept", "The new classifier misrouted urgent tickets from multilingual "
     "students to the general queue. We rolled it back at T+25 and the old model is routing "
     "every ticket again. Next update at T+85."),
    ("paraphrase", "kept", "Earlier today a routing update caused urgent requests from students "
     "who wrote in languages other than English to land in the general queue instead of the "
     "urgent queue. We stopped the rollout and rolled back at T+25. Affected students are being "
     "contacted. We will share the next update at T+90."),
    ("paraphrase", "kept", "Multilingual students' urgent tickets were misrouted for about 25 "
     "minutes. We froze the rollout, then rolled back. Next update in 30 minutes."),
    ("paraphrase", "kept", "Urgent tickets from multilingual students were misrouted to the "
     "general queue; we rolled back the release at 10:25 and the next update is at 11:00."),
    # true statements that use negation correctly
    ("negation", "kept", _WHAT + " No student data was exposed." + _DONE),
    ("negation", "kept", "This was not an infrastructure outage: the new classifier misrouted "
     "urgent tickets from multilingual students." + _DONE),
    ("negation", "kept", "The candidate model did not lose any tickets, but it sent urgent "
     "tickets from multilingual students to the general queue instead of the urgent queue."
     + _DONE),
    ("negation", "kept", _WHAT + " English-language tickets were not affected." + _DONE),
    ("negation", "kept", _WHAT + " No further tickets are going to the wrong queue." + _DONE),
    ("negation", "kept", "This was not the students' fault: the new classifier misrouted their "
     "urgent tickets to the general queue." + _DONE),
    # lies: claims the run contradicts
    ("lie", "half", "All urgent tickets from multilingual students were routed correctly and "
     "every high-priority case was escalated on time. We rolled back at T+25 as a precaution; "
     "next update in 30 minutes."),
    ("lie", "half", "No urgent ticket was misrouted. We rolled back at T+25 as a precaution. "
     "Next update at T+90."),
    ("lie", "half", "Nobody was affected by the release: no ticket went to the wrong queue."
     + _DONE),
    ("lie", "half", _WHAT + " We continued the rollout to gather more data. Next update at "
     "T+90."),
    ("lie", "half", _WHAT + " We rolled back at T+5. Next update at T+90."),
    ("lie", "half", "Every urgent ticket reached the urgent queue on time. We reverted the "
     "model at T+25. Next update in 30 minutes."),
    ("lie", "half", "Forty urgent tickets from multilingual students were misrouted to the "
     "general queue." + _DONE),
    ("lie", "half", _WHAT + " We did not roll back. Next update at T+90."),
    ("lie", "half", "Urgent tickets were handled correctly throughout; we rolled back at T+25 "
     "only as a precaution. Next update at T+90."),
    # word salads and padding
    ("salad", "half", "misrouted student rolled update"),
    ("salad", "half", "urgent multilingual rollback next update"),
    ("salad", "half", "Misrouting. Students. Rollback. Update."),
    ("salad", "half", "misrouted urgent students multilingual general queue rolled back "
     "reverted halted next update follow"),
    ("salad", "half", "what happened: misrouting; who: students; done: rollback; next: update"),
    ("salad", "half", REFERENCE[STUDENT] + " " + "The team is aware. " * 500),
    # blame on the people harmed
    ("blame", "half", "Urgent tickets were misrouted because students wrote in their own "
     "language instead of English." + _DONE),
    ("blame", "half", "Multilingual students caused the misrouting by not writing in English."
     + _DONE),
    ("blame", "half", "The misrouting was the students' fault for using other languages."
     + _DONE),
    ("blame", "half", "If students had written in English, their urgent tickets would have been "
     "routed correctly." + _DONE),
    ("blame", "half", "Students should have written their urgent tickets in English." + _DONE),
    # causes the run does not support
    ("wrong cause", "half", "An infrastructure outage delayed urgent tickets from multilingual "
     "students." + _DONE),
    ("wrong cause", "half", "A network failure sent urgent tickets to the general queue."
     + _DONE),
    ("wrong cause", "half", "Urgent tickets were misrouted because the servers were overloaded."
     + _DONE),
    ("wrong cause", "half", "A latency spike caused urgent tickets from multilingual students to "
     "be misrouted." + _DONE),
    # next updates beyond the scenario's cadence, or none
    ("vague update", "half", _WHAT + " We rolled back at T+25. Next update next week."),
    ("vague update", "half", _WHAT + " We rolled back at T+25. We will update you tomorrow."),
    ("vague update", "half", _WHAT + " We rolled back at T+25. Next update in due course."),
    ("vague update", "half", _WHAT + " We rolled back at T+25. Next update in 3 days."),
    ("vague update", "half", _WHAT + " We rolled back at T+25. Next update in two hours."),
    ("vague update", "half", _WHAT + " We rolled back at T+25. There will be no further "
     "updates."),
)
"""(class, band, statement) for the student-support scenario."""


def _stub(impact: str, eta: str = "rolled back to v2.3 at T+0.5, done",
          trace: str = "4cd9fbb5c22e", run: str = "run-7f3a91") -> str:
    return json.dumps({"trace_id": trace, "run_id": run, "customer_impact": impact,
                       "mitigation_eta": eta})


PRICING_CORPUS: tuple[tuple[str, Band, str], ...] = (
    ("paraphrase", "kept", REFERENCE[PRICING]),
    ("paraphrase", "kept", _stub("Admins reviewing renewals saw wrong price adjustments "
                                 "proposed by the pricing assistant.")),
    ("paraphrase", "kept", _stub("Renewal quotes in the admin console were given hallucinated "
                                 "adjustments by the retrained model.", "rollback complete")),
    ("paraphrase", "kept", _stub("Pricing admins received nonsense adjustments from the "
                                 "assistant for about four minutes.",
                                 "mitigated: the rollback to v2.3 finished at T+1")),
    ("paraphrase", "kept", _stub("The assistant proposed bad adjustments to renewal prices for "
                                 "admin users.", "done, rolled back")),
    ("negation", "kept", _stub("Pricing admins got hallucinated renewal adjustments; no "
                               "customer was charged a wrong price.")),
    ("negation", "kept", _stub("The assistant gave admins hallucinated adjustments; this was "
                               "not a gateway outage.")),
    ("lie", "half", _stub("No customer impact.")),
    ("lie", "half", _stub("There were no hallucinated adjustments; pricing admins were not "
                          "affected.")),
    ("lie", "half", _stub("Pricing admins got hallucinated adjustments.",
                          "flag disabled at T+1, done")),
    ("lie", "half", _stub("Pricing admins got hallucinated adjustments.", trace="deadbeef0000")),
    ("lie", "half", _stub("Pricing admins got hallucinated adjustments.", run="run-52c0d4")),
    ("lie", "half", _stub("Pricing admins got 400 hallucinated adjustments.")),
    ("salad", "half", _stub("pricing bad", "eta")),
    ("salad", "half", _stub("admin pricing checkout impact", "done")),
    ("salad", "half", _stub("Pricing admins got hallucinated renewal adjustments. "
                            + "We are on it. " * 500)),
    ("blame", "half", _stub("Hallucinated adjustments appeared because admins wrote unclear "
                            "prompts; it was the admins' fault.")),
    ("blame", "half", _stub("Admins should have checked the assistant's adjustments before "
                            "saving them.")),
    ("wrong cause", "half", _stub("A database outage made the assistant propose wrong "
                                  "adjustments to pricing admins.")),
    ("wrong cause", "half", _stub("Pricing admins saw wrong adjustments caused by a network "
                                  "failure at the gateway.")),
    ("vague update", "half", _stub("Pricing admins got hallucinated adjustments.", "next week")),
    ("vague update", "half", _stub("Pricing admins got hallucinated adjustments.", "soon")),
    ("vague update", "half", _stub("Pricing admins got hallucinated adjustments.", "tbd")),
)
"""(class, band, stub fields as JSON) for the pricing scenario."""

COUNT_SPECIFIC = ("Two urgent tickets", "Forty urgent tickets", "got 400 hallucinated")
"""Statements whose band rests on a count the default seed's run has: a drill draws other
counts, so the drill tests leave them out."""

CORPUS: dict[str, tuple[tuple[str, Band, str], ...]] = {STUDENT: STUDENT_CORPUS,
                                                           PRICING: PRICING_CORPUS}


@cache
def _run(ident: str) -> tuple[tuple[str, ...], float]:
    return (_STUDENT_RUN if ident == STUDENT else _PRICING_RUN), _MINUTE[ident]


def statement_line(ident: str, text: str, scenario: Scenario | None = None,
                   seed: int | None = None) -> CriterionScore:
    """The statement criterion's line for `text` sent at the corpus's minute of its run (of
    the bundled scenario, or of `scenario` drawn for a drill, with `seed`)."""
    actions, minute = _run(ident)
    scenario = scenario or bundled(ident)
    request = next(c.statement for c in scenario.rubric.criteria if c.kind == "statement")
    exercise: Exercise = play(scenario, seed, [parse_action(a) for a in actions],
                              [PlannedStatement(minute, request, text)])
    criterion = next(c for c in scenario.rubric.criteria if c.kind == "statement")
    return next(line for line in score(exercise).criteria if line.id == criterion.id)


if __name__ == "__main__":
    for ident, corpus in CORPUS.items():
        sys.stdout.write(f"\n## {ident}\n")
        for kind, band, text in corpus:
            line = statement_line(ident, text)
            sys.stdout.write(f"{line.points:5g}/{line.max:g} {band:4} {kind:12} "
                             f"{text[:70]!r}\n        {line.why[:300]}\n")
