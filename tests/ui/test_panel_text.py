"""What the panels draw as text, checked without an app: wrapping, columns, the trend chart."""

from __future__ import annotations

from tabletop.scenario.model import Evidence
from tabletop.ui.widgets.evidence_log import TAG_WIDTH, evidence_lines
from tabletop.ui.widgets.overrides import BARS, change_words, chart_top, per_bucket, trend_rows


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


def test_a_run_as_before_stays_low_on_the_overrides_chart_and_says_no_change() -> None:
    # The pre-release window's 2 corrections, and 2 in the last window: one a bucket at most.
    top = chart_top([1, 0, 1, 0], per_bucket(2))
    rows = trend_rows([1, 0, 1, 0], width=8, height=2, top=top)
    assert all(bar == " " for bar, _ in rows[0])  # the top row stays empty
    assert max(share for row in rows for _, share in row) <= 0.25
    assert "= no change" in change_words(2, 2)


def test_the_overrides_change_is_said_in_words_and_symbols() -> None:
    assert change_words(16, 3).endswith("×5.3 ▲ up")
    assert change_words(1, 4).endswith("×0.2 ▼ down")
    assert change_words(3, 0).endswith("▲ none before")


def test_a_climb_far_above_the_pre_release_rate_reaches_the_top() -> None:
    top = chart_top([1, 1, 8], per_bucket(3))
    assert top == 8
    assert trend_rows([1, 1, 8], width=3, height=2, top=top)[0][-1][0] == BARS[-1]
