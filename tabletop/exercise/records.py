"""The values of a run: the team's decisions and statements, the injects revealed, and the
errors a refused action raises. `engine` re-exports them; import them from there.
"""

from __future__ import annotations

import math
import re
from dataclasses import field
from typing import Literal, get_args

from tabletop.base.record import record
from tabletop.scenario.model import Evidence, Inject, Scenario, StatementRequest

Confidence = Literal["low", "medium", "high"]
"""How sure a team was of a decision."""
CONFIDENCE_LEVELS: tuple[Confidence, ...] = get_args(Confidence)
"""The confidence levels from least to most sure, as the action dialog offers them."""


class ActionError(ValueError):
    """An action or statement that cannot be taken now, with the reason for the player."""


@record
class Choice:
    """What a team chose, from the action dialog (or a vote, or a planned step) to the
    journal: an action with its reasons, before it takes effect (`Exercise.act`)."""

    action: str
    """Action id."""
    cited: tuple[str, ...] = ()
    """Evidence ids cited to justify it."""
    justification: str = ""
    """The team's reasoning in their words."""
    confidence: Confidence = "medium"
    """How sure the team is."""
    checks: tuple[str, ...] = ()
    """Extra pre-release checks demanded with it."""
    team: str = ""
    """Team name in workshop mode; empty for a single team (or the room's decision)."""


@record
class Decision:
    """One action a team took."""

    minute: float
    """Scenario minute it took effect."""
    action: str
    """Action id."""
    cited: tuple[str, ...] = ()
    """Evidence ids cited to justify it."""
    justification: str = ""
    """The team's reasoning in their words."""
    confidence: Confidence = "medium"
    """How sure the team was."""
    checks: tuple[str, ...] = ()
    """Extra pre-release checks demanded with it."""
    team: str = ""
    """Team name in workshop mode; empty for a single team."""

    @property
    def choice(self) -> Choice:
        """The choice this decision took effect from."""
        return Choice(self.action, self.cited, self.justification, self.confidence,
                      self.checks, self.team)

    @classmethod
    def of(cls, choice: Choice, minute: float) -> Decision:
        """`choice` as it took effect at `minute`."""
        return cls(minute, choice.action, choice.cited, choice.justification,
                   choice.confidence, choice.checks, choice.team)


@record
class StatementRecord:
    """A communication the team wrote."""

    request: str
    """Id of the request answered."""
    minute: float
    """Scenario minute it was submitted."""
    fields: dict[str, str] = field(default_factory=dict)
    """Field name to text; a name starting with `PICK` holds a fact the room picked from the
    run's (`picks`), not text the room reads (`texts`)."""

    @property
    def texts(self) -> dict[str, str]:
        """The fields the room wrote, by name."""
        return {k: v for k, v in self.fields.items() if not k.startswith(PICK)}

    @property
    def picks(self) -> dict[str, str]:
        """The facts the room picked, by kind (`scoring.statement_picks`)."""
        return {k.removeprefix(PICK): v for k, v in self.fields.items() if k.startswith(PICK)}


PICK = "pick:"
"""The prefix of a statement field that holds a picked fact: journalled with the fields, so
old journals and the stored JSON keep their shape."""


@record
class FiredInject:
    """An inject that has been revealed."""

    inject: Inject
    """The inject."""
    minute: float
    """Scenario minute it fired."""
    evidence: tuple[Evidence, ...] = ()
    """The inject's evidence with the run's figures filled in as of that minute."""
    facilitator: bool = False
    """Released by the facilitator (written on the spot, or a branch taken): marked as theirs."""


@record
class OpenStatement:
    """A communication request waiting for an answer."""

    request: StatementRequest
    """What is asked."""
    requested_at: float
    """Minute it was asked."""

    @property
    def deadline(self) -> float:
        """Minute by which it is due."""
        return self.requested_at + self.request.deadline_minutes


def effect_minute(minute: float, hundredths: bool = False) -> float:
    """Actions take effect, and are stamped, at the clock's minute: one taken while the clock
    shows T+20:00 says T+20:00, and actions within a minute keep their order by sequence.

    `hundredths`: the rule of journals written before (an `action` or `statement` event with
    no `stamp`), the next hundredth of a minute, kept so that they restore as played.
    """
    return math.ceil(round(minute * 100, 6)) / 100 if hundredths else minute


def busy_until(scenario: Scenario, decisions: list[Decision], role: str,
               minute: float) -> float | None:
    """When the action `role` is carrying out at `minute` is done (`Action.takes_minutes`), or
    None: the role is free (an action with no role never makes anyone busy)."""
    if not role:
        return None
    ends = [d.minute + a.takes_minutes for d in decisions
            for a in (scenario.action(d.action),) if a.role == role]
    return max((end for end in ends if end > minute), default=None)


def runbook_done(scenario: Scenario, decisions: list[Decision],
                 statements: list[StatementRecord]) -> tuple[bool, ...]:
    """For each runbook line, whether the team has done what ticks it.

    A line with `done_by` is ticked by one of those actions or statements; a plain line by
    any action of the step its first word names ("Stabilise: roll back ..." is step
    `stabilise`, as `Action.step` names it).
    """
    taken = {d.action for d in decisions} | {s.request for s in statements}
    steps = {scenario.action(d.action).step.lower() for d in decisions} - {""}
    return tuple(bool(taken.intersection(line.done_by)) if line.done_by
                 else _step_key(line.text) in steps
                 for line in scenario.runbook_lines)


def _step_key(line: str) -> str:
    return re.split(r"[^\w-]", line.strip(), maxsplit=1)[0].lower()
