"""Every class of bad input gets one clear ScenarioError naming where and what was expected."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from tabletop.scenario.errors import ScenarioError
from tabletop.scenario.loader import load_scenario, parse_scenario
from tabletop.scenario.yaml_source import MAX_FILE_BYTES, MAX_NODES
from tests.helpers import ANY_STORY, FILE, MINI, mutate, nested_alias_bomb, position, refused

SAFETY_BOUND_SECONDS = 2.0
"""Hostile files must be refused quickly; a safety bound, not a performance budget."""


def assert_error(err: ScenarioError, at: tuple[int, int], field: str, *says: str) -> None:
    """The error names the file, the line and column `at`, the field path, and says `says`."""
    assert err.file == FILE
    assert (err.line, err.column) == at, str(err)
    assert err.field_path == field, str(err)
    for words in says:
        assert words in err.message, str(err)


def load_refused(path: Path) -> ScenarioError:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    return caught.value


# --- the message ---------------------------------------------------------------------------


def test_the_message_reads_file_line_column_field_then_problem() -> None:
    text = mutate("per_minute: 12", "per_minute: lots")
    line, column = position(text, "lots")
    assert str(refused(text)) == (f"{FILE}:{line}:{column}: stream.per_minute: expected a "
                                  "number, got the text 'lots'")


# --- tags that would construct objects -------------------------------------------------------


def test_a_python_object_tag_is_refused_and_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = mutate("title: Mini release",
                  f'title: !!python/object/apply:os.system ["touch {marker}"]')
    err = refused(text)
    assert_error(err, position(text, "!!python"), "title",
                 "tag:yaml.org,2002:python/object/apply:os.system", "not allowed")
    assert not marker.exists()


def test_a_python_object_tag_on_a_single_value_is_refused() -> None:
    text = mutate("title: Mini release", "title: !!python/name:os.system ''")
    assert_error(refused(text), position(text, "!!python"), "title", "not allowed")


def test_a_custom_tag_on_a_mapping_is_refused() -> None:
    text = MINI + "rollout: !foo {drain_minutes: 3}\n"
    assert_error(refused(text), position(text, "!foo"), "rollout", "tag !foo is not allowed")


def test_a_custom_tag_on_a_list_is_refused() -> None:
    text = mutate("learning_goals: [", "learning_goals: !foo [")
    assert_error(refused(text), position(text, "!foo"), "learning_goals", "tag !foo")


def test_a_custom_tag_on_text_is_refused() -> None:
    text = mutate("summary: A candidate", "summary: !foo A candidate")
    assert_error(refused(text), position(text, "!foo"), "summary", "tag !foo")


def test_a_standard_tag_on_a_value_it_does_not_fit_is_refused() -> None:
    text = mutate("per_minute: 12", "per_minute: !!int twenty")
    assert_error(refused(text), position(text, "!!int"), "stream.per_minute",
                 "'twenty' is not a valid int")


def test_a_merge_key_is_refused() -> None:
    text = mutate("    label: v2\n", "    label: v2\n    <<: {label: v3}\n")
    err = refused(text)
    assert (err.line, err.field_path) == (position(text, "<<")[0], "stream.candidate")
    assert "not allowed" in err.message


# --- resource exhaustion --------------------------------------------------------------------


def test_a_billion_laughs_file_is_refused_within_the_safety_bound() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    err = refused("\n".join(lines) + "\n")
    assert time.perf_counter() - started < SAFETY_BOUND_SECONDS
    assert err.line == 1


def test_an_alias_bomb_that_fits_the_format_is_refused_within_the_safety_bound() -> None:
    started = time.perf_counter()
    err = refused(nested_alias_bomb())
    assert time.perf_counter() - started < SAFETY_BOUND_SECONDS
    assert f"more than {MAX_NODES} values" in err.message
    assert err.field_path.startswith("rubric.criteria[")


def test_values_nested_thousands_deep_are_refused_within_the_safety_bound() -> None:
    text = mutate("learning_goals: [halt a harmful rollout]",
                  "learning_goals: " + "[" * 5000 + "]" * 5000)
    started = time.perf_counter()
    err = refused(text)
    assert time.perf_counter() - started < SAFETY_BOUND_SECONDS
    assert err.line == position(text, "learning_goals")[0]
    assert "nested more than" in err.message


def test_a_file_over_one_megabyte_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(MINI + "#" * MAX_FILE_BYTES + "\n", encoding="utf-8")
    started = time.perf_counter()
    err = load_refused(path)
    assert time.perf_counter() - started < SAFETY_BOUND_SECONDS
    assert err.file == str(path)
    assert f"limited to {MAX_FILE_BYTES} bytes" in err.message


def test_a_file_just_under_the_size_limit_packed_with_values_is_refused_quickly() -> None:
    values = ", ".join(["x"] * 300_000)
    text = mutate("learning_goals: [halt a harmful rollout]", f"learning_goals: [{values}]")
    assert len(text.encode("utf-8")) < MAX_FILE_BYTES
    started = time.perf_counter()
    err = refused(text)
    assert time.perf_counter() - started < SAFETY_BOUND_SECONDS
    assert err.line == position(text, "learning_goals")[0]
    assert f"more than {MAX_NODES} values" in err.message


def test_a_file_just_under_the_size_limit_of_long_text_loads_quickly() -> None:
    text = mutate("summary: A candidate", "summary: " + "A" * (MAX_FILE_BYTES - 10_000))
    started = time.perf_counter()
    assert len(parse_scenario(text, FILE).summary) > 900_000
    assert time.perf_counter() - started < SAFETY_BOUND_SECONDS


def test_a_stream_too_large_to_simulate_in_seconds_is_refused() -> None:
    text = mutate("per_minute: 12", "per_minute: 5000")
    assert_error(refused(text), position(text, "5000"), "stream.per_minute",
                 "about 400000 items over the exercise; expected at most 50000")


def test_a_variation_range_reaching_a_stream_too_large_to_simulate_is_refused() -> None:
    text = MINI + "variation: {per_minute: [10, 5000]}\n" + ANY_STORY
    assert_error(refused(text), position(text, "[10, 5000]"), "variation.per_minute",
                 "expected at most 50000")


def test_an_infinite_number_is_refused() -> None:
    text = mutate("per_minute: 12", "per_minute: .inf")
    assert_error(refused(text), position(text, ".inf"), "stream.per_minute",
                 "expected a finite number")


def test_not_a_number_is_refused() -> None:
    text = mutate("max: 25", "max: .nan")
    assert_error(refused(text), position(text, ".nan"), "rubric.criteria[0].max",
                 "expected a finite number")


# --- what is not a text file ----------------------------------------------------------------


def test_binary_content_is_refused_with_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "binary.yaml"
    path.write_bytes(b"id: mini\ntitle: Mini\x00release\n")
    err = load_refused(path)
    assert (err.file, err.line, err.column) == (str(path), 2, 12)
    assert "binary content" in err.message
    assert "expected UTF-8" in err.message


def test_non_utf8_bytes_are_refused_with_their_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"id: mini\ntitle: caf\xe9\n")
    err = load_refused(path)
    assert (err.file, err.line, err.column) == (str(path), 2, 11)
    assert "not UTF-8" in err.message
    assert "0xe9" in err.message


def test_a_control_character_in_the_text_is_refused_with_its_line_and_column() -> None:
    text = mutate("title: Mini release", "title: Mini\x07release")
    err = refused(text)
    assert (err.line, err.column) == position(text, "\x07")
    assert "U+0007" in err.message


def test_a_directory_is_refused(tmp_path: Path) -> None:
    err = load_refused(tmp_path)
    assert err.file == str(tmp_path)
    assert "is a directory" in err.message


def test_a_missing_path_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    err = load_refused(path)
    assert err.file == str(path)
    assert "no such file" in err.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_instead_of_blocking(tmp_path: Path) -> None:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    errors: list[ScenarioError] = []

    def load() -> None:
        try:
            load_scenario(path)
        except ScenarioError as err:
            errors.append(err)

    # Opening a pipe with no writer blocks; a daemon thread keeps a regression from hanging
    # the whole run.
    reader = threading.Thread(target=load, daemon=True)
    reader.start()
    reader.join(SAFETY_BOUND_SECONDS)
    assert not reader.is_alive(), "loading a named pipe blocked"
    assert "not a regular file" in errors[0].message


def test_a_name_too_long_for_the_system_is_refused(tmp_path: Path) -> None:
    path = tmp_path / ("x" * 5000)
    err = load_refused(path)
    assert err.file == str(path)


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_bytes(b"")
    assert "empty" in load_refused(path).message


def test_a_file_of_only_comments_is_refused_as_empty() -> None:
    assert "expected a scenario mapping" in refused("# nothing here yet\n").message


# --- YAML that is not a scenario ------------------------------------------------------------


def test_invalid_yaml_syntax_is_refused_with_its_line_and_column() -> None:
    text = mutate("title: Mini release", "title: Mini: release")
    err = refused(text)
    assert (err.line, err.column) == position(text, ": release")
    assert err.message.startswith("not valid YAML")


def test_two_documents_in_one_file_are_refused() -> None:
    err = refused(MINI + "---\nid: other\n")
    assert "single document" in err.message
    assert err.line is not None


def test_a_list_at_the_top_is_refused() -> None:
    assert_error(refused("- id: mini\n"), (1, 1), "", "expected a mapping")


def test_a_duplicate_key_is_refused_naming_its_field_and_first_line() -> None:
    text = mutate("title: Mini release\n", "title: Mini release\ntitle: Again\n")
    assert_error(refused(text), position(text, "title: Again"), "title",
                 "duplicate key 'title'", f"first defined on line {position(text, 'title: M')[0]}")


def test_a_duplicate_key_in_a_nested_mapping_is_refused() -> None:
    text = mutate("segments: {en: 1, other: 1}", "segments: {en: 1, other: 1, en: 2}")
    assert_error(refused(text), position(text, "en: 2"), "stream.segments.en", "duplicate key")


# --- wrong types ----------------------------------------------------------------------------


def test_text_where_a_number_belongs_is_refused() -> None:
    text = mutate("deadline_minutes: 15", "deadline_minutes: soon")
    assert_error(refused(text), position(text, "soon"), "statements[0].deadline_minutes",
                 "expected a number, got the text 'soon'")


def test_a_list_where_a_mapping_belongs_is_refused() -> None:
    text = MINI + "rollout: [1, 2]\n"
    assert_error(refused(text), position(text, "[1, 2]"), "rollout", "expected a mapping")


def test_a_mapping_where_a_list_belongs_is_refused() -> None:
    text = mutate("learning_goals: [halt a harmful rollout]", "learning_goals: {a: b}")
    assert_error(refused(text), position(text, "{a: b}"), "learning_goals", "expected a list")


def test_a_list_where_a_single_value_belongs_is_refused() -> None:
    text = mutate("noun: ticket", "noun: [ticket]")
    assert_error(refused(text), position(text, "[ticket]"), "stream.noun",
                 "expected a single value, got a list")


def test_a_number_where_text_belongs_is_refused() -> None:
    text = mutate("title: Mini release", "title: 42")
    assert_error(refused(text), position(text, "42"), "title",
                 "expected text, got the number 42", "quote it")


def test_a_boolean_where_a_number_belongs_is_refused() -> None:
    text = mutate("max: 25", "max: yes")
    assert_error(refused(text), position(text, "yes"), "rubric.criteria[0].max",
                 "expected a number, got the boolean true")


def test_a_fraction_where_a_whole_number_belongs_is_refused() -> None:
    text = mutate("end_minute: 60", "end_minute: 60\ndefault_seed: 7.5")
    assert_error(refused(text), position(text, "7.5"), "default_seed",
                 "expected a whole number, got the number 7.5")


def test_a_value_outside_a_fixed_set_is_refused_listing_the_set() -> None:
    text = mutate("{id: f1, tag: technical", "{id: f1, tag: gossip")
    assert_error(refused(text), position(text, "gossip"), "injects[0].evidence[0].tag",
                 "expected one of technical, service-quality, infrastructure, stakeholder")


# --- missing and unknown fields ---------------------------------------------------------------


def test_a_missing_required_top_level_field_is_refused() -> None:
    text = mutate("title: Mini release\n", "")
    assert_error(refused(text), (1, 1), "title", "missing required field")


def test_a_missing_required_nested_field_is_refused_at_its_mapping() -> None:
    text = mutate("    brief: Decides.\n", "")
    assert_error(refused(text), position(text, "id: lead"), "roles[0].brief",
                 "missing required field")


def test_an_unknown_field_is_refused_listing_the_known_ones() -> None:
    text = mutate("title: Mini release", "titel: Mini release")
    assert_error(refused(text), (2, 1), "titel", "unknown field", "expected one of", "title")


def test_an_unknown_nested_field_is_refused() -> None:
    text = mutate("deadline_minutes: 15", "deadline_minutes: 15\n    deadline: 20")
    assert_error(refused(text), position(text, "deadline: 20"), "statements[0].deadline",
                 "unknown field", "deadline_minutes")


# --- references to ids that do not exist -----------------------------------------------------


def test_a_rubric_stage_naming_an_unknown_option_is_refused() -> None:
    text = mutate("rollback: {points: 10, why: Forgoes the canary.}",
                  "explode: {points: 10, why: Forgoes the canary.}")
    assert_error(refused(text), position(text, "{points: 10"),
                 "rubric.criteria[0].stages[0].outcomes.explode", "unknown option 'explode'",
                 "known actions: approve, continue, freeze, rollback")


def test_a_rubric_stage_after_an_unknown_inject_is_refused() -> None:
    text = mutate("- after: briefing", "- after: rumours")
    assert_error(refused(text), position(text, "rumours"), "rubric.criteria[0].stages[0].after",
                 "unknown inject 'rumours'")


def test_a_criterion_expecting_an_unknown_action_is_refused() -> None:
    text = mutate("actions: [freeze, rollback]", "actions: [freeze, panic]")
    assert_error(refused(text), position(text, "panic"), "rubric.criteria[2].actions[1]",
                 "unknown action 'panic'")


def test_a_condition_naming_an_unknown_action_is_refused() -> None:
    text = mutate("when: {chose: [freeze]}", "when: {chose: [thaw]}")
    assert_error(refused(text), position(text, "thaw"), "injects[3].when.chose[0]",
                 "unknown action 'thaw'", "known: approve, continue, freeze, rollback")


def test_a_contingency_naming_an_unknown_action_is_refused() -> None:
    text = mutate("not_acted: [freeze, rollback]", "not_acted: [freeze, revert]")
    assert_error(refused(text), position(text, "revert"), "injects[4].when.not_acted[1]",
                 "unknown action 'revert'")


def test_a_condition_naming_an_unknown_check_is_refused() -> None:
    text = mutate("when: {checks: [slice-eval]}", "when: {checks: [vibe-check]}")
    assert_error(refused(text), position(text, "vibe-check"), "injects[1].when.checks[0]",
                 "unknown check 'vibe-check'", "known: slice-eval")


def test_a_condition_naming_an_unknown_statement_is_refused() -> None:
    text = mutate("when: {no_statement: notice}", "when: {no_statement: tweet}")
    assert_error(refused(text), position(text, "tweet"), "injects[7].when.no_statement",
                 "unknown communication request 'tweet'", "known: notice")


def test_a_role_prompt_keyed_by_an_unknown_inject_is_refused() -> None:
    text = mutate("signals: Halt or wait?", "rumours: Halt or wait?")
    assert_error(refused(text), position(text, "Halt or wait?"), "roles[0].prompts.rumours",
                 "unknown inject 'rumours'")


def test_an_inject_naming_an_unknown_decision_is_refused() -> None:
    text = mutate("decision: go", "decision: maybe")
    assert_error(refused(text), position(text, "maybe"), "injects[0].decision",
                 "unknown decision point 'maybe'", "known: go, halt")


def test_an_inject_requesting_an_unknown_statement_is_refused() -> None:
    text = mutate("requests_statement: notice", "requests_statement: press-release")
    assert_error(refused(text), position(text, "press-release"), "injects[6].requests_statement",
                 "unknown communication request 'press-release'")


def test_a_decision_offering_an_unknown_action_is_refused() -> None:
    text = mutate("options: [approve]", "options: [approve, ship-it]")
    assert_error(refused(text), position(text, "ship-it"), "decisions[0].options[1]",
                 "unknown action 'ship-it'")


def test_a_reference_plan_naming_an_unknown_action_is_refused() -> None:
    text = mutate("{minute: 10, action: rollback}", "{minute: 10, action: undo}")
    assert_error(refused(text), position(text, "undo"), "rubric.reference_plan[0].action",
                 "unknown action 'undo'")


def test_a_harm_weight_on_an_unknown_counter_is_refused() -> None:
    text = mutate("weights: {critical_misrouted: 1", "weights: {critical_misroutes: 1")
    assert_error(refused(text), position(text, "1, high"), "rubric.criteria[3].weights."
                 "critical_misroutes", "unknown harm counter", "critical_misrouted")


def test_an_unknown_evidence_tag_in_the_rubric_is_refused() -> None:
    text = mutate("strong_tags: [technical, service-quality]",
                  "strong_tags: [technical, service]")
    assert_error(refused(text), position(text, "service]"), "rubric.criteria[1].strong_tags[1]",
                 "unknown evidence tag 'service'")


def test_duplicate_inject_ids_are_refused() -> None:
    text = mutate("- id: frozen-followup", "- id: signals  # again")
    assert_error(refused(text), position(text, "signals  # again"), "injects[3].id",
                 "duplicate injects id 'signals'")


def test_duplicate_evidence_ids_across_injects_are_refused() -> None:
    text = mutate("{id: missed,", "{id: f1,")
    assert_error(refused(text), position(text, "f1, tag: service"),
                 "injects[6].evidence[0].id", "duplicate evidence id 'f1'")


def test_duplicate_statement_ids_are_refused() -> None:
    text = mutate("    deadline_minutes: 15\n", "    deadline_minutes: 15\n"
                  "  - {id: notice, title: Again, prompt: Again., deadline_minutes: 5}\n")
    assert_error(refused(text), position(text, "notice, title: Again"), "statements[1].id",
                 "duplicate communication request id 'notice'")


# --- values that cannot make sense ------------------------------------------------------------


def test_an_inject_outside_the_exercise_is_refused() -> None:
    text = mutate("    minute: 40\n", "    minute: 99\n")
    assert_error(refused(text), position(text, "99"), "injects[7].minute",
                 "outside the exercise (-10 to 60)")


def test_an_end_before_the_start_is_refused() -> None:
    text = mutate("end_minute: 60", "end_minute: -20")
    assert_error(refused(text), position(text, "-20"), "end_minute",
                 "must be later than start_minute")


def test_a_statement_with_no_fields_to_fill_is_refused() -> None:
    text = mutate("    deadline_minutes: 15\n", "    deadline_minutes: 15\n    fields: []\n")
    assert_error(refused(text), position(text, "[]"), "statements[0].fields",
                 "at least one field")


def test_an_exposure_condition_given_as_a_percentage_is_refused() -> None:
    text = mutate("exposure_at_least: 0.9", "exposure_at_least: 90")
    assert_error(refused(text), position(text, "90"), "injects[5].when.exposure_at_least",
                 "from 0 to 1")


def test_a_home_segment_that_is_not_a_segment_is_refused() -> None:
    text = mutate("home_segment: en", "home_segment: klingon")
    assert_error(refused(text), position(text, "klingon"), "stream.home_segment",
                 "'klingon' is not one of the segments")


# --- numbers that read as other than they show ------------------------------------------------


@pytest.mark.parametrize(("written", "says"), [
    ("1:30", "1:30 reads as the base-60 number 90; write minutes as a decimal (1.5 for 1:30)"),
    ("-1:30.5", "reads as the base-60 number -90.5"),
    ("010", "010 reads as the octal number 8; drop the leading zero"),
])
def test_yaml_11_base_60_and_octal_numbers_are_refused(written: str, says: str) -> None:
    text = mutate("end_minute: 60", f"end_minute: {written}")
    assert_error(refused(text), position(text, written), "end_minute", says,
                 "or quote it if you mean text")


@pytest.mark.parametrize(("written", "value"), [
    ("60", 60), ("60.5", 60.5), ("+60", 60), ("6.0e+1", 60), ('"60"', None)])
def test_other_numbers_read_as_written(written: str, value: float | None) -> None:
    text = mutate("end_minute: 60", f"end_minute: {written}")
    if value is None:  # quoted: text where a number belongs
        assert "expected a number" in refused(text).message
    else:
        assert parse_scenario(text, FILE).end_minute == value


@pytest.mark.parametrize("written", ["0x3C", "0b111100", "6_0", "1_0.5", "-0x3C"])
def test_numbers_not_in_decimal_digits_are_refused(written: str) -> None:
    text = mutate("end_minute: 60", f"end_minute: {written}")
    assert_error(refused(text), position(text, written), "end_minute",
                 "is not a decimal number; write numbers in decimal digits")


def test_a_runbook_line_naming_an_unknown_action_is_refused() -> None:
    text = mutate("end_minute: 60", "end_minute: 60\nrunbook:\n"
                  "  - \"Halt: roll back\"\n"
                  "  - {text: Review, done_by: [rollback, rolback]}")
    err = refused(text)
    assert err.field_path == "runbook[1].done_by[1]", str(err)
    assert "unknown action or communication request 'rolback'" in err.message


def test_checks_with_must_be_an_option_of_its_decision() -> None:
    text = mutate("    options: [approve]\n", "    options: [approve]\n    checks_with: block\n")
    assert_error(refused(text), position(text, "block"), "decisions[0].checks_with",
                 "unknown option of this decision 'block'; known: approve")


def test_a_scenario_word_left_empty_is_refused_with_its_field() -> None:
    text = MINI + 'terms: {feed_title: "  "}\n'
    assert_error(refused(text), position(text, '"  "'), "terms.feed_title",
                 "expected words to show")


def test_a_column_heading_too_wide_for_the_feed_is_refused() -> None:
    text = MINI + "terms: {assigned_column: Assigned to queue}\n"
    assert_error(refused(text), position(text, "Assigned to queue"), "terms.assigned_column",
                 "too long for a column")


def test_an_unknown_scenario_word_is_refused_with_the_known_ones() -> None:
    text = MINI + "terms: {feed_titel: Moderation}\n"
    assert_error(refused(text), position(text, "feed_titel"), "terms.feed_titel",
                 "unknown field; expected one of feed_title")


def test_a_scenario_that_names_no_words_shows_neutral_ones() -> None:
    terms = parse_scenario(MINI, FILE).terms
    assert (terms.feed_title, terms.corrections_title, terms.switch) == (
        "Live feed", "Corrections by people", "")


def test_values_nested_deeply_in_block_style_are_refused_with_the_loaders_own_message() -> None:
    nested = "".join(f"\n{'  ' * (depth + 1)}k{depth}:" for depth in range(80)) + " x"
    text = mutate("learning_goals: [halt a harmful rollout]", "learning_goals:" + nested)
    err = refused(text)
    assert "nested more than 64 levels deep" in err.message


def test_quoted_brackets_do_not_count_as_nesting() -> None:
    deep_text = "'" + "[" * 200 + "'"
    text = mutate("learning_goals: [halt a harmful rollout]", f"learning_goals: [{deep_text}]")
    assert parse_scenario(text, FILE).learning_goals == ("[" * 200,)


def test_nesting_past_the_parsers_own_limit_is_placed_past_quoted_brackets() -> None:
    quoted = "'" + "[" * 300 + "'"
    value = f"[{quoted}, " + "[" * 5000 + "]" * 5000 + "]"
    text = mutate("learning_goals: [halt a harmful rollout]", f"learning_goals: {value}")
    err = refused(text)
    assert "nested more than 64 levels deep" in err.message
    line, column = position(text, quoted)
    assert err.line == line
    assert err.column is not None
    assert column + len(quoted) < err.column < column + len(quoted) + 80


def test_a_criterion_naming_a_learning_goal_the_scenario_lacks_is_refused() -> None:
    text = mutate("      kind: harm\n", "      kind: harm\n      goals: [2]\n")
    assert_error(refused(text), position(text, "2]"), "rubric.criteria[3].goals[0]",
                 "learning goal 2 does not exist; expected 1 to 1")


def test_debrief_goals_past_the_last_goal_are_refused() -> None:
    text = mutate("debrief_questions:", "debrief_goals: [1, 3]\ndebrief_questions:")
    assert_error(refused(text), position(text, "3]"), "debrief_goals[1]",
                 "learning goal 3 does not exist")


def test_a_rollout_stage_before_the_last_that_never_ends_is_refused() -> None:
    text = mutate("debrief_questions:", "rollout:\n  stages:\n    - {share: 0.2}\n"
                  "    - {share: 1.0}\ndebrief_questions:")
    assert_error(refused(text), position(text, "{share: 0.2}"),
                 "rollout.stages[0].hold_minutes", "never ends")


def test_the_last_rollout_stage_holding_for_some_minutes_is_refused() -> None:
    text = mutate("debrief_questions:", "rollout:\n  stages:\n"
                  "    - {share: 0.2, hold_minutes: 9}\ndebrief_questions:")
    line, column = position(text, "hold_minutes: 9")
    assert_error(refused(text), (line, column + len("hold_minutes: ")),
                 "rollout.stages[0].hold_minutes", "holds to the end")


def test_a_variation_without_a_story_is_refused() -> None:
    text = MINI + "variation: {per_minute: [10, 14]}\n"
    assert_error(refused(text), position(text, "{per_minute"), "variation",
                 "solo drills vary the stream, so the scenario needs a story")


def test_a_story_that_leaves_a_telling_figure_unkept_is_refused() -> None:
    text = mutate("text: manual overrides rise}", "text: 'overrides {overrides_phrase}'}")
    text += ("variation: {per_minute: [10, 14]}\n"
             "story:\n  - {figure: critical_change_percent, minute: 10, at_least: 1}\n")
    error = refused(text)
    assert error.field_path == "injects[2].evidence[0].text", str(error)
    assert "the story has no line on overrides" in error.message


def test_plain_text_cut_short_by_a_hashtag_is_refused_naming_where() -> None:
    text = mutate("title: Mini release", "title: Post the stub in #ai-alerts today")
    line, column = position(text, "#ai-alerts")
    assert_error(refused(text), (line, column), "title", "the text stops at ' #ai-alerts'",
                 "quote the whole text")


def test_quoted_hashtags_and_real_comments_load() -> None:
    text = mutate("title: Mini release", 'title: "Post the stub in #ai-alerts"  # a comment')
    assert parse_scenario(text, FILE).title == "Post the stub in #ai-alerts"
