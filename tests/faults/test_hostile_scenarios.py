"""Hostile scenario files, generated here, through the real command line and the loader.

Each file is refused by `tabletop validate`, `simulate` and `run` with exit 2 and one line that
names file:line:col and the field, never a traceback; the large ones are refused by the real
program within 5 s and 500 MB. A scenario at the edge of every range is played, scored and
journalled with finite figures. Issue 12's table, rows 1 to 6, 8 (`default_seed`) and 16, and
a handful more. Set TABLETOP_LONG_TESTS=1 to play the largest stream the loader accepts too.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tabletop.cli import main
from tabletop.exercise.engine import Choice
from tabletop.journal.setup import new_run, play_to
from tabletop.reports.facts import report_from_session
from tabletop.reports.json_format import to_json
from tabletop.scenario.bounds import MAX_DURATION, MAX_MINUTE, MAX_POINTS, MAX_SEED
from tabletop.scenario.errors import ScenarioError
from tabletop.scenario.loader import load_scenario, parse_scenario
from tabletop.scenario.yaml_source import MAX_DEPTH, MAX_FILE_BYTES
from tests.helpers import MINI, mutate, nested_alias_bomb

LONG = os.environ.get("TABLETOP_LONG_TESTS") == "1"
"""Run the slow cases too (the largest stream a scenario may make)."""
SECONDS = 5.0
"""No scenario file under 1 MB makes a command take longer (issue 12, done when)."""
MEMORY = 500 * 2**20
"""... or more memory: the program runs with this much address space at most."""

ERROR_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<column>\d+): "
                        r"(?:(?P<field>[\w.\[\]-]+): )?(?P<message>.+)$")
"""`file:line:col: field: message`; the field is absent for a problem of the whole file."""

VALIDATE = ("validate",)
BOTH = ("validate", "simulate")
"""Each large file is refused by the real `validate`; the two that once took `simulate` and
`run` minutes and gigabytes (issue 12, rows 2 and 3) by the real `simulate` too."""

OVERRIDES = "text: manual overrides rise}"
SHARE = "  high_priority_share: 0.2\n"


@dataclass(frozen=True)
class Hostile:
    """A hostile file and how it must be refused."""

    name: str
    """What the file does."""
    make: Callable[[], bytes]
    """Its content, made when the test runs."""
    field: str
    """The field the refusal names ('' for a problem of the whole file)."""
    says: str
    """Words the refusal must say."""
    real: tuple[str, ...] = ()
    """Commands that also refuse it as the real program, within `SECONDS` and `MEMORY`."""


def text(old: str, new: str, base: str = MINI) -> Callable[[], bytes]:
    return lambda: mutate(old, new, base).encode("utf-8")


def appended(extra: str) -> Callable[[], bytes]:
    return lambda: (MINI + extra).encode("utf-8")


def alias_bomb(uses: int) -> Callable[[], bytes]:
    """A 400 KB text aliased `uses` times: 800 MB once expanded 2,000 times."""
    goals = "learning_goals: [&a " + "x" * 400_000 + ", " + ", ".join(["*a"] * uses) + "]"
    return text("learning_goals: [halt a harmful rollout]", goals)


def billion_laughs() -> bytes:
    """An alias bomb that fits the format (`tests.helpers.nested_alias_bomb`)."""
    return nested_alias_bomb().encode()


def packed() -> bytes:
    """Just under a megabyte of values."""
    values = ", ".join(["x"] * 300_000)
    return mutate("learning_goals: [halt a harmful rollout]",
                  f"learning_goals: [{values}]").encode("utf-8")


CASES = [
    # row 1, 2: evidence templates
    Hostile("a figure with a format spec", text(OVERRIDES, "text: 'x {overrides:Z}'}"),
            "injects[2].evidence[0].text", "'{overrides:Z}' formats the figure"),
    Hostile("a figure padded to 300 million characters",
            text(OVERRIDES, "text: 'x {overrides_phrase:>300000000}'}"),
            "injects[2].evidence[0].text", "expected one of the figure names", real=BOTH),
    Hostile("a figure with a conversion", text(OVERRIDES, "text: 'x {overrides!r}'}"),
            "injects[2].evidence[0].text", "without a format spec or conversion"),
    # row 3: expansion
    Hostile("a 400 KB text aliased 2,000 times", alias_bomb(2000), "learning_goals",
            "2001 items; expected at most 100", real=BOTH),
    Hostile("a 400 KB text aliased 99 times", alias_bomb(99), "learning_goals[4]",
            "expands to more than 2000000 characters", real=VALIDATE),
    Hostile("a billion laughs that fits the format", billion_laughs,
            "rubric.criteria[2].stages[15].outcomes.o18.why", "more than 25000 values",
            real=VALIDATE),
    Hostile("a megabyte packed with values", packed, "", "more than 25000 values",
            real=VALIDATE),
    Hostile("values nested thousands deep",
            text("learning_goals: [halt a harmful rollout]",
                 "learning_goals: " + "[" * 5000 + "]" * 5000),
            "", f"nested more than {MAX_DEPTH} levels", real=VALIDATE),
    # row 4, 5: scores and minutes
    Hostile("a criterion maximum of 1e308", text("max: 25", "max: 1.0e+308"),
            "rubric.criteria[0].max", "expected points more than 0 and at most 1000"),
    Hostile("an end minute of 1e12", text("end_minute: 60", "end_minute: 1.0e+12"),
            "end_minute", f"expected a scenario minute from -{MAX_MINUTE} to {MAX_MINUTE}"),
    Hostile("a criterion maximum that is not a number", text("max: 25", "max: .nan"),
            "rubric.criteria[0].max", "expected a finite number"),
    Hostile("an outcome worth more than its criterion",
            text("freeze: {points: 25,", "freeze: {points: 250,"),
            "rubric.criteria[0].stages[1].outcomes.freeze.points", "more than the criterion"),
    Hostile("a harm weight of 1e300",
            text("high_priority_missed: 5}", "high_priority_missed: 1.0e+300}"),
            "rubric.criteria[3].weights.high_priority_missed", "expected a weight from 0"),
    # row 6: probabilities, durations, latency
    Hostile("a probability of 7", text("other: {misroute: 0.8", "other: {misroute: 7"),
            "stream.candidate.other.misroute", "7 is out of range; expected a chance from 0"),
    Hostile("a probability of -3", text("override: 0.5}", "override: -3}"),
            "stream.candidate.other.override", "-3 is out of range"),
    Hostile("a ramp of no time", appended("rollout: {ramp_minutes: 0}\n"),
            "rollout.ramp_minutes", "expected minutes more than 0"),
    Hostile("a negative drain", appended("rollout: {drain_minutes: -5}\n"),
            "rollout.drain_minutes", "expected minutes more than 0"),
    Hostile("a deadline of no time", text("deadline_minutes: 15", "deadline_minutes: 0"),
            "statements[0].deadline_minutes", "expected minutes more than 0"),
    Hostile("a negative scoring window", text("window_minutes: 10", "window_minutes: -10"),
            "rubric.criteria[2].window_minutes", "expected minutes more than 0"),
    Hostile("a scoring window longer than the exercise",
            text("window_minutes: 10", "window_minutes: 1000"),
            "rubric.criteria[2].window_minutes", "longer than the exercise"),
    Hostile("a latency of 1e300 ms", text(SHARE, SHARE + "  latency_ms: 1.0e+300\n"),
            "stream.latency_ms", "expected milliseconds more than 0 and at most 60000"),
    Hostile("a fault's latency of a day",
            text(SHARE, SHARE + "  faults: [{from_minute: 5, latency_ms: 86400000}]\n"),
            "stream.faults[0].latency_ms", "expected milliseconds from 0 to 60000"),
    Hostile("a fault that ends before it starts",
            text(SHARE, SHARE + "  faults: [{from_minute: 30, to_minute: 5}]\n"),
            "stream.faults[0].to_minute", "not after from_minute"),
    Hostile("a stream too large to simulate", text("per_minute: 12", "per_minute: 49999"),
            "stream.per_minute", "expected at most 50000"),
    Hostile("a variation beyond its parameter's range",
            appended("variation: {candidate.other.override: [0.5, 7]}\n"),
            "variation.candidate.other.override[1]", "expected a chance from 0 to 1"),
    # row 8: the seed the store keeps
    Hostile("a default seed of 20 digits", appended("default_seed: 99999999999999999999\n"),
            "default_seed", f"expected a seed from 0 to {MAX_SEED}"),
    # row 16: encodings and numbers as written
    Hostile("a UTF-16 file with its byte order mark", lambda: MINI.encode("utf-16"),
            "", "the file is UTF-16; save it as UTF-8"),
    Hostile("a UTF-16 file without a byte order mark", lambda: MINI.encode("utf-16-le"),
            "", "the file is UTF-16; save it as UTF-8"),
    Hostile("1e9 where a number belongs", text("per_minute: 12", "per_minute: 1e9"),
            "stream.per_minute", "write 1.0e+9 or 1000000000"),
    Hostile("a number of 130 digits", appended("default_seed: " + "9" * 130 + "\n"),
            "default_seed", "a number with 130 digits is out of range"),
    Hostile("a number of 5,000 digits where text belongs",
            text("title: Mini release", "title: " + "7" * 5000),
            "title", "expected text, got a number with 5000 digits"),
    # and more
    Hostile("a hundred and one roles", text("roles:\n", "roles:\n" + "".join(
        f"  - {{id: r{n}, title: R, brief: B}}\n" for n in range(100))),
            "roles", "101 items; expected at most 100"),
    Hostile("a tag that would run a command",
            text("title: Mini release", "title: !!python/object/apply:os.system [id]"),
            "title", "not allowed"),
    Hostile("a megabyte of text where a number belongs",
            text("per_minute: 12", "per_minute: " + "9x" * 400_000),
            "stream.per_minute", "(800000 characters)", real=VALIDATE),
]


def case_id(case: Hostile) -> str:
    return case.name.replace(" ", "-")


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each case written to its own file, once for the module."""
    directory = tmp_path_factory.mktemp("hostile")
    written = {}
    for n, case in enumerate(CASES):
        path = directory / f"hostile-{n:02d}.yaml"
        path.write_bytes(case.make())
        assert path.stat().st_size < MAX_FILE_BYTES, case.name
        written[case.name] = path
    return written


