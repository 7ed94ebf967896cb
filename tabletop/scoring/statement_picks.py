"""The facts a statement's writers pick from the run (`StatementRecord.picks`), checked exactly.

The statement dialog offers, beside the free text, the run's facts to pick from: the action
taken (`action`), the segments affected (`affected`, comma-separated), the count of each harm
(`count:<counter>`) and when the next update comes (`next_update`, minutes after the
statement). Each pick is checked against the run at the statement's minute, exactly: a pick
the run contradicts is a wrong claim, as a sentence would be. A pick that holds makes the point
the scenario ties it to (`StatementFacts.pick_points`). The free text is checked against the
picks too: a count it states far from the count picked is a wrong claim.
"""

from __future__ import annotations

from collections.abc import Iterator

from tabletop.base.record import record
from tabletop.base.words import fmt_minute
from tabletop.exercise.engine import Exercise, StatementRecord
from tabletop.exercise.simulation import count_harm
from tabletop.scenario.model import Scenario
from tabletop.scenario.rubric import Criterion
from tabletop.scoring.claims import WrongClaim, passing_counts
from tabletop.scoring.statement_reading import clauses, counts, word_pattern

NEXT_UPDATES = (15, 30, 60, 120)
"""Minutes after the statement the dialog offers for the next update."""


@record
class PickOptions:
    """What the statement dialog offers to pick, from the run as it stands."""

    actions: tuple[tuple[str, str], ...]
    """(action id, "label at T+mm:ss") of each action taken so far, latest first."""
    segments: tuple[str, ...]
    """The stream's segments."""
    counters: tuple[tuple[str, str], ...]
    """(harm counter, its label) of each harm the stream can produce."""
    next_updates: tuple[int, ...] = NEXT_UPDATES
    """Minutes after the statement the next update may be promised for."""


def pick_options(exercise: Exercise) -> PickOptions:
    """The picks the statement dialog offers now."""
    scenario = exercise.scenario
    taken = tuple((d.action, f"{scenario.action(d.action).label} at {fmt_minute(d.minute)}")
                  for d in reversed(exercise.decisions))
    stream = scenario.stream
    counters = tuple((c, scenario.harm_label(c)) for c in stream.harm_counters
                     if c in scenario.rubric.harm_weights)
    return PickOptions(taken, tuple(stream.segments), counters)


def picks_in_words(scenario: Scenario, picks: dict[str, str]) -> str:
    """The picks as a reader of the report reads them; "" when none."""
    said = []
    for kind, value in picks.items():
        if not value.strip():
            continue
        if kind == "action":
            known = {a.id: a.label for a in scenario.actions}
            said.append(f"done: {known.get(value, value)}")
        elif kind == "affected":
            said.append(f"affected: {value}")
        elif kind.startswith("count:"):
            said.append(f"{value} {scenario.harm_label(kind.removeprefix('count:'))}")
        elif kind == "next_update":
            said.append(f"next update in {value} minutes")
    return "; ".join(said)


def read_picks(criterion: Criterion, exercise: Exercise,
               sent: StatementRecord) -> tuple[list[WrongClaim], set[str]]:
    """The picks the run contradicts, and the points the others make."""
    wrong: list[WrongClaim] = []
    made: set[str] = set()
    points = criterion.facts.pick_points if criterion.facts is not None else {}
    for kind, said, reason in _checked(criterion, exercise, sent):
        if reason:
            wrong.append(WrongClaim(f"picked: {said}", reason))
        elif kind in points:
            made.add(points[kind])
    return wrong, made


def _checked(criterion: Criterion, exercise: Exercise,
             sent: StatementRecord) -> Iterator[tuple[str, str, str]]:
    """Each pick as (kind, what it says, why the run contradicts it or "")."""
    picks, scenario = sent.picks, exercise.scenario
    taken = {d.action for d in exercise.decisions if d.minute <= sent.minute}
    action = picks.get("action", "")
    if action:
        label = scenario.action(action).label if any(
            a.id == action for a in scenario.actions) else action
        yield "action", label, "" if action in taken else \
            f'but "{label}" was not taken by {fmt_minute(sent.minute)}'
    harmed = _harmed_segments(exercise, sent.minute)
    claimed = [s.strip() for s in picks.get("affected", "").split(",") if s.strip()]
    if claimed:
        spared = [s for s in claimed if s not in harmed]
        yield "affected", ", ".join(claimed), "" if not spared else \
            f"but the run counts no harm among {', '.join(spared)} by {fmt_minute(sent.minute)}"
    harm = exercise.snapshot_at(sent.minute).harm
    for name, value in picks.items():
        if name.startswith("count:") and value.strip().isdigit():
            counter = name.removeprefix("count:")
            low, high = passing_counts(harm.count(counter))
            yield "count", f"{value} {scenario.harm_label(counter)}", "" if \
                low <= int(value) <= high else \
                f"but the run counts {harm.count(counter)} by {fmt_minute(sent.minute)}"
            yield from _text_against_count(criterion, sent, counter, int(value))
    update = picks.get("next_update", "")
    if update.strip().isdigit():
        within = criterion.facts.next_update_within if criterion.facts is not None else 0
        yield "next_update", f"next update in {update} minutes", "" if \
            not within or int(update) <= within else \
            f"but the scenario asks for one within {within:g} minutes"


def _text_against_count(criterion: Criterion, sent: StatementRecord, counter: str,
                        picked: int) -> Iterator[tuple[str, str, str]]:
    """A count of the same harm in the free text far from the count picked."""
    words = criterion.facts.harm.get(counter, ()) if criterion.facts is not None else ()
    if not words:
        return
    low, high = passing_counts(picked)
    for clause in clauses(". ".join(sent.texts.values())):
        for value, _, _ in counts(clause, word_pattern(words)):
            if not low <= value <= high:
                yield "", clause.text, f"but the count picked beside it is {picked}"


def _harmed_segments(exercise: Exercise, minute: float) -> set[str]:
    """The segments among which the run counts some harm by `minute`."""
    stream = exercise.scenario.stream
    since = exercise.scenario.rollout.deploy_minute
    seen = [i for i in exercise.items if i.minute <= minute]
    return {segment for segment in stream.segments
            if any(count_harm(stream, [i for i in seen if i.segment == segment],
                              since).as_dict().values())}
