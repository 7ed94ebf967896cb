"""Seeded variation for solo drills: the scenario's declared ranges, drawn anew each drill,
and only where the scenario's story holds.

A drill seed draws a stream seed and the variation's values. The first draw is the seed itself
(its values drawn by `vary`); while the drawn run, with nobody acting, breaks the scenario's
`story` (`exercise.story`), the drill draws again, a new stream seed from the drill seed and
the draw's number, up to `MAX_DRAWS` times. A drill is thus one stream seed: the drill of a
stream seed that keeps the story is that very stream, so `tabletop simulate --drill SEED`
with the seed a drill played replays it.
"""

from __future__ import annotations

import random
from dataclasses import replace

from tabletop.base.record import record
from tabletop.exercise.story import StoryBreak, describe_line, story_breaks
from tabletop.scenario.model import Scenario
from tabletop.scenario.stream_paths import stream_value, with_stream_values

DRILL_SEEDS = 1_000_000
"""Stream seeds a drill draws again are below this, so the replay line stays short."""
MAX_DRAWS = 64
"""Draws a drill makes before giving up: a story that half the draws keep fails all 64 once
in 10**19 drills; `tabletop validate --drills N` tells how often the first draw keeps it."""


class StoryError(ValueError):
    """No draw of a drill kept the scenario's story within `MAX_DRAWS`."""


@record
class Drill:
    """A solo drill as a seed draws it."""

    seed: int
    """The drill seed asked for."""
    stream_seed: int
    """The stream seed played: the drill seed, or a later draw's when that broke the story."""
    scenario: Scenario
    """The scenario with the stream's varied values."""
    draws: int
    """How many draws it took (1: the first kept the story)."""
    first_breaks: tuple[StoryBreak, ...] = ()
    """The first story line the first draw broke, when it was drawn again."""


def vary(scenario: Scenario, seed: int) -> Scenario:
    """The drill's scenario: each declared stream parameter drawn from its range, by `seed`
    (one draw, whether it keeps the story or not: `draw_drill` draws until it does), and its
    branches its own injects (`without_branches`)."""
    rng = random.Random(f"variation:{seed}")
    values = {path: round(rng.uniform(low, high), 4)
              for path, (low, high) in sorted(scenario.variation.items())}
    return without_branches(with_stream_values(scenario, values))


def without_branches(scenario: Scenario) -> Scenario:
    """A drill's scenario: a drill has no facilitator to offer a branch to (`Inject.branch`),
    so each comes as the scenario's own inject, when its premise holds. The drill, its
    replay (`--drill`) and its resume all play it so."""
    if not any(i.branch for i in scenario.injects):
        return scenario
    return replace(scenario, injects=tuple(replace(i, branch=False) for i in scenario.injects))


def draw_seed(seed: int, draw: int) -> int:
    """The stream seed of a drill's draw: the drill seed first, then drawn from it."""
    return seed if draw == 0 else random.Random(f"drill:{seed}:{draw}").randrange(DRILL_SEEDS)


def draw_drill(scenario: Scenario, seed: int) -> Drill:
    """The drill a seed draws: the first draw whose run with nobody acting keeps the story.

    Raises `StoryError` when none of `MAX_DRAWS` draws keeps it.
    """
    first: list[StoryBreak] = []
    for draw in range(MAX_DRAWS):
        stream_seed = draw_seed(seed, draw)
        varied = vary(scenario, stream_seed)
        # The first line broken is enough to draw again: the run stops there.
        breaks = story_breaks(varied, stream_seed, first_only=True)
        if not breaks:
            return Drill(seed, stream_seed, varied, draw + 1, tuple(first))
        if draw == 0:
            first = breaks
    raise StoryError(f"no drill drawn from seed {seed} keeps the story of {scenario.id} in "
                     f"{MAX_DRAWS} draws (the first broke {first[0].describe()}); "
                     "tabletop validate --drills 100 FILE tells how often drills keep it")


@record
class DrillSurvey:
    """What `n` drills (seeds 0 to n-1) of a scenario draw (`tabletop validate --drills`)."""

    drills: int
    """Drills drawn."""
    first_kept: int
    """Drills whose first draw kept the story."""
    redrawn: int
    """Drills that drew again and found a draw that keeps it."""
    most_draws: int
    """The most draws one drill took."""
    broken_by: dict[str, int]
    """Each story line a first draw broke (`story.describe_line`) to how many did."""
    unkept: tuple[int, ...] = ()
    """Seeds of the drills that found no draw keeping the story in `MAX_DRAWS`."""


def survey_drills(scenario: Scenario, n: int) -> DrillSurvey:
    """Draw the drills of seeds 0 to n-1 and count how each kept the story."""
    first_kept = redrawn = most = 0
    broken_by: dict[str, int] = {}
    unkept: list[int] = []
    for seed in range(n):
        try:
            drill = draw_drill(scenario, seed)
        except StoryError:
            unkept.append(seed)
            most = MAX_DRAWS
            breaks = story_breaks(vary(scenario, seed), seed)
        else:
            first_kept += drill.draws == 1
            redrawn += drill.draws > 1
            most = max(most, drill.draws)
            # Every line the first draw broke, not only the first that made it draw again.
            breaks = story_breaks(vary(scenario, seed), seed) if drill.draws > 1 else []
        for broken in breaks:
            name = describe_line(broken.line)
            broken_by[name] = broken_by.get(name, 0) + 1
    return DrillSurvey(n, first_kept, redrawn, most, broken_by, tuple(unkept))


def played_variation(scenario: Scenario) -> dict[str, float]:
    """The values a (possibly varied) scenario's stream has at each declared variation path:
    what a saved session records, so that restoring it plays the very same stream."""
    return {path: float(stream_value(scenario.stream, path)) for path in sorted(scenario.variation)}
