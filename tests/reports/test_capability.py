"""HSEEP's capability rating per learning goal: the machine's suggestion from the criteria
that evidence the goal, and a space for the facilitator's own, in every report format."""

from __future__ import annotations

import json

import pytest

from tabletop.reports.facts import build_report
from tabletop.reports.goals import suggested_capability
from tabletop.reports.html import to_html
from tabletop.reports.json_format import to_json
from tabletop.reports.markdown import to_markdown
from tabletop.scoring.ratings import LABELS
from tests.helpers import played, step
from tests.reports.page_text import text_of


@pytest.mark.parametrize(("points", "maximum", "level"), [
    (20, 20, "P"), (17.5, 20, "P"), (16.5, 20, "S"), (14, 20, "S"), (11.5, 20, "S"),
    (10.5, 20, "M"), (8, 20, "M"), (4.5, 20, "M"), (3.5, 20, "U"), (0, 20, "U"), (0, 0, "P")])
def test_the_suggestion_is_the_nearest_rating_on_the_facilitators_scale(
        points: float, maximum: float, level: str) -> None:
    assert suggested_capability(points, maximum) == level


def test_every_goal_with_criteria_carries_a_rating_in_every_format() -> None:
    report = build_report(played(step(-10, "approve")), date="2026-03-14")
    rated = [g for g in report.goals if g.criteria]
    assert rated
    assert all(g.capability == suggested_capability(g.points, g.max) for g in rated)
    assert all(g.capability is None for g in report.goals if not g.criteria)
    assert {g.capability for g in rated} - {"P"}  # approving blind is not performed well
    page = text_of(to_html(report))
    markdown = to_markdown(report)
    assert page.count("Facilitator's rating: P / S / M / U (circle one)") == len(rated)
    assert markdown.count("Facilitator's rating: P / S / M / U (circle one)") == len(rated)
    for goal in rated:
        assert goal.capability is not None
        assert f"Capability: {goal.capability}, {LABELS[goal.capability]}" in page
    data = json.loads(to_json(report))
    assert [g["capability"] for g in data["goals"]] == [g.capability for g in report.goals]
    assert all(g["facilitator_capability"] is None for g in data["goals"])


def test_the_improvement_plan_has_a_row_to_assign_for_each_area_for_improvement() -> None:
    report = build_report(played(step(-10, "approve")), date="2026-03-14")
    areas = [(n, a) for n, g in enumerate(report.goals, 1) for a in g.improvements]
    assert areas
    page = to_html(report)
    plan = page[page.index('id="plan"'):]
    table = plan[plan.index('<table class="areas">'):plan.index("</table>", plan.index(
        '<table class="areas">'))]
    assert table.count("<tr>") == len(areas) + 1  # the head and a row each
    for header in ("Corrective action", "Owner", "Organisation", "Start", "Due"):
        assert header in table
    markdown = to_markdown(report)
    assert markdown.count("| | | | | |") == len(areas)
    assert "### Areas for improvement to assign" in markdown
