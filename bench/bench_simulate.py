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
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run(COMMAND, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    print(f"tabletop simulate: median {statistics.median(times):.3f} s over {args.runs} runs "
          f"(min {min(times):.3f}, max {max(times):.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
