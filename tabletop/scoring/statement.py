"""Judge a statement on its facts: what it claims is compared with the run at its minute.

The rules, as the score card states them:

- Timing is half the points (on time, or a quarter when late); the points the request asks
  for (`must_mention`) are the other half.
- A claim about harm is checked against the scenario's harm counter as of the statement's
  minute: denying it ("no student was affected") when the run counts any, or a count far from
  the run's (outside half to double the run's, give or take `COUNT_SLACK`), is wrong. A clause
  that looks forward ("no further students will be affected") denies nothing past.
- A claim that an action was taken ("we rolled back") is wrong when it was not taken by the
  statement's minute, or was taken more than `TIME_SLACK` minutes from the T+ time claimed;
  denying a taken action ("we will not roll back") is wrong too.
- Promising no next update is wrong, as is a next update at a minute already past or later
  than the scenario allows.
- Any wrong claim halves the points, and a clause that makes one makes no point.

The words that tie a claim to the run are the scenario's (`StatementFacts`); the English around
them is `statement_reading`'s.
"""

from __future__ import annotations

import re
from dataclasses import field

from tabletop.base.record import record
from tabletop.base.words import fmt_minute
from tabletop.exercise.engine import Exercise, StatementRecord
from tabletop.exercise.simulation import Harm
from tabletop.scenario.rubric import Criterion, HarmLabels, StatementFacts
from tabletop.scoring.claims import WrongClaim, passing_counts
from tabletop.scoring.statement_picks import read_picks
from tabletop.scoring.statement_reading import (
    Clause,
    clauses,
    clock_minute,
    counts,
    minute_named,
    names_a_time,
    states_a_fact,
    word_pattern,
)

MAX_WORDS = 250
"""Words a statement may run to: past this it is padding, not something a room reads."""
_FAULT = re.compile(r"\b(?:fault|faults|blame[ds]?|user error|misuse[ds]?|to blame)\b")
"""Words of fault: beside the people harmed, they blame them."""
TIME_SLACK = 5.0
"""Minutes a claimed T+ time of an action may be off the minute it was taken."""


@record
class RunFacts:
    """What the run shows at the statement's minute."""

    minute: float
    """The statement's minute."""
    harm: Harm
    """Harm counted from deployment up to that minute."""
    taken: dict[str, tuple[float, ...]]
    """Action id to the minutes it was taken, up to that minute."""
    harm_labels: HarmLabels
    """The scenario's names of the harm counters."""
    action_labels: dict[str, str]
    """Action id to its label."""
    outcome_labels: dict[str, str] = field(default_factory=dict)
    """The scenario's declared outcomes: id to label."""


def run_facts(exercise: Exercise, minute: float) -> RunFacts:
    """The facts a statement sent at `minute` is checked against (the room's decisions)."""
    taken: dict[str, list[float]] = {}
    for decision in exercise.decisions:
        if decision.minute <= minute:
            taken.setdefault(decision.action, []).append(decision.minute)
    scenario = exercise.scenario
    return RunFacts(minute, exercise.snapshot_at(minute).harm,
                    {k: tuple(v) for k, v in taken.items()}, scenario.harm_labels,
                    {a.id: a.label for a in scenario.actions},
                    {o.id: o.label for o in scenario.stream.outcomes})


def wrong_claims(facts: StatementFacts, text: str, run: RunFacts) -> list[WrongClaim]:
    """Each clause of `text` that the run contradicts, with what the run shows instead."""
    out = []
    for clause in clauses(text):
        reason = (_harm_reason(facts, clause, run) or _denial_reason(facts, clause, run)
                  or _action_reason(facts, clause, run) or _update_reason(facts, clause, run)
                  or _cause_reason(facts, clause) or _blame_reason(facts, clause))
        if reason:
            out.append(WrongClaim(clause.text, reason))
    return out


def unreadable(text: str) -> list[WrongClaim]:
    """What keeps a statement from being one: no sentence that states a fact (keywords in a
    row), or more words than a room reads (`MAX_WORDS`)."""
    words = len(text.split())
    if words > MAX_WORDS:
        return [WrongClaim(" ".join(text.split()[:8]) + "…",
                           f"and runs to {words} words, but a statement the room can read "
                           f"says it in at most {MAX_WORDS}")]
    if text.strip() and not any(states_a_fact(c) for c in clauses(text)):
        return [WrongClaim(" ".join(text.split()[:12]), "but no sentence in it states a fact: "
                           "a list of words is not a statement")]
    return []


def _found(words: tuple[str, ...], clause: Clause) -> re.Match[str] | None:
    """The first of `words` in the clause that no negation before it denies."""
    if not words:
        return None
    return next((m for m in word_pattern(words).finditer(clause.lower)
                 if not clause.negated_before(m.start())), None)


