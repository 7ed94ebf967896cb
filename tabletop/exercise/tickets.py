"""The tickets of one stream and seed: their random draws, and the item each becomes.

Every random number an item needs is drawn when the item is created, in a fixed order, whatever
the players do. An item then depends on its draw and on one choice only, which server answers it
(the candidate, the incumbent, or nobody once the feature is off), and the plan decides that
choice (`simulation.serving`). So a seed gives the same items under two plans, differing only
where the plans differ: nobody acting and the best case are exact counterfactuals of the team's
run, not new dice rolls.

Because draws and routed items are a function of the stream and the seed alone, they are made
once (`Tickets`) and shared by every simulation of that stream and seed (`tickets_for`): the
scoring plays each protective play as a fresh exercise, and a session, its replays and its
counterfactuals all route the same tickets again.
"""

from __future__ import annotations

import random
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal, NamedTuple

from tabletop.scenario.stream import Fault, ModelBehaviour, ModelVersion, Stream

Server = Literal["candidate", "incumbent", "manual"]


# Draws are made by the thousand per run: a NamedTuple is built by `tuple.__new__`, about five
# times faster than a frozen dataclass's `__init__`, and is just as immutable.
class Draw(NamedTuple):
    """The random numbers behind one item, fixed before anyone acts."""

    position: int
    """Its place in arrival order, from 0."""
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
    u_outcomes: tuple[float, ...] = ()
    """One number per declared outcome (`Stream.outcomes`), each from its own stream."""


# Items are read far more than they are made (the dashboard counts over them every tick), and a
# slotted dataclass's fields read about twice as fast as a NamedTuple's.
@dataclass(frozen=True, slots=True)
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
    produced: tuple[str, ...] = ()
    """The declared outcomes its server's answer produced."""
    shadow_produced: tuple[str, ...] = ()
    """The declared outcomes the incumbent's answer would have produced."""

    @property
    def misrouted(self) -> bool:
        """The label was wrong."""
        return self.routed != self.true_class

    @property
    def faulty(self) -> bool:
        """Something in this item belongs in an incident record: a 5xx, a leak, the candidate's
        misroute, or a declared outcome its answer produced."""
        return (self.failed or self.leaked or bool(self.produced)
                or (self.served_by == "candidate" and self.misrouted))


class _Picker:
    """Picks a name by a uniform number from shares: the first whose running share exceeds it.

    The running shares are summed once here, by the same float operations in the same order as
    summing them per pick would, so every pick is the same."""

    def __init__(self, shares: dict[str, float]) -> None:
        total = sum(shares.values())
        acc, edges = 0.0, []
        for share in shares.values():
            acc += share / total
            edges.append(acc)
        self._edges = tuple(zip(edges, shares, strict=True))
        self._last = next(reversed(shares))

    def pick(self, u: float) -> str:
        """The name `u` (in [0, 1)) falls on."""
        for edge, name in self._edges:
            if u < edge:
                return name
        return self._last


class DrawStream:
    """Draws items lazily, in arrival order, from one seeded generator."""

    def __init__(self, stream: Stream, seed: int, start_minute: float) -> None:
        self._stream = stream
        self._rng = random.Random(seed)
        self._next_minute = start_minute
        self._segments = _Picker(stream.segments)
        self._classes = _Picker(stream.classes)
        # Each declared outcome draws from its own generator, seeded by the seed and its id:
        # the main generator's draws (the seed's contract) and the other outcomes' stay put.
        self._outcome_rngs = [random.Random(f"{seed}:{o.id}").random for o in stream.outcomes]
        self.draws: list[Draw] = []

    def until(self, minute: float) -> Sequence[Draw]:
        """All draws with arrival minute up to `minute`, extending the stream as needed
        (the list may hold later draws too)."""
        while self._next_minute <= minute:
            self.draws.append(self._draw(self._next_minute))
            self._next_minute += self._rng.expovariate(self._stream.per_minute)
        return self.draws

    def _draw(self, minute: float) -> Draw:
        r = self._rng.random
        stream = self._stream
        segment = self._segments.pick(r())
        true_class = self._classes.pick(r())
        high_priority = r() < stream.high_priority_share and true_class == stream.critical_class
        # Positional, in field order: the order of the r() calls is the seed's contract.
        return Draw(len(self.draws), minute, segment, true_class, high_priority,
                    r(), r(), r(), r(), r(), r(), r(), f"{self._rng.getrandbits(48):012x}",
                    tuple([u() for u in self._outcome_rngs]) if self._outcome_rngs else ())


def route(stream: Stream, draw: Draw, server: Server) -> Item:
    """The item a draw becomes when `server` answers it."""
    routes = stream.routes
    shadow = _label(stream, stream.incumbent, draw) if routes else (draw.true_class, 1.0)
    behaviour: ModelBehaviour | None = None
    if server == "manual" or not routes:  # an item that is not routed keeps its class
        routed, confidence = draw.true_class, 1.0
    else:
        version = stream.candidate if server == "candidate" else stream.incumbent
        behaviour = _behaviour(stream, version, draw)
        routed, confidence = shadow if server == "incumbent" else _label(stream, version, draw)
    misrouted = routed != draw.true_class
    overridden = bool(behaviour and misrouted and draw.u_override < behaviour.override)
    latency = stream.latency_ms + stream.latency_jitter_ms * (draw.u_latency - 0.5) * 2
    error_rate, leak_rate = stream.error_rate, 0.0
    for fault in stream.faults:
        if fault.model == server and _active(fault, draw):
            latency += fault.latency_ms
            error_rate += fault.error_rate
            leak_rate += fault.leak_rate
    produced: tuple[str, ...] = ()
    shadow_produced: tuple[str, ...] = ()
    if stream.outcomes:
        shadow_produced = _produced(stream, draw, "incumbent")
        produced = shadow_produced if server == "incumbent" else _produced(stream, draw, server)
    # Positional, in field order: keywords cost a third of a microsecond an item, and scoring
    # routes thousands.
    return Item(
        f"{stream.noun[:3].upper()}-{draw.position + 1:05d}", draw.minute, draw.segment,
        draw.true_class, draw.high_priority, server, routed, shadow[0], round(confidence, 3),
        overridden, round(latency, 1), server != "manual" and draw.u_fail < error_rate,
        server != "manual" and draw.u_leak < leak_rate, draw.trace_id, produced, shadow_produced)


