"""The text of a scenario file: its encoding is named when it is not UTF-8, its expanded size is
bounded counting every use of an alias, and an error never quotes a long value whole."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tabletop.scenario.bounds import MAX_LIST_ITEMS
from tabletop.scenario.errors import ScenarioError
from tabletop.scenario.loader import load_scenario, parse_scenario
from tabletop.scenario.yaml_source import MAX_EXPANDED_CHARS
from tests.helpers import FILE, MINI, mutate, position, refused

SAFETY_BOUND_SECONDS = 2.0
"""Hostile files must be refused quickly; a safety bound, not a performance budget."""


def load_refused(path: Path) -> ScenarioError:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    return caught.value


@pytest.mark.parametrize(("encoding", "name"), [
    ("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"),
    ("utf-32", "UTF-32"), ("utf-32-le", "UTF-32")])
def test_a_file_in_a_wide_encoding_is_named_with_what_to_do(
        tmp_path: Path, encoding: str, name: str) -> None:
    path = tmp_path / "wide.yaml"
    path.write_bytes(MINI.encode(encoding))
    err = load_refused(path)
    assert (err.file, err.line, err.column) == (str(path), 1, 1)
    assert err.message.startswith(f"the file is {name}; save it as UTF-8")


def test_a_utf16_file_starting_with_chinese_text_is_still_named(tmp_path: Path) -> None:
    path = tmp_path / "wide.yaml"
    path.write_bytes(mutate("id: mini", "id: 网络发布网络发布").encode("utf-16-le"))
    assert "UTF-16" in load_refused(path).message


def test_binary_content_with_scattered_nul_bytes_is_still_binary(tmp_path: Path) -> None:
    path = tmp_path / "binary.yaml"
    path.write_bytes(MINI.encode() + b"\x00\x01\x02")
    assert "binary content (NUL byte)" in load_refused(path).message


def test_a_long_text_aliased_a_hundred_times_is_refused_quickly() -> None:
    text = mutate("learning_goals: [halt a harmful rollout]",
                  "learning_goals: [&a " + "x" * 400_000 + ", " + ", ".join(["*a"] * 99) + "]")
    started = time.perf_counter()
    err = refused(text)
    assert time.perf_counter() - started < SAFETY_BOUND_SECONDS
    assert (err.line, err.field_path) == (position(text, "learning_goals")[0], "learning_goals[4]")
    assert f"expands to more than {MAX_EXPANDED_CHARS} characters" in err.message
    assert "an alias counts each time it is used" in err.message


def test_a_text_reused_a_few_times_by_alias_loads() -> None:
    text = mutate("learning_goals: [halt a harmful rollout]",
                  "learning_goals: [&a " + "x" * 100_000 + ", *a, *a, *a]")
    assert len(parse_scenario(text, FILE).learning_goals) == 4


def test_an_error_quoting_a_long_value_is_cut_short() -> None:
    text = mutate("home_segment: en", "home_segment: " + "k" * 50_000)
    err = refused(text)
    assert err.field_path == "stream.home_segment"
    assert len(str(err)) < 200  # the start of the token refused, no more
    assert "'" + "k" * 59 + "…" in err.message  # 60 characters of the word, quote and all


def test_an_error_quoting_a_long_value_of_many_words_is_cut_short() -> None:
    text = mutate("home_segment: en", "home_segment: " + "k " * 25_000 + "k")
    err = refused(text)
    assert err.field_path == "stream.home_segment"
    assert len(str(err)) < 2_200
    assert "more characters)" in err.message


def test_a_list_longer_than_a_person_would_write_is_refused_at_its_start() -> None:
    goals = ", ".join(["a goal"] * (MAX_LIST_ITEMS + 1))
    text = mutate("learning_goals: [halt a harmful rollout]", f"learning_goals: [{goals}]")
    err = refused(text)
    assert (err.line, err.column) == position(text, "[a goal")
    assert err.field_path == "learning_goals"
    assert err.message.startswith(f"{MAX_LIST_ITEMS + 1} items; expected at most "
                                  f"{MAX_LIST_ITEMS}")


def test_a_mapping_longer_than_a_person_would_write_is_refused() -> None:
    classes = ", ".join(f"c{n}: 0.1" for n in range(MAX_LIST_ITEMS))
    text = mutate("classes: {urgent: 1, general: 1}",
                  f"classes: {{urgent: 1, general: 1, {classes}}}")
    assert refused(text).field_path == "stream.classes"


def test_a_list_of_a_hundred_loads() -> None:
    goals = ", ".join(["a goal"] * MAX_LIST_ITEMS)
    text = mutate("learning_goals: [halt a harmful rollout]", f"learning_goals: [{goals}]")
    assert len(parse_scenario(text, FILE).learning_goals) == MAX_LIST_ITEMS
