"""The schema shipped for editors is the one the program derives."""

from __future__ import annotations

import json
from pathlib import Path

from tabletop.exercise.replay import reference_evidence
from tabletop.scenario.bundled import bundled_scenarios
from tabletop.scenario.loader import load_scenario
from tabletop.scenario.schema import scenario_schema

ROOT = Path(__file__).resolve().parents[2]


def test_docs_schema_equals_a_fresh_generation() -> None:
    shipped = json.loads((ROOT / "docs" / "scenario.schema.json").read_text())
    assert shipped == scenario_schema(), "run: tabletop schema > docs/scenario.schema.json"


def test_reference_evidence_fills_every_figure() -> None:
    for path in bundled_scenarios().values():
        texts = reference_evidence(load_scenario(path))
        assert texts
        assert not any("{" in text for text in texts.values())
