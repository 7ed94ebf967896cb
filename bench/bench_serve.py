"""First paint of `tabletop serve` in Chromium (Debian's, driven by Playwright).

    .venv/bin/python bench/bench_serve.py [--runs 5]

One server, one browser; each run opens a new tab on the served URL (a new app process, as a
user's new tab is) and measures, from the tab's navigation start (performance.now() = 0):
- page paint: the browser's first contentful paint of the page (the "starting…" notice);
- first frame: the app's first screen drawn in the terminal (the briefing's title in xterm.js's
  buffer, checked on every animation frame), the figure a user waits for.
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
    paints, frames = [], []
    with tempfile.TemporaryDirectory() as folder:
        served = Served(["--data-dir", folder], cwd=Path(folder))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium)
                context = browser.new_context(viewport={"width": 1280, "height": 720})
                context.route("**/static/js/textual.js", keep_terminals)
                for run in range(runs + 1):
                    page = context.new_page()
                    page.goto(served.url, wait_until="commit")
                    frame = float(page.evaluate(FIRST_FRAME, word))
                    paint = float(page.evaluate(PAGE_PAINT))
                    page.close()
                    if run:  # the first is the warm-up
                        paints.append(paint)
                        frames.append(frame)
                    print(f"run {run}{' (warm-up)' if not run else ''}: page paint "
                          f"{paint:.0f} ms, first frame {frame:.0f} ms", flush=True)
                browser.close()
        finally:
            served.kill()
    print(f"median of {runs}: page paint {statistics.median(paints):.0f} ms, "
          f"app's first frame {statistics.median(frames):.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
