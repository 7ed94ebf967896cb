"""The complete non-routing example in docs/scenario-format.md is the test scenario, whole."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_docs_show_the_chatbot_scenario_whole() -> None:
    doc = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    example = (ROOT / "tests" / "scenarios" / "discount-chatbot.yaml").read_text(encoding="utf-8")
    section = doc.split("## A complete scenario that does not route", 1)[1]
    block = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert block == example
