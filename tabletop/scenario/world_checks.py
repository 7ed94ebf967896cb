"""What a scenario's world must say consistently: a rollout plan whose stages end, a stream
that can be simulated (shares, classes, latency, faults, its volume), durations within the
exercise, drill variation within each parameter's range, and story lines that can hold. Each
check yields the field path and the problem, as `checks` does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tabletop.scenario import model
from tabletop.scenario.bounds import MAX_STREAM_ITEMS, Range, stream_bound
from tabletop.scenario.errors import FieldPath
from tabletop.scenario.outcomes import HARM_COUNTERS
from tabletop.scenario.stream import RolloutStage, Stream
from tabletop.scenario.stream_paths import stream_value
from tabletop.scenario.templates import OUTCOME_FIGURES, TELLING_FIGURES, template_fields


def check_variation(s: model.Scenario) -> Iterator[tuple[FieldPath, str]]:
    """Each varied parameter exists, is a number and stays in its range; and a scenario that
    varies its stream says what every drill must keep (`story`): without one, a drill's draw
    could tell a story its evidence does not (harm falling where the evidence says rising)."""
    for path, bounds in s.variation.items():
        where: FieldPath = ("variation", path)
        allowed = number_parameter(s, path, "vary")
        if isinstance(allowed, str):
            yield where, allowed
        elif len(bounds) != 2 or bounds[0] > bounds[1]:
            yield where, "expected [low, high]"
        else:
            for n, bound in enumerate(bounds):
                if not allowed.holds(bound):
                    yield (*where, n), (f"{bound:g} is out of range for {path}; expected "
                                        f"{allowed.describe()}")
    if s.variation and not s.story:
        yield ("variation",), ("solo drills vary the stream, so the scenario needs a story: "
                               "the figures its evidence quotes, with the bounds each drill "
                               "must keep (see 'Solo drills' in docs/scenario-format.md)")


def _story_covers_telling_figures(s: model.Scenario) -> Iterator[tuple[FieldPath, str]]:
    """Each figure the evidence quotes in words that tell a direction has a story line, so
    no drill's draw makes those words false."""
    kept = {line.figure for line in s.story}
    for i, inject in enumerate(s.injects):
        for e, evidence in enumerate(inject.evidence):
            for name, _ in template_fields(evidence.text):
                base = TELLING_FIGURES.get(name)
                if base is not None and base not in kept and name not in kept:
                    yield ("injects", i, "evidence", e, "text"), (
                        f"quotes {{{name}}}, whose words tell which way the run went, but the "
                        f"story has no line on {base}: add one to 'story' so every drill "
                        "keeps it")
                    kept.add(base)  # once per figure


def number_parameter(s: model.Scenario, path: str, verb: str) -> Range | str:
    """The range of the stream's number parameter at dotted `path`, or why it names none
    (a scenario's `variation` and its healthy candidate both set them)."""
    try:
        value = stream_value(s.stream, path)
    except KeyError:
        return "not a parameter of the stream model (e.g. candidate.other.override)"
    allowed = stream_bound(path)
    if not isinstance(value, float) or allowed is None:
        return f"only number parameters can {verb}"
    return allowed


def check_story_lines(s: model.Scenario) -> Iterator[tuple[FieldPath, str]]:
    """A story line reads its figure within the exercise and bounds it from at least one side.
    (Whether the scenario's own stream keeps it is `exercise.story`'s to say: `validate`.)"""
    numbers = number_figures(s)
    for n, line in enumerate(s.story):
        where: FieldPath = ("story", n)
        if line.figure not in numbers:
            yield (*where, "figure"), (f"unknown figure '{line.figure}'; expected one of "
                                       f"{', '.join(numbers)}")
        if not s.start_minute <= line.minute <= s.end_minute:
            yield (*where, "minute"), (f"{line.minute:g} is outside the exercise "
                                       f"({s.start_minute:g} to {s.end_minute:g})")
        if line.at_least is None and line.at_most is None:
            yield where, "expected at_least or at_most (or both) for the figure"
        elif line.at_least is not None and line.at_most is not None \
                and line.at_least > line.at_most:
            yield (*where, "at_most"), (f"{line.at_most:g} is below at_least "
                                        f"({line.at_least:g}); no figure could keep the story")
    if s.variation and all(line.figure in numbers for line in s.story):
        yield from _story_covers_telling_figures(s)


def number_figures(s: model.Scenario) -> tuple[str, ...]:
    """The figures of a run that are numbers: a story line or a condition may bound them."""
    return (*model.STORY_FIGURES,
            *(f"{o.id}_{f}" for o in s.stream.outcomes for f in OUTCOME_FIGURES))


