"""The facilitator's steering: keep the story going whatever the team did.

A `Steer` is one of: an inject written on the spot and released now (title, text, evidence
lines), which may overrule the run (an `effect` such as deploy: "the programme director
overrules the block"); a scheduled inject held back; a held or scheduled one brought forward
to now; a branch the scenario declares (`Inject.branch`), offered when its premise holds and
released now. The team's decisions stay theirs, and are what is scored; a steer only changes
what happens next. What the facilitator releases joins the world the run is measured against
(the counterfactuals play it too), so the team is judged on what it did with it. Each is
journalled (`journal.steering`) and applied by `steer` the same way live, on `resume` and in
the room's view.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Literal, cast, get_args

from tabletop.base.record import record
from tabletop.exercise.engine import ActionError, Exercise
from tabletop.scenario.model import Evidence, EvidenceTag, Inject
from tabletop.scenario.outcomes import ROLLOUT_EFFECTS, RolloutEffect

SteerKind = Literal["inject", "hold", "forward", "branch"]
"""Release an inject written now, hold a scheduled one back, bring one forward to now, release
a branch the scenario offers now (`Inject.branch`)."""
ADHOC = "adhoc-"
"""An inject written on the spot has an id starting with this: the report marks it."""
ADHOC_TAG: EvidenceTag = "stakeholder"
"""The kind of its evidence: what people in the story say (the scenario's tags are fixed)."""


@record
class Steer:
    """One steering move of the facilitator's."""

    kind: SteerKind
    """What was done."""
    minute: float
    """The scenario minute it was done at."""
    inject: str
    """The inject held or brought forward; for one written now, its own id (`ADHOC` + n)."""
    title: str = ""
    """An inject written now: its heading."""
    text: str = ""
    """An inject written now: what happened, as read out."""
    evidence: tuple[str, ...] = ()
    """An inject written now: the facts it reveals, one a line."""
    effect: RolloutEffect = "none"
    """An inject written now: what it does to the rollout (an overrule: deploy, continue)."""


def written(steer: Steer) -> Inject:
    """The inject a facilitator wrote, due now; it pauses the clock like a round."""
    facts = tuple(Evidence(f"{steer.inject}-{n}", line, ADHOC_TAG)
                  for n, line in enumerate(steer.evidence, start=1))
    return Inject(steer.inject, steer.minute, steer.title, stage="facilitator",
                  narrative=steer.text, evidence=facts, effect=steer.effect)


def held_minute(exercise: Exercise) -> float:
    """Where a held inject waits: past the end, so it never comes unless brought forward."""
    return exercise.scenario.end_minute + 1


def steer(exercise: Exercise, move: Steer) -> None:
    """Apply a steering move at the minute the exercise stands at (ActionError if it cannot
    be: an inject already fired, an id taken)."""
    if exercise.finished:
        raise ActionError("the exercise is over")
    if move.kind == "inject":
        if any(i.id == move.inject for i in exercise.scenario.injects):
            raise ActionError(f"inject '{move.inject}' exists already")
        exercise.schedule(written(replace(move, minute=exercise.minute)), released=True)
        return
    if move.kind == "branch":
        _release_branch(exercise, move.inject)
        return
    pending = next((i for i in exercise.pending() if i.id == move.inject), None)
    if pending is None:
        raise ActionError(f"inject '{move.inject}' is not waiting to come")
    minute = held_minute(exercise) if move.kind == "hold" else exercise.minute
    exercise.schedule(replace(pending, minute=minute))


def _release_branch(exercise: Exercise, inject_id: str) -> None:
    """Release a branch offered now: it comes at once, its premise having held when offered."""
    offered = next((i for i in exercise.offers if i.id == inject_id), None)
    if offered is None:
        raise ActionError(f"branch '{inject_id}' is not offered now")
    exercise.offers.remove(offered)
    exercise.schedule(replace(offered, minute=exercise.minute, when=None, branch=False),
                      released=True)


def next_branch_minute(exercise: Exercise) -> float | None:
    """The minute of the next branch still to come, whether or not its premise will hold."""
    now = exercise.minute
    return min((i.minute for i in exercise.pending() if i.branch and i.minute > now),
               default=None)


def offered(exercise: Exercise) -> list[Inject]:
    """The branches the scenario offers the facilitator now, oldest first."""
    return list(exercise.offers)


def next_id(exercise: Exercise) -> str:
    """An id for the next inject the facilitator writes."""
    taken = {i.id for i in exercise.scenario.injects}
    return next(f"{ADHOC}{n}" for n in range(1, len(taken) + 2) if f"{ADHOC}{n}" not in taken)


def waiting(exercise: Exercise) -> list[tuple[Inject, bool]]:
    """The injects still to come (due later, or held back), each with whether it is held."""
    held, now = held_minute(exercise), exercise.minute
    return [(i, i.minute >= held) for i in exercise.pending() if i.minute > now]


def steer_spec(move: Steer) -> str:
    """A move as `simulate --steer` takes it: `MINUTE:KIND:INJECT`, and for an inject written
    now its title, text, evidence and effect as a JSON object after the id."""
    spec = f"{move.minute:g}:{move.kind}:{move.inject}"
    if move.kind != "inject":
        return spec
    return spec + ":" + json.dumps({"title": move.title, "text": move.text,
                                    "evidence": list(move.evidence), "effect": move.effect})


def steer_from_spec(spec: str) -> Steer:
    """`MINUTE:KIND:INJECT[:JSON]` (`steer_spec`); ValueError naming what is wrong."""
    parts = spec.split(":", 3)
    if len(parts) < 3 or parts[1] not in get_args(SteerKind):
        raise ValueError(f"{spec!r}: not MINUTE:KIND:INJECT, KIND one of "
                         f"{', '.join(get_args(SteerKind))}")
    minute, kind, inject = float(parts[0].removeprefix("T").removeprefix("+")), parts[1], parts[2]
    if kind != "inject":
        return Steer(cast("SteerKind", kind), minute, inject)
    written_now = json.loads(parts[3]) if len(parts) == 4 else {}
    if not isinstance(written_now, dict):
        raise ValueError(f"{spec!r}: an inject written now is a JSON object")
    effect = str(written_now.get("effect", "none"))
    if effect not in ROLLOUT_EFFECTS:
        raise ValueError(f"{spec!r}: unknown effect {effect!r}")
    return Steer("inject", minute, inject, str(written_now.get("title", "")),
                 str(written_now.get("text", "")),
                 tuple(str(e) for e in written_now.get("evidence", ())),
                 effect)