def _denial_reason(facts: StatementFacts, clause: Clause, run: RunFacts) -> str:
    """A clause that says the harm did not happen ("routed correctly"), once it has."""
    if clause.forward or clause.onward:
        return ""
    for counter, phrases in facts.denials.items():
        if run.harm.count(counter) > 0 and _found(phrases, clause) is not None:
            return f"but {_count_text(run, counter)}"
    return ""


def _cause_reason(facts: StatementFacts, clause: Clause) -> str:
    found = _found(facts.causes, clause)
    if found is None or clause.forward:
        return ""
    return f'but the run shows no "{found.group(0)}": the harm came from the release itself'


def _blame_reason(facts: StatementFacts, clause: Clause) -> str:
    declared = _found(facts.blame, clause)
    fault = _FAULT.search(clause.lower)
    generic = (fault is not None and not clause.negated_before(fault.start())
               and _found(facts.affected, clause) is not None)
    if declared is None and not generic:
        return ""
    return "but it puts the fault on the people the release harmed"


def _count_text(run: RunFacts, counter: str) -> str:
    label = run.outcome_labels.get(counter) or getattr(run.harm_labels, counter)
    return f"the run counts {run.harm.count(counter)} {label} by {fmt_minute(run.minute)}"


def _harm_reason(facts: StatementFacts, clause: Clause, run: RunFacts) -> str:
    if clause.forward or clause.onward:
        return ""
    patterns = {counter: word_pattern(words) for counter, words in facts.harm.items()}
    for counter, pattern in patterns.items():
        named = pattern.search(clause.lower)
        if (named is not None and clause.negated_before(named.start())
                and run.harm.count(counter) > 0):
            return f"but {_count_text(run, counter)}"
    nearest: dict[int, tuple[int, int, str]] = {}
    for counter, pattern in patterns.items():
        for value, start, offset in counts(clause, pattern):
            if start not in nearest or offset < nearest[start][1]:
                nearest[start] = (value, offset, counter)
    for value, _, counter in nearest.values():
        low, high = passing_counts(run.harm.count(counter))
        if not low <= value <= high:
            return f"but {_count_text(run, counter)} (a count from {low} to {high} would pass)"
    return ""


def _action_reason(facts: StatementFacts, clause: Clause, run: RunFacts) -> str:
    claimed_by: dict[str, list[str]] = {}  # in the scenario's order, for the why
    for action, words in facts.actions.items():
        for word in words:
            claimed_by.setdefault(word.strip().lower(), []).append(action)
    if not claimed_by:
        return ""
    for found in word_pattern(claimed_by).finditer(clause.lower):
        actions = claimed_by[found.group(0)]
        taken = [(m, a) for a in actions for m in run.taken.get(a, ())]
        label = " or ".join(_label(run, a) for a in actions)
        if clause.negated_before(found.start()):
            if taken and not clause.onward and not clause.timing:
                minute, action = min(taken)
                return f"but {_label(run, action)} was taken at {fmt_minute(minute)}"
        elif not clause.forward:
            if not taken:
                return f"but {label} was not taken by {fmt_minute(run.minute)}"
            said = clock_minute(clause)
            if said is not None and min(abs(said - m) for m, _ in taken) > TIME_SLACK:
                minute, action = min(taken, key=lambda t: abs(said - t[0]))
                return f"but {_label(run, action)} was taken at {fmt_minute(minute)}"
    return ""


def _label(run: RunFacts, action: str) -> str:
    return f'"{run.action_labels.get(action, action)}"'


def _update_reason(facts: StatementFacts, clause: Clause, run: RunFacts) -> str:
    if not facts.next_update:
        return ""
    named = word_pattern(facts.next_update).search(clause.lower)
    if named is None:
        return ""
    if clause.negated_before(named.start()):
        return "but the statement must say when the next update comes"
    return _when_reason(facts, clause, run)


def _when_reason(facts: StatementFacts, clause: Clause, run: RunFacts) -> str:
    """A promised update or ETA at a time past, beyond the scenario's cadence, or at none."""
    minute = minute_named(clause, run.minute)
    if minute is None:
        if facts.next_update_within and not names_a_time(clause):
            return "but it names no time for it"
        return ""
    if minute <= run.minute:
        return f"but {fmt_minute(minute)} is not after the statement ({fmt_minute(run.minute)})"
    within = facts.next_update_within
    if within and minute > run.minute + within:
        when = fmt_minute(minute) if minute - run.minute < 1440 else \
            f"{(minute - run.minute) / 1440:g} days on"
        return (f"but {when} is more than {within:g} minutes after the "
                f"statement ({fmt_minute(run.minute)})")
    return ""


