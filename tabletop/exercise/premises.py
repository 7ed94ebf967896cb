"""What an inject waits for before it fires: an action of the team, or a figure of the run.

An inject whose premise never happens never fires: a leak that a rollback prevented is not
reported, because the figure it waits for (`code_leaked_total` at least 1) never gets there.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from tabletop.scenario.model import Condition, Inject

if TYPE_CHECKING:  # annotations only
    from tabletop.exercise.records import Decision, StatementRecord
    from tabletop.exercise.simulation import Exposure


def has_trigger(inject: Inject) -> bool:
    """True when the inject waits for something the team does."""
    cond = inject.when
    return cond is not None and bool(cond.chose or cond.checks)


def contingency_failed(cond: Condition, at: float, decisions: Sequence[Decision],
                       statements: Sequence[StatementRecord], exposure: Exposure) -> bool:
    """True when a contingency of the condition (decided at the inject's minute `at` only)
    does not hold: an action it waits not to see was taken, the statement was sent, the
    exposure or the deployment is not what it asks."""
    acted_by = {d.action for d in decisions if d.minute <= at}
    answered = {s.request for s in statements if s.minute <= at}
    return (bool(acted_by & set(cond.not_acted))
            or (bool(cond.no_statement) and cond.no_statement in answered)
            or (cond.exposure_at_least is not None
                and exposure.at(at) < cond.exposure_at_least)
            or (cond.deployed is not None and exposure.deployed(at) != cond.deployed))


def figure_reached(cond: Condition, start: float, now: float,
                   figures_at: Callable[[float], Mapping[str, str]]) -> tuple[float | None, float]:
    """The first minute from `start` (then each whole minute after it) up to `now` at which
    the condition's figure has reached its value, and the minute to look from next time.

    Read on whole minutes, so a live run ticking at any pace and a headless replay jumping
    from step to step fire it at the same minute.
    """
    minute = start
    while minute <= now:
        if _holds(cond, figures_at(minute).get(cond.figure, "")):
            return minute, minute
        minute = math.floor(minute) + 1.0
    return None, minute


def _holds(cond: Condition, shown: str) -> bool:
    try:
        value = float(shown)
    except ValueError:  # a figure with nothing to show yet ("n/a")
        return False
    return ((cond.at_least is None or value >= cond.at_least)
            and (cond.at_most is None or value <= cond.at_most))
