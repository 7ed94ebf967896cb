"""No two labels of the harm chart overlap, and none leaves the drawing, whatever the labels'
length and however close the decisions' minutes and the final counts."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import pytest

from tabletop.reports.charts import FLOOR, chart_svg, fit_label, minute_step, place_marks
from tabletop.reports.harm import HarmCurve, HarmSpan
from tabletop.reports.svg import text_width

LONG = ("Roll back to the last known good deployment and disable the feature flag for every "
        "customer in every region at once")

Box = tuple[float, float, float, float, str]
"""A text's left, top, right, bottom, and the text."""


def text_boxes(svg: str) -> tuple[list[Box], float, float]:
    """Every text element's box (measured as the chart measures it), and the chart's size."""
    root = ET.fromstring(svg)
    boxes: list[Box] = []
    for element in root.iter("{http://www.w3.org/2000/svg}text"):
        text = "".join(element.itertext())
        size = float(element.get("font-size", "12"))
        width = text_width(text, size, bold=element.get("font-weight") == "bold")
        x, y = float(element.get("x", "0")), float(element.get("y", "0"))
        anchor = element.get("text-anchor", "start")
        left = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
        boxes.append((left, y - size * 0.8, left + width, y + size * 0.25, text))
    return boxes, float(root.get("width", "0")), float(root.get("height", "0"))


def overlaps(boxes: list[Box]) -> list[tuple[str, str]]:
    """Pairs of texts whose boxes intersect."""
    return [(a[4], b[4]) for a, b in itertools.combinations(boxes, 2)
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]


def outside(boxes: list[Box], width: float, height: float) -> list[str]:
    """Texts that leave the drawing."""
    return [b[4] for b in boxes if b[0] < 0 or b[1] < 0 or b[2] > width or b[3] > height]


def curve(minutes: range, run: int, baseline: int, best: int) -> HarmCurve:
    """Straight lines from zero to the given final counts."""
    last = minutes[-1] or 1
    ms = tuple(float(m) for m in minutes)
    return HarmCurve("critical_misrouted", "urgent tickets misrouted", ms,
                     *(tuple(round(end * m / last) for m in minutes)
                       for end in (run, baseline, best)))


CASES = {
    "close decisions with long labels": (
        curve(range(0, 91), 8, 8, 1),
        [(20.0, LONG, False), (20.01, "Freeze at 25 %", False), (20.02, LONG[:40], False),
         (21.0, "Notify the customers' account managers", False), (89.9, LONG, False)],
        HarmSpan(0.0, 90.0, 90.0)),
    "equal final counts": (curve(range(0, 91), 5, 5, 5), [(0.0, "Roll back", False)], None),
    "a day-long scenario ended early": (
        curve(range(0, 1441), 144, 145, 130),
        [(m, f"Decision {m:g}", False) for m in (1.0, 2.0, 3.0, 700.0, 1439.0)],
        HarmSpan(0.0, 1440.0, 1000.0)),
    "a word longer than the chart": (curve(range(0, 31), 0, 3, 0),
                                     [(15.0, "x" * 400, False)], HarmSpan(0.0, 30.0, 10.0)),
}


@pytest.mark.parametrize("name", CASES)
def test_no_label_overlaps_another_or_leaves_the_chart(name: str) -> None:
    harm, marks, span = CASES[name]
    boxes, width, height = text_boxes(chart_svg(harm, marks, span, standalone=True))
    assert len(boxes) > 10
    assert overlaps(boxes) == []
    assert outside(boxes, width, height) == []


def test_every_decision_keeps_a_label_and_a_line() -> None:
    harm, marks, span = CASES["close decisions with long labels"]
    svg = chart_svg(harm, marks, span, standalone=True)
    texts = ["".join(e.itertext()) for e in ET.fromstring(svg).iter(
        "{http://www.w3.org/2000/svg}text")]
    for _, label, _ in marks:
        assert fit_label(label) in texts
    assert svg.count('stroke-dasharray="3 4" />') + svg.count('stroke-dasharray="3 4"/>') >= \
        len(marks)


def test_labels_at_the_same_minute_stack_in_rows() -> None:
    placed = place_marks([(100.0, "Freeze"), (100.0, "Roll back"), (500.0, "Notify")])
    assert [row for _, row, _ in placed] == [0, 1, 0]


def test_a_label_at_the_right_edge_ends_left_of_its_line() -> None:
    (left, _, text), = place_marks([(790.0, LONG)])
    assert left + text_width(text, 11.5, bold=True) <= 790.0


def test_minutes_along_the_bottom_are_spaced_by_their_width() -> None:
    assert minute_step(0, 90) == 10
    assert minute_step(0, 1440) >= 120  # a tick every 10 minutes would be 7 pixels apart


def test_the_end_of_play_is_marked_and_the_projection_drawn_faint() -> None:
    harm, marks, _ = CASES["close decisions with long labels"]
    svg = chart_svg(harm, marks, HarmSpan(0.0, 90.0, 22.0), standalone=True)
    assert "end of play T+22:00" in svg
    assert "This run (projected after the end of play)" in svg
    assert 'stroke-opacity="0.45"' in svg
    played = chart_svg(harm, marks, HarmSpan(0.0, 90.0, 90.0), standalone=True)
    assert "end of play" not in played
    assert "projected" not in played


def test_no_change_reads_as_no_change_in_words_and_a_symbol() -> None:
    texts = ["".join(t.itertext()) for t in ET.fromstring(
        chart_svg(curve(range(0, 91), 8, 8, 1), [])).iter("text")]
    assert "8 this run \u00d71.0 =" in texts
    fewer = ["".join(t.itertext()) for t in ET.fromstring(
        chart_svg(curve(range(0, 91), 2, 20, 0), [])).iter("text")]
    assert "2 this run \u00d70.1 \u25bc" in fewer


def test_one_harmful_item_is_a_step_not_a_wall() -> None:
    """The plot stands for at least FLOOR items, so a count of 1 stays low."""
    root = ET.fromstring(chart_svg(curve(range(0, 91), 1, 1, 0), []))
    ticks = [float(t.text or "nan") for t in root.iter("text")
             if (t.text or "").isdigit() and t.get("text-anchor") == "end"]
    assert max(ticks) >= FLOOR
