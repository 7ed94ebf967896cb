"""Seeded variation for solo drills: the scenario's declared ranges, drawn anew each drill."""

from __future__ import annotations

import random

from tabletop.scenario.model import Scenario
from tabletop.scenario.stream_paths import stream_value, with_stream_values


def vary(scenario: Scenario, seed: int) -> Scenario:
    """The scenario with each declared stream parameter drawn from its range, by `seed`."""
    rng = random.Random(f"variation:{seed}")
    values = {path: round(rng.uniform(low, high), 4)
              for path, (low, high) in sorted(scenario.variation.items())}
    return with_stream_values(scenario, values)


def played_variation(scenario: Scenario) -> dict[str, float]:
    """The values a (possibly varied) scenario's stream has at each declared variation path:
    what a saved session records, so that restoring it plays the very same stream."""
    return {path: float(stream_value(scenario.stream, path)) for path in sorted(scenario.variation)}
