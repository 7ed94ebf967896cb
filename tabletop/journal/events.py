"""The journal's vocabulary: every kind of event a session writes, how each is encoded, and
what the debrief and the votes are read back as.

Event kinds and their `data` (the `Session` writes them as things happen):

- started: scenario, ref, seed, speed, mode, teams
- inject: id
- pause, resume, checkpoint: nothing (checkpoint: the clock stood at `minute`)
- speed: speed; jump: to
- action, vote: action, cited, justification, confidence, checks, team (a `Decision` less
  its minute; a vote is one team's own choice in workshop mode, with the decision point's id)
- statement: request, fields
- answer: part "question" with index and text; part "stop", "start" or "continue" with text;
  part "plan" with row, action, owner and due. The latest event for a field wins, so the
  debrief can be saved as it is typed.
- ended: total, max, grade
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field
from typing import Any, Literal, cast

from tabletop.exercise.engine import Confidence, Decision
from tabletop.scenario.record import record

CommitmentKind = Literal["stop", "start", "continue"]
COMMITMENT_KINDS: tuple[CommitmentKind, ...] = ("stop", "start", "continue")
"""The debrief's STOP / START / CONTINUE commitments, in the order they are shown."""


@record
class Event:
    """One thing that happened, as the journal stores it."""

    kind: str
    """started, inject, pause, resume, speed, action, statement, vote, answer, ended."""
    minute: float
    """Scenario minute it happened."""
    data: dict[str, Any] = field(default_factory=dict)
    """Kind-specific fields, JSON-serialisable."""


@record
class PlanRow:
    """One row of the improvement plan."""

    action: str
    """What will be done."""
    owner: str = ""
    """Who does it."""
    due: str = ""
    """By when, as typed (a date or a milestone)."""

    @property
    def empty(self) -> bool:
        """Nothing typed in any column: the row was cleared."""
        return not (self.action.strip() or self.owner.strip() or self.due.strip())


@record
class Debrief:
    """What the room wrote on the debrief screen; the latest text of each field wins."""

    answers: dict[int, str]
    """Debrief question index (from 0) to the answer; unanswered questions are absent."""
    commitments: dict[str, str]
    """stop, start, continue to the commitment; empty ones are absent."""
    plan: tuple[PlanRow, ...]
    """Improvement plan rows in row order, cleared rows left out."""


def checkpoint_event(minute: float) -> Event:
    """A `checkpoint`: the clock stood at `minute`; written periodically, so a crash loses
    little clock time."""
    return Event("checkpoint", minute)


def answer_event(minute: float, index: int, text: str) -> Event:
    """An `answer` event: the text of debrief question `index` (from 0), as typed so far."""
    return Event("answer", minute, {"part": "question", "index": index, "text": text})


def commitment_event(minute: float, kind: CommitmentKind, text: str) -> Event:
    """An `answer` event: the STOP, START or CONTINUE commitment, as typed so far."""
    if kind not in COMMITMENT_KINDS:
        raise ValueError(f"commitment must be one of {', '.join(COMMITMENT_KINDS)}")
    return Event("answer", minute, {"part": kind, "text": text})


def plan_row_event(minute: float, row: int, plan_row: PlanRow) -> Event:
    """An `answer` event: improvement plan row `row` (from 0) as typed so far; empty clears it."""
    return Event("answer", minute, {"part": "plan", "row": row, "action": plan_row.action,
                                    "owner": plan_row.owner, "due": plan_row.due})


def _confidence(value: object) -> Confidence:
    return cast(Confidence, value) if value in ("low", "medium", "high") else "medium"


def debrief_from_events(events: Iterable[Event]) -> Debrief:
    """The debrief as the latest `answer` events leave it."""
    answers: dict[int, str] = {}
    commitments: dict[str, str] = {}
    rows: dict[int, PlanRow] = {}
    for event in events:
        if event.kind != "answer":
            continue
        data = event.data
        part = data.get("part")
        if part == "question":
            answers[int(data["index"])] = str(data.get("text", ""))
        elif part in COMMITMENT_KINDS:
            commitments[str(part)] = str(data.get("text", ""))
        elif part == "plan":
            rows[int(data["row"])] = PlanRow(str(data.get("action", "")),
                                             str(data.get("owner", "")), str(data.get("due", "")))
    return Debrief(
        answers={i: text for i, text in sorted(answers.items()) if text.strip()},
        commitments={k: commitments[k] for k in COMMITMENT_KINDS
                     if commitments.get(k, "").strip()},
        plan=tuple(row for _, row in sorted(rows.items()) if not row.empty),
    )


def votes_from_events(events: Iterable[Event]) -> list[Decision]:
    """Every workshop vote (a team's own choice, as `Session.votes` holds it), oldest first."""
    return [decision_from_event(e) for e in events if e.kind == "vote"]


def decision_from_event(event: Event) -> Decision:
    """The `Decision` an `action` or `vote` event records."""
    data = event.data
    return Decision(event.minute, str(data["action"]), tuple(data.get("cited", ())),
                    str(data.get("justification", "")),
                    _confidence(data.get("confidence", "medium")),
                    tuple(data.get("checks", ())), str(data.get("team", "")))
