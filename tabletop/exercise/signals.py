"""Signals derived from the routed items: what the dashboard panels show.

Nothing here is written in by hand: every figure is counted from items the simulation routed,
over the same windows the scenario's evidence talks about (the last 20 minutes against the
20 minutes before deployment).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from tabletop.base.record import record
from tabletop.exercise.simulation import Harm, Item, count_harm
from tabletop.scenario.stream import ModelBehaviour, Stream

WINDOW_MINUTES = 20.0
"""Rolling window for rates, matching the scenario pack's 'after 20 minutes'."""
HEALTH_WINDOW_MINUTES = 5.0
"""Window for latency and error rate, as an on-call dashboard would show."""
BUCKET_MINUTES = 5.0
"""Width of one bar of the overrides trend."""
MIN_ITEMS_FOR_ACCURACY = 5
"""Below this many items a segment's observed accuracy is noise, so it is not shown."""


@record
class SegmentSignal:
    """Confidence and observed accuracy for one segment over the window."""

    segment: str
    """Language or customer segment."""
    items: int
    """Items in the window."""
    mean_confidence: float
    """Mean model confidence."""
    observed_accuracy: float | None
    """Share not overridden by people; None when too few items to say."""


@record
class OutcomeSignal:
    """One declared outcome (`Stream.outcomes`) as the dashboard and evidence count it: over
    the window, before deployment and since it."""

    id: str
    """The outcome's id."""
    count: int
    """Items that produced it in the window, whoever answered them."""
    answered: int
    """Items a model answered in the window (people's answers produce no outcome)."""
    baseline: int
    """Items that produced it in the window before deployment."""
    total: int
    """Items that produced it since deployment."""

    @property
    def rate(self) -> float:
        """Share of the window's answered items that produced it."""
        return self.count / self.answered if self.answered else 0.0


@record
class PlanPosition:
    """Where the release stands in its rollout plan at a minute, for the rollout panel."""

    stage: int | None
    """The plan's stage (from 0) held or ramped to; None once a freeze, a continue past the
    plan or a rollback stopped it."""
    stages: int
    """How many stages the plan has."""
    next_stage_minute: float | None
    """When the plan next moves on (its ramp to the next stage starts); None: it will not."""
    checkpoint: str
    """The review the plan passes before its next stage (empty: none)."""


@record
class Snapshot:
    """Everything the dashboard shows at one scenario minute."""

    minute: float
    """Scenario minute."""
    exposure: float
    """Share of traffic the candidate serves."""
    enabled: bool
    """False once the feature flag is off."""
    critical_to_fallback: int
    """Critical items sent to the fallback queue in the window."""
    critical_to_fallback_baseline: int
    """The same over the 20 minutes before deployment."""
    overrides: int
    """Manual overrides in the window."""
    overrides_baseline: int
    """Manual overrides in the 20 minutes before deployment."""
    overrides_trend: tuple[int, ...]
    """Overrides per 5-minute bucket from the start of history."""
    queue_counts: dict[str, int]
    """Items routed to each queue in the window."""
    segments: tuple[SegmentSignal, ...]
    """Per-segment confidence and accuracy in the window."""
    latency_p95_ms: float
    """95th percentile latency over the last 5 minutes."""
    error_rate: float
    """Share of failed requests over the last 5 minutes."""
    harm: Harm
    """Harm since deployment."""
    latency_alert: bool = False
    """p95 latency is past the alert line an on-call dashboard would draw."""
    error_alert: bool = False
    """The error rate is past the alert line."""
    plan: PlanPosition | None = None
    """Where the release stands in its rollout plan (None: not deployed yet, or a dashboard
    made without one)."""
    outcomes: tuple[OutcomeSignal, ...] = ()
    """Each declared outcome's figures, in the scenario's order."""

    @property
    def critical_change_percent(self) -> float | None:
        """Change of critical-to-fallback against the baseline, in percent."""
        if not self.critical_to_fallback_baseline:
            return None
        base = self.critical_to_fallback_baseline
        return (self.critical_to_fallback - base) / base * 100.0


def latency_alert_ms(stream: Stream) -> float:
    """p95 latency past which service health alerts: twice the healthy median, or four spreads."""
    return max(2 * stream.latency_ms, stream.latency_ms + 4 * stream.latency_jitter_ms)


