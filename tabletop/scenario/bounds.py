"""The range of every number in the scenario format, in one table.

The loader refuses a number outside its field's range, naming the field and the range; the
JSON Schema shows the same ranges (`minimum`, `maximum`), so an editor warns as the author
types. Each range is what a person writing a tabletop exercise would use, with room to spare,
and small enough that nothing computed from it can overflow, stall the simulation or exhaust
memory (a minute of 1e12, a maximum of 1e308, a probability of 7). What must hold between
fields (an end after the start, a window no longer than the exercise) is `checks`' to say.
"""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

from tabletop.base.record import record
from tabletop.scenario import gate_design, gates, model, rubric, stream

MAX_MINUTE = 3 * 24 * 60
"""Scenario minutes run within three days either side of T+0: exercises play out over hours,
and every minute costs the report's harm chart a sample."""
MAX_DURATION = 2 * MAX_MINUTE
"""The longest span two scenario minutes can be apart; durations are no longer."""
MAX_STREAM_ITEMS = 50_000
"""Items a stream may generate over an exercise (the bundled scenarios make about 5,000).
Every item is drawn and routed in Python four times (the run, nobody acting, the best case,
the team's plan once more for the score): 50,000 keep `simulate` within about 3 seconds."""
MAX_LIST_ITEMS = 100
"""Items of any one list or mapping (roles, injects, learning goals, the evidence of an inject):
the bundled scenarios hold at most sixteen. The screens lay out a widget or more per item, so
a briefing of a hundred goals, runbook lines and roles each still opens in a few seconds."""
MAX_LATENCY_MS = 60_000
"""A minute: longer than any timeout a service would keep a request waiting."""
MAX_POINTS = 1_000
"""Score cards give tens of points a line; a thousand leaves room for any scale."""
MAX_FIGURE = 1_000_000
"""A story's bound on a figure of the run (counts, percentages, milliseconds): a million is
past any count a stream of 50,000 items can show, and any percentage change of one."""
MAX_SEED = 2**31 - 1
"""Seeds people write have a handful of digits; this is the common 32-bit bound, well inside
the signed 64-bit integers the session store keeps."""


@record
class Range:
    """The numbers a field accepts."""

    low: float
    """The smallest value accepted (or the bound above which values start, see `above_low`)."""
    high: float
    """The largest value accepted."""
    what: str
    """What the number is, as the error says it: 'expected WHAT from 0 to 1'."""
    above_low: bool = False
    """True when `low` itself is refused: a duration must be more than 0."""

    def holds(self, value: float) -> bool:
        """Whether `value` is in the range (Python compares a huge int with a float exactly)."""
        return (self.low < value if self.above_low else self.low <= value) and value <= self.high

    def describe(self) -> str:
        """'a share from 0 to 1', 'minutes more than 0 and at most 8640'."""
        if self.above_low:
            return f"{self.what} more than {_number(self.low)} and at most {_number(self.high)}"
        return f"{self.what} from {_number(self.low)} to {_number(self.high)}"

    def schema(self) -> dict[str, float]:
        """The range as JSON Schema keywords."""
        low = "exclusiveMinimum" if self.above_low else "minimum"
        return {low: self.low, "maximum": self.high}


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


SHARE = Range(0, 1, "a share")
CHANCE = Range(0, 1, "a chance")
CONFIDENCE = Range(0, 1, "a confidence")
MINUTE = Range(-MAX_MINUTE, MAX_MINUTE, "a scenario minute")
DURATION = Range(0, MAX_DURATION, "minutes", above_low=True)
POINTS = Range(0, MAX_POINTS, "points")
FIGURE = Range(-MAX_FIGURE, MAX_FIGURE, "a figure")

