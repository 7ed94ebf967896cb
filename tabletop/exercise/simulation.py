"""The live simulation: a seeded stream of routed items under a rollout plan.

The tickets (their draws, and what each becomes under each server) are `exercise.tickets`;
here the rollout plan decides, minute by minute, which server answers each of them.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import Literal

from tabletop.base.record import record
from tabletop.exercise.tickets import Draw, Item, Server, tickets_for
from tabletop.scenario.model import Scenario
from tabletop.scenario.outcomes import HARM_COUNTERS, SHARE_EFFECTS
from tabletop.scenario.stream import Rollout, Stream

__all__ = ["RELEASE_OVER", "Draw", "Exposure", "Harm", "Item", "RolloutPlan", "RolloutState",
           "Server", "Simulation", "changes_rollout", "count_harm", "rollout_state", "serving"]


@record
class RolloutPlan:
    """Rollout effects at scenario minutes, in time order."""

    effects: tuple[tuple[float, str], ...] = ()
    outcome_effects: tuple[tuple[float, str, float], ...] = ()
    """(from minute, declared outcome, factor): from that minute the outcome's chance is
    multiplied by the factor (0: stopped), for every server; in time order."""

    def with_effect(self, minute: float, effect: str) -> RolloutPlan:
        """A new plan with one more effect."""
        return RolloutPlan(tuple(sorted((*self.effects, (minute, effect)), key=lambda e: e[0])),
                           self.outcome_effects)

    def with_outcome_effect(self, minute: float, outcome: str, factor: float) -> RolloutPlan:
        """A new plan in which an outcome's chance is scaled by `factor` from `minute`."""
        effects = sorted((*self.outcome_effects, (minute, outcome, factor)), key=lambda e: e[0])
        return RolloutPlan(self.effects, tuple(effects))


RolloutState = Literal["planned", "full", "ramping", "frozen", "rolled back", "disabled",
                       "not deployed"]
"""Where the rollout stands after the effects taken so far (`rollout_state`)."""

_UNCHANGED: dict[str, frozenset[str]] = {
    "continue": frozenset({"full", "ramping", "rolled back", "disabled", "not deployed"}),
    "freeze": frozenset({"frozen", "rolled back", "disabled", "not deployed"}),
    "rollback": frozenset({"rolled back", "disabled", "not deployed"}),
    "disable": frozenset({"disabled", "not deployed"}),
    "block": frozenset({"not deployed"}),
}
"""Per effect, the rollout states in which it would change nothing. A rolled-back, disabled or
blocked release is over: continue, freeze and roll back no longer apply to it."""


RELEASE_OVER: frozenset[RolloutState] = frozenset({"rolled back", "disabled", "not deployed"})
"""States in which the release is over: no rollout call applies to it any more."""


def rollout_state(plan: RolloutPlan, minute: float, rollout: Rollout,
                  exposure: Exposure | None = None) -> RolloutState:
    """Where the rollout stands at `minute` after the plan's effects up to it (a block counts
    only before deployment, as `Exposure` applies it); a release whose own plan has brought it
    to all traffic is "full". `exposure`: the plan's, when the caller has it already (the
    running simulation asks at every refresh)."""
    state = _effects_state(plan, minute, rollout.deploy_minute)
    if state == "planned" and (exposure or Exposure(rollout, plan)).at(minute) >= 1.0:
        return "full"
    return state


