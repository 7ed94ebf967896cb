"""What the panels draw as text, checked without an app: wrapping, columns, the trend chart."""

from __future__ import annotations

from tabletop.scenario.model import Evidence
from tabletop.ui.widgets.evidence_log import TAG_WIDTH, evidence_lines
from tabletop.ui.widgets.overrides import BARS, trend_rows


def test_evidence_wraps_beside_its_tag_with_a_hanging_indent() -> None:
    item = Evidence(id="e", text="urgent support tickets routed to the general queue rise",
                    tag="service-quality")
    lines = [line.plain for line in evidence_lines([item], TAG_WIDTH + 20)]
    assert lines[0].startswith("service-quality ")
    assert all(line.startswith(" " * TAG_WIDTH) for line in lines[1:])
    assert all(len(line) <= TAG_WIDTH + 20 for line in lines)
    assert " ".join(" ".join(lines).split()[1:]) == item.text


def test_the_trend_stretches_to_the_width_and_its_peak_fills_both_rows() -> None:
    rows = trend_rows([0, 2, 8], width=6, height=2)
    assert [len(row) for row in rows] == [6, 6]
    top, bottom = ["".join(bar for bar, _ in row) for row in rows]
    assert bottom == "▁▁" + BARS[3] * 2 + BARS[-1] * 2  # 2 of 8 is 4 of the 16 eighths
    assert top == " " * 4 + BARS[-1] * 2
    assert [share for _, share in rows[1]] == [0.0, 0.0, 0.25, 0.25, 1.0, 1.0]


def test_a_flat_trend_of_zeros_is_a_line_along_the_bottom() -> None:
    top, bottom = (["".join(bar for bar, _ in row) for row in trend_rows([0, 0], 4, 2)])
    assert (top, bottom) == ("    ", "▁▁▁▁")