def score_statement(criterion: Criterion, exercise: Exercise) -> tuple[float, str]:
    """Points and why of a statement criterion (see the module's docstring for the rules)."""
    asked = next((f for f in exercise.fired
                  if f.inject.requests_statement == criterion.statement), None)
    if asked is None:
        return 0.0, "The request never came; the exercise ended first."
    sent = next((s for s in exercise.statements if s.request == criterion.statement), None)
    if sent is None:
        return 0.0, "No statement was sent."
    request = exercise.scenario.statement_request(criterion.statement)
    on_time = sent.minute <= asked.minute + request.deadline_minutes
    wrong, checks = read_statement(criterion, exercise, sent)
    made = [p for p, ok in checks.items() if ok]
    missed = [p for p, ok in checks.items() if not ok]
    content = len(made) / len(checks) if checks else 1.0
    points = criterion.max * ((0.5 if on_time else 0.25) + 0.5 * content)
    why = (f"Sent at {fmt_minute(sent.minute)}, "
           + ("within the deadline" if on_time else "after the deadline"))
    if wrong:
        points /= 2
        many = f"{len(wrong)} wrong claims halve" if len(wrong) > 1 else "a wrong claim halves"
        why += f"; {many} the points: {'; '.join(str(w) for w in wrong)}"
    why += f"; covers {', '.join(made)}" if made else "; covers none of the expected points"
    why += f"; missing {', '.join(missed)}" if missed else ""
    return points, why + "."


def read_statement(criterion: Criterion, exercise: Exercise,
                   sent: StatementRecord) -> tuple[list[WrongClaim], dict[str, bool]]:
    """What a statement claims wrongly against the run at its minute, and which of the points
    the criterion asks for it makes (a clause with a wrong claim makes none)."""
    # Fields are read as separate sentences, so no claim runs from one field into the next.
    text = ". ".join(sent.texts.values())
    facts = run_facts(exercise, sent.minute)
    wrong = (wrong_claims(criterion.facts, text, facts) + _update_fields(criterion.facts, sent,
                                                                         facts)
             if criterion.facts is not None else []) + unreadable(text)
    kept = _without(text.lower(), [w.clause.lower() for w in wrong])
    checks = {point: any(w.lower() in kept for w in words)
              for point, words in criterion.must_mention.items()}
    wrong += _identifier_claims(criterion, exercise, sent, checks)
    picked_wrong, picked_points = read_picks(criterion, exercise, sent)
    checks |= {point: True for point in picked_points if point in checks}
    return wrong + picked_wrong, checks


def _update_fields(facts: StatementFacts, sent: StatementRecord,
                   run: RunFacts) -> list[WrongClaim]:
    """Each field read whole as the next update or ETA: a time within the cadence, or the
    mitigation said to be done (an action of the run claimed, checked as any claim is)."""
    out = []
    for name in facts.update_fields:
        clause = Clause(sent.fields.get(name, "").strip(), sent.fields.get(name, "").lower())
        done = _DONE.search(clause.lower) or any(
            word_pattern(words).search(clause.lower) for words in facts.actions.values())
        reason = "" if done or not clause.text else _when_reason(facts, clause, run)
        if reason:
            out.append(WrongClaim(clause.text, reason))
    return out


_DONE = re.compile(r"\b(?:done|complete[d]?|resolved|mitigated|finished|in place|now)\b")
"""Words that say the mitigation is already in place, so an ETA needs no time."""


def _without(text: str, pieces: list[str]) -> str:
    """`text` with each piece blanked out: a clause that makes a wrong claim makes no point."""
    for piece in pieces:
        text = re.sub(re.escape(piece), " ", text, count=1)
    return text


def _identifier_claims(criterion: Criterion, exercise: Exercise, sent: StatementRecord,
                       checks: dict[str, bool]) -> list[WrongClaim]:
    """Adds the trace-id and run-id points to `checks` where the criterion asks for them; a
    trace id that is not a faulty request the logs showed by the statement's minute, or a run
    id other than the candidate's, is a wrong claim (made up, or the wrong run)."""
    wrong = []
    if criterion.verify_trace:
        trace = sent.fields.get(criterion.verify_trace, "").strip()
        shown = {i.trace_id for i in exercise.items if i.faulty and i.minute <= sent.minute}
        checks["the trace id from the logs"] = bool(trace) and trace.lower() in shown
        if trace and trace.lower() not in shown:
            wrong.append(WrongClaim(trace, "but no faulty request in the logs by "
                                    f"{fmt_minute(sent.minute)} has that trace id"))
    if criterion.verify_run:
        run = sent.fields.get(criterion.verify_run, "").strip()
        candidate = exercise.scenario.stream.candidate.run_id
        checks["the run id of the release at fault"] = run.lower() == candidate.lower()
        if run and run.lower() != candidate.lower():
            wrong.append(WrongClaim(run, f"but the release at fault is run {candidate}"))
    return wrong