def _effects_state(plan: RolloutPlan, minute: float, deploy_minute: float) -> RolloutState:
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

    Piecewise linear. From deployment the release follows the scenario's plan (`Rollout.plan`):
    each stage reached by its ramp and held for its minutes. Each effect replaces what the plan
    had in store from its minute: a freeze holds the share there, a continue ramps to the next
    stage and follows the plan on from it (past the last stage, to 100 % over `ramp_minutes`),
    a rollback drains with lag. A block keeps the candidate at 0 until a deploy (an overruling)
    starts the plan then.
    """

    def __init__(self, rollout: Rollout, plan: RolloutPlan) -> None:
        self._rollout = rollout
        self._stages = rollout.plan
        self._starts: list[float] = []
        # (start share, target, change per minute) of each segment, and the plan's stage it
        # ramps to or holds (None once the plan has stopped: frozen at it, drained, or past it)
        self._segments: list[tuple[float, float, float]] = []
        self._stage_of: list[int | None] = []
        self.disabled_from: float | None = None
        self.deployed_from: float | None = rollout.deploy_minute
        self._follow_plan(rollout.deploy_minute, 0)
        for minute, effect in plan.effects:
            if effect == "disable":
                if self.disabled_from is None:
                    self.disabled_from = minute
                continue
            if effect in ("block", "deploy"):
                self._block_or_deploy(rollout, minute, effect)
                continue
            if (effect not in SHARE_EFFECTS
                    or minute < rollout.deploy_minute or self.deployed_from is None):
                continue
            self._apply(minute, effect)

    def _block_or_deploy(self, rollout: Rollout, minute: float, effect: str) -> None:
        """A block before deployment keeps the candidate out; a deploy after a block starts the
        plan then (or at the deploy minute, if that is later)."""
        start = max(minute, rollout.deploy_minute)
        if effect == "block" and self.deployed_from is not None and minute <= self.deployed_from:
            self.deployed_from = None
            self._starts, self._segments, self._stage_of = [rollout.deploy_minute], \
                [(0.0, 0.0, 0.0)], [None]
        elif effect == "deploy" and self.deployed_from is None:
            self.deployed_from = start
            self._follow_plan(start, 0)

    def _apply(self, minute: float, effect: str) -> None:
        """A freeze, continue or rollback at `minute`, replacing the plan from then."""
        share, stage = self.at(minute), self.stage_at(minute)
        if effect == "continue":
            after = (stage + 1) if stage is not None else self._stopped_at(minute) + 1
            if after < len(self._stages):
                self._follow_plan(minute, after, share)
                return
            self._cut(minute)
            self._add(minute, share, 1.0, (1.0 - share) / max(self._rollout.ramp_minutes, 1e-9),
                      None)
        elif effect == "rollback":
            self._cut(minute)
            self._add(minute, share, 0.0, share / max(self._rollout.drain_minutes, 1e-9), None)
        else:
            self._cut(minute)
            self._add(minute, share, share, 0.0, None)

    def _follow_plan(self, minute: float, stage: int, share: float | None = None) -> None:
        """From `minute` on, follow the plan from stage `stage`: ramped to from `share` (None:
        reached at once), then each stage held for its minutes and the next ramped to."""
        self._cut(minute)
        for index in range(stage, len(self._stages)):
            step = self._stages[index]
            if share is not None and step.ramp_minutes > 0 and step.share != share:
                self._add(minute, share, step.share,
                          abs(step.share - share) / step.ramp_minutes, index)
                minute += step.ramp_minutes
            self._add(minute, step.share, step.share, 0.0, index)
            if step.hold_minutes is None:
                return
            minute += step.hold_minutes
            share = step.share

    def _cut(self, minute: float) -> None:
        """Forget the segments from `minute` on: what the plan had in store is replaced."""
        keep = bisect.bisect_left(self._starts, minute)
        del self._starts[keep:], self._segments[keep:], self._stage_of[keep:]

    def _add(self, minute: float, share: float, target: float, rate: float,
             stage: int | None) -> None:
        self._starts.append(minute)
        self._segments.append((share, target, rate))
        self._stage_of.append(stage)

    def _stopped_at(self, minute: float) -> int:
        """The last plan stage the release reached or ramped to by `minute` (-1: none)."""
        i = bisect.bisect_right(self._starts, minute)
        return max((s for s in self._stage_of[:i] if s is not None), default=-1)

    def stage_at(self, minute: float) -> int | None:
        """The plan stage (from 0) the release holds or ramps to at `minute`; None before
        deployment, or once a freeze, a continue past the plan or a rollback stopped it."""
        i = bisect.bisect_right(self._starts, minute) - 1
        return self._stage_of[i] if i >= 0 else None

    def next_stage_minute(self, minute: float) -> float | None:
        """When the plan next moves on from what it holds at `minute` (a ramp to the next
        stage starts); None when it will not."""
        stage = self.stage_at(minute)
        i = bisect.bisect_right(self._starts, minute)
        for start, later in zip(self._starts[i:], self._stage_of[i:], strict=True):
            if later is not None and stage is not None and later > stage:
                return start
        return None

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

    @property
    def peak(self) -> float:
        """A share `at` never exceeds: each segment stays between its start share and target."""
        return max(max(share, target) for share, target, _ in self._segments)

    def enabled(self, minute: float) -> bool:
        """False once the feature flag has been turned off."""
        return self.disabled_from is None or minute < self.disabled_from


def serving(draw: Draw, exposure: Exposure) -> Server:
    """Who answers a draw under a rollout: nobody once the flag is off, else the candidate
    for the draw's share of traffic (`u_serve`) below the exposure at its minute."""
    candidate_serves = draw.u_serve < exposure.at(draw.minute)
    if not exposure.enabled(draw.minute):
        return "manual"
    return "candidate" if candidate_serves else "incumbent"


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
    declared: tuple[tuple[str, int], ...] = ()
    """Each harm outcome the scenario declares (`Stream.outcomes`), in its order, and its count."""
    counters: tuple[str, ...] = HARM_COUNTERS
    """The built-in counters the stream can count (`Stream.harm_counters`): what `as_dict`
    reports before the declared outcomes."""

    def count(self, name: str) -> int:
        """The count of one counter or declared outcome (0 for a name it does not hold)."""
        if name in HARM_COUNTERS:
            return int(getattr(self, name))
        return next((n for outcome, n in self.declared if outcome == name), 0)

    def weighted(self, weights: dict[str, float]) -> float:
        """One figure: the counts times the rubric's weights."""
        return float(sum(self.count(name) * weight for name, weight in weights.items()))

    def as_dict(self) -> dict[str, int]:
        """Name to count: the stream's counters in `HARM_COUNTERS` order, then the declared
        outcomes."""
        return {**{name: getattr(self, name) for name in self.counters}, **dict(self.declared)}


