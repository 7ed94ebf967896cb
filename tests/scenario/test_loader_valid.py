"""The loader accepts every feature of the scenario format and fills in the defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from tabletop.scenario.bundled import DEFAULT_SCENARIO, bundled_scenarios
from tabletop.scenario.loader import load_scenario
from tabletop.scenario.model import Condition
from tabletop.scenario.rubric import HarmLabels
from tabletop.scenario.stream import Rollout
from tests.helpers import MINI, bundled, mini, mutate


def test_the_default_scenario_is_bundled() -> None:
    assert DEFAULT_SCENARIO in bundled_scenarios()


@pytest.mark.parametrize("ident", sorted(bundled_scenarios()))
def test_every_bundled_scenario_loads(ident: str) -> None:
    scenario = bundled(ident)
    assert scenario.id == ident
    assert scenario.injects
    assert scenario.rubric.criteria


def test_the_default_scenario_has_the_packs_three_actions_and_four_roles() -> None:
    scenario = bundled()
    assert {"continue", "freeze", "rollback"} <= {a.id for a in scenario.actions}
    assert len(scenario.roles) == 4


def test_a_scenario_file_loads_from_a_path(tmp_path: Path) -> None:
    path = tmp_path / "mini.yaml"
    path.write_text(MINI, encoding="utf-8")
    assert load_scenario(path).id == "mini"


def test_a_file_starting_with_a_utf8_byte_order_mark_loads(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINI.encode("utf-8"))
    assert load_scenario(path).title == "Mini release"


def test_the_mini_scenario_keeps_its_injects_in_file_order() -> None:
    ids = [i.id for i in mini().injects]
    assert ids == ["briefing", "slice-result", "signals", "frozen-followup", "escalation",
                   "full-traffic", "confirmation", "chase"]


def test_evidence_keeps_its_tag_and_red_herring_mark() -> None:
    evidence = {e.id: e for e in mini().inject("signals").evidence}
    assert evidence["overrides"].tag == "service-quality"
    assert evidence["latency"].red_herring is True
    assert evidence["overrides"].red_herring is False


def test_a_condition_on_chosen_actions_loads() -> None:
    assert mini().inject("frozen-followup").when == Condition(chose=("freeze",))


def test_a_condition_on_demanded_checks_loads() -> None:
    assert mini().inject("slice-result").when == Condition(checks=("slice-eval",))


def test_a_contingency_on_actions_not_taken_loads() -> None:
    assert mini().inject("escalation").when == Condition(not_acted=("freeze", "rollback"))


def test_a_contingency_on_a_missing_statement_loads() -> None:
    assert mini().inject("chase").when == Condition(no_statement="notice")


def test_a_condition_on_exposure_loads() -> None:
    assert mini().inject("full-traffic").when == Condition(exposure_at_least=0.9)


def test_an_inject_without_a_condition_is_unconditional() -> None:
    assert mini().inject("signals").when is None


def test_a_condition_combining_several_fields_loads() -> None:
    text = mutate("when: {chose: [freeze]}",
                  "when: {chose: [freeze], not_acted: [rollback], exposure_at_least: 0.2}")
    assert mini(text).inject("frozen-followup").when == Condition(
        chose=("freeze",), not_acted=("rollback",), exposure_at_least=0.2)


def test_omitted_top_level_fields_take_their_defaults() -> None:
    scenario = mini()
    assert scenario.rollout == Rollout()
    assert scenario.harm_labels == HarmLabels()
    assert scenario.default_seed == 7
    assert scenario.runbook == ()
    assert scenario.extension_activity == ()


def test_omitted_nested_fields_take_their_defaults() -> None:
    scenario = mini()
    signals = scenario.inject("signals")
    assert signals.pause is True
    assert signals.stage == ""
    assert scenario.roles[0].watches == ()
    assert scenario.action("approve").effect == "none"
    assert scenario.action("approve").repeatable is False
    assert scenario.statement_request("notice").fields == ("statement",)
    assert scenario.stream.latency_ms == 180.0


def test_a_criterion_takes_its_kinds_defaults() -> None:
    evidence = next(c for c in mini().rubric.criteria if c.kind == "evidence")
    assert evidence.window_minutes == 10.0
    assert evidence.late_floor == 0.3
    assert evidence.actions == ()


def test_whole_numbers_are_accepted_for_number_fields_and_become_floats() -> None:
    scenario = mini()
    assert scenario.stream.per_minute == 12.0
    assert isinstance(scenario.stream.per_minute, float)
    assert isinstance(scenario.start_minute, float)
    assert all(isinstance(v, float) for v in scenario.stream.segments.values())
    home = scenario.stream.candidate.home
    assert home is not None
    assert isinstance(home.misroute, float)


def test_null_is_accepted_for_an_optional_number() -> None:
    text = mutate("    available_until: 0\n", "    available_until: ~\n")
    assert mini(text).action("approve").available_until is None


def test_quoted_digits_are_accepted_as_text() -> None:
    assert mini(mutate("title: Mini release", "title: '2024'")).title == "2024"


def test_a_whole_number_field_keeps_an_int() -> None:
    scenario = mini(mutate("end_minute: 60", "end_minute: 60\ndefault_seed: 42"))
    assert scenario.default_seed == 42
    assert isinstance(scenario.default_seed, int)


def test_an_alias_reused_a_few_times_is_accepted() -> None:
    stream = mini().stream
    assert stream.incumbent.home == stream.incumbent.other == stream.candidate.home


def test_text_that_looks_like_markup_is_kept_literally() -> None:
    text = mutate("text: manual overrides rise", "text: '[bold]overrides[/] rise'")
    assert mini(text).evidence("overrides").text == "[bold]overrides[/] rise"


def test_an_inject_at_the_last_minute_of_the_exercise_loads() -> None:
    scenario = mini(mutate("    minute: 40\n", "    minute: 60\n"))
    assert scenario.inject("chase").minute == 60.0
