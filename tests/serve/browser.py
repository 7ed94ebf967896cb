"""Driving `tabletop serve` from a real Chromium (Debian's, through Playwright's
`executable_path`: Playwright's own browser download is not reachable). Used by the browser
test and by bench/bench_serve.py.

The served screen is drawn on a canvas, so the text on it is read from xterm.js's buffer: the
test's copy of textual.js (patched on its way to the page, never on disk) keeps each terminal
it creates in `window.__tabletopTerminals`.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Page, Route

CHROMIUM_NAMES = ("chromium", "chromium-browser")
"""Debian's package installs `chromium`; some distributions call it chromium-browser."""

TERMINAL_CREATED = "const t=new w(e,{ping:r});"
"""Where textual.js (textual-serve 1.1) creates each terminal; the test keeps a handle there."""

KEEP_TERMINAL = TERMINAL_CREATED + "(window.__tabletopTerminals=window.__tabletopTerminals||[])" \
                                   ".push(t);"

SCREEN_TEXT = """() => {
  const held = window.__tabletopTerminals;
  if (!held || !held.length) return "";
  const term = held[0].terminal, buffer = term.buffer.active, lines = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    lines.push(line ? line.translateToString(true) : "");
  }
  return lines.join("\\n");
}"""


def find_chromium() -> str | None:
    """Debian's Chromium, or $TABLETOP_CHROMIUM; None when there is none."""
    named = os.environ.get("TABLETOP_CHROMIUM")
    if named:
        return named
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


class Served:
    """A `tabletop serve` process started for a test, and the URL it printed."""

    def __init__(self, args: Sequence[str], cwd: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tabletop", "serve", "--port", "0", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd)
        assert self.process.stdout is not None
        self.url = self.process.stdout.readline().strip()
        if not self.url.startswith("http://"):
            self.process.kill()
            raise RuntimeError(f"tabletop serve did not start: {self.process.stderr.read()}"
                               if self.process.stderr else "tabletop serve did not start")
        parts = urlsplit(self.url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.websocket_url = f"ws://{parts.netloc}{parts.path}ws"

    def app_processes(self) -> list[int]:
        """The app processes the server started (its children)."""
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == self.process.pid:
                children.append(int(stat.parent.name))
        return children

    def kill(self) -> None:
        """SIGKILL the server, as a crash or `kill -9` would."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie, exited and waiting to be reaped, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def keep_terminals(route: Route) -> None:
    """Serve textual.js with the terminal kept where the test can read it."""
    response = route.fetch()
    script = response.text()
    assert TERMINAL_CREATED in script, "textual.js changed: update TERMINAL_CREATED"
    route.fulfill(response=response, body=script.replace(TERMINAL_CREATED, KEEP_TERMINAL))


def screen_text(page: Page) -> str:
    """The text of the served screen, row by row."""
    text: str = page.evaluate(SCREEN_TEXT)
    return text


def wait_for_text(page: Page, *words: str, timeout: float = 10.0) -> str:
    """Wait until the screen shows every one of `words`; the screen's text."""
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = screen_text(page)
        if all(word in text for word in words):
            return text
        page.wait_for_timeout(50)
    raise AssertionError(f"the screen never showed {words!r}; it shows:\n{text}")
