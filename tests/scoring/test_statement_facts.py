"""A statement is judged on its facts: each claim is compared with the run at its minute.

The sentences are read with the bundled scenario's own statement facts, against run facts made
by hand (2 urgent tickets and 1 high-priority case harmed by T+60, freeze at T+20, rollback at
T+25), so each test names one rule; the relations at the end play the real runs.
"""

from __future__ import annotations

import json
from functools import cache

import pytest

from tabletop.exercise.replay import PlannedStatement, PlannedStep, parse_action
from tabletop.exercise.simulation import Harm
from tabletop.scenario.rubric import StatementFacts
from tabletop.scoring.claims import passing_counts
from tabletop.scoring.rubric import ScoreCard, score
from tabletop.scoring.statement import RunFacts, wrong_claims
from tests.helpers import bundled, mutate, refused, run

STUDENTS = "student-support-release"
PRICING = "pricing-assistant-incident"

GOOD = ("Urgent tickets from multilingual students were misrouted to the general queue; we "
        "rolled back the release at 10:25 and the next update is at 11:00.")
"""The issue's good statement."""
DENYING = "Nothing was misrouted, no student affected, we will not roll back, no next update."
"""The issue's denying statement."""
EXPERT = ("-5:approve-with-checks:r1-f1,r1-regression:slice-eval,shadow-compare",
          "20:freeze:r2-overrides,r2-reviewer", "25:rollback:r2-overrides,r2-reviewer")
"""The expert's actions (/tmp/tt/plays.sh)."""


def facts(ident: str = STUDENTS) -> StatementFacts:
    criterion = next(c for c in bundled(ident).rubric.criteria if c.kind == "statement")
    assert criterion.facts is not None
    return criterion.facts


EXPERT_HARM = Harm(2, 1, 0, 0)
"""What the expert's run counts by T+60: 2 urgent tickets, 1 high-priority case."""


def at_sixty(harm: Harm = EXPERT_HARM,
             taken: dict[str, tuple[float, ...]] | None = None) -> RunFacts:
    """The run as a statement sent at T+60 sees it (the expert's, by default)."""
    scenario = bundled(STUDENTS)
    return RunFacts(60.0, harm, {"freeze": (20.01,), "rollback": (25.01,)}
                    if taken is None else taken, scenario.harm_labels,
                    {a.id: a.label for a in scenario.actions})


def reasons(text: str, run_facts: RunFacts | None = None) -> list[str]:
    return [str(w) for w in wrong_claims(facts(), text, run_facts or at_sixty())]


# --- what is true is never a wrong claim --------------------------------------------------------


@pytest.mark.parametrize("text", [
    GOOD,
    "No further students will be affected.",
    "Students are no longer affected.",
    "We have rolled back and no student is affected now.",
    "We rolled back the release.",
    "We rolled back at T+25.",
    "We froze the rollout at T+20 and rolled back at T+25.",
    "We paused the release, then rolled back.",
    "Two urgent tickets were misrouted and one high-priority case missed escalation.",
    "About 5 urgent tickets from multilingual students went to the general queue.",
    "We will roll back if the overrides keep rising.",
    "We won't roll back again.",
    "We did not continue the rollout.",
    "Next update at T+90.",
    "Next update in 30 minutes.",
    "The candidate served 25 % of traffic for 25 minutes.",
    "On 600 recent live tickets urgent recall was 0.50 outside English.",
    "Last week's model v3 is back; no one else will be affected.",
    "Nobody noticed at first that urgent tickets were misrouted.",
    "We could not roll back in time to stop every misroute.",
    "We did not roll back until T+25.",
    "We didn't freeze the rollout soon enough.",
])
def test_a_true_or_forward_looking_sentence_makes_no_wrong_claim(text: str) -> None:
    assert reasons(text) == []


# --- denials, wrong numbers, actions not taken ---------------------------------------------------


def test_each_denial_of_the_issue_is_named_with_what_the_run_shows() -> None:
    assert reasons(DENYING) == [
        'says "Nothing was misrouted", but the run counts 2 urgent tickets the candidate sent '
        "to the general queue by T+60:00",
        'says "no student affected", but the run counts 2 urgent tickets the candidate sent to '
        "the general queue by T+60:00",
        'says "we will not roll back", but "Roll back" was taken at T+25:01',
        'says "no next update", but the statement must say when the next update comes',
    ]


@pytest.mark.parametrize("text", [
    "Nobody was affected.", "None of the students were affected.",
    "Not a single urgent ticket was misrouted.", "Zero students were affected.",
])
def test_denying_harm_the_run_counts_is_a_wrong_claim(text: str) -> None:
    assert len(reasons(text)) == 1


def test_denying_harm_is_true_when_the_run_counts_none() -> None:
    zero = at_sixty(Harm(), {"rollback": (0.01,)})
    assert reasons("No student was affected: we rolled back before deployment.", zero) == []


def test_a_count_far_from_the_runs_is_wrong_and_says_which_counts_pass() -> None:
    assert reasons("41 urgent tickets were misrouted.") == [
        'says "41 urgent tickets were misrouted", but the run counts 2 urgent tickets the '
        "candidate sent to the general queue by T+60:00 (a count from 1 to 6 would pass)"]


def test_a_count_is_read_against_the_harm_its_words_name() -> None:
    assert len(reasons("2 urgent tickets were misrouted; 9 high-priority cases missed "
                       "escalation.")) == 1
    assert reasons("12 urgent tickets were misrouted.", at_sixty(Harm(12, 1, 0, 0))) == []


