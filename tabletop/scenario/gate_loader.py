"""Reading a gate design file as carefully as a scenario: file, line, column and field."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import yaml

from tabletop.scenario import gate_design, model
from tabletop.scenario.bundled import data_dir
from tabletop.scenario.gate_checks import check_design
from tabletop.scenario.loader import read_document
from tabletop.scenario.yaml_source import read_text


def parse_gate_design(text: str, file: str, s: model.Scenario) -> gate_design.GateDesign:
    """Parse and check a gate design for scenario `s`; ScenarioError names file, line, column
    and field on any problem."""
    return read_document(text, file, gate_design.GateDesign, "a gate design",
                         lambda design: check_design(design, s))


def load_gate_design(path: Path, s: model.Scenario) -> gate_design.GateDesign:
    """Read and check a gate design file for scenario `s`."""
    return parse_gate_design(read_text(path), str(path), s)


def default_design(s: model.Scenario) -> gate_design.GateDesign | None:
    """The scenario's own gate design, read and checked; None for a scenario without one."""
    path = default_design_path(s) if s.gates is not None else None
    return load_gate_design(path, s) if path is not None else None


def default_design_path(s: model.Scenario) -> Path | None:
    """The scenario's own gate design, shipped beside the bundled scenarios, if it has one."""
    found = data_dir("scenarios") / "gates" / f"{s.id}.yaml"
    return found if found.is_file() else None


def design_yaml(design: gate_design.GateDesign) -> str:
    """The design as a YAML file `load_gate_design` reads back (empty parts left out)."""

    def clean(value: object) -> object:
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if v not in (None, (), [], "")}
        if isinstance(value, list | tuple):
            return [clean(v) for v in value]
        return value

    data = clean(dataclasses.asdict(design))
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