def check_figure_conditions(s: model.Scenario) -> Iterator[tuple[FieldPath, str]]:
    """An inject that waits for a figure names one that exists and a value to wait for."""
    numbers = number_figures(s)
    for n, inject in enumerate(s.injects):
        cond, where = inject.when, ("injects", n, "when")
        if cond is None:
            continue
        if cond.figure and cond.figure not in numbers:
            yield (*where, "figure"), (f"unknown figure '{cond.figure}'; expected one of "
                                       f"{', '.join(numbers)}")
        elif cond.figure and cond.at_least is None and cond.at_most is None:
            yield (*where, "figure"), "expected at_least or at_most for the figure to reach"
        elif not cond.figure and (cond.at_least is not None or cond.at_most is not None):
            yield where, "at_least and at_most bound a figure; name it (figure: ...)"


def check_stages(stages: tuple[RolloutStage, ...]) -> Iterator[tuple[FieldPath, str]]:
    """Every stage of the plan but the last ends (it holds for some minutes); the last holds to
    the end of the exercise."""
    for n, stage in enumerate(stages):
        where: FieldPath = ("rollout", "stages", n, "hold_minutes")
        last = n == len(stages) - 1
        if stage.hold_minutes is None and not last:
            yield where, ("a stage before the last never ends; expected the minutes it holds "
                          "before the plan moves on")
        elif stage.hold_minutes is not None and last:
            yield where, ("the last stage holds to the end of the exercise; leave "
                          "hold_minutes out")


def check_durations(s: model.Scenario) -> Iterator[tuple[FieldPath, str]]:
    """A ramp, a drain, a deadline or a scoring window is no longer than the exercise."""
    length = s.duration_minutes
    durations: list[tuple[FieldPath, float]] = [
        (("rollout", "ramp_minutes"), s.rollout.ramp_minutes),
        (("rollout", "drain_minutes"), s.rollout.drain_minutes),
        *((("statements", n, "deadline_minutes"), r.deadline_minutes)
          for n, r in enumerate(s.statements)),
        *((("rubric", "criteria", n, "window_minutes"), c.window_minutes)
          for n, c in enumerate(s.rubric.criteria) if c.kind == "timeliness"),
    ]
    for where, minutes in durations:
        if length > 0 and minutes > length:
            yield where, (f"{minutes:g} minutes is longer than the exercise ({length:g} minutes, "
                          "start_minute to end_minute); expected at most that")


def check_stream(stream: Stream) -> Iterator[tuple[FieldPath, str]]:
    where: FieldPath = ("stream",)
    for name in ("segments", "classes"):
        shares: dict[str, float] = getattr(stream, name)
        if not shares or any(v < 0 for v in shares.values()) or sum(shares.values()) <= 0:
            yield (*where, name), "expected positive shares"
    yield from _check_routing(stream)
    if stream.latency_jitter_ms > stream.latency_ms:
        yield (*where, "latency_jitter_ms"), (
            f"{stream.latency_jitter_ms:g} is more than latency_ms ({stream.latency_ms:g}); "
            "expected a spread no wider than the median, so that no latency is negative")
    yield from _check_outcomes(stream)
    for n, fault in enumerate(stream.faults):
        for name in fault.outcomes:
            if stream.outcome(name) is None:
                yield (*where, "faults", n, "outcomes", name), _unknown_outcome(stream, name)
        if fault.to_minute is not None and fault.to_minute <= fault.from_minute:
            yield (*where, "faults", n, "to_minute"), (
                f"{fault.to_minute:g} is not after from_minute ({fault.from_minute:g}); "
                "expected a window that ends after it starts, or none for until rolled back")


