"""A scenario's story, read off the run with nobody acting: whether a stream keeps it.

A scenario's `story` lines say what its evidence must be able to say when nobody acts, such as
"urgent-to-general rises by at least 10 % by T+20": a figure evidence may quote, the minute it
is read at, and the bounds it must keep. The figures are read exactly as an inject firing at
that minute would quote them (`signals.figures`, `signals.model_figures`, as shown), so a
stream that keeps its story never shows a round 2 whose words contradict the narrative.
Solo drills draw only streams that keep the story (`variation.draw_drill`); `tabletop
validate` refuses a scenario whose own stream (its default seed, no variation) breaks it.
"""

from __future__ import annotations

from collections.abc import Iterator

from tabletop.base.record import record
from tabletop.base.words import fmt_minute
from tabletop.exercise.clock import FakeTime, GameClock
from tabletop.exercise.engine import Exercise
from tabletop.exercise.signals import figures, model_figures
from tabletop.scenario.model import Scenario, StoryLine


@record
class StoryBreak:
    """A story line a run does not keep."""

    index: int
    """Its place in the scenario's `story`."""
    line: StoryLine
    """The line."""
    shown: str
    """The figure as the run shows it ("n/a" when it has none, such as a change from 0)."""

    @property
    def side(self) -> str:
        """The bound it fails: "at_least" or "at_most"."""
        value = figure_value(self.shown)
        low = self.line.at_least
        return "at_least" if low is not None and (value is None or value < low) else "at_most"

    def describe(self) -> str:
        """'critical_change_percent at T+20 is 4 (the story needs at least 10)'."""
        return f"{self.line.figure} at {fmt_minute(self.line.minute)} is {self.shown} " \
               f"(the story needs {bounds_text(self.line)})"


def bounds_text(line: StoryLine) -> str:
    """'at least 10', 'at most 0.6', 'from 1 to 5'."""
    low, high = line.at_least, line.at_most
    if low is not None and high is not None:
        return f"from {low:g} to {high:g}"
    return f"at least {low:g}" if low is not None else f"at most {high:g}"


def describe_line(line: StoryLine) -> str:
    """'critical_change_percent at T+20 at least 10'."""
    return f"{line.figure} at {fmt_minute(line.minute)} {bounds_text(line)}"


def figure_value(shown: str) -> float | None:
    """A figure as shown, as a number; None when it shows none ("n/a")."""
    try:
        return float(shown)
    except ValueError:
        return None


def keeps(line: StoryLine, shown: str) -> bool:
    """Whether a figure as shown keeps the line (a figure with no number keeps none)."""
    value = figure_value(shown)
    if value is None:
        return False
    return (line.at_least is None or value >= line.at_least) and \
        (line.at_most is None or value <= line.at_most)


def story_breaks(scenario: Scenario, seed: int | None = None, *,
                 first_only: bool = False) -> list[StoryBreak]:
    """The story lines the run with nobody acting breaks, with this stream seed (the
    scenario's default when None); `first_only` stops at the first (a drill drawing again).

    The model's figures are read first, then the run is played only as far as the latest
    line's minute, in time order, so a stream that breaks an early line costs little.
    """
    lines = list(enumerate(scenario.story))
    if not lines:
        return []
    fixed = model_figures(scenario.stream)
    breaks: list[StoryBreak] = []
    for index, line in lines:
        if line.figure in fixed and not keeps(line, fixed[line.figure]):
            breaks.append(StoryBreak(index, line, fixed[line.figure]))
            if first_only:
                return breaks
    played = sorted((line.minute, index, line) for index, line in lines
                    if line.figure not in fixed)
    if not played:
        return breaks
    clock = GameClock(scenario.start_minute, speed=60.0, time_source=FakeTime())
    exercise = Exercise(scenario, seed, clock)
    for minute, index, line in played:
        clock.jump_to(minute)
        exercise.update()
        shown = figures(exercise.snapshot_at(minute))[line.figure]
        if not keeps(line, shown):
            breaks.append(StoryBreak(index, line, shown))
            if first_only:
                break
    return sorted(breaks, key=lambda b: b.index)


def story_checks(scenario: Scenario) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """The scenario as written (its default seed, no variation) must keep its own story:
    (field path, problem) for each line it breaks, for the loader to place in the file."""
    for broken in story_breaks(scenario):
        yield ("story", broken.index, broken.side), (
            f"the scenario's own stream breaks its story: with nobody acting and the default "
            f"seed ({scenario.default_seed}), {broken.describe()}; change the stream, "
            "default_seed or the line")
