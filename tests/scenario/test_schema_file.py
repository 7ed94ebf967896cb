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


def test_the_schema_says_the_id_pattern_and_refuses_control_characters_in_text() -> None:
    import re

    from tabletop.base.text import UNSAFE
    from tabletop.scenario.model import ID_PATTERN

    schema = scenario_schema()
    role = schema["$defs"]["Role"]["properties"]
    assert role["id"]["pattern"] == f"^{ID_PATTERN.pattern}$"
    text = re.compile(schema["properties"]["title"]["pattern"])
    shown = "".join(chr(code) for code in range(0x2070) if UNSAFE.match(chr(code)))
    assert len(shown) == 30 + 1 + 32 + 3 + 5 + 4  # C0 but tab, newline; DEL; C1; marks; ...
    assert all(text.fullmatch(char) is None for char in shown)
    assert text.fullmatch("Plain text, é 字 ×\n\twith a tab") is not None
    assert "\x1b" not in (ROOT / "docs" / "scenario.schema.json").read_text()
