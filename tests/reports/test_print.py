"""The after-action report printed on A4 by Chromium, as a facilitator prints it: the
executive summary alone on page one, every page numbered and named, the narrow-screen layout
never used for paper. Skipped where Chromium or poppler's pdftotext is missing (`.ci/run`
installs both)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tabletop.exercise.clock import FakeTime
from tabletop.journal.restore import restore
from tabletop.journal.store import DB_NAME, Store
from tabletop.reports.facts import report_from_session
from tabletop.reports.html import to_html
from tests.helpers import bundled
from tests.journal.helpers import session_id, start_workshop
from tests.serve.browser import find_chromium

CHROMIUM = find_chromium()
PDFTOTEXT = shutil.which("pdftotext")
pytestmark = pytest.mark.skipif(CHROMIUM is None or PDFTOTEXT is None,
                                reason="needs Chromium and pdftotext")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """A played workshop's report printed to PDF, as the text of each page."""
    folder = tmp_path_factory.mktemp("print")
    store = Store(folder / DB_NAME)
    driver = start_workshop(store, FakeTime())
    driver.finish()
    sid = session_id(driver.session)
    html = to_html(report_from_session(restore(store, sid, bundled())))
    store.close()
    page = folder / "report.html"
    page.write_text(html, encoding="utf-8")
    pdf = folder / "report.pdf"
    assert CHROMIUM is not None
    assert PDFTOTEXT is not None
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                    f"--user-data-dir={folder / 'profile'}", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def test_every_page_is_numbered_and_names_the_exercise(pages: list[str]) -> None:
    assert len(pages) >= 2
    title = bundled().title
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert title[:40] in " ".join(page.split())


def test_the_executive_summary_is_alone_on_page_one(pages: list[str]) -> None:
    assert "Executive Summary" in pages[0]
    assert not re.search(r"^\s*2\s+\S", pages[0], re.MULTILINE)  # no second section starts
    assert all("Executive Summary" not in page for page in pages[1:])