def test_counts_pass_from_half_to_double_give_or_take_two_never_zero_after_harm() -> None:
    assert passing_counts(0) == (0, 2)
    assert passing_counts(2) == (1, 6)
    assert passing_counts(41) == (19, 84)


@pytest.mark.parametrize(("text", "reason"), [
    ("We continued the rollout.", '"Continue rollout" was not taken by T+60:00'),
    ("We rolled back at T+40.", '"Roll back" was taken at T+25:01'),
    ("We have not frozen anything.", '"Freeze the rollout" was taken at T+20:01'),
])
def test_an_action_claimed_but_not_taken_or_denied_but_taken_is_wrong(
        text: str, reason: str) -> None:
    assert reasons(text) == [f'says "{text.rstrip(".")}", but {reason}']


def test_claiming_a_rollback_that_was_never_taken_is_wrong() -> None:
    froze = at_sixty(taken={"freeze": (20.01,)})
    assert reasons("We rolled back the release.", froze) == [
        'says "We rolled back the release", but "Roll back" was not taken by T+60:00']


@pytest.mark.parametrize(("text", "reason"), [
    ("Next update at T+30.", "T+30:00 is not after the statement (T+60:00)"),
    ("Next update at T+150.", "T+150:00 is more than 60 minutes after the statement (T+60:00)"),
    ("There will be no further updates.", "the statement must say when the next update comes"),
])
def test_a_next_update_denied_past_or_too_late_is_wrong(text: str, reason: str) -> None:
    assert reasons(text) == [f'says "{text.rstrip(".")}", but {reason}']


# --- the score -----------------------------------------------------------------------------------


@cache
def card(ident: str, actions: tuple[str, ...], statement: PlannedStatement | None) -> ScoreCard:
    steps: list[PlannedStep] = [parse_action(a) for a in actions]
    return score(run(bundled(ident), *steps,
                     statements=(statement,) if statement is not None else ()))


def line(c: ScoreCard, kind: str, ident: str) -> tuple[float, str]:
    criterion = next(x.id for x in bundled(ident).rubric.criteria if x.kind == kind)
    found = next(x for x in c.criteria if x.id == criterion)
    return found.points, found.why


def test_the_denying_statement_costs_the_expert_at_least_five_points() -> None:
    good = card(STUDENTS, EXPERT, PlannedStatement(60, "incident-statement", GOOD))
    denying = card(STUDENTS, EXPERT, PlannedStatement(60, "incident-statement", DENYING))
    assert denying.total <= good.total - 5
    points, why = line(denying, "statement", STUDENTS)
    assert points <= line(good, "statement", STUDENTS)[0] / 2
    assert "4 wrong claims halve the points" in why
    assert "covers none of the expected points" in why


def test_the_good_statement_earns_full_marks_on_the_experts_run() -> None:
    good = card(STUDENTS, EXPERT, PlannedStatement(60, "incident-statement", GOOD))
    statement = next(c for c in bundled(STUDENTS).rubric.criteria if c.kind == "statement")
    assert line(good, "statement", STUDENTS)[0] == statement.max


PRICING_RUN = ("2:rollback", "4:capture-trace", "5:page-oncall")
TRACE = "52f518600d44"
"""A faulty request the log shows before T+6 with the default seed."""


def stub(impact: str, mitigation: str) -> PlannedStatement:
    fields = {"trace_id": TRACE, "run_id": "run-7f3a91", "customer_impact": impact,
              "mitigation_eta": mitigation}
    return PlannedStatement(6, "incident-stub", json.dumps(fields))


def test_a_pricing_stub_is_judged_on_its_facts_and_keeps_its_trace_check() -> None:
    good = line(card(PRICING, PRICING_RUN, stub(
        "pricing admins got hallucinated adjustments; personal data leaked", "rolled back")),
        "statement", PRICING)
    denying = line(card(PRICING, PRICING_RUN, stub(
        "no hallucinated adjustments", "flag disabled, ETA 10 min")), "statement", PRICING)
    assert "the trace id from the logs" in good[1]
    assert "wrong claim" not in good[1]
    assert denying[0] <= good[0] / 2
    assert '"Disable the flag or route" was not taken by T+06:00' in denying[1]
    assert "hallucinated or non-deterministic configuration adjustments" in denying[1]


# --- the scenario's words are checked when it loads ----------------------------------------------


def test_a_fact_naming_an_unknown_harm_counter_is_refused_with_its_place() -> None:
    text = mutate("        who is affected: [student]\n",
                  "        who is affected: [student]\n"
                  "      facts:\n        harm: {harmed: [student]}\n")
    err = refused(text)
    assert "unknown harm counter 'harmed'" in str(err)
    assert err.field_path.endswith("facts.harm.harmed")


def test_a_word_two_actions_share_holds_when_either_was_taken() -> None:
    froze = at_sixty(taken={"freeze": (20.01,)})
    assert reasons("We halted the release.", froze) == []
    assert reasons("We halted the release.", at_sixty(taken={})) == [
        'says "We halted the release", but "Roll back" or "Freeze the rollout" was not taken by '
        "T+60:00"]


def test_fields_are_read_as_separate_sentences() -> None:
    stub_facts = facts(PRICING)
    scenario = bundled(PRICING)
    leaked = RunFacts(6.0, Harm(0, 0, 2, 0), {"rollback": (2.01,)}, scenario.harm_labels,
                      {a.id: a.label for a in scenario.actions})
    # Joined with a space, "no" in the first field would seem to deny the leak in the second.
    assert wrong_claims(stub_facts, "Impact on admins: no. Personal data leaked", leaked) == []
