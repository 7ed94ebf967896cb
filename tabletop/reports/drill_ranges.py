"""What solo drills can draw, for the facilitator's sheet: each figure a text quotes, as the
default seed plays it with nobody acting, followed by the range a sample of drills drew.

A drill varies the stream (the scenario's `variation`) and its seed and keeps only streams that
keep the story (`exercise.variation.draw_drill`), so the ranges are played, never written in:
`DRILL_SAMPLE` drills (seeds 0 to `DRILL_SAMPLE` - 1) are played with nobody acting and read at
each inject as it fires, as the default seed is (`exercise.replay.reference_figures`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tabletop.scenario.model import Scenario
from tabletop.scenario.templates import TELLING_FIGURES

DRILL_SAMPLE = 12
"""Drills played for the ranges: enough to show the spread, cheap enough for `handouts`."""

Figures = dict[str, dict[str, str]]
"""Per inject id, the figures a text may quote as a run stands at its minute."""

NUMBER = re.compile(r"-?\d+(?:\.\d+)?%?")
"""A number in a figure's text, with its percent sign."""


def drill_figures(scenario: Scenario, drills: int = DRILL_SAMPLE) -> list[Figures]:
    """Per drill of seeds 0 to `drills` - 1, the figures at each inject as it fires with
    nobody acting; a seed whose drills never keep the story is left out."""
    # Playing is the exercise's: imported only when a sheet is drawn.
    from tabletop.exercise.replay import reference_figures
    from tabletop.exercise.variation import StoryError, draw_drill

    out: list[Figures] = []
    for seed in range(drills):
        try:
            drill = draw_drill(scenario, seed)
        except StoryError:
            continue
        out.append(reference_figures(drill.scenario, drill.stream_seed))
    return out


def with_ranges(names: Sequence[str], values: dict[str, str],
                drawn: Sequence[dict[str, str]]) -> dict[str, str]:
    """The `values` of the figures `names` (in the order a text quotes them) with the range
    `drawn` holds added to each that varies. A figure told in words that change with the run
    (“one”, “misses”, “both”) takes the range of the number it tells, once per text."""
    out = dict(values)
    told: set[str] = set()
    for name in names:
        if name not in values or name in told:
            continue
        number = TELLING_FIGURES.get(name)
        others = [d[name] for d in drawn if name in d]
        if number is not None and not _same_words(values[name], others):
            if number not in told and number in values:
                told.add(number)
                spans = _span([values[number]], [[d[number] for d in drawn if number in d]])
                out[name] = values[name] + spans[0]
            continue
        told.add(name)
        out[name] = ranged(values[name], others)
    return out


def _same_words(value: str, others: Sequence[str]) -> bool:
    """Whether `value` holds a number and every other says it in the same words."""
    shape = NUMBER.sub("#", value)
    return shape != value and all(NUMBER.sub("#", other) == shape for other in others)


def ranged(value: str, others: Sequence[str]) -> str:
    """`value` with each of its numbers followed by the range the `others` (the same words,
    other numbers) hold where they differ, as "rise from 4 (drills: 3-6) to 19 (drills:
    14-21)" with an en dash; others in other words are named after it."""
    slots = NUMBER.findall(value)
    if not slots:
        return value
    shape = NUMBER.sub("#", value)
    alike = [NUMBER.findall(o) for o in others if NUMBER.sub("#", o) == shape]
    spans = _span(slots, [list(column) for column in zip(*alike, strict=True)])
    pieces = NUMBER.split(value)
    text = pieces[0] + "".join(slot + span + rest
                               for slot, span, rest in zip(slots, spans, pieces[1:], strict=True))
    unlike = sorted({o for o in others if NUMBER.sub("#", o) != shape})
    if unlike:
        text += f" (some drills: {'; '.join(unlike[:2])}{'; …' if len(unlike) > 2 else ''})"
    return text


def _span(slots: Sequence[str], columns: Sequence[Sequence[str]]) -> list[str]:
    """Per slot, " (drills: low-high)" from its column of drawn numbers, or "" where the
    drills all drew the slot's own number (or none was drawn)."""
    out = []
    for index, slot in enumerate(slots):
        column = columns[index] if index < len(columns) else ()
        if not column or set(column) == {slot}:
            out.append("")
            continue
        low = min(column, key=_value)
        high = max(column, key=_value)
        out.append(f" (drills: {low})" if low == high else f" (drills: {low}\u2013{high})")
    return out


def _value(text: str) -> float:
    return float(text.rstrip("%"))
