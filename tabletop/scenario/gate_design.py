"""A team's release gate design (`GateDesign`): a file of its own, read as carefully as a
scenario (`scenario.gate_loader`), of the measures its scenario's `gates` section names
(`scenario.gates`). Apart from the scenario's model, so a run's first frame loads none of it."""

from __future__ import annotations

from typing import Literal

from tabletop.base.record import record

FailsWhen = Literal["high", "low", "both"]


@record
class Threshold:
    """A limit on a measure: the gate fires when the figure falls outside it."""

    measure: str
    """The measure's id."""
    at_least: float | None = None
    """The figure must be at least this."""
    at_most: float | None = None
    """The figure must be at most this."""

    def holds(self, value: float) -> bool:
        """The figure is within the limit."""
        return ((self.at_least is None or value >= self.at_least)
                and (self.at_most is None or value <= self.at_most))


@record
class CanaryMetric:
    """A live signal the canary checkpoint judges against its baseline."""

    measure: str
    """The measure's id (a canary measure)."""
    tolerance: float = 0.5
    """How far from the baseline still passes, as a share of it (0.5: half either way)."""
    fails: FailsWhen = "high"
    """Which way a failure goes: above the band (high), below it (low), or either."""
    slack: float = 1.0
    """An absolute margin added to the band, so a baseline of 0 is not failed by one item."""


@record
class Canary:
    """The canary checkpoint: judged once, a fixed time after deployment."""

    minutes: float
    """Minutes after deployment the checkpoint judges the canary."""
    metrics: tuple[CanaryMetric, ...]
    """What it judges."""
    continue_at: float = 1.0
    """A score (the share of metrics that pass) at or above this: the release continues."""
    roll_back_below: float = 0.5
    """A score below this: roll back; between the two: hold (inconclusive)."""


@record
class PlaybookStep:
    """A step of the rollback playbook."""

    step: str
    """What to do."""
    owner: str
    """Who does it (a role)."""


@record
class GateDesign:
    """A team's release gates for one scenario."""

    scenario: str
    """The scenario id it is designed for."""
    title: str = ""
    """A name for the design."""
    pre_deploy: tuple[Threshold, ...] = ()
    """Evaluation gates: any that fails blocks the deploy."""
    canary: Canary | None = None
    """The canary-review checkpoint before the rollout goes on."""
    rollback_triggers: tuple[Threshold, ...] = ()
    """Live limits: the first that fails rolls the release back, at that minute."""
    playbook: tuple[PlaybookStep, ...] = ()
    """The rollback playbook, in order."""
    report_evidence: tuple[str, ...] = ()
    """The evidence the post-release report must carry."""
