"""Stream parameters addressed by dotted path (`candidate.other.override`), as variation and
saved sessions name them."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from tabletop.scenario.model import Scenario
from tabletop.scenario.stream import Stream


def stream_value(stream: Stream, path: str) -> Any:
    """The value at a dotted path in the stream model, e.g. `candidate.other.override`."""
    value: Any = stream
    for part in path.split("."):
        if not dataclasses.is_dataclass(value) or part not in {
                f.name for f in dataclasses.fields(value)}:
            raise KeyError(path)
        value = getattr(value, part)
    return value


def _replace_path(value: Any, parts: list[str], new: float) -> Any:
    if not parts:
        return new
    child = getattr(value, parts[0])
    return dataclasses.replace(value, **{parts[0]: _replace_path(child, parts[1:], new)})


def with_stream_values(scenario: Scenario, values: Mapping[str, float]) -> Scenario:
    """The scenario with stream parameters set by dotted path; KeyError for an unknown path."""
    if not values:
        return scenario
    stream = scenario.stream
    for path, value in sorted(values.items()):
        stream_value(stream, path)  # raises KeyError for a path the stream does not have
        stream = _replace_path(stream, path.split("."), value)
    return dataclasses.replace(scenario, stream=stream)
