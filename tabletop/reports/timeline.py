"""The run's timeline: every inject revealed and everything the players did, in one order.

`run_timeline` is the one place the timeline of a run is made; the after-action report (its
table and the board), the debrief screen and the command line all draw from it. Each entry
carries what any of them shows: the minute, the kind, a one-line title, the report's detail
lines, and the pieces behind them (the evidence with its tag, the evidence cited, the checks
demanded, the justification, the confidence, a statement's fields, the inject itself).

The order: by minute; within a minute (the clock stood while the room worked) as things
happened: the injects the players saw, then each round of votes and the room's decision it
made, followed by what that decision caused (a check's results), then statements (a statement
tells what was decided).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from tabletop.base.record import record
from tabletop.base.words import fmt_minute
from tabletop.exercise.engine import Decision, Exercise, FiredInject, StatementRecord
from tabletop.exercise.replay import play, reference_evidence
from tabletop.exercise.steering import ADHOC
from tabletop.exercise.workshop import split_rounds
from tabletop.scenario.model import Condition, Evidence, Inject, Scenario
from tabletop.scoring.statement_picks import picks_in_words

KINDS = ("inject", "vote", "decision", "statement")
"""The kinds of entry."""


@record
class TimelineEntry:
    """One line of the timeline: an inject revealed or something the players did."""

    minute: float
    """Scenario minute."""
    kind: str
    """inject, vote, decision or statement (one of `KINDS`)."""
    ref: str
    """Inject id, action id, communication request id or (votes) decision point id."""
    title: str
    """What happened, in a line: the inject's title, the action's label, "Red voted: Roll
    back", "Incident statement sent"."""
    details: tuple[str, ...] = ()
    """Evidence revealed, checks, evidence cited, justification, confidence, statement text:
    one per line, as the report prints them."""
    team: str = ""
    """Team of a decision or vote in workshop mode; empty for the room."""
    label: str = ""
    """What the entry is about, without a verb: the inject's title, the action's label, the
    communication request's title."""
    evidence: tuple[Evidence, ...] = ()
    """Injects: the evidence revealed, as the run showed it (the run's figures, the tag)."""
    cited: tuple[str, ...] = ()
    """Decisions and votes: ids of the evidence cited (for the machine; people read
    `cited_texts`)."""
    checks: tuple[str, ...] = ()
    """Decisions and votes: ids of the extra pre-release checks demanded (people read
    `check_labels`)."""
    cited_texts: tuple[str, ...] = ()
    """Decisions and votes: the evidence cited, each as its text was shown in the run."""
    check_labels: tuple[str, ...] = ()
    """Decisions and votes: the checks demanded, each by its label."""
    justification: str = ""
    """Decisions and votes: the reasoning given."""
    confidence: str = ""
    """Decisions and votes: low, medium or high."""
    fields: tuple[tuple[str, str], ...] = ()
    """Statements: each field's name and text, in order."""
    inject: Inject | None = None
    """Injects: the inject revealed (its stage, decision point, prompt, request, condition)."""

    @property
    def clock(self) -> str:
        """The minute as the clock shows it (T+20:00)."""
        return fmt_minute(self.minute)


def run_timeline(exercise: Exercise, votes: Sequence[Decision] = ()) -> tuple[TimelineEntry, ...]:
    """The run's timeline: injects revealed, votes, decisions and statements, in one order.

    Args:
        exercise: the exercise played (ended or in progress).
        votes: workshop votes, each team's own choices (`Session.votes`); none by default.
    """
    scenario = exercise.scenario
    texts = {e.id: e.text for _, e in exercise.revealed()}
    known = {a.id for a in scenario.actions}
    entries = [inject_entry(f) for f in exercise.fired]
    entries += [_vote_entry(scenario, texts, known, v, vote_point(exercise, v)) for v in votes]
    entries += [_choice_entry(scenario, texts, "decision", d, d.action,
                              scenario.action(d.action).label) for d in exercise.decisions]
    entries += [_statement_entry(scenario, s) for s in exercise.statements]
    return in_order(entries)


def scheduled_timeline(scenario: Scenario) -> tuple[TimelineEntry, ...]:
    """The scenario's scheduled injects at their own minutes, before anyone plays, and its
    triggers (`is_trigger`) where a run with nobody acting fires them.

    Other conditional injects are left off: they would give away what a check or a delay
    reveals. Figures quoted in evidence are those of a run where nobody acts, at each
    inject's minute: with the default seed, the figures of the scenario's source material.
    """
    texts = reference_evidence(scenario)
    scheduled = [inject_entry(FiredInject(
        i, i.minute, tuple(replace(e, text=texts.get(e.id, e.text)) for e in i.evidence)))
        for i in scenario.injects if i.when is None and not i.branch]
    triggers = [i for i in scenario.injects if i.when is not None and is_trigger(i.when)]
    fired = play(scenario, None, []).fired if triggers else []
    return in_order([*scheduled, *(inject_entry(f) for f in fired if f.inject in triggers)])


def is_trigger(when: Condition) -> bool:
    """Whether a condition waits on the run alone (the exposure, a figure), not on what the
    team did or left undone: such an inject is the world's, and the board may show it."""
    on_the_run = when.exposure_at_least is not None or bool(when.figure)
    on_the_team = bool(when.chose or when.checks or when.not_acted or when.no_statement
                       or when.cited_none) or when.deployed is not None
    return on_the_run and not on_the_team