def _produced(stream: Stream, draw: Draw, server: Server,
              factors: dict[str, float] | None = None) -> tuple[str, ...]:
    """The declared outcomes a server's answer to a draw produces: its rate on the draw's
    segment plus what the server's faults active then add, times any `factors` of the plan's
    effects; people's answers produce none."""
    if server == "manual":
        return ()
    out = []
    for outcome, u in zip(stream.outcomes, draw.u_outcomes, strict=True):
        rates = outcome.candidate if server == "candidate" else outcome.incumbent
        rate = rates.on(draw.segment)
        for fault in stream.faults:
            if fault.model == server and outcome.id in fault.outcomes and _active(fault, draw):
                rate += fault.outcomes[outcome.id]
        if factors:
            rate *= factors.get(outcome.id, 1.0)
        if u < rate:
            out.append(outcome.id)
    return tuple(out)


def _scaled(stream: Stream, draw: Draw, item: Item,
            scaled: Sequence[tuple[float, str, float]]) -> Item:
    """`item` with the outcomes the plan's effects in force at its minute stopped or thinned:
    an outcome stays where its draw is below its chance times the factors (the same draw,
    so a thinned outcome is a subset of the unthinned)."""
    factors: dict[str, float] = {}
    for minute, outcome, factor in scaled:
        if minute <= draw.minute:
            factors[outcome] = factors.get(outcome, 1.0) * factor
    if not factors:
        return item
    produced = _thinned(stream, draw, item.served_by, item.produced, factors)
    shadow = _thinned(stream, draw, "incumbent", item.shadow_produced, factors)
    if produced == item.produced and shadow == item.shadow_produced:
        return item
    return replace(item, produced=produced, shadow_produced=shadow)


def _thinned(stream: Stream, draw: Draw, server: Server, produced: tuple[str, ...],
             factors: dict[str, float]) -> tuple[str, ...]:
    if not produced or not factors.keys() & set(produced):
        return produced
    kept = set(_produced(stream, draw, server, factors))
    return tuple(name for name in produced if name in kept)


def _active(fault: Fault, draw: Draw) -> bool:
    return fault.from_minute <= draw.minute and (
        fault.to_minute is None or draw.minute <= fault.to_minute)


def _behaviour(stream: Stream, version: ModelVersion, draw: Draw) -> ModelBehaviour:
    behaviour = version.behaviour(draw.segment, stream.home_segment)
    if behaviour is None:  # a routing stream covers every segment (`world_checks`)
        raise ValueError(f"{version.label} has no routing behaviour")
    return behaviour


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


class Tickets:
    """The draws of one stream and seed, and each draw's item per server, each made once."""

    def __init__(self, stream: Stream, seed: int, start_minute: float) -> None:
        self.stream = stream
        self._draws = DrawStream(stream, seed, start_minute)
        self._items: dict[Server, dict[int, Item]] = {
            "candidate": {}, "incumbent": {}, "manual": {}}

    def until(self, minute: float) -> Sequence[Draw]:
        """Draws in arrival order, at least up to `minute` (see `DrawStream.until`)."""
        return self._draws.until(minute)

    def item(self, draw: Draw, server: Server,
             scaled: Sequence[tuple[float, str, float]] = ()) -> Item:
        """The item `draw` becomes when `server` answers it, under the plan's outcome effects
        `scaled` ((from minute, outcome, factor), `RolloutPlan.outcome_effects`)."""
        made = self._items[server]
        item = made.get(draw.position)
        if item is None:
            item = made[draw.position] = route(self.stream, draw, server)
        if scaled and (item.produced or item.shadow_produced):
            return _scaled(self.stream, draw, item, scaled)
        return item


_SHARED: OrderedDict[tuple[int, int, float], Tickets] = OrderedDict()
"""The tickets of the streams used last, by (id of the stream, seed, start minute)."""
_SHARED_MAX = 8
"""How many streams' tickets are kept: a run, its drills' redraws and a test's scenarios."""


def tickets_for(stream: Stream, seed: int, start_minute: float) -> Tickets:
    """The shared tickets of a stream and seed, drawn from `start_minute`."""
    key = (id(stream), seed, start_minute)
    tickets = _SHARED.get(key)
    # The entry holds its stream, so the id cannot be reused while it is kept; `is` makes sure.
    if tickets is None or tickets.stream is not stream:
        tickets = _SHARED[key] = Tickets(stream, seed, start_minute)
    _SHARED.move_to_end(key)
    while len(_SHARED) > _SHARED_MAX:
        _SHARED.popitem(last=False)
    return tickets
