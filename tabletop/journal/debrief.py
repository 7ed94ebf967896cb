"""The debrief as the journal holds it: the answers, commitments, plan rows, the facilitator's
ratings and the team's gate design, each an `answer` event (`journal.events`), the latest for a
field winning; and the encoders of the two parts that carry the scoring's records."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from tabletop.journal.events import COMMITMENT_KINDS, Debrief, Event, PlanRow

if TYPE_CHECKING:
    from tabletop.scoring.ratings import Rating


def rating_event(minute: float, criterion: str, rating: Rating) -> Event:
    return Event("answer", minute, {"part": "rating", "criterion": criterion,
                                    "level": rating.level, "reason": rating.reason})


def gates_event(minute: float, design_text: str) -> Event:
    return Event("answer", minute, {"part": "gates", "text": design_text})


def facilitator_event(minute: float, name: str) -> Event:
    return Event("answer", minute, {"part": "facilitator", "text": name})


def debrief_from_events(events: Iterable[Event]) -> Debrief:
    """The debrief as the latest `answer` events leave it."""
    answers: dict[int, str] = {}
    commitments: dict[str, str] = {}
    # The facilitator's ratings are the scoring's records: imported here, off the way to
    # first paint, as the session imports scoring.
    from tabletop.scoring.ratings import Rating, capability_of

    rows: dict[int, PlanRow] = {}
    ratings: dict[str, Rating] = {}
    gates = facilitator = ""
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
        elif part == "rating":
            ratings[str(data["criterion"])] = Rating(capability_of(str(data["level"])),
                                                     str(data.get("reason", "")))
        elif part == "gates":
            gates = str(data.get("text", ""))
        elif part == "facilitator":
            facilitator = str(data.get("text", ""))
    return Debrief(
        answers={i: text for i, text in sorted(answers.items()) if text.strip()},
        commitments={k: commitments[k] for k in COMMITMENT_KINDS
                     if commitments.get(k, "").strip()},
        plan=tuple(row for _, row in sorted(rows.items()) if not row.empty),
        ratings=ratings,
        gates=gates,
        facilitator=facilitator,
    )