def _check_routing(stream: Stream) -> Iterator[tuple[FieldPath, str]]:
    """A routing stream names its classes and segment and each version's behaviour; a stream
    that does not route (no critical_class) has none of them."""
    where: FieldPath = ("stream",)
    versions = (("candidate", stream.candidate), ("incumbent", stream.incumbent))
    if not stream.routes:
        given = [name for name in ("fallback_class", "home_segment") if getattr(stream, name)]
        given += [f"{n}.{part}" for n, v in versions for part in ("home", "other", "segments")
                  if getattr(v, part)]
        for name in given:
            yield (*where, *name.split(".")), (
                "only a routing stream has this; add critical_class (the class whose "
                "misrouting is harm) or leave it out")
        return
    homes = [v for _, v in versions if v.home is not None]
    if (stream.home_segment or homes) and stream.home_segment not in stream.segments:
        yield (*where, "home_segment"), f"'{stream.home_segment}' is not one of the segments"
    for name in ("critical_class", "fallback_class"):
        value = getattr(stream, name)
        if value not in stream.classes:
            yield (*where, name), f"'{value}' is not one of the classes"
    for name, version in versions:
        for segment in version.segments:
            if segment not in stream.segments:
                yield (*where, name, "segments", segment), (
                    f"'{segment}' is not one of the segments")
        bare = [s for s in stream.segments if version.behaviour(s, stream.home_segment) is None]
        if bare:
            yield (*where, name), (f"no routing behaviour for {', '.join(bare)}; expected "
                                   "home, other or segments to cover every segment")


_OUTCOME_ID = re.compile(r"[a-z][a-z0-9_]*")


def _check_outcomes(stream: Stream) -> Iterator[tuple[FieldPath, str]]:
    """Each declared outcome has an id of its own, usable in a figure's name, and rates on
    segments the stream has."""
    seen: set[str] = set()
    for n, outcome in enumerate(stream.outcomes):
        where: FieldPath = ("stream", "outcomes", n)
        if outcome.id in seen or outcome.id in HARM_COUNTERS:
            yield (*where, "id"), (f"'{outcome.id}' is named twice; expected each outcome "
                                   "once, under a name no counter has")
        elif not _OUTCOME_ID.fullmatch(outcome.id):
            yield (*where, "id"), (f"'{outcome.id}' is not an outcome id; expected lowercase "
                                   "letters, digits and '_', starting with a letter")
        seen.add(outcome.id)
        for version in ("candidate", "incumbent"):
            for segment in getattr(outcome, version).segments:
                if segment not in stream.segments:
                    yield (*where, version, "segments", segment), (
                        f"'{segment}' is not one of the segments")


def check_action_effects(s: model.Scenario) -> Iterator[tuple[FieldPath, str]]:
    """What an action does to outcomes names declared outcomes, its role is a role, and its
    premise names actions or injects."""
    roles = [r.id for r in s.roles]
    for n, action in enumerate(s.actions):
        where: FieldPath = ("actions", n)
        named: list[tuple[FieldPath, str]] = [
            (("stops", m), name) for m, name in enumerate(action.stops)]
        named += [(("scales", name), name) for name in action.scales]
        for path, name in named:
            if s.stream.outcome(name) is None:
                yield (*where, *path), _unknown_outcome(s.stream, name)
        if action.role and action.role not in roles:
            yield (*where, "role"), (f"unknown role '{action.role}'; expected one of "
                                     f"{', '.join(roles)}")
        known = {a.id for a in s.actions} | {i.id for i in s.injects}
        for m, name in enumerate(action.premise):
            if name not in known:
                yield (*where, "premise", m), (f"unknown action or inject '{name}'; known: "
                                               f"{', '.join(sorted(known))}")


def _unknown_outcome(stream: Stream, name: str) -> str:
    names = ", ".join(o.id for o in stream.outcomes) or "none declared"
    return f"unknown outcome '{name}'; expected one of stream.outcomes ({names})"


def check_volume(s: model.Scenario) -> Iterator[tuple[FieldPath, str]]:
    """The stream must stay small enough to simulate in seconds (the history starts 20 minutes
    before deployment, as in `Simulation`)."""
    start = min(s.start_minute, s.rollout.deploy_minute - 20.0)
    # A solo drill may draw the rate from its variation range, so the top of it must fit too.
    varied = s.variation.get("per_minute", ())
    per_minute = max((s.stream.per_minute, *varied))
    where: FieldPath = (("stream", "per_minute") if per_minute == s.stream.per_minute
                    else ("variation", "per_minute"))
    minutes = s.end_minute - start
    expected = per_minute * minutes
    if expected > MAX_STREAM_ITEMS:
        yield where, (f"{per_minute:g} per minute makes about {expected:.0f} items over the "
                      f"exercise; expected at most {MAX_STREAM_ITEMS}")
    lowest = min((s.stream.per_minute, *varied))
    if minutes > 0 and lowest * minutes < 1:
        low_where: FieldPath = (("stream", "per_minute") if lowest == s.stream.per_minute
                                else ("variation", "per_minute"))
        yield low_where, (f"{lowest:g} per minute makes no item over the exercise's "
                          f"{minutes:g} minutes; expected at least {1 / minutes:.3g} per minute")
