"""Median wall time of `tabletop simulate` runs, as a user would start them.

    .venv/bin/python bench/bench_simulate.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

COMMAND = [sys.executable, "-m", "tabletop", "simulate", "student-support-release",
           "--action", "22:freeze", "--action", "26:rollback", "--json"]


def main() -> int:
    """Time the runs and print the median."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(wall_times("tabletop simulate", COMMAND, args.runs))
    return 0


def wall_times(name: str, command: list[str], runs: int) -> str:
    """The median, least and most wall time of `runs` runs of `command`, each a new process
    started as a user starts it, in a line."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return (f"{name}: median {statistics.median(times):.3f} s over {runs} runs "
            f"(min {min(times):.3f}, max {max(times):.3f})")


if __name__ == "__main__":
    raise SystemExit(main())
