"""The gate designer's budgets: the what-if replay recomputed after a threshold edit (in
process, the scenario loaded once, as the designer screen would), and `tabletop gates` run as a
user starts it (wall time, a new process each run).

    .venv/bin/python bench/bench_gates.py [--runs 5]

Budgets (issue 21): the replay within 50 ms of an edit; `tabletop gates` under 0.3 s.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time

from bench_simulate import wall_times  # bench/ is the script's folder

from tabletop.exercise.gates import healthy_scenario, replay_with_gates
from tabletop.scenario.bundled import bundled_scenarios
from tabletop.scenario.gate_loader import default_design_path, load_gate_design
from tabletop.scenario.loader import load_scenario

COMMAND = [sys.executable, "-m", "tabletop", "gates", "student-support-release", "--json"]


def main() -> int:
    """Time both and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for ident in ("student-support-release", "pricing-assistant-incident"):
        scenario = load_scenario(bundled_scenarios()[ident])
        path = default_design_path(scenario)
        assert path is not None
        design = load_gate_design(path, scenario)
        healthy = healthy_scenario(scenario)
        # Warm, as the designer is when it opens (it replays the design on both at once):
        # each scenario's tickets are drawn once.
        replay_with_gates(scenario, None, design)
        replay_with_gates(healthy, None, design)
        times = []
        for run in range(args.runs):
            # An edit: the first trigger's limit moved, no evaluation gate (the whole run plays).
            edited = dataclasses.replace(design, pre_deploy=(), rollback_triggers=tuple(
                dataclasses.replace(t, at_most=(t.at_most or 0) + run + 1)
                for t in design.rollback_triggers))
            start = time.perf_counter()
            replay_with_gates(scenario, None, edited)
            replay_with_gates(healthy, None, edited)
            times.append(time.perf_counter() - start)
        print(f"{ident}: replay after an edit (incident and healthy): median "
              f"{statistics.median(times) * 1000:.1f} ms (max {max(times) * 1000:.1f})")
    print(wall_times("tabletop gates", COMMAND, args.runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
