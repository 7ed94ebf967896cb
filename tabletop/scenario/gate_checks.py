"""What a scenario's `gates` section and a gate design must say consistently."""

from __future__ import annotations

from collections.abc import Iterator

from tabletop.scenario import gate_design, gates, model
from tabletop.scenario.errors import FieldPath
from tabletop.scenario.world_checks import number_parameter

DESIGN_PARTS = ("pre_deploy", "canary", "rollback_triggers", "playbook", "report_evidence")
"""The parts of a gate design a governance practice may be mapped to."""


def check_gate_space(s: model.Scenario,
                     figures: tuple[str, ...]) -> Iterator[tuple[FieldPath, str]]:
    """Each measure reads a figure the run or the models have; each healthy value sets a
    number of the stream within its range; each practice maps a criterion or a design part."""
    space = s.gates
    if space is None:
        return
    seen: set[str] = set()
    for n, measure in enumerate(space.measures):
        where: FieldPath = ("gates", "measures", n)
        if measure.id in seen:
            yield (*where, "id"), f"measure '{measure.id}' is named twice"
        seen.add(measure.id)
        for name, figure in (("figure", measure.figure), ("baseline", measure.baseline)):
            if figure and figure not in figures:
                yield (*where, name), (f"unknown figure '{figure}'; expected one of "
                                       f"{', '.join(figures)}")
        if measure.baseline and measure.kind != "canary":
            yield (*where, "baseline"), "only a canary measure is judged against a baseline"
    for path, value in space.healthy.items():
        yield from _check_healthy(s, path, value)
    known = {c.id for c in s.rubric.criteria} | set(DESIGN_PARTS)
    for key, practices in space.practices.items():
        if key not in known:
            yield ("gates", "practices", key), (f"unknown criterion or design part '{key}'; "
                                                f"expected one of {', '.join(sorted(known))}")
        elif not practices:
            yield ("gates", "practices", key), "expected at least one practice"


def _check_healthy(s: model.Scenario, path: str,
                   value: float) -> Iterator[tuple[FieldPath, str]]:
    where: FieldPath = ("gates", "healthy", path)
    allowed = number_parameter(s, path, "be set")
    if isinstance(allowed, str):
        yield where, allowed
    elif not allowed.holds(value):
        yield where, f"{value:g} is out of range for {path}; expected {allowed.describe()}"


def check_design(design: gate_design.GateDesign,
                 s: model.Scenario) -> Iterator[tuple[FieldPath, str]]:
    """A design is for this scenario and measures what the scenario lets a gate measure, each
    in the part of the design that can read it."""
    if design.scenario != s.id:
        yield ("scenario",), f"the design is for '{design.scenario}', not '{s.id}'"
        return
    measures = {m.id: m for m in (s.gates.measures if s.gates else ())}
    if not measures:
        yield ("scenario",), f"scenario '{s.id}' declares no gate measures ('gates' section)"
        return
    limits = [(("pre_deploy", n), t, "pre-deploy") for n, t in enumerate(design.pre_deploy)]
    limits += [(("rollback_triggers", n), t, "canary")
               for n, t in enumerate(design.rollback_triggers)]
    for where, limit, kind in limits:
        yield from _check_measure((*where, "measure"), limit.measure, kind, measures)
        if limit.at_least is None and limit.at_most is None:
            yield where, "expected at_least or at_most (or both)"
        elif limit.at_least is not None and limit.at_most is not None \
                and limit.at_least > limit.at_most:
            yield (*where, "at_most"), "below at_least: no figure could pass"
    if design.canary is not None:
        canary = design.canary
        if not canary.metrics:
            yield ("canary", "metrics"), "expected at least one metric to judge"
        for n, metric in enumerate(canary.metrics):
            yield from _check_measure(("canary", "metrics", n, "measure"), metric.measure,
                                      "canary", measures)
        if canary.roll_back_below > canary.continue_at:
            yield ("canary", "roll_back_below"), (
                f"{canary.roll_back_below:g} is above continue_at ({canary.continue_at:g})")


def _check_measure(where: FieldPath, name: str, kind: str,
                   measures: dict[str, gates.Measure]) -> Iterator[tuple[FieldPath, str]]:
    measure = measures.get(name)
    if measure is None:
        yield where, f"unknown measure '{name}'; expected one of {', '.join(measures)}"
    elif measure.kind != kind:
        yield where, (f"'{name}' is a {measure.kind} measure; this part reads {kind} "
                      "measures")
