"""Instructions to the first frame, dashboard against the bare app: a steady first-paint figure.

    .venv/bin/python bench/first_frame_instructions.py        (needs valgrind)

Wall-clock first paint (bench_dashboard.py) moves by about 0.1 in the ratio between runs on
these machines. Counting the CPU instructions each app executes from launch to its first
frame, under callgrind, gives the same figure every run, so a change's cost or saving can be
seen. Each app runs headless at 120x36 and exits as its first frame is drawn (the dashboard
with `--no-briefing`, as bench_dashboard.py measures it). Both are launched once first, so
tabletop's scenario cache is warm; tabletop's bytecode is compiled first.
"""

from __future__ import annotations

import compileall
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

HARNESS = """
import os, sys
from textual.app import App
from textual.screen import Screen

draw = Screen._compositor_refresh

def first_frame_then_exit(screen):
    draw(screen)
    if type(screen).__name__ in ("DashboardScreen", "Screen"):
        os._exit(0)

Screen._compositor_refresh = first_frame_then_exit
run = App.run
App.run = lambda app, **kw: run(app, headless=True, size=(120, 36))
if sys.argv[1] == "bare":
    sys.path.insert(0, sys.argv[2])
    import bare_app
    bare_app.BareApp().run()
else:
    from tabletop.cli import main
    sys.argv = ["tabletop", "run", "--no-briefing", "--no-pause"]
    main()
"""


def count(which: str, env: dict[str, str]) -> int:
    """Instructions the app executes from launch to its first frame."""
    command = [sys.executable, "-c", HARNESS, which, str(ROOT / "bench")]
    subprocess.run(command, env=env, check=True, capture_output=True)  # warm the cache
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           *command], env=env, capture_output=True, text=True, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise RuntimeError(f"no instruction count from callgrind:\n{done.stderr}")
    return int(found.group(1))


def main() -> int:
    """Print both counts and the ratio."""
    compileall.compile_dir(ROOT / "tabletop", quiet=1)
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "TABLETOP_DATA_DIR": data}
        bare, dashboard = count("bare", env), count("dashboard", env)
    print(f"{'instructions to first frame':<30}{'bare app':>12}{'dashboard':>12}{'ratio':>8}")
    print(f"{'(millions)':<30}{bare / 1e6:>12.0f}{dashboard / 1e6:>12.0f}"
          f"{dashboard / bare:>8.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
