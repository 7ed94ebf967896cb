"""Benchmark the room's view (`tabletop present`) against the facilitator's journal.

    .venv/bin/python bench/bench_present.py [--rounds 10] [--cpu-seconds 20]

This process plays the facilitator: a session of the default scenario at 1x in a fresh store,
journalled as `tabletop run` journals it (started, checkpoints on the tick, this process its
writer). The room's view runs as a user runs it, `tabletop present` in a detached 120x36 tmux
pane (a private server), and is read with `capture-pane` every 10 ms.

- lag: from the facilitator's event committed (the journal's append returned) to the room's
  screen showing it, for --rounds each of: blank and back (present events), pause and resume
  (the clock's events). Budget (issue 11): within 0.5 s.
- lag of the debrief's scrolling, once the run has ended: from a `present` event saying where
  the facilitator's debrief is scrolled to the room's screen showing that heading on its top
  lines, plus the seat's own wait for a scroll to settle (`scroll_place.PLACE_AFTER`); --rounds of
  the score card and the top in turn. Same budget.
- CPU at 1x with the clock running and nothing journalled but the checkpoints: utime+stime
  of the room's process from /proc/PID/stat over --cpu-seconds. Budget: 2 % of one core.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tabletop.journal.events import Presentation, present_event  # noqa: E402
from tabletop.journal.session import Session  # noqa: E402
from tabletop.journal.setup import new_run  # noqa: E402
from tabletop.journal.sqlite_journal import save_session  # noqa: E402
from tabletop.journal.store import DB_NAME, Store  # noqa: E402
from tabletop.scenario.bundled import DEFAULT_SCENARIO, bundled_scenarios  # noqa: E402
from tabletop.scenario.loader import load_scenario  # noqa: E402
from tabletop.ui.screens.scroll_place import PLACE_AFTER  # noqa: E402

CLK_TCK = os.sysconf("SC_CLK_TCK")
SERVER = "bench-present"
TIMEOUT = 5.0


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SERVER, *args], capture_output=True, text=True,
                          check=False).stdout


def screen() -> str:
    return tmux("capture-pane", "-p", "-t", "room")


def wait_for(seen: Callable[[str], bool], tick: Callable[[], None]) -> float:
    """Seconds until the room's screen satisfies `seen` (the facilitator ticking meanwhile)."""
    start = time.perf_counter()
    while time.perf_counter() - start < TIMEOUT:
        if seen(screen()):
            return time.perf_counter() - start
        tick()
        time.sleep(0.01)
    raise SystemExit("the room's view did not follow within 5 s:\n" + screen())


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return int(fields[11]) + int(fields[12])


def debrief_lag(session: Session, rounds: int, tick: Callable[[], None]) -> None:
    """End the run; time the room's debrief following the facilitator's scrolling."""
    session.end()
    wait_for(lambda s: "DEBRIEF" in s, tick)
    lags = []
    for n in range(rounds):
        section, words = ("", "DEBRIEF") if n % 2 else ("h-card", "Score card")
        session.journal.append(present_event(session.exercise.minute,
                                             Presentation(section=section)))

        def on_top(screen: str, words: str = words) -> bool:
            return words in "".join(screen.splitlines()[:2])

        lags.append(PLACE_AFTER + wait_for(on_top, tick))
    print(f"lag scroll   median {statistics.median(lags):.3f} s  max {max(lags):.3f} s "
          f"(with the seat's {PLACE_AFTER} s to settle; budget 0.5 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--cpu-seconds", type=float, default=20.0)
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="bench-present-")
    scenario = load_scenario(bundled_scenarios()[DEFAULT_SCENARIO])
    session: Session = new_run(scenario, ref=DEFAULT_SCENARIO, mode="team", speed=1.0)
    store = Store(Path(data) / DB_NAME)
    save_session(store, session)
    session.start()
    session.advance()
    last_tick = [time.monotonic()]

    def tick() -> None:  # the facilitator's 1 Hz timer
        if time.monotonic() - last_tick[0] >= 1.0:
            last_tick[0] = time.monotonic()
            session.advance()

    command = (f"cd {shlex.quote(str(ROOT))} && TABLETOP_DATA_DIR={shlex.quote(data)} "
               f"exec {shlex.quote(sys.executable)} -m tabletop present")
    tmux("kill-server")
    tmux("new-session", "-d", "-s", "room", "-x", "120", "-y", "36", command)
    pid = int(tmux("display-message", "-p", "-t", "room", "#{pane_pid}").strip())
    try:
        wait_for(lambda s: "Ticket" in s or "NEW INJECT" in s, tick)
        session.pause()  # round 1 arrived: the run's own pause, then on
        session.resume()
        wait_for(lambda s: "RUNNING" in s, tick)
        lags: dict[str, list[float]] = {"blank": [], "unblank": [], "pause": [], "resume": []}
        for _ in range(args.rounds):
            session.journal.append(present_event(session.exercise.minute,
                                                 Presentation(blank=True)))
            lags["blank"].append(wait_for(lambda s: "RUNNING" not in s and "Ticket" not in s,
                                          tick))
            session.journal.append(present_event(session.exercise.minute, Presentation()))
            lags["unblank"].append(wait_for(lambda s: "RUNNING" in s, tick))
            session.pause()
            lags["pause"].append(wait_for(lambda s: "PAUSED" in s, tick))
            session.resume()
            lags["resume"].append(wait_for(lambda s: "RUNNING" in s, tick))
        every = [lag for values in lags.values() for lag in values]
        for kind, values in lags.items():
            print(f"lag {kind:8} median {statistics.median(values):.3f} s  "
                  f"max {max(values):.3f} s")
        print(f"lag all      median {statistics.median(every):.3f} s  max {max(every):.3f} s "
              f"(budget 0.5 s)")
        before, start = cpu_ticks(pid), time.monotonic()
        while time.monotonic() - start < args.cpu_seconds:
            tick()
            time.sleep(0.05)
        used = (cpu_ticks(pid) - before) / CLK_TCK
        print(f"room CPU at 1x: {100 * used / (time.monotonic() - start):.2f} % of a core "
              f"over {args.cpu_seconds:g} s (budget 2 %)")
        debrief_lag(session, args.rounds, tick)
    finally:
        tmux("kill-server")
        store.close()


if __name__ == "__main__":
    main()
