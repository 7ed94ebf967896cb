"""The facilitator's rating: a criterion judged by people on HSEEP's scale, beside the machine.

A facilitator may rate the statement (any `statement` criterion) and any criterion the scenario
marks `rated_by_people`, with a reason. The rating sets the line's points (its share of the
maximum, `SHARES`) and its why names it as the facilitator's, with the machine's reading kept
beside it; the total and the cap are computed from the rated lines.
"""

from __future__ import annotations

from typing import Literal, get_args

from tabletop.base.record import record
from tabletop.base.words import out_of
from tabletop.scenario.model import Scenario
from tabletop.scenario.rubric import Criterion

Capability = Literal["P", "S", "M", "U"]
"""HSEEP's capability rating: performed without challenges (P), with some challenges (S), with
major challenges (M), or unable to be performed (U)."""
CAPABILITIES: tuple[Capability, ...] = get_args(Capability)
LABELS: dict[Capability, str] = {
    "P": "performed without challenges", "S": "performed with some challenges",
    "M": "performed with major challenges", "U": "unable to be performed"}
"""Each rating in HSEEP's words."""
SHARES: dict[Capability, float] = {"P": 1.0, "S": 0.7, "M": 0.4, "U": 0.0}
"""The share of a criterion's maximum each rating gives."""


GOAL = "goal-"
"""A rating keyed `goal-N` rates learning goal N (numbered from 1), not a criterion: the
report's capability rating for that goal, beside the machine's suggestion."""


@record
class Rating:
    """A facilitator's rating of one criterion."""

    level: Capability
    """Where on HSEEP's scale the team's performance sits."""
    reason: str = ""
    """Why, in the facilitator's words."""


def capability_of(text: str) -> Capability:
    """`text` (a stored rating) as a `Capability`; ValueError for any other text."""
    for level in CAPABILITIES:
        if text == level:
            return level
    raise ValueError(f"unknown rating {text[:20]!r}; expected one of {', '.join(CAPABILITIES)}")


def rateable(scenario: Scenario) -> tuple[Criterion, ...]:
    """The criteria a facilitator may rate: every statement, and those marked for people."""
    return tuple(c for c in scenario.rubric.criteria
                 if c.kind == "statement" or c.rated_by_people)


def rated_why(points: float, maximum: float, why: str, rating: Rating) -> tuple[float, str]:
    """A rated line's points and why: the facilitator's rating first, the machine's beside."""
    said = f": {rating.reason.strip().rstrip('.')}" if rating.reason.strip() else ""
    return (round(maximum * SHARES[rating.level], 1),
            f"Facilitator's rating: {LABELS[rating.level]}{said}. The machine read "
            f"{out_of(points, maximum)}: {why}")

