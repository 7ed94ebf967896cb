"""The facilitator's sheet: each figure as the default seed plays it, followed by the range
solo drills drew, played, never written in; figures read when their inject fires."""

from __future__ import annotations

import re
from pathlib import Path

from tabletop.base.words import fmt_minute
from tabletop.exercise.replay import play, reference_figures
from tabletop.exercise.variation import draw_drill
from tabletop.reports.conditions import describe_condition
from tabletop.reports.drill_ranges import drill_figures, ranged, with_ranges
from tabletop.reports.handouts import handouts_html
from tabletop.scenario.loader import load_scenario
from tests.helpers import bundled
from tests.reports.test_handouts import Sheets

CHATBOT = Path(__file__).parents[1] / "scenarios" / "discount-chatbot.yaml"


def test_each_number_takes_its_own_range_and_other_words_are_named() -> None:
    assert ranged("rise from 4 to 19", ["rise from 3 to 14", "rise from 6 to 30"]) == (
        "rise from 4 (drills: 3\u20136) to 19 (drills: 14\u201330)")
    assert ranged("increase by 18%", ["increase by 15%", "increase by 167%"]) == (
        "increase by 18% (drills: 15%\u2013167%)")
    assert ranged("0.50", ["0.50", "0.50"]) == "0.50"  # every drill drew the same
    assert ranged("hold at 4", ["hold at 4", "rise from 4 to 9"]) == (
        "hold at 4 (some drills: rise from 4 to 9)")


def test_words_that_tell_a_count_take_the_counts_range_once() -> None:
    values = {"high_priority_missed": "2", "high_priority_missed_words": "two",
              "high_priority_missed_s": "s"}
    drawn = [{"high_priority_missed": "1", "high_priority_missed_words": "one",
              "high_priority_missed_s": ""},
             {"high_priority_missed": "5", "high_priority_missed_words": "five",
              "high_priority_missed_s": "s"}]
    out = with_ranges(["high_priority_missed_words", "high_priority_missed_s"], values, drawn)
    assert out["high_priority_missed_words"] == "two (drills: 1\u20135)"
    assert out["high_priority_missed_s"] == "s"


def test_the_ranges_are_the_drills_own_figures() -> None:
    scenario = bundled()
    assert scenario.variation
    drawn = drill_figures(scenario, 3)
    inject = next(i for i in scenario.injects if "{overrides_phrase}" in
                  " ".join(e.text for e in i.evidence))
    counts = sorted(int(figures[inject.id]["overrides"]) for figures in drawn)
    # Drill 0 as the app draws it, played with nobody acting.
    drill = draw_drill(scenario, 0)
    assert reference_figures(drill.scenario, drill.stream_seed)[inject.id]["overrides"] == (
        drawn[0][inject.id]["overrides"])
    facilitator = Sheets(handouts_html(scenario)).text(-1)
    shown = re.findall(r"to \d+ \(drills: (\d+)\u2013(\d+)\)", facilitator)
    assert shown
    low, high = map(int, shown[0])
    assert low <= counts[0]
    assert counts[-1] <= high


def test_an_inject_waiting_for_a_figure_quotes_it_as_it_fires_and_names_it_in_words() -> None:
    scenario = load_scenario(CHATBOT)
    inject = next(i for i in scenario.injects if i.when is not None and i.when.figure)
    assert inject.when is not None
    assert inject.when.at_least is not None
    total = int(reference_figures(scenario)[inject.id][inject.when.figure])
    assert total >= inject.when.at_least  # read when it fired, not at its minute
    condition = describe_condition(scenario, inject)
    assert inject.when.figure not in condition
    outcome = scenario.stream.outcomes[0]
    assert outcome.label in condition


def test_the_players_paper_carries_the_players_title() -> None:
    scenario = bundled()
    assert scenario.facilitator_title
    assert scenario.facilitator_title != scenario.title
    sheets = Sheets(handouts_html(scenario))
    for index, (kind, _) in enumerate(sheets.sheets):
        text = sheets.text(index)
        if kind == "facilitator":
            assert scenario.facilitator_title in text
        else:
            assert scenario.title in text
            assert scenario.facilitator_title not in text


def test_an_inject_waiting_for_a_figure_says_when_it_came_on_the_sheet() -> None:
    scenario = load_scenario(CHATBOT)
    inject = next(i for i in scenario.injects if i.when is not None and i.when.figure)
    came = next(f.minute for f in play(scenario, None, []).fired if f.inject == inject)
    assert came > inject.minute
    facilitator = " ".join(Sheets(handouts_html(scenario)).text(-1).split())
    assert f"nobody acting it comes at {fmt_minute(came)}." in facilitator
