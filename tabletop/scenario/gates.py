"""Release gates: what a scenario lets a gate measure (`GateSpace`, its `gates:` section); a
team's design is `scenario.gate_design`'s (a file of its own, read as carefully as a scenario).

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
