"""What the players asked for, as typed values and messages.

Dialogs return these through `dismiss`; the app hands them to the `Session` (the action
dialog returns the core's own `Choice`). They carry the
players' choices only: whether a choice is allowed is the core's decision.
"""

from __future__ import annotations

from dataclasses import field

from textual.message import Message

from tabletop.base.record import record


@record
class StatementIntent:
    """A communication the team wrote in the statement dialog."""

    request: str
    """Id of the communication request answered."""
    fields: dict[str, str] = field(default_factory=dict)
    """Field name to text."""


class StartRequested(Message):
    """The briefing is over: start the exercise."""
