"""The live simulation: a seeded stream of routed items under a rollout plan.

Every random number an item needs is drawn when the item is created, in a fixed order, whatever
the players do; which model serves it is then decided by the rollout exposure at its minute. So
a seed gives the same items under two plans, differing only where the plans differ: nobody
acting and the best case are exact counterfactuals of the team's run, not new dice rolls.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from tabletop.scenario.model import Scenario
from tabletop.scenario.record import record
from tabletop.scenario.stream import ModelBehaviour, ModelVersion, Rollout, Stream

Server = Literal["candidate", "incumbent", "manual"]


# Draws and items are made by the thousand per run: a record's shared `__setattr__` would
# cost more there than dataclasses' compiled frozen `__init__` saves (bench/bench_simulate.py).
@dataclass(frozen=True)
class Draw:
    """The random numbers behind one item, fixed before anyone acts."""

    index: int
    minute: float
    segment: str
    true_class: str
    high_priority: bool
    u_serve: float
    u_error: float
    u_confidence: float
    u_override: float
    u_latency: float
    u_fail: float
    u_leak: float
    trace_id: str


@dataclass(frozen=True)
class Item:
    """One routed ticket or request as the dashboard sees it."""

    id: str
    """Ticket or request id."""
    minute: float
    """Scenario minute it arrived."""
    segment: str
    """Language or customer segment."""
    true_class: str
    """The queue it belongs in."""
    high_priority: bool
    """A high-priority critical case."""
    served_by: Server
    """Which version routed it; manual when the feature was disabled."""
    routed: str
    """The queue it was sent to."""
    shadow_routed: str
    """Where the incumbent (run in shadow) would have sent it."""
    confidence: float
    """Model confidence in its label."""
    overridden: bool
    """A person corrected the label."""
    latency_ms: float
    """Time to answer."""
    failed: bool
    """The request failed with a 5xx."""
    leaked: bool
    """The response leaked personal data."""
    trace_id: str
    """Trace id, as logs show it."""

    @property
    def misrouted(self) -> bool:
        """The label was wrong."""
        return self.routed != self.true_class

    @property
    def faulty(self) -> bool:
        """Something in this item belongs in an incident record."""
        return self.failed or self.leaked or (self.served_by == "candidate" and self.misrouted)


def _pick(shares: dict[str, float], u: float) -> str:
    total = sum(shares.values())
    acc = 0.0
    for name, share in shares.items():
        acc += share / total
        if u < acc:
            return name
    return next(reversed(shares))


class DrawStream:
    """Draws items lazily, in arrival order, from one seeded generator."""

    def __init__(self, stream: Stream, seed: int, start_minute: float) -> None:
        self._stream = stream
        self._rng = random.Random(seed)
        self._next_minute = start_minute
        self.draws: list[Draw] = []

    def until(self, minute: float) -> Sequence[Draw]:
        """All draws with arrival minute up to `minute`, extending the stream as needed."""
        while self._next_minute <= minute:
            self.draws.append(self._draw(self._next_minute))
            self._next_minute += self._rng.expovariate(self._stream.per_minute)
        return self.draws

    def _draw(self, minute: float) -> Draw:
        r = self._rng.random
        stream = self._stream
        segment = _pick(stream.segments, r())
        true_class = _pick(stream.classes, r())
        high_priority = r() < stream.high_priority_share and true_class == stream.critical_class
        return Draw(
            index=len(self.draws), minute=minute, segment=segment, true_class=true_class,
            high_priority=high_priority, u_serve=r(), u_error=r(), u_confidence=r(),
            u_override=r(), u_latency=r(), u_fail=r(), u_leak=r(),
            trace_id=f"{self._rng.getrandbits(48):012x}",
        )


@record
class RolloutPlan:
    """Rollout effects at scenario minutes, in time order."""

    effects: tuple[tuple[float, str], ...] = ()

    def with_effect(self, minute: float, effect: str) -> RolloutPlan:
        """A new plan with one more effect."""
        return RolloutPlan(tuple(sorted((*self.effects, (minute, effect)), key=lambda e: e[0])))


RolloutState = Literal["planned", "ramping", "frozen", "rolled back", "disabled", "not deployed"]
"""Where the rollout stands after the effects taken so far (`rollout_state`)."""

_UNCHANGED: dict[str, frozenset[str]] = {
    "continue": frozenset({"ramping", "rolled back", "disabled", "not deployed"}),
    "freeze": frozenset({"frozen", "rolled back", "disabled", "not deployed"}),
    "rollback": frozenset({"rolled back", "disabled", "not deployed"}),
    "disable": frozenset({"disabled", "not deployed"}),
    "block": frozenset({"not deployed"}),
}
"""Per effect, the rollout states in which it would change nothing. A rolled-back, disabled or
blocked release is over: continue, freeze and roll back no longer apply to it."""


def rollout_state(plan: RolloutPlan, minute: float, deploy_minute: float) -> RolloutState:
    """Where the rollout stands at `minute` after the plan's effects up to it (a block counts
    only before deployment, as `Exposure` applies it)."""
    state: RolloutState = "planned"
    names: dict[str, RolloutState] = {"continue": "ramping", "freeze": "frozen",
                                      "rollback": "rolled back"}
    for at, effect in plan.effects:
        if at > minute or state == "disabled":
            continue
        if effect == "block":
            state = "not deployed" if at <= deploy_minute else state
        elif effect == "deploy" and state == "not deployed":
            state = "planned"
        elif effect == "disable":
            state = "disabled"
        elif effect in names and state != "not deployed":
            state = names[effect]
    return state


def changes_rollout(effect: str, state: RolloutState) -> bool:
    """Whether taking an effect in this state would change the rollout (none and deploy
    always may: they are not the team's rollout calls)."""
    return state not in _UNCHANGED.get(effect, frozenset())


class Exposure:
    """Share of traffic the candidate serves, as a function of the minute, for one plan.

    Piecewise linear: each effect starts a segment moving from the share at that minute toward
    a target at a fixed rate (a continue ramps up, a rollback drains with lag, a freeze holds).
    A block keeps the candidate at 0 until a deploy (an overruling) starts the rollout then.
    """

    def __init__(self, rollout: Rollout, plan: RolloutPlan) -> None:
        self._starts: list[float] = [rollout.deploy_minute]
        # (start share, target, change per minute) of each segment
        share = rollout.initial_exposure
        self._segments: list[tuple[float, float, float]] = [(share, share, 0.0)]
        self.disabled_from: float | None = None
        self.deployed_from: float | None = rollout.deploy_minute
        for minute, effect in plan.effects:
            if effect == "disable":
                if self.disabled_from is None:
                    self.disabled_from = minute
                continue
            if effect in ("block", "deploy"):
                self._block_or_deploy(rollout, minute, effect)
                continue
            if (effect not in ("continue", "freeze", "rollback")
                    or minute < rollout.deploy_minute or self.deployed_from is None):
                continue
            self._add_segment(rollout, minute, effect)

    def _block_or_deploy(self, rollout: Rollout, minute: float, effect: str) -> None:
        """A block before deployment keeps the candidate out; a deploy after a block lets it
        in at the initial share from then (or from the deploy minute, if that is later)."""
        start = max(minute, rollout.deploy_minute)
        if effect == "block" and self.deployed_from is not None and minute <= self.deployed_from:
            self.deployed_from = None
            self._starts, self._segments = [rollout.deploy_minute], [(0.0, 0.0, 0.0)]
        elif effect == "deploy" and self.deployed_from is None:
            self.deployed_from = start
            share = rollout.initial_exposure
            if start <= rollout.deploy_minute:
                self._starts, self._segments = [start], [(share, share, 0.0)]
            else:
                self._starts.append(start)
                self._segments.append((share, share, 0.0))

    def _add_segment(self, rollout: Rollout, minute: float, effect: str) -> None:
        share = self.at(minute)
        if effect == "continue":
            target, rate = 1.0, (1.0 - share) / max(rollout.ramp_minutes, 1e-9)
        elif effect == "rollback":
            target, rate = 0.0, share / max(rollout.drain_minutes, 1e-9)
        else:
            target, rate = share, 0.0
        self._starts.append(minute)
        self._segments.append((share, target, rate))

    def deployed(self, minute: float) -> bool:
        """True once the candidate has been deployed (it never is while a block holds)."""
        return self.deployed_from is not None and minute >= self.deployed_from

    def at(self, minute: float) -> float:
        """The candidate's share of traffic at `minute` (0 to 1)."""
        i = bisect.bisect_right(self._starts, minute) - 1
        if i < 0:
            return 0.0
        share, target, rate = self._segments[i]
        elapsed = minute - self._starts[i]
        if target >= share:
            return min(target, share + rate * elapsed)
        return max(target, share - rate * elapsed)

    def enabled(self, minute: float) -> bool:
        """False once the feature flag has been turned off."""
        return self.disabled_from is None or minute < self.disabled_from


def route(stream: Stream, draw: Draw, exposure: Exposure) -> Item:
    """Route one item under a rollout: the same draw always gives the same item for a plan."""
    candidate_serves = draw.u_serve < exposure.at(draw.minute)
    shadow_routed, _ = _label(stream, stream.incumbent, draw)
    if not exposure.enabled(draw.minute):
        server: Server = "manual"
        routed, confidence = draw.true_class, 1.0
        version = None
    else:
        server = "candidate" if candidate_serves else "incumbent"
        version = stream.candidate if candidate_serves else stream.incumbent
        routed, confidence = _label(stream, version, draw)
    behaviour = _behaviour(stream, version, draw) if version else None
    misrouted = routed != draw.true_class
    overridden = bool(behaviour and misrouted and draw.u_override < behaviour.override)
    latency = stream.latency_ms + stream.latency_jitter_ms * (draw.u_latency - 0.5) * 2
    error_rate, leak_rate = stream.error_rate, 0.0
    for fault in stream.faults:
        active = fault.from_minute <= draw.minute and (
            fault.to_minute is None or draw.minute <= fault.to_minute)
        if active and fault.model == server:
            latency += fault.latency_ms
            error_rate += fault.error_rate
            leak_rate += fault.leak_rate
    return Item(
        id=f"{stream.noun[:3].upper()}-{draw.index + 1:05d}", minute=draw.minute,
        segment=draw.segment, true_class=draw.true_class, high_priority=draw.high_priority,
        served_by=server, routed=routed, shadow_routed=shadow_routed,
        confidence=round(confidence, 3), overridden=overridden, latency_ms=round(latency, 1),
        failed=server != "manual" and draw.u_fail < error_rate,
        leaked=server != "manual" and draw.u_leak < leak_rate, trace_id=draw.trace_id,
    )


def _behaviour(stream: Stream, version: ModelVersion, draw: Draw) -> ModelBehaviour:
    return version.home if draw.segment == stream.home_segment else version.other


def _label(stream: Stream, version: ModelVersion, draw: Draw) -> tuple[str, float]:
    """The class a version assigns and its confidence."""
    behaviour = _behaviour(stream, version, draw)
    if draw.true_class == stream.fallback_class:
        error_chance = 0.0
    elif draw.high_priority:
        error_chance = behaviour.high_priority_misroute
    elif draw.true_class == stream.critical_class:
        error_chance = behaviour.critical_misroute
    else:
        error_chance = behaviour.misroute
    wrong = draw.u_error < error_chance
    mean = behaviour.confidence_wrong if wrong else behaviour.confidence_right
    confidence = min(0.99, max(0.05, mean + (draw.u_confidence - 0.5) * 0.16))
    return (stream.fallback_class if wrong else draw.true_class), confidence


@record
class Harm:
    """Harm counted over a run."""

    critical_misrouted: int = 0
    """Critical items sent to the fallback class."""
    high_priority_missed: int = 0
    """High-priority items that missed the critical path."""
    leaks: int = 0
    """Responses that leaked personal data."""
    failed: int = 0
    """Requests that failed."""

    def weighted(self, weights: dict[str, float]) -> float:
        """One figure: the counters times the rubric's weights."""
        return float(sum(getattr(self, name) * weight for name, weight in weights.items()))

    def as_dict(self) -> dict[str, int]:
        """Counter name to count."""
        return {"critical_misrouted": self.critical_misrouted,
                "high_priority_missed": self.high_priority_missed,
                "leaks": self.leaks, "failed": self.failed}


def count_harm(stream: Stream, items: Iterable[Item], since: float) -> Harm:
    """Harm the release caused among items that arrived at or after `since` (deployment).

    Only the candidate's errors count, and a misroute only where the incumbent, run in
    shadow, would have routed the item right: the incumbent's own misses happen with or
    without the release, so no action could prevent them.
    """
    critical = missed = leaks = failed = 0
    for item in items:
        if item.minute < since or item.served_by != "candidate":
            continue
        caused = item.routed == stream.fallback_class and item.shadow_routed == item.true_class
        if item.true_class == stream.critical_class and caused:
            critical += 1
            missed += item.high_priority
        leaks += item.leaked
        failed += item.failed
    return Harm(critical, missed, leaks, failed)


class Simulation:
    """The live run: items routed under the plan as it stands, extended as time passes.

    Items are routed once, when the clock passes their minute, under the plan in force then.
    An action only changes exposure from its own minute on, so routed items never change.
    """

    def __init__(self, scenario: Scenario, seed: int) -> None:
        self.scenario = scenario
        self.seed = seed
        self.history_start = scenario.rollout.deploy_minute - 20.0
        start = min(self.history_start, scenario.start_minute)
        self.draws = DrawStream(scenario.stream, seed, start)
        self.plan = RolloutPlan()
        self.exposure = Exposure(scenario.rollout, self.plan)
        self.items: list[Item] = []

    def apply(self, minute: float, effect: str) -> None:
        """Add a rollout effect at `minute`; only items after it are affected."""
        if effect == "none":
            return
        self.plan = self.plan.with_effect(minute, effect)
        self.exposure = Exposure(self.scenario.rollout, self.plan)

    def advance(self, minute: float) -> list[Item]:
        """Route every item up to `minute`; returns the new ones."""
        draws = self.draws.until(minute)
        start = end = len(self.items)
        while end < len(draws) and draws[end].minute <= minute:
            end += 1
        stream = self.scenario.stream
        self.items.extend(route(stream, d, self.exposure) for d in draws[start:end])
        return self.items[start:]

    def counterfactual(self, plan: RolloutPlan, until: float) -> list[Item]:
        """The same items under another plan (the baseline, the best case)."""
        exposure, stream = Exposure(self.scenario.rollout, plan), self.scenario.stream
        return [route(stream, d, exposure) for d in self.draws.until(until) if d.minute <= until]

    def candidate_items(self, plan: RolloutPlan, since: float, until: float) -> list[Item]:
        """The items the candidate serves from `since` to `until` under a plan: the only ones
        `count_harm` counts, so the rest (most of them) are not routed."""
        exposure = Exposure(self.scenario.rollout, plan)
        stream = self.scenario.stream
        return [route(stream, d, exposure) for d in self.draws.until(until)
                if since <= d.minute <= until and d.u_serve < exposure.at(d.minute)
                and exposure.enabled(d.minute)]
