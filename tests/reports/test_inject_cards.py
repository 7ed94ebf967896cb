"""`tabletop handouts --cards`: the inject and evidence cards for a room without a projector,
every inject and every item of evidence, figures filled as the default seed fires them, red
herrings unmarked, a conditional inject's condition only on the facilitator's line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tabletop.cli import main
from tabletop.exercise.replay import play
from tabletop.reports.conditions import describe_condition
from tabletop.reports.inject_cards import cards_html
from tabletop.scenario.loader import load_scenario
from tests.reports.page_text import text_of
from tests.reports.test_handouts import SCENARIOS


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda path: path.stem)
def test_the_deck_holds_every_inject_and_evidence_filled_in(path: Path) -> None:
    scenario = load_scenario(path)
    page = cards_html(scenario)
    text = text_of(page)
    assert page.count('class="card inject-card"') == len(scenario.injects)
    assert page.count('class="card evidence-card"') == sum(len(i.evidence)
                                                           for i in scenario.injects)
    assert all(" ".join(i.title.split()) in text for i in scenario.injects)
    fired = [e.text for f in play(scenario, None, []).fired for e in f.evidence]
    assert fired
    assert [t for t in fired if " ".join(t.split()) not in text] == []
    assert not re.search(r"\[[a-z][a-z ]*\]|\{[a-z_]+\}", text)
    assert "red herring" not in text
    ids = {e.id for i in scenario.injects for e in i.evidence}
    assert not [each for each in ids if re.search(rf"(?<![\w-]){re.escape(each)}(?![\w-])", text)]
    for inject in scenario.injects:
        condition = describe_condition(scenario, inject)
        if condition:
            assert f"For the facilitator: only {' '.join(condition.split())}." in text


def test_the_command_writes_the_deck_instead(tmp_path: Path) -> None:
    out = tmp_path / "cards.html"
    assert main(["handouts", "student-support-release", "--cards", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "Inject and evidence cards" in page
    assert "Facilitator sheet" not in page
