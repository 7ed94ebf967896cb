"""The scenario's simulated traffic and rollout: how items arrive, how each model version
classifies them, what faults a release brings, and how exposure moves when players act."""

from __future__ import annotations

from dataclasses import field
from typing import Literal

from tabletop.base.record import record
from tabletop.scenario.outcomes import HARM_COUNTERS, ROUTING_COUNTERS, HarmCounter


@record
class ModelBehaviour:
    """How one model version routes an item, for one group of segments."""

    misroute: float
    """Chance that an item of an ordinary class is sent to the fallback class."""
    critical_misroute: float
    """Chance that an item of the critical class is sent to the fallback class."""
    high_priority_misroute: float
    """Chance that a high-priority critical item is sent to the fallback class."""
    confidence_right: float
    """Mean model confidence when the label is right."""
    confidence_wrong: float
    """Mean model confidence when the label is wrong."""
    override: float
    """Chance that a person notices a wrong label and overrides it."""


@record
class ModelVersion:
    """A model version serving traffic."""

    label: str
    """Name shown on the dashboard."""
    home: ModelBehaviour | None = None
    """Routing: behaviour on the home segment (none: the stream does not route)."""
    other: ModelBehaviour | None = None
    """Routing: behaviour on every other segment."""
    segments: dict[str, ModelBehaviour] = field(default_factory=dict)
    """Routing: a segment's own behaviour, over `home` and `other` (any number of segments,
    each with its own)."""

    def behaviour(self, segment: str, home_segment: str) -> ModelBehaviour | None:
        """How this version routes an item of `segment`."""
        return self.segments.get(segment) or (self.home if segment == home_segment
                                              else self.other)
    run_id: str = ""
    """Model run id, as the logs show it."""


@record
class Fault:
    """An infrastructure or safety fault of a model version over a window."""

    from_minute: float
    """First scenario minute of the fault."""
    to_minute: float | None = None
    """Last minute; none means until stopped by a rollback."""
    model: Literal["candidate", "incumbent"] = "candidate"
    """Which version has the fault."""
    error_rate: float = 0.0
    """Share of its requests that fail with a 5xx."""
    latency_ms: float = 0.0
    """Extra latency added to its requests."""
    leak_rate: float = 0.0
    """Share of its responses that leak personal data past prompt sanitisation."""
    outcomes: dict[str, float] = field(default_factory=dict)
    """Declared outcome id to the rate the fault adds to it, for every segment."""


@record
class Rates:
    """How often one model version's items produce an outcome."""

    rate: float = 0.0
    """Chance per item, on every segment not named in `segments`."""
    segments: dict[str, float] = field(default_factory=dict)
    """Segment to its own chance per item (a bias that shows on some customers only)."""

    def on(self, segment: str) -> float:
        """The chance per item on `segment`."""
        return self.segments.get(segment, self.rate)


@record
class Outcome:
    """Something an item may produce, declared by the scenario: a hallucinated adjustment,
    a leaked code, a 5xx. Each item draws its own chance of each outcome, from a stream of its
    own (`tickets.DrawStream`), so declaring one outcome never changes another's draws."""

    id: str
    """Name in rubric weights and figures ({id_count})."""
    label: str
    """What the players read ("hallucinated price adjustments")."""
    unit: str = "item"
    """What one is called on the dashboard ("adjustment", "code")."""
    harm: bool = True
    """Counted as harm where the candidate produced it and the incumbent would not have."""
    weight: float = 1.0
    """Its weight when the rubric's harm criterion names no weights."""
    candidate: Rates = field(default_factory=Rates)
    """How often the candidate's items produce it."""
    incumbent: Rates = field(default_factory=Rates)
    """How often the incumbent's items produce it (no item answered by people does)."""