def assert_refusal(err: str, path: Path, case: Hostile) -> None:
    """One line: the file, a line and column, the case's field and words; no traceback."""
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1, err[:500]
    match = ERROR_LINE.match(err.strip())
    assert match, err[:500]
    assert match["file"] == str(path)
    assert int(match["line"]) >= 1
    assert int(match["column"]) >= 1
    assert (match["field"] or "") == case.field, err[:500]
    assert case.says in match["message"], err[:500]
    assert len(err) < 2_500


@pytest.mark.parametrize("command", ["validate", "simulate", "run"])
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_a_hostile_file_is_refused_with_exit_2_naming_where_and_what(
    case: Hostile, command: str, files: dict[str, Path], capsys: pytest.CaptureFixture[str],
) -> None:
    path = files[case.name]
    assert main([command, str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert_refusal(captured.err, path, case)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_a_hostile_file_is_refused_by_the_loader_with_its_position(
        case: Hostile, files: dict[str, Path]) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(files[case.name])
    err = caught.value
    assert (err.file, err.field_path) == (str(files[case.name]), case.field)
    assert err.line is not None
    assert err.column is not None
    assert case.says in err.message


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def real(*args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    """`tabletop ARGS` as its own process, with `MEMORY` of address space at most."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "tabletop", *args], capture_output=True,
                          text=True, timeout=4 * SECONDS, preexec_fn=limit_memory, check=False)
    return done, time.perf_counter() - started


@pytest.mark.parametrize(("case", "command"), [
    pytest.param(case, command, id=f"{case_id(case)}-{command}")
    for case in CASES for command in case.real])
def test_a_large_hostile_file_is_refused_by_the_real_program_within_5_s_and_500_mb(
        case: Hostile, command: str, files: dict[str, Path]) -> None:
    done, seconds = real(command, str(files[case.name]))
    assert done.returncode == 2, done.stderr[-2000:]
    assert_refusal(done.stderr, files[case.name], case)
    assert seconds < SECONDS


# --- a scenario at the edge of every range ----------------------------------------------------


def edge_scenario(per_minute: float) -> str:
    """MINI with every number at the largest value its range allows (and the stream's rate)."""
    out = mutate("start_minute: -10", f"start_minute: -{MAX_MINUTE}")
    out = mutate("end_minute: 60", f"end_minute: {MAX_MINUTE}", out)
    out = mutate("per_minute: 12", f"per_minute: {per_minute}", out)
    out = mutate(SHARE, SHARE + f"  latency_ms: 60000\n  latency_jitter_ms: 60000\n"
                 f"  error_rate: 1\n  faults: [{{from_minute: -{MAX_MINUTE}, "
                 f"to_minute: {MAX_MINUTE}, latency_ms: 60000, error_rate: 1, leak_rate: 1}}]\n",
                 out)
    out = re.sub(r"max: \d+", f"max: {MAX_POINTS}", out)
    out = re.sub(r"points: \d+", f"points: {MAX_POINTS}", out)
    out = mutate("weights: {critical_misrouted: 1, high_priority_missed: 5}",
                 f"weights: {{critical_misrouted: {MAX_POINTS}, high_priority_missed: "
                 f"{MAX_POINTS}, leaks: {MAX_POINTS}, failed: {MAX_POINTS}}}", out)
    out = mutate("window_minutes: 10", f"window_minutes: {MAX_DURATION}", out)
    out = mutate("late_floor: 0.3", "late_floor: 1", out)
    out = mutate("deadline_minutes: 15", f"deadline_minutes: {MAX_DURATION}", out)
    out = mutate("min_percent: 80", "min_percent: 100", out)
    return out + (f"default_seed: {MAX_SEED}\nrollout: {{deploy_minute: -{MAX_MINUTE}, "
                  f"initial_exposure: 1, ramp_minutes: {MAX_DURATION}, "
                  f"drain_minutes: {MAX_DURATION}}}\n")


def finite_json(text: str) -> object:
    """`text` parsed, refusing the Infinity and NaN that Python's json writes by default."""
    def refuse(constant: str) -> object:
        raise AssertionError(f"{constant} in JSON")
    return json.loads(text, parse_constant=refuse)


def test_a_scenario_at_the_edge_of_every_range_ends_with_finite_figures() -> None:
    scenario = parse_scenario(edge_scenario(per_minute=0.05), "edge.yaml")
    session = play_to(new_run(scenario), 0.0, ())
    session.act(Choice("rollback"))
    card = session.end()
    assert 0 <= card.total <= card.max == 5 * MAX_POINTS
    for event in session.journal.events():  # as the store writes them
        json.dumps(event.data, allow_nan=False)
    finite_json(to_json(report_from_session(session, card)))


def test_simulate_of_a_scenario_at_the_edge_of_every_range_prints_finite_json(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "edge.yaml"
    path.write_text(edge_scenario(per_minute=0.05), encoding="utf-8")
    assert main(["simulate", str(path), "--action", "0:rollback", "--json"]) == 0
    finite_json(capsys.readouterr().out)


@pytest.mark.skipif(not LONG, reason="set TABLETOP_LONG_TESTS=1: plays 50,000 items")
def test_simulate_of_the_largest_stream_accepted_keeps_within_5_s_and_500_mb(
        tmp_path: Path) -> None:
    path = tmp_path / "edge.yaml"
    # The history starts 20 minutes before deployment: 5.7 a minute over 8,660 minutes.
    path.write_text(edge_scenario(per_minute=5.7), encoding="utf-8")
    done, seconds = real("simulate", str(path), "--action", "0:rollback", "--json")
    assert done.returncode == 0, done.stderr[-2000:]
    finite_json(done.stdout)
    assert seconds < SECONDS
