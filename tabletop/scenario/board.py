"""The timeline board's layout as a scenario declares it: its columns and its loop."""

from __future__ import annotations

from tabletop.base.record import record


@record
class BoardStage:
    """One column of the timeline board."""

    stage: str
    """The `Inject.stage` of the injects drawn in it."""
    title: str
    """Its heading."""


@record
class Board:
    """The timeline board's layout (`tabletop timeline`, the after-action report's board)."""

    stages: tuple[BoardStage, ...] = ()
    """Its columns, left to right; empty: one per stage the injects name, in the order they
    first come, headed by the stage's name. An inject of no column's stage goes in the first
    column before deployment, the second after."""
    loop: str = ""
    """The label of an arrow from the last column back to the first (what the last stage
    feeds into the next cycle); empty: no arrow."""