@record
class Stream:
    """The live-signal model: a seeded stream of routed items."""

    noun: str
    """What one item is called (ticket, request)."""
    per_minute: float
    """Mean arrivals per scenario minute."""
    segments: dict[str, float]
    """Share of traffic by segment (language, customer tier)."""
    classes: dict[str, float]
    """Share of traffic by true class (queue, or kind of request)."""
    candidate: ModelVersion
    """The version being released."""
    incumbent: ModelVersion
    """The last known good version, also run in shadow."""
    home_segment: str = ""
    """Routing: the segment the model was built for; the rest are grouped as 'other'."""
    critical_class: str = ""
    """Routing: the class whose misrouting is harm (urgent); empty: the stream does not route,
    its items keep their class and only declared `outcomes` and faults befall them."""
    fallback_class: str = ""
    """Routing: where a misrouted item lands (general)."""
    high_priority_share: float = 0.0
    """Routing: share of critical items that are high priority."""
    latency_ms: float = 180.0
    """Median latency of a healthy request."""
    latency_jitter_ms: float = 30.0
    """Spread of latency around the median."""
    error_rate: float = 0.001
    """Share of healthy requests that fail."""
    faults: tuple[Fault, ...] = ()
    """Faults over windows of the exercise."""
    log_faults: bool = False
    """Show a request log with trace and run ids (runbook scenarios)."""
    outcomes: tuple[Outcome, ...] = ()
    """Outcomes the scenario declares beside the routing ones (`tickets.route`)."""

    @property
    def routes(self) -> bool:
        """Whether the models route items to classes (the routing family of outcomes:
        misroutes, overrides, confidence), or only answer them."""
        return bool(self.critical_class)

    @property
    def harm_counters(self) -> tuple[HarmCounter, ...]:
        """The built-in harm counters this stream can count, in `HARM_COUNTERS` order: the
        routing family's misroutes where the models route, leaks where a fault leaks, failed
        requests always (every model answers requests). A run reports only these, then its
        declared outcomes, so a scenario that does not route never reports a misroute."""
        return tuple(name for name in HARM_COUNTERS if name == "failed"
                     or (name == "leaks" and any(f.leak_rate for f in self.faults))
                     or (name in ROUTING_COUNTERS and self.routes))

    def outcome(self, name: str) -> Outcome | None:
        """The declared outcome `name`, if any."""
        return next((o for o in self.outcomes if o.id == name), None)


@record
class RolloutStage:
    """One stage of the release plan: a share of traffic the candidate serves, reached by a
    ramp from the stage before and held."""

    share: float
    """Share of traffic (0 to 1) the candidate serves in this stage."""
    hold_minutes: float | None = None
    """Minutes the stage holds once reached before the plan moves on; none: to the end, as
    the last stage does."""
    ramp_minutes: float = 0.0
    """Minutes the ramp from the stage before takes (0: at once); the first stage starts at
    deployment, at once."""
    checkpoint: str = ""
    """The review the plan passes before the next stage ("canary review"), shown with the
    plan; empty: none."""


@record
class Rollout:
    """How the release moves traffic."""

    deploy_minute: float = 0.0
    """Minute the pipeline deploys the candidate."""
    initial_exposure: float = 0.25
    """Share of traffic the candidate serves after deployment, when no `stages` are declared."""
    ramp_minutes: float = 15.0
    """Minutes a `continue` takes to ramp to 100 % past the plan's last stage."""
    drain_minutes: float = 5.0
    """Minutes a rollback takes to drain the candidate to 0 %."""
    stages: tuple[RolloutStage, ...] = ()
    """The release plan from deployment, stage by stage: with nobody acting it runs as
    declared. A `freeze` holds the share and stops the plan, a `continue` moves to the next
    stage now (past the last: to 100 % over `ramp_minutes`), a rollback drains. None declared:
    one stage at `initial_exposure`, held to the end."""

    @property
    def plan(self) -> tuple[RolloutStage, ...]:
        """The stages the release follows (`stages`, or the one `initial_exposure` makes)."""
        return self.stages or (RolloutStage(self.initial_exposure),)
