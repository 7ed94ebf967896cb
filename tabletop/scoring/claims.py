"""A claim of a statement that the run contradicts, and how far a claimed count may be off.

Shared by the statement's sentences (`statement`) and the facts picked beside them
(`statement_picks`).
"""

from __future__ import annotations

import math

from tabletop.base.record import record

COUNT_SLACK = 2
"""A count passes within half to double the run's, widened by this many either way."""


@record
class WrongClaim:
    """A clause of a statement that the run contradicts."""

    clause: str
    """The clause, as written."""
    reason: str
    """What the run shows instead: 'but the run counts 2 ... by T+60:00'."""

    def __str__(self) -> str:
        return f'says "{self.clause}", {self.reason}'


def passing_counts(actual: int) -> tuple[int, int]:
    """The counts that pass against the run's: half to double, give or take `COUNT_SLACK`;
    never zero when the run counts any."""
    low = max(1 if actual else 0, math.ceil(actual / 2 - COUNT_SLACK))
    return low, math.floor(actual * 2 + COUNT_SLACK)