BOUNDS: dict[tuple[type, str], Range] = {
    (model.Scenario, "start_minute"): MINUTE,
    (model.Scenario, "end_minute"): MINUTE,
    (model.Scenario, "default_seed"): Range(0, MAX_SEED, "a seed"),
    # A variation range is checked again against the parameter it varies (`checks`).
    (model.Scenario, "variation"): Range(0, MAX_STREAM_ITEMS, "a stream parameter"),
    # A goal number is checked again against the goals the scenario lists (`checks`).
    (model.Scenario, "debrief_goals"): Range(1, MAX_LIST_ITEMS, "a learning goal's number"),
    (model.Inject, "minute"): MINUTE,
    (model.StoryLine, "minute"): MINUTE,
    (model.StoryLine, "at_least"): FIGURE,
    (model.StoryLine, "at_most"): FIGURE,
    (model.Condition, "exposure_at_least"): SHARE,
    (model.Condition, "at_least"): FIGURE,
    (model.Condition, "at_most"): FIGURE,
    (model.Action, "available_from"): MINUTE,
    (model.Action, "available_until"): MINUTE,
    (model.Action, "scales"): Range(0, 1, "a factor"),
    (model.Action, "takes_minutes"): DURATION,
    (model.StatementRequest, "deadline_minutes"): DURATION,
    (stream.Rollout, "deploy_minute"): MINUTE,
    (stream.Rollout, "initial_exposure"): SHARE,
    (stream.Rollout, "ramp_minutes"): DURATION,
    (stream.Rollout, "drain_minutes"): DURATION,
    (stream.RolloutStage, "share"): SHARE,
    (stream.RolloutStage, "hold_minutes"): DURATION,
    (stream.RolloutStage, "ramp_minutes"): Range(0, MAX_DURATION, "minutes"),
    (stream.Stream, "per_minute"): Range(0, MAX_STREAM_ITEMS, "items a minute", above_low=True),
    (stream.Stream, "segments"): SHARE,
    (stream.Stream, "classes"): SHARE,
    (stream.Stream, "high_priority_share"): SHARE,
    (stream.Stream, "latency_ms"): Range(0, MAX_LATENCY_MS, "milliseconds", above_low=True),
    (stream.Stream, "latency_jitter_ms"): Range(0, MAX_LATENCY_MS, "milliseconds"),
    (stream.Stream, "error_rate"): SHARE,
    (stream.Fault, "from_minute"): MINUTE,
    (stream.Fault, "to_minute"): MINUTE,
    (stream.Fault, "error_rate"): SHARE,
    (stream.Fault, "latency_ms"): Range(0, MAX_LATENCY_MS, "milliseconds"),
    (stream.Fault, "leak_rate"): SHARE,
    (stream.Fault, "outcomes"): SHARE,
    (stream.Rates, "rate"): CHANCE,
    (stream.Rates, "segments"): CHANCE,
    (stream.Outcome, "weight"): Range(0, MAX_POINTS, "a weight"),
    **{(stream.ModelBehaviour, f.name): CHANCE
       for f in dataclasses.fields(stream.ModelBehaviour)},
    (stream.ModelBehaviour, "confidence_right"): CONFIDENCE,
    (stream.ModelBehaviour, "confidence_wrong"): CONFIDENCE,
    (rubric.PlannedAction, "minute"): MINUTE,
    (rubric.Outcome, "points"): POINTS,
    (rubric.CheckOutcome, "points"): Range(-MAX_POINTS, MAX_POINTS, "points"),
    (rubric.Criterion, "max"): Range(0, MAX_POINTS, "points", above_low=True),
    (rubric.Criterion, "window_minutes"): DURATION,
    (rubric.Criterion, "late_floor"): SHARE,
    (rubric.StatementFacts, "next_update_within"): Range(0, MAX_DURATION, "minutes"),
    (rubric.Criterion, "weights"): Range(0, MAX_POINTS, "a weight"),
    (rubric.Criterion, "goals"): Range(1, MAX_LIST_ITEMS, "a learning goal's number"),
    (rubric.GradeBand, "min_percent"): Range(0, 100, "a percentage"),
    # A healthy value is checked again against the parameter it sets (`checks`).
    (gates.GateSpace, "healthy"): Range(0, MAX_STREAM_ITEMS, "a stream parameter"),
    (gate_design.Threshold, "at_least"): FIGURE,
    (gate_design.Threshold, "at_most"): FIGURE,
    (gate_design.CanaryMetric, "tolerance"): Range(0, 100, "a share of the baseline"),
    (gate_design.CanaryMetric, "slack"): Range(0, MAX_FIGURE, "a margin"),
    (gate_design.Canary, "minutes"): DURATION,
    (gate_design.Canary, "continue_at"): SHARE,
    (gate_design.Canary, "roll_back_below"): SHARE,
}
"""(record class, field name) to the range of its numbers; for a list or a mapping of numbers,
the range of each."""


def bound_of(cls: Any, name: str) -> Range | None:
    """The range of a record's field, or None for a field that holds no number."""
    return BOUNDS.get((cls, name))


def stream_bound(path: str) -> Range | None:
    """The range of a stream parameter named by dotted path (`candidate.other.override`), or
    None when the path names no number of the stream model."""
    cls: Any = stream.Stream
    *parents, name = path.split(".")
    for part in parents:
        hints = typing.get_type_hints(cls) if dataclasses.is_dataclass(cls) else {}
        cls = hints.get(part)
        # An optional record (a version's routing behaviour) is read as its record.
        cls = next((a for a in typing.get_args(cls) if a is not type(None)), cls)
        if cls is None:
            return None
    return bound_of(cls, name)