def in_order(entries: Iterable[TimelineEntry]) -> tuple[TimelineEntry, ...]:
    """Entries by minute, and within a minute as they happened (`_within_minute`)."""
    by_minute: dict[float, list[TimelineEntry]] = {}
    for entry in entries:
        by_minute.setdefault(entry.minute, []).append(entry)
    return tuple(e for minute in sorted(by_minute) for e in _within_minute(by_minute[minute]))


def _within_minute(entries: Sequence[TimelineEntry]) -> list[TimelineEntry]:
    """One minute's entries in the order they happened, though they share the minute (the
    clock stood): the injects the players saw first; then each decision after the round of
    votes that made it and before the injects it caused (a check's results), so no reader
    takes a decision for one made after seeing them, nor one made on results it had not seen;
    the votes of a round not decided yet; the statements last."""
    injects = [e for e in entries if e.kind == "inject"]
    decisions = [e for e in entries if e.kind == "decision"]
    rounds = split_rounds([e for e in entries if e.kind == "vote"])
    cause = {id(i): next((n for n, d in enumerate(decisions) if _caused(i, d)), None)
             for i in injects}
    ordered = [i for i in injects if cause[id(i)] is None]
    for n, decision in enumerate(decisions):
        ordered += [*(rounds[n] if n < len(rounds) else ()), decision,
                    *(i for i in injects if cause[id(i)] == n)]
    ordered += [v for group in rounds[len(decisions):] for v in group]
    return ordered + [e for e in entries if e.kind == "statement"]


def _caused(inject: TimelineEntry, decision: TimelineEntry) -> bool:
    """Whether the inject waited on this decision: its action, or a check it demanded."""
    when = inject.inject.when if inject.inject is not None else None
    return when is not None and (decision.ref in when.chose
                                 or bool(set(decision.checks) & set(when.checks)))


def inject_entry(fired: FiredInject) -> TimelineEntry:
    """An inject revealed: its evidence as the run showed it, else its narrative."""
    inject = fired.inject
    # The engine fills evidence figures in when an inject fires; a bare FiredInject has none.
    evidence = fired.evidence or inject.evidence
    details = tuple(e.text for e in evidence) or ((inject.narrative,) if inject.narrative else ())
    # One the facilitator wrote on the spot or released (`exercise.steering`) is marked.
    title = f"The facilitator's inject: {inject.title}" if inject.id.startswith(ADHOC) \
        else f"Released by the facilitator: {inject.title}" if fired.facilitator \
        else inject.title
    return TimelineEntry(fired.minute, "inject", inject.id, title, details,
                         label=title, evidence=tuple(evidence), inject=inject)


def _vote_entry(scenario: Scenario, texts: Mapping[str, str], known: set[str], vote: Decision,
                point: str) -> TimelineEntry:
    label = scenario.action(vote.action).label if vote.action in known else vote.action
    return _choice_entry(scenario, texts, "vote", vote, point, label,
                         title=f"{vote.team} voted: {label}")


def _choice_entry(scenario: Scenario, texts: Mapping[str, str], kind: str, choice: Decision,
                  ref: str, label: str, title: str = "") -> TimelineEntry:
    """A decision or a vote: the action's label, with what backed it."""
    cited = tuple(evidence_text(scenario, texts, e) for e in choice.cited)
    labels = {c.id: c.label for p in scenario.decisions for c in p.checks}
    checks = tuple(labels.get(c, c) for c in choice.checks)
    return TimelineEntry(
        choice.minute, kind, ref, title or label,
        _choice_details(choice, cited, checks), choice.team,
        label=label, cited=choice.cited, checks=choice.checks, cited_texts=cited,
        check_labels=checks, justification=choice.justification,
        confidence=choice.confidence)


def evidence_text(scenario: Scenario, texts: Mapping[str, str], evidence_id: str) -> str:
    """A piece of evidence as the run showed it (`texts`: id to the text rendered when its
    inject fired), else as the scenario writes it; the id only if the scenario has no such
    evidence."""
    if evidence_id in texts:
        return texts[evidence_id]
    known = {e.id: e.text for i in scenario.injects for e in i.evidence}
    return known.get(evidence_id, evidence_id)


def _choice_details(choice: Decision, cited: Sequence[str],
                    checks: Sequence[str]) -> tuple[str, ...]:
    """Checks, evidence cited (by its text, as the run showed it), justification and
    confidence."""
    details: list[str] = []
    if checks:
        details.append("Checks demanded: " + "; ".join(checks))
    details += [f"Cited: {text}" for text in cited]
    if choice.justification:
        details.append(f"Justification: {choice.justification}")
    details.append(f"Confidence: {choice.confidence}")
    return tuple(details)


def _statement_entry(scenario: Scenario, sent: StatementRecord) -> TimelineEntry:
    """A statement sent: each field on a line, named when there are several."""
    title = scenario.statement_request(sent.request).title
    texts = sent.texts
    details = tuple(f"{name}: {text}" if len(texts) > 1 else text
                    for name, text in texts.items())
    picked = picks_in_words(scenario, sent.picks)
    if picked:
        details += (f"Picked from the run: {picked}",)
    return TimelineEntry(sent.minute, "statement", sent.request, f"{title} sent", details,
                         label=title, fields=tuple(texts.items()))


def vote_point(exercise: Exercise, vote: Decision) -> str:
    """The decision point a vote answered: the latest one revealed by then that offers it."""
    for fired in reversed(exercise.fired):
        if fired.minute <= vote.minute and fired.inject.decision:
            point = exercise.scenario.decision(fired.inject.decision)
            if vote.action in point.options:
                return point.id
    return ""
