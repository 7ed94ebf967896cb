"""Process CPU of the core's ticket simulation on the paths the tests take, median of runs.

    .venv/bin/python bench/bench_simulation.py [--runs 5]

play_to: a new session of the default scenario played to T+30 (what each UI test does before
opening the app) and to its end, T+90; with seed 7 each time, as the UI tests play, and with a
new seed each run, when nothing of the stream was drawn before. score: a finished run scored
from a freshly loaded scenario, so the scoring's per-scenario caches (nobody acting, the best
case) are computed, as for the first run of a session. "score with outcomes": the same for the
pricing scenario, whose stream declares outcomes (their own draws, counted per item), and
"score with remedies": the chatbot test scenario, whose best case takes remediations that stop
and thin an outcome (about 1,300 and 1,700 items against the default scenario's 4,400).
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from tabletop.exercise.clock import FakeTime
from tabletop.exercise.replay import parse_action, play
from tabletop.journal.setup import new_run, play_to
from tabletop.scenario.bundled import bundled_scenarios
from tabletop.scenario.loader import load_scenario
from tabletop.scoring.rubric import score

SCENARIO = "student-support-release"
ACTIONS = ("-5:approve", "22:freeze", "26:rollback")


def _play_to(minute: float, fresh_seeds: bool = False) -> Callable[[], object]:
    """A job playing one scenario object to `minute`: seed 7 every time, as the UI tests do,
    or a new seed each run (nothing drawn before)."""
    scenario = load_scenario(bundled_scenarios()[SCENARIO])
    seeds = itertools.count(1000) if fresh_seeds else itertools.repeat(7)
    return lambda: play_to(new_run(scenario, seed=next(seeds), time_source=FakeTime()), minute)


def _score() -> object:
    scenario = load_scenario(bundled_scenarios()[SCENARIO])
    return score(play(scenario, 7, [parse_action(a) for a in ACTIONS]))


def _score_file(path: Path, actions: tuple[str, ...]) -> Callable[[], object]:
    def job() -> object:
        return score(play(load_scenario(path), 7, [parse_action(a) for a in actions]))
    return job


PRICING = ("pricing-assistant-incident", ("2:rollback",))
CHATBOT = (Path(__file__).parents[1] / "tests" / "scenarios" / "discount-chatbot.yaml",
           ("-5:approve", "12:add-filter"))


def _median_cpu(job: Callable[[], object], runs: int) -> tuple[float, float, float]:
    times = []
    for _ in range(runs):
        start = time.process_time()
        job()
        times.append(time.process_time() - start)
    return statistics.median(times), min(times), max(times)


def main() -> int:
    """Time each path and print its median process CPU."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    jobs: dict[str, Callable[[], object]] = {
        "play_to(30)": _play_to(30.0), "play_to(90)": _play_to(90.0),
        "play_to(30) new seed": _play_to(30.0, True), "play_to(90) new seed": _play_to(90.0, True),
        "score a run": _score,
        "score with outcomes": _score_file(bundled_scenarios()[PRICING[0]], PRICING[1]),
        "score with remedies": _score_file(*CHATBOT)}
    for name, job in jobs.items():
        job()  # warm: imports, compiled record __init__s
        median, low, high = _median_cpu(job, args.runs)
        print(f"{name:21} median {median * 1000:7.1f} ms CPU over {args.runs} runs "
              f"(min {low * 1000:.1f}, max {high * 1000:.1f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