def error_alert_rate(stream: Stream) -> float:
    """Error rate past which service health alerts: ten times the healthy rate, at least 1 %."""
    return max(0.01, 10 * stream.error_rate)


def _between(items: Sequence[Item], minutes: Sequence[float], start: float, end: float
             ) -> Sequence[Item]:
    return items[bisect.bisect_left(minutes, start):bisect.bisect_left(minutes, end)]


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def snapshot(
    stream: Stream, items: Sequence[Item], minutes: Sequence[float], minute: float,
    deploy_minute: float, history_start: float, exposure: float, enabled: bool,
) -> Snapshot:
    """Derive the dashboard's figures at `minute` from the items routed so far."""
    critical, fallback = stream.critical_class, stream.fallback_class
    window = _between(items, minutes, minute - WINDOW_MINUTES, minute)
    baseline = _between(items, minutes, deploy_minute - WINDOW_MINUTES, deploy_minute)
    health = [i for i in _between(items, minutes, minute - HEALTH_WINDOW_MINUTES, minute)
              if i.served_by != "manual"]

    def to_fallback(group: Sequence[Item]) -> int:
        return len([i for i in group if i.true_class == critical and i.routed == fallback])

    buckets = max(0, int((minute - history_start) // BUCKET_MINUTES))
    trend = [0] * buckets
    trended = _between(items, minutes, history_start, history_start + buckets * BUCKET_MINUTES)
    for overridden in [i.minute for i in trended if i.overridden]:
        trend[int((overridden - history_start) // BUCKET_MINUTES)] += 1
    queues = {name: 0 for name in stream.classes}
    for item in window:
        queues[item.routed] = queues.get(item.routed, 0) + 1
    latency_p95 = _percentile([i.latency_ms for i in health], 0.95)
    error_rate = len([i for i in health if i.failed]) / len(health) if health else 0.0
    return Snapshot(
        minute=minute, exposure=exposure, enabled=enabled,
        critical_to_fallback=to_fallback(window),
        critical_to_fallback_baseline=to_fallback(baseline),
        overrides=len([i for i in window if i.overridden]),
        overrides_baseline=len([i for i in baseline if i.overridden]),
        overrides_trend=tuple(trend), queue_counts=queues,
        segments=_segments(stream, window),
        latency_p95_ms=latency_p95, error_rate=error_rate,
        latency_alert=latency_p95 > latency_alert_ms(stream),
        error_alert=error_rate > error_alert_rate(stream),
        harm=count_harm(stream, _between(items, minutes, deploy_minute, minute), deploy_minute),
        outcomes=_outcomes(stream, window, baseline,
                           _between(items, minutes, deploy_minute, minute)),
    )


def _outcomes(stream: Stream, window: Sequence[Item], baseline: Sequence[Item],
              since: Sequence[Item]) -> tuple[OutcomeSignal, ...]:
    if not stream.outcomes:
        return ()
    answered = len([i for i in window if i.served_by != "manual"])

    def produced(group: Sequence[Item], name: str) -> int:
        return len([i for i in group if name in i.produced])

    return tuple(OutcomeSignal(o.id, produced(window, o.id), answered,
                               produced(baseline, o.id), produced(since, o.id))
                 for o in stream.outcomes)


def outcome_figures(signal: OutcomeSignal) -> dict[str, str]:
    """One outcome's figures as evidence quotes them (`templates.OUTCOME_FIGURES`)."""
    name = signal.id
    return {f"{name}_count": str(signal.count), f"{name}_total": str(signal.total),
            f"{name}_baseline": str(signal.baseline),
            f"{name}_rate_percent": f"{signal.rate * 100:.1f}"}



_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _recall(stream: Stream, behaviour: ModelBehaviour) -> float:
    """Expected share of critical items a version routes to the critical class."""
    hp = stream.high_priority_share
    return 1 - ((1 - hp) * behaviour.critical_misroute + hp * behaviour.high_priority_misroute)


def _agreement(stream: Stream, a: ModelBehaviour, b: ModelBehaviour) -> float:
    """Expected share of items two versions route alike (they disagree when one errs)."""
    total = sum(stream.classes.values())
    hp = stream.high_priority_share
    disagree = 0.0
    for name, share in stream.classes.items():
        if name == stream.fallback_class:
            continue
        if name == stream.critical_class:
            pairs = [(1 - hp, a.critical_misroute, b.critical_misroute),
                     (hp, a.high_priority_misroute, b.high_priority_misroute)]
        else:
            pairs = [(1.0, a.misroute, b.misroute)]
        for weight, pa, pb in pairs:
            disagree += share / total * weight * (pa * (1 - pb) + pb * (1 - pa))
    return 1 - disagree


def model_figures(stream: Stream) -> dict[str, str]:
    """Figures a pre-release check would measure, from the stream's model parameters (a
    stream that does not route has none)."""
    c_home, c_other, i_home, i_other = (stream.candidate.home, stream.candidate.other,
                                        stream.incumbent.home, stream.incumbent.other)
    if c_home is None or c_other is None or i_home is None or i_other is None:
        return {}
    return {
        "candidate_recall_home": f"{_recall(stream, c_home):.2f}",
        "candidate_recall_other": f"{_recall(stream, c_other):.2f}",
        "incumbent_recall": f"{_recall(stream, i_other):.2f}",
        "agreement_home_percent": f"{_agreement(stream, c_home, i_home) * 100:.0f}",
        "agreement_other_percent": f"{_agreement(stream, c_other, i_other) * 100:.0f}",
        "candidate_confidence_wrong_other": f"{c_other.confidence_wrong:.2f}",
        "candidate_confidence_right_other": f"{c_other.confidence_right:.2f}",
    }


def _change_phrase(change: float | None) -> str:
    if change is None or round(change) == 0:
        return "hold level"
    return f"{'increase' if change > 0 else 'fall'} by {abs(change):.0f}%"


def _count_phrase(before: int, after: int) -> str:
    if before == after:
        return f"hold at {after}"
    return f"{'rise' if after > before else 'fall'} from {before} to {after}"


def figures(snap: Snapshot) -> dict[str, str]:
    """The snapshot's figures as evidence texts quote them, phrases agreeing in number."""
    change = snap.critical_change_percent
    missed = snap.harm.high_priority_missed
    return {
        "critical_to_fallback": str(snap.critical_to_fallback),
        "critical_to_fallback_baseline": str(snap.critical_to_fallback_baseline),
        "critical_change_percent": "n/a" if change is None else f"{change:.0f}",
        "critical_change_phrase": _change_phrase(change),
        "overrides": str(snap.overrides),
        "overrides_baseline": str(snap.overrides_baseline),
        "overrides_phrase": _count_phrase(snap.overrides_baseline, snap.overrides),
        "high_priority_missed": str(missed),
        "high_priority_missed_words": _WORDS[missed] if missed < len(_WORDS) else str(missed),
        "high_priority_missed_s": "" if missed == 1 else "s",
        "high_priority_missed_verb": "misses" if missed == 1 else "miss",
        # Said of the cases missed: none missed reads "any such case", not "all 0".
        "high_priority_missed_all": {0: "any such case", 1: "it", 2: "both"}.get(
            missed, f"all {missed}"),
        "exposure_percent": f"{snap.exposure * 100:.0f}",
        "latency_p95_ms": f"{snap.latency_p95_ms:.0f}",
        "error_rate_percent": f"{snap.error_rate * 100:.1f}",
    } | {name: value for signal in snap.outcomes
         for name, value in outcome_figures(signal).items()}


def _segments(stream: Stream, window: Sequence[Item]) -> tuple[SegmentSignal, ...]:
    out = []
    for segment in stream.segments:
        group = [i for i in window if i.segment == segment and i.served_by != "manual"]
        if not group:
            out.append(SegmentSignal(segment, 0, 0.0, None))
            continue
        accuracy = None
        if len(group) >= MIN_ITEMS_FOR_ACCURACY:
            accuracy = 1.0 - len([i for i in group if i.overridden]) / len(group)
        confidence = sum([i.confidence for i in group]) / len(group)
        out.append(SegmentSignal(segment, len(group), confidence, accuracy))
    return tuple(out)
