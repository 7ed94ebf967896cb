"""The facilitator's steering in the journal: a `steer` event per move (`exercise.steering`),
written before what the move makes fire, and taken again in journal order by `restore`."""

from __future__ import annotations

from typing import cast, get_args

from tabletop.exercise.engine import ActionError
from tabletop.exercise.records import FiredInject
from tabletop.exercise.steering import Steer, SteerKind, steer
from tabletop.journal.events import Event
from tabletop.journal.session import Session
from tabletop.scenario.outcomes import ROLLOUT_EFFECTS


def steer_event(move: Steer) -> Event:
    """A `steer`: kind, inject, and for an inject written now its title, text, evidence and
    effect; at the minute it was done."""
    data: dict[str, object] = {"kind": move.kind, "inject": move.inject}
    if move.kind == "inject":
        data |= {"title": move.title, "text": move.text, "evidence": list(move.evidence),
                 "effect": move.effect}
    return Event("steer", move.minute, data)


def steer_from_event(event: Event) -> Steer:
    """The move a `steer` event records (ValueError for a kind or effect this version lacks)."""
    data = event.data
    kind, effect = str(data["kind"]), str(data.get("effect", "none"))
    if kind not in get_args(SteerKind) or effect not in ROLLOUT_EFFECTS:
        raise ValueError(f"unknown steering: {kind} {effect}")
    return Steer(cast("SteerKind", kind), event.minute, str(data["inject"]),
                 str(data.get("title", "")), str(data.get("text", "")),
                 tuple(str(e) for e in data.get("evidence", ())), effect)


def journal_steer(session: Session, move: Steer) -> list[FiredInject]:
    """Steer the session's exercise now and journal it; the injects it made fire (an inject
    written now, one brought forward), journalled after it. Refused while a vote is open."""
    if session.vote_open:
        raise ActionError("a vote is open: steer once the room has decided")
    session.tick()
    exercise = session.exercise
    move = Steer(move.kind, exercise.minute, move.inject, move.title, move.text,
                 move.evidence, move.effect)
    steer(exercise, move)
    session.record(steer_event(move))
    return session.tick()