def count_harm(stream: Stream, items: Iterable[Item], since: float) -> Harm:
    """Harm the release caused among items that arrived at or after `since` (deployment).

    Only the candidate's errors count, and a misroute only where the incumbent, run in
    shadow, would have routed the item right: the incumbent's own misses happen with or
    without the release, so no action could prevent them.
    """
    served = [i for i in items if i.served_by == "candidate" and i.minute >= since]
    critical, fallback = stream.critical_class, stream.fallback_class
    caused = [i for i in served if i.true_class == critical and i.routed == fallback
              and i.shadow_routed == i.true_class]
    # A declared outcome counts where the candidate produced it and the incumbent, answering
    # the same draw, would not have: what the incumbent does anyway no action prevents.
    declared = tuple((o.id, sum(o.id in i.produced and o.id not in i.shadow_produced
                                for i in served))
                     for o in stream.outcomes if o.harm)
    return Harm(len(caused), sum(i.high_priority for i in caused),
                sum(i.leaked for i in served), sum(i.failed for i in served), declared,
                stream.harm_counters)


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
        self.tickets = tickets_for(scenario.stream, seed, start)
        self.plan = RolloutPlan()
        self.exposure = Exposure(scenario.rollout, self.plan)
        self.items: list[Item] = []

    def apply(self, minute: float, effect: str) -> None:
        """Add a rollout effect at `minute`; only items after it are affected."""
        if effect == "none":
            return
        self.plan = self.plan.with_effect(minute, effect)
        self.exposure = Exposure(self.scenario.rollout, self.plan)

    def apply_outcome(self, minute: float, outcome: str, factor: float) -> None:
        """Scale a declared outcome's chance from `minute` on (0: stop it)."""
        self.plan = self.plan.with_outcome_effect(minute, outcome, factor)

    def advance(self, minute: float) -> list[Item]:
        """Route every item up to `minute`; returns the new ones."""
        draws = self.tickets.until(minute)
        start = end = len(self.items)
        while end < len(draws) and draws[end].minute <= minute:
            end += 1
        item, exposure = self.tickets.item, self.exposure
        scaled = self.plan.outcome_effects
        self.items.extend(item(d, serving(d, exposure), scaled) for d in draws[start:end])
        return self.items[start:]

    def candidate_items(self, plan: RolloutPlan, since: float, until: float) -> list[Item]:
        """The items the candidate serves from `since` to `until` under a plan: the only ones
        `count_harm` counts."""
        exposure = Exposure(self.scenario.rollout, plan)
        draws = self.tickets.until(until)
        item, scaled = self.tickets.item, plan.outcome_effects
        # Scoring asks this of many plans. A draw whose `u_serve` is at or above the plan's
        # peak share is never the candidate's, so most are turned away by one comparison.
        peak = exposure.peak
        return [item(d, "candidate", scaled)
                for d in draws[_from(draws, since):_after(draws, until)]
                if d.u_serve < peak and serving(d, exposure) == "candidate"]

    def harm_under(self, plan: RolloutPlan) -> Harm:
        """Harm from deployment to the end of the scenario had the rollout followed `plan`:
        the same draws, so a plan's harm never changes (callers keep it)."""
        return self.harm_between(plan, self.scenario.rollout.deploy_minute,
                                 self.scenario.end_minute)

    def harm_between(self, plan: RolloutPlan, since: float, until: float) -> Harm:
        """Harm from `since` to `until` had the rollout followed `plan`."""
        since = max(since, self.scenario.rollout.deploy_minute)
        return count_harm(self.scenario.stream, self.candidate_items(plan, since, until), since)


def _from(draws: Sequence[Draw], minute: float) -> int:
    """Index of the first draw at or after `minute` (draws are in arrival order)."""
    return bisect.bisect_left(draws, minute, key=_minute)


def _after(draws: Sequence[Draw], minute: float) -> int:
    """Index of the first draw after `minute`."""
    return bisect.bisect_right(draws, minute, key=_minute)


_minute = attrgetter("minute")
