"""The judge's relations hold on every drill a seed can draw (issue 20, Done when): on both
bundled scenarios and the third test scenario (a chatbot that is not a router), the expert
scores above every play the issue names and the protective plays at or above the expert.

Three drill seeds in the suite; TABLETOP_LONG_TESTS=1 plays twenty, as `.ci/run` does.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest

from tabletop.exercise.clock import FakeTime
from tabletop.exercise.replay import parse_action, parse_statement, play
from tabletop.journal.setup import new_run
from tabletop.scenario.loader import load_scenario
from tabletop.scenario.model import Scenario
from tabletop.scoring.rubric import CriterionScore, ScoreCard, score
from tests.helpers import bundled
from tests.scoring.judge_plays import (
    _CAUGHT,
    _GOOD,
    _PRICING_RUNBOOK,
    _STUB,
    PLAYS,
    PRICING,
    STUDENT,
)
from tests.scoring.statement_corpus import (
    CORPUS,
    COUNT_SPECIFIC,
    REFERENCE,
    statement_line,
)

SEEDS = range(1, 21) if os.environ.get("TABLETOP_LONG_TESTS") == "1" else range(1, 4)
CHATBOT = "discount-chatbot"
_CHATBOT_FILE = Path(__file__).resolve().parents[1] / "scenarios" / "discount-chatbot.yaml"

_CHECKS = "-5:approve-with-checks:r1-f1,r1-regression:slice-eval,shadow-compare"
_EVERYTHING = ("r1-f1,r1-regression,r1-staging,r1-rollout-plan,r2-urgent-to-general,"
               "r2-overrides,r2-latency,r2-reviewer,x-slice-recall,x-shadow-disagree")
_EXPERT_STUDENT = PLAYS[STUDENT]["expert"][0]
_EXPERT_PRICING = PLAYS[PRICING]["expert: roll back at T+0.5, whole runbook"][0]
_DIAGNOSIS_FIRST = ("0:inspect-runs", "2:check-grafana", "4:verify-prompts",
                    "6:run-regression", "8:check-gateway", "10:rollback:p-hallucinated",
                    "11:capture-trace:p-hallucinated", "12:mark-run-failed", "13:page-oncall",
                    "14:fix-prompts-retrain:d-prompts",
                    "15:document-register", "50:schedule-retro", "51:bias-review-followup",
                    "52:update-runbook")

Play = tuple[tuple[str, ...], tuple[str, ...]]

EXPERT: dict[str, Play] = {
    STUDENT: (_EXPERT_STUDENT, (_GOOD,)),
    PRICING: (_EXPERT_PRICING, (_STUB,)),
    CHATBOT: (("1:rollback:b-turns",), ()),
}
_BLOCKED = PLAYS[STUDENT]["block, citing the checks"][0]
# A drill has no facilitator: the programme director's overrule of a block that held (a branch
# of the scenario) comes by itself (`variation.without_branches`), so a block is a whole play
# only with the team's answer to the deployment it could not stop.
_BLOCKED_THEN_ANSWERED: Play = (
    (*_BLOCKED, "20:freeze:r2-overrides,r2-reviewer", "25:rollback:r2-overrides,r2-reviewer"),
    (_GOOD,))
PROTECTIVE: dict[str, dict[str, Play]] = {
    STUDENT: {"block on the checks, then answer the overrule": _BLOCKED_THEN_ANSWERED,
              "roll back at T+0 on the checks": PLAYS[STUDENT]["checks, roll back at T+0"]},
    PRICING: {"roll back at T+0": PLAYS[PRICING]["roll back at T+0, whole runbook"]},
    CHATBOT: {"roll back at once": (("0:rollback",), ())},
}
NAMED: dict[str, dict[str, Play]] = {
    STUDENT: {
        "lazy": PLAYS[STUDENT]["lazy"],
        "block, then ignore the overrule": (_BLOCKED, ()),
        "a lie in the statement": (_EXPERT_STUDENT, (
            "60:incident-statement:All urgent tickets from multilingual students were routed "
            "correctly and every high-priority case was escalated on time. We rolled back at "
            "T+25 as a precaution; next update in 30 minutes.",)),
        "blame in the statement": (_EXPERT_STUDENT, (
            "60:incident-statement:Urgent tickets were misrouted because students wrote in "
            "their own language instead of English. We rolled back at T+25. Next update at "
            "T+90.",)),
        "next update next week": (_EXPERT_STUDENT, (_GOOD.replace("is at 11:00", "next week"),)),
        "padded statement": (_EXPERT_STUDENT, (_GOOD + " The team is aware." * 600,)),
        "every item cited": ((_CHECKS, f"20:freeze:{_EVERYTHING}", f"25:rollback:{_EVERYTHING}"),
                             (_GOOD,)),
        "roll back at T+0 on offline F1": (("0:rollback:r1-f1",), (_CAUGHT,)),
        "decoy checks, roll back at T+56": PLAYS[STUDENT]["reassuring checks, roll back at T+56"],
        "checks, then let it run": ((_CHECKS,), ()),
        "continue at T+20, roll back at T+60": (("20:continue", "60:rollback"), ()),
        "continue at T+56": PLAYS[STUDENT]["continue at T+56"],
        "nobody acts": ((), ()),
    },
    PRICING: {
        "diagnose ten minutes first": (_DIAGNOSIS_FIRST, (_STUB.replace("4:", "16:", 1),)),
        "the whole runbook in one burst": (("0:rollback:p-hallucinated", *(
            f"0:{a.split(':', 1)[1]}" for a in _PRICING_RUNBOOK)), (_STUB,)),
        "a made-up trace id": (_EXPERT_PRICING, (_STUB.replace("4cd9fbb5c22e", "deadbeef0000"),)),
        "lazy": PLAYS[PRICING]["lazy"],
        "nobody acts": ((), ()),
    },
    CHATBOT: {
        "patch the prompt": (("1:patch-prompt:b-turns",), ()),
        "filter the output": (("1:add-filter:b-turns",), ()),
        "hold the canary": (("1:freeze:b-turns",), ()),
        "roll back at T+40": (("40:rollback",), ()),
        "nobody acts": ((), ()),
    },
}


_TRUE_WITHOUT_HARM = {"a lie in the statement"}
"""Plays whose claim is a lie only where the run harmed someone."""


@cache
def _scenario(ident: str) -> Scenario:
    return load_scenario(_CHATBOT_FILE) if ident == CHATBOT else bundled(ident)


@cache
def _drill(ident: str, seed: int) -> tuple[Scenario, int]:
    drawn = new_run(_scenario(ident), mode="solo", seed=seed, time_source=FakeTime()).exercise
    return drawn.scenario, drawn.seed


def card(ident: str, seed: int, played: Play) -> ScoreCard:
    """The play's card on the drill; a stub quoting the reference trace id quotes the drill's
    own first faulty request instead (each drill's log has its own)."""
    scenario, stream_seed = _drill(ident, seed)
    actions, statements = played
    steps = [parse_action(a) for a in actions]
    trace = _trace(ident, seed) if ident == PRICING else ""
    texts = [s.replace(_REFERENCE_TRACE, trace) if trace else s for s in statements]
    return score(play(scenario, stream_seed, steps, [parse_statement(s) for s in texts]))


_REFERENCE_TRACE = "4cd9fbb5c22e"


@cache
def _trace(ident: str, seed: int) -> str:
    """The trace id of the first faulty request the drill's log shows."""
    scenario, stream_seed = _drill(ident, seed)
    run = play(scenario, stream_seed, [parse_action(a) for a in _EXPERT_PRICING])
    return next(i.trace_id for i in run.items if i.faulty)


@pytest.mark.parametrize("ident", [STUDENT, PRICING, CHATBOT])
@pytest.mark.parametrize("seed", SEEDS)
def test_the_expert_beats_every_named_play_and_no_protective_play_falls_below_it(
        ident: str, seed: int) -> None:
    expert = card(ident, seed, EXPERT[ident])
    harmed = expert.harm.weighted(_scenario(ident).rubric.harm_weights) > 0
    for name, played in NAMED[ident].items():
        if name in _TRUE_WITHOUT_HARM and not harmed:
            continue  # a drill in which the expert's run harmed no one: the claim is true
        assert card(ident, seed, played).total < expert.total, (seed, name)
    for name, played in PROTECTIVE[ident].items():
        assert card(ident, seed, played).total >= expert.total, (seed, name)


@pytest.mark.parametrize("ident", [STUDENT, PRICING])
@pytest.mark.parametrize("seed", SEEDS)
def test_the_statement_bands_hold_on_every_drill(ident: str, seed: int) -> None:
    """The corpus on each drill: paraphrases within 20 % of the reference, the rest at most
    half; a lie about harm only where the run had harmed someone by then, and a statement
    whose band rests on the default run's count left out."""
    scenario, stream_seed = _drill(ident, seed)
    trace = _trace(ident, seed) if ident == PRICING else ""

    def line(text: str) -> CriterionScore:
        text = text.replace(_REFERENCE_TRACE, trace) if trace else text
        return statement_line(ident, text, scenario, stream_seed)

    reference = line(REFERENCE[ident])
    harmed = "wrong claim" in line(_DENIAL[ident]).why
    for kind, band, text in CORPUS[ident]:
        if any(words in text for words in COUNT_SPECIFIC) or (kind == "lie" and not harmed):
            continue
        found = line(text)
        if band == "kept":
            assert found.points >= 0.8 * reference.points, (seed, text, found.why)
        else:
            assert found.points <= found.max / 2, (seed, text, found.why)


_DENIAL = {STUDENT: "No urgent ticket was misrouted. We rolled back at T+25. Next update at T+90.",
           PRICING: REFERENCE[PRICING].replace("pricing admins got hallucinated renewal "
                                               "adjustments from the assistant",
                                               "No customer impact")}
"""A plain denial of the harm: wrong exactly where the run had harmed someone by then."""
