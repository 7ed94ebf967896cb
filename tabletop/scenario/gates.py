"""Release gates: what a scenario lets a gate measure (`GateSpace`, its `gates:` section) and a
team's gate design (`GateDesign`, a file of its own, read as carefully as a scenario).

A gate measures a figure the scenario names: before deployment a figure of the models (what
its pre-release checks reveal), during the canary a figure of the run (a live signal, judged
against its baseline). The scenario also says what a healthy release looks like (stream values
for a candidate that should pass), so a design that blocks everything shows its false alarms.
Nothing here names a scenario's figures: they come from its file.
"""

from __future__ import annotations

from dataclasses import field
from typing import Literal

from tabletop.base.record import record

MeasureKind = Literal["pre-deploy", "canary"]
FailsWhen = Literal["high", "low", "both"]


@record
class Measure:
    """A figure a gate may measure."""

    id: str
    """Identifier a design names."""
    label: str
    """What it measures, in the players' words."""
    figure: str
    """The figure read: a model's figure before deployment, a run's figure in the canary (the
    names of figures evidence may quote)."""
    kind: MeasureKind = "canary"
    """When it can be read: pre-deploy (from the models, as the checks do) or canary (live)."""
    baseline: str = ""
    """canary: the figure it is judged against (its value before release); empty: the value
    the healthy candidate shows at the same minute."""


@record
class GateSpace:
    """A scenario's `gates` section: what a gate may measure, and what a healthy release is."""

    measures: tuple[Measure, ...] = ()
    """Every figure a gate may measure."""
    healthy: dict[str, float] = field(default_factory=dict)
    """Stream values of a healthy candidate, by dotted path as `variation` names them (the
    candidate a design should let through)."""
    practices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """A rubric criterion's id, or a part of a design (pre_deploy, canary, rollback_triggers,
    playbook, report_evidence), to the governance practices it evidences."""


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
