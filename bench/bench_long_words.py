"""Wall time of `tabletop timeline` and `report --format html` on text made of very long words.

    .venv/bin/python bench/bench_long_words.py [--runs 3] [--length 20000]

Issue 18: wrapping cut an over-long word one character at a time, measuring the whole rest each
time, so one 2,000-character word made `timeline` take 6-7 s and 10,000 more than 120 s. Here
the default scenario is rewritten in a temporary folder with words of --length characters
(a run of letters, the same run of combining marks, a line of two-letter words with no newline)
in its title, summary, injects' titles, narratives, evidence, actions' labels, decision prompts
and statement request; a session of it is played (the long labels as the harm chart's marks, a
justification, a statement and a debrief answer of the same word) and saved to a temporary
store. Each command runs as a user runs it, in a new process; the median of --runs is printed.
Budget: each under 1 s of wall time; exits 1 when a median is over it.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tabletop.exercise.clock import FakeTime  # noqa: E402
from tabletop.exercise.engine import Choice  # noqa: E402
from tabletop.exercise.replay import PlannedStatement, PlannedStep  # noqa: E402
from tabletop.journal.events import answer_event  # noqa: E402
from tabletop.journal.setup import new_run, play_to  # noqa: E402
from tabletop.journal.sqlite_journal import save_session  # noqa: E402
from tabletop.journal.store import DB_NAME, Store  # noqa: E402
from tabletop.scenario.bundled import DEFAULT_SCENARIO, bundled_scenarios  # noqa: E402
from tabletop.scenario.loader import load_scenario  # noqa: E402

BUDGET = 1.0
"""Seconds of wall time each command may take (issue 18)."""


def texts(length: int) -> tuple[str, str, str]:
    """A word of letters, a letter under a run of combining acute accents, and one line of
    two-letter words, each `length` characters."""
    return (("incomprehensibilities" * length)[:length], "e" + "\u0301" * (length - 1),
            ("ab " * length)[:length])


def long_scenario(length: int) -> dict[str, Any]:
    """The default scenario with its text replaced by long words (within the loader's 1 MB)."""
    word, marks, line = texts(length)
    data: dict[str, Any] = yaml.safe_load(
        bundled_scenarios()[DEFAULT_SCENARIO].read_text(encoding="utf-8"))
    data["title"] = f"Long {word}"
    data["summary"] = line
    for n, inject in enumerate(data["injects"]):
        inject["title"] = marks if n == 1 else word
        if inject.get("narrative") and n < 3:
            inject["narrative"] = line
        for evidence in inject.get("evidence", [])[:1]:
            evidence["text"] = f"see {word} and"
    for action in data["actions"]:
        action["label"] = f"{action['label']} {word}"
    for n, point in enumerate(data["decisions"]):
        point["prompt"] = marks if n == 0 else word
    for request in data["statements"]:
        request["title"] = word
    return data


def write_session(folder: Path, length: int) -> Path:
    """Write the long scenario and a played session of it; returns the scenario's file."""
    path = folder / "long-words.yaml"
    path.write_text(yaml.safe_dump(long_scenario(length), allow_unicode=True, width=10**9,
                                   sort_keys=False), encoding="utf-8")
    scenario = load_scenario(path)
    word = texts(length)[0]
    session = new_run(scenario, ref=str(path), time_source=FakeTime())
    play_to(session, scenario.end_minute, [
        PlannedStep(-10, Choice("approve-with-checks", ("r1-f1",), word, "high",
                                ("slice-eval",))),
        PlannedStep(22, Choice("freeze", ("r2-urgent-to-general",), word)),
        PlannedStep(56, Choice("rollback", ("r3-missed-escalations",), word))],
        [PlannedStatement(57, "incident-statement", word)])
    with Store(folder / DB_NAME) as store:
        session_id = save_session(store, session)
        store.append(session_id, answer_event(scenario.end_minute, 0, word))
    return path


def timed(command: list[str], runs: int) -> list[float]:
    """Wall seconds of each run of `command` (a new process each)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    """Build the scenario and session, time both commands, print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--length", type=int, default=20_000)
    args = parser.parse_args()
    over = False
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = write_session(folder, args.length)
        tabletop = [sys.executable, "-m", "tabletop"]
        commands = {
            "timeline": [*tabletop, "timeline", str(path), "-o", str(folder / "board.svg")],
            "report --format html": [*tabletop, "report", "--data-dir", str(folder),
                                     "--format", "html", "-o", str(folder / "report.html")],
        }
        for label, command in commands.items():
            times = timed(command, args.runs)
            median = statistics.median(times)
            over = over or median > BUDGET
            print(f"tabletop {label} ({args.length:,}-character words): median {median:.3f} s "
                  f"over {args.runs} runs (min {min(times):.3f}, max {max(times):.3f}); "
                  f"budget {BUDGET:g} s{'  OVER' if median > BUDGET else ''}")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
