"""Benchmark the dashboard against a bare Textual app, in the same run, interleaved.

    .venv/bin/python bench/bench_dashboard.py [--runs 5] [--cpu-seconds 15]

Measures, for each app, median of --runs:
- first paint: launch in a detached 120x36 tmux pane, poll `capture-pane` every 10 ms until a
  word of the finished frame appears (the dashboard's own panels, not the briefing);
- filled (dashboard only, no budget): until the feed shows its first tickets. The first frame
  shows every panel in its start state and the first tick fills them, as PERFORMANCE.md's
  "start the feed empty" advises; this figure says how soon after that the data is there;
- CPU while running at 1x: utime+stime from /proc/PID/stat over --cpu-seconds;
- peak memory: VmHWM from /proc/PID/status at the end of the CPU window.
Budgets (issue 3): first paint <= 1.3x the bare app, CPU <= 2 % of one core, peak <= 100 MB.
These machines are noisy; only the ratio to the bare app run alongside means much.

Both apps are measured warm, as a user's second launch is: tabletop's bytecode is compiled
first (as `pip install` does; Textual's already is) and each app is launched once, unmeasured,
which also fills tabletop's scenario cache and the page cache.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shlex
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CLK_TCK = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Target:
    """A program to measure and the word that proves its first full frame is on screen."""

    name: str
    command: list[str]
    ready_word: str
    dismiss_key: str = ""
    """Key that closes what covers the measured screen (round 1's announcement)..."""
    dismiss_when: str = ""
    """...once this word of it is on screen (it arrives with the first tick)."""
    filled_word: str = ""
    """A word that appears once the first tick has filled the panels (a ticket id)."""


BARE = Target("bare Textual app", [PYTHON, str(ROOT / "bench" / "bare_app.py")], "BAREREADY")
DASHBOARD = Target("tabletop dashboard",
                   [PYTHON, "-m", "tabletop", "run", "--no-briefing", "--no-pause"],
                   "Service health", dismiss_key="Enter", dismiss_when="Role prompts",
                   filled_word="TIC-0")


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def _launch(target: Target, session: str) -> tuple[float, float, int]:
    """Start the target in a fresh pane; return (seconds to first frame, to filled, pid)."""
    command = "exec " + " ".join(shlex.quote(c) for c in target.command)
    start = time.perf_counter()
    _tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "36", "-c", str(ROOT), command)
    paint = _wait_for(target.ready_word, session, start)
    filled = _wait_for(target.filled_word, session, start) if target.filled_word else paint
    pid = int(_tmux("display", "-p", "-t", session, "#{pane_pid}").strip())
    return paint, filled, pid


def _wait_for(word: str, session: str, start: float) -> float:
    """Seconds from `start` until `word` is on the pane's screen."""
    while time.perf_counter() < start + 30:
        if word in _tmux("capture-pane", "-p", "-t", session):
            return time.perf_counter() - start
        time.sleep(0.01)
    raise RuntimeError(f"{session}: '{word}' never appeared")


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def warm_up(target: Target) -> None:
    """Launch once, unmeasured, then quit."""
    session = f"bench{os.getpid()}_warm_{target.name.split()[0]}"
    try:
        _launch(target, session)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def measure(target: Target, cpu_seconds: float, run: int) -> tuple[float, float, float, float]:
    """One run: (first paint s, CPU % of a core, peak MB, filled s)."""
    session = f"bench{os.getpid()}_{run}_{target.name.split()[0]}"
    try:
        paint, filled, pid = _launch(target, session)
        if target.dismiss_key:
            _wait_for(target.dismiss_when, session, time.perf_counter())
            _tmux("send-keys", "-t", session, target.dismiss_key)
        time.sleep(2.0)  # let start-up work settle before the CPU window
        before = _cpu_ticks(pid)
        time.sleep(cpu_seconds)
        cpu = (_cpu_ticks(pid) - before) / CLK_TCK / cpu_seconds * 100
        return paint, cpu, _peak_mb(pid), filled
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def main() -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cpu-seconds", type=float, default=15.0)
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float, float, float]]] = {
        BARE.name: [], DASHBOARD.name: []}
    # tmux stops its server when the last session ends; a keeper avoids racing that shutdown.
    keeper = f"bench{os.getpid()}_keeper"
    _tmux("new-session", "-d", "-s", keeper, "sleep 3600")
    compileall.compile_dir(ROOT / "tabletop", quiet=1)
    try:
        for target in (BARE, DASHBOARD):
            warm_up(target)
        for run in range(args.runs):
            for target in (BARE, DASHBOARD):  # interleaved, so drift hits both alike
                results[target.name].append(measure(target, args.cpu_seconds, run))
                paint, cpu, peak, _ = results[target.name][-1]
                print(f"run {run + 1}: {target.name}: paint {paint:.3f} s, cpu {cpu:.2f} %, "
                      f"peak {peak:.1f} MB", file=sys.stderr)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", keeper], capture_output=True)
    med = {name: [statistics.median(r[i] for r in rows) for i in range(4)]
           for name, rows in results.items()}
    bare, dash = med[BARE.name], med[DASHBOARD.name]
    print(f"{'median of ' + str(args.runs):<22}{'bare app':>12}{'dashboard':>12}"
          f"{'ratio':>8}   budget")
    print(f"{'first paint (s)':<22}{bare[0]:>12.3f}{dash[0]:>12.3f}{dash[0] / bare[0]:>8.2f}"
          f"   <= 1.3x bare  {'OK' if dash[0] <= 1.3 * bare[0] else 'OVER'}")
    print(f"{'filled feed (s)':<22}{'':>12}{dash[3]:>12.3f}{'':>8}   (after first paint)")
    cpu_ok = "OK" if dash[1] <= 2 else "OVER"
    print(f"{'CPU at 1x (% core)':<22}{bare[1]:>12.2f}{dash[1]:>12.2f}"
          f"{dash[1] / max(bare[1], 0.01):>8.2f}   <= 2 %        {cpu_ok}")
    print(f"{'peak memory (MB)':<22}{bare[2]:>12.1f}{dash[2]:>12.1f}{dash[2] / bare[2]:>8.2f}"
          f"   <= 100 MB     {'OK' if dash[2] <= 100 else 'OVER'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
