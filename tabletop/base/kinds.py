"""Literals more than one room speaks: each is defined once here, with its values as a tuple
and a reader for text from outside (a stored row, an argument)."""

from __future__ import annotations

from typing import Literal, get_args

Mode = Literal["team", "workshop", "solo"]
"""How a run is played: one team at the keyboard, several teams voting in a workshop, or one
learner drilling alone."""
MODES: tuple[Mode, ...] = get_args(Mode)


def mode_of(text: str) -> Mode:
    """`text` (a stored mode) as a `Mode`; ValueError for any other text."""
    for mode in MODES:
        if text == mode:
            return mode
    raise ValueError(f"unknown mode {text[:20]!r}; expected one of {', '.join(MODES)}")
