"""`tabletop serve` in a real browser: Debian's Chromium, driven by Playwright.

It opens the served app, starts the exercise, sends keys, sees the dashboard, ends the
exercise and downloads the report; a page of another origin cannot open the app's websocket;
nothing is fetched from anywhere but the server; and once the server is killed (SIGKILL) no app
process remains. Screenshots are kept in tests/artifacts/serve/ (ignored by git).

Skipped, with the reason, when Chromium or Playwright is missing on a developer's machine; on
CI (CI=true) it runs, and their absence is a failure (.ci/run installs both).
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tabletop.scenario.bundled import DEFAULT_SCENARIO, resolve_scenario
from tabletop.scenario.loader import load_scenario
from tests.serve.browser import Served, alive, find_chromium, keep_terminals, wait_for_text

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "serve"
"""Where the screenshots and the downloaded report are kept."""

ON_CI = os.environ.get("CI") == "true"

ELSEWHERE = "http://elsewhere.test"
"""Another origin, its page made up by the test (no network)."""

TRY_WEBSOCKET = """url => new Promise(done => {
  const socket = new WebSocket(url);
  socket.onopen = () => { socket.close(); done("open"); };
  socket.onerror = () => done("refused");
})"""


def chromium_or_skip() -> str:
    chromium = find_chromium()
    reason = ""
    if chromium is None:
        reason = "Debian's chromium is not installed (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "the Playwright package is not installed (pip install -e '.[test]')"
    if reason:
        if ON_CI:
            pytest.fail(f"CI must run the browser test: {reason}")
        pytest.skip(reason)
    assert chromium is not None
    return chromium


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS.parent / ".gitignore").write_text("*\n")
    for old in ARTIFACTS.iterdir():
        old.unlink()
    with pytest.MonkeyPatch.context():
        print(f"\nbrowser test artefacts: {ARTIFACTS}")
    return ARTIFACTS


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    server = Served(["--data-dir", str(tmp_path / "data")], cwd=tmp_path)
    try:
        yield server
    finally:
        server.kill()


def test_the_served_app_in_chromium(served: Served, artifacts: Path) -> None:
    chromium = chromium_or_skip()
    from playwright.sync_api import Request, Route, sync_playwright

    feed_title = load_scenario(resolve_scenario(DEFAULT_SCENARIO)).terms.feed_title
    fetched_elsewhere: list[str] = []

    def elsewhere(route: Route) -> None:
        route.fulfill(body="<html><body>another site</body></html>", content_type="text/html")

    def note_request(request: Request) -> None:
        if not request.url.startswith((served.origin, ELSEWHERE)):
            fetched_elsewhere.append(request.url)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        context = browser.new_context(viewport={"width": 1280, "height": 800},
                                      accept_downloads=True)
        try:
            context.on("request", note_request)
            context.route("**/static/js/textual.js", keep_terminals)
            context.route(ELSEWHERE + "/**", elsewhere)
            # Anything else from outside is refused, so the test cannot pass by the network.
            context.route(lambda url: not url.startswith((served.origin, ELSEWHERE)),
                          lambda route: route.abort())
            page = context.new_page()
            page.goto(served.url, wait_until="commit")
            wait_for_text(page, "Press", "Enter", timeout=20)
            page.screenshot(path=artifacts / "1-briefing.png")

            page.click("#terminal")  # the keyboard goes to the terminal, as a user's would
            page.keyboard.press("Enter")
            wait_for_text(page, "Keep paused")
            page.screenshot(path=artifacts / "2-first-round.png")
            page.keyboard.press("Escape")
            dashboard = wait_for_text(page, feed_title, "End")
            assert "Keep paused" not in dashboard
            page.screenshot(path=artifacts / "3-dashboard.png")
            # Read while the page is connected: once the browser closes, the server ends the
            # app, which on a quiet machine takes a moment and on a busy one may be done at once.
            apps = served.app_processes()

            page.keyboard.press("e")
            wait_for_text(page, "End the exercise now")
            page.keyboard.press("y")
            wait_for_text(page, "Save report")
            page.screenshot(path=artifacts / "4-debrief.png")

            # textual.js opens the download in a new tab; Chromium reports it on this page.
            with page.expect_download(timeout=10_000) as download:
                page.keyboard.press("Control+s")
            report = artifacts / download.value.suggested_filename
            download.value.save_as(report)
            names = zipfile.ZipFile(io.BytesIO(report.read_bytes())).namelist()
            assert sorted(Path(n).suffix for n in names) == [".html", ".json", ".md"]

            other = context.new_page()
            other.goto(ELSEWHERE + "/")
            assert other.evaluate(TRY_WEBSOCKET, served.websocket_url) == "refused"
        except BaseException:
            if context.pages:  # what the browser showed when it went wrong
                context.pages[0].screenshot(path=artifacts / "failed.png")
            raise
        finally:
            browser.close()

    assert fetched_elsewhere == []
    assert apps, "the server started no app process"
    served.kill()
    deadline = time.monotonic() + 3
    while any(alive(pid) for pid in apps) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in apps if alive(pid)], "an app process outlived its server"
