"""Which harm rows to show: the counters some plan counted, in one order."""

from __future__ import annotations

import dataclasses
from dataclasses import replace

from tabletop.exercise.simulation import Harm, count_harm
from tabletop.reports.harm import harm_rows
from tabletop.scenario.outcomes import HARM_COUNTERS
from tabletop.scenario.rubric import HarmLabels
from tabletop.scoring.rubric import ScoreCard
from tests.helpers import bundled
from tests.journal.helpers import uninterrupted_cards


def card_with(run: Harm, baseline: Harm, best: Harm) -> ScoreCard:
    return replace(uninterrupted_cards()[""], harm=run, baseline_harm=baseline, best_harm=best)


def test_a_counter_counted_under_any_plan_gets_a_row() -> None:
    card = card_with(Harm(leaks=2), Harm(critical_misrouted=5), Harm(failed=1))
    rows = harm_rows(card, bundled().harm_labels)
    assert [r.counter for r in rows] == ["critical_misrouted", "leaks", "failed"]
    assert [(r.run, r.baseline, r.best) for r in rows] == [(0, 5, 0), (2, 0, 0), (0, 0, 1)]


def test_rows_carry_the_scenarios_names_for_the_counters() -> None:
    labels = bundled().harm_labels
    rows = harm_rows(card_with(Harm(), Harm(high_priority_missed=3), Harm()), labels)
    assert [r.label for r in rows] == [labels.high_priority_missed]


def test_no_harm_anywhere_gives_no_rows() -> None:
    assert harm_rows(card_with(Harm(), Harm(), Harm()), bundled().harm_labels) == ()


def test_a_table_that_must_not_be_empty_keeps_the_first_counters_zeros() -> None:
    rows = harm_rows(card_with(Harm(), Harm(), Harm()), bundled().harm_labels,
                     at_least_one=True)
    assert [(r.counter, r.run, r.baseline, r.best) for r in rows] == [
        (HARM_COUNTERS[0], 0, 0, 0)]


def test_the_harm_records_spell_the_one_list_of_harm_counters() -> None:
    assert tuple(f.name for f in dataclasses.fields(Harm))[:-2] == HARM_COUNTERS
    assert tuple(f.name for f in dataclasses.fields(HarmLabels)) == HARM_COUNTERS
    assert tuple(Harm(1, 2, 3, 4).as_dict()) == HARM_COUNTERS
    declared = Harm(1, 2, 3, 4, (("code_leaked", 7),))
    assert tuple(declared.as_dict()) == (*HARM_COUNTERS, "code_leaked")
    assert declared.count("code_leaked") == 7
    assert declared.count("leaks") == 3


def test_a_run_reports_only_the_counters_its_stream_can_count() -> None:
    """A stream that routes has the routing family's misroutes, one without a leaking fault
    has no leaks counter, and every stream counts failed requests."""
    routing = bundled().stream
    assert routing.harm_counters == ("critical_misrouted", "high_priority_missed", "failed")
    assert tuple(count_harm(routing, [], 0.0).as_dict()) == routing.harm_counters
    answering = dataclasses.replace(routing, critical_class="", fallback_class="")
    assert answering.harm_counters == ("failed",)
