"""First paint of `tabletop serve` in Chromium (Debian's, driven by Playwright).

    .venv/bin/python bench/bench_serve.py [--runs 5]

One server, one browser; each run opens a new tab on the served URL (a new app process, as a
user's new tab is) and measures, from the tab's navigation start (performance.now() = 0):
- page paint: the browser's first contentful paint of the page (the "starting…" notice);
- first frame: the app's first screen drawn in the terminal (the briefing's title in xterm.js's
  buffer, checked on every animation frame), the figure a user waits for;
- memory of the tab's app process (resident set, from /proc) once its first frame is drawn,
  once the exercise runs (Enter, Escape, then a few seconds of the dashboard), then its peak
  after the tab sends a `resize` of 100000x100000 (the server clamps it to its largest
  terminal, `server.COLUMNS` x `server.ROWS`) and the app has redrawn at that size: what each
  of the at most `server.MAX_APPS` apps costs, and the most a tab can make it cost.
The first run is a warm-up (Python's bytecode, the page cache) and is not counted. Medians are
printed; this machine is shared and noisy, so compare runs made together.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tabletop.cli.serve.server import COLUMNS, MAX_APPS, ROWS  # noqa: E402
from tabletop.scenario.bundled import DEFAULT_SCENARIO, resolve_scenario  # noqa: E402
from tabletop.scenario.loader import load_scenario  # noqa: E402
from tests.serve.browser import Served, find_chromium, keep_terminals  # noqa: E402

FIRST_FRAME = """word => new Promise(done => {
  const look = () => {
    const held = window.__tabletopTerminals;
    if (held && held.length) {
      const term = held[0].terminal, buffer = term.buffer.active;
      for (let y = 0; y < term.rows; y++) {
        const line = buffer.getLine(buffer.viewportY + y);
        if (line && line.translateToString(true).includes(word)) {
          return done(performance.now());
        }
      }
    }
    requestAnimationFrame(look);
  };
  look();
})"""

PAGE_PAINT = """() => new Promise(done => {
  const seen = performance.getEntriesByName("first-contentful-paint");
  if (seen.length) return done(seen[0].startTime);
  new PerformanceObserver(list => done(list.getEntries()[0].startTime))
    .observe({type: "paint", buffered: true});
})"""


HUGE_RESIZE = """() => window.__tabletopTerminals[0].socket.send(
  JSON.stringify(["resize", {width: 100000, height: 100000}]))"""

RESIZED_SECONDS = 3.0
"""Time the app has to take the resize and redraw before its memory is read again."""


def resident_mb(pid: int) -> tuple[float, float]:
    """The process's resident set now and at its peak (VmRSS, VmHWM), in MB."""
    status = dict(line.split(":", 1) for line in
                  Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return (int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024)


def main() -> int:
    """Measure and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    chromium = find_chromium()
    if chromium is None:
        print("bench_serve: Debian's chromium is not installed (apt-get install chromium)")
        return 2
    from playwright.sync_api import sync_playwright

    word = load_scenario(resolve_scenario(DEFAULT_SCENARIO)).title[:24]
    paints, frames, memory, playing, largest = [], [], [], [], []
    with tempfile.TemporaryDirectory() as folder:
        served = Served(["--data-dir", folder], cwd=Path(folder))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium)
                context = browser.new_context(viewport={"width": 1280, "height": 720})
                context.route("**/static/js/textual.js", keep_terminals)
                for run in range(runs + 1):
                    before = set(served.app_processes())
                    page = context.new_page()
                    page.goto(served.url, wait_until="commit")
                    frame = float(page.evaluate(FIRST_FRAME, word))
                    paint = float(page.evaluate(PAGE_PAINT))
                    app = max(set(served.app_processes()) - before)
                    drawn = resident_mb(app)[0]
                    page.click("#terminal")  # the keyboard goes to the terminal
                    page.keyboard.press("Enter")  # start: round 1's announcement
                    page.wait_for_timeout(1000)
                    page.keyboard.press("Escape")  # the dashboard, its clock running
                    page.wait_for_timeout(RESIZED_SECONDS * 1000)
                    running = resident_mb(app)[0]
                    page.evaluate(HUGE_RESIZE)
                    page.wait_for_timeout(RESIZED_SECONDS * 1000)
                    resized, peak = resident_mb(app)
                    page.close()
                    if run:  # the first is the warm-up
                        paints.append(paint)
                        frames.append(frame)
                        memory.append(drawn)
                        playing.append(running)
                        largest.append(peak)
                    print(f"run {run}{' (warm-up)' if not run else ''}: page paint "
                          f"{paint:.0f} ms, first frame {frame:.0f} ms; app {drawn:.0f} MB, "
                          f"{running:.0f} MB running, {resized:.0f} MB after the resize "
                          f"(peak {peak:.0f} MB)", flush=True)
                browser.close()
        finally:
            served.kill()
    print(f"median of {runs}: page paint {statistics.median(paints):.0f} ms, "
          f"app's first frame {statistics.median(frames):.0f} ms")
    peak = statistics.median(largest)
    print(f"memory per app: median {statistics.median(memory):.0f} MB resident at its first "
          f"frame, {statistics.median(playing):.0f} MB running; peak {peak:.0f} MB after a "
          f"resize to the largest terminal ({COLUMNS[1]}x{ROWS[1]}); at most {MAX_APPS} "
          f"apps: {MAX_APPS * peak:.0f} MB at worst")
    return 0


if __name__ == "__main__":
    sys.exit(main())
