"""The after-action report printed on A4 by Chromium, as a facilitator prints it: the
executive summary alone on page one, every page numbered and named, no table split across
pages, the board on a landscape page of its own, the narrow-screen layout never used for
paper. Skipped where Chromium or poppler's pdftotext and pdfinfo are missing (`.ci/run`
installs both)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

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
PDFINFO = shutil.which("pdfinfo")
pytestmark = pytest.mark.skipif(CHROMIUM is None or PDFTOTEXT is None or PDFINFO is None,
                                reason="needs Chromium, pdftotext and pdfinfo")


SUMMARY_END = "zqsummaryendx"
"""Printed at the executive summary's end (letters only, so pdftotext keeps it one word)."""


def row_mark(table: int, end: str) -> str:
    """The word printed in the first (`end` "first") or last body row of a table."""
    return f"zqtable{table}{end}x"


def _mark(text: str, at: int, word: str) -> str:
    """`text` with `word` in tiny print at the start of the cell that follows `at`."""
    cell = text.index(">", text.index("<td", at)) + 1
    return f'{text[:cell]}<span style="font-size:3px">{word}</span>{text[cell:]}'


def marked(html: str) -> str:
    """The page with the summary's end and each table's first and last body rows marked, so
    that the printed text tells the page each is on (the marks change no layout that counts)."""
    html = html.replace("</section>", f"<span>{SUMMARY_END}</span></section>", 1)
    out, at = [], 0
    for number, body in enumerate(re.finditer(r"<tbody>.*?</tbody>", html, re.DOTALL)):
        rows = body.group(0)
        rows = _mark(rows, rows.rindex("<tr"), row_mark(number, "last"))
        rows = _mark(rows, rows.index("<tr"), row_mark(number, "first"))
        out += [html[at:body.start()], rows]
        at = body.end()
    return "".join([*out, html[at:]])


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A played workshop's report printed to PDF."""
    folder = tmp_path_factory.mktemp("print")
    store = Store(folder / DB_NAME)
    driver = start_workshop(store, FakeTime())
    driver.finish()
    sid = session_id(driver.session)
    html = marked(to_html(report_from_session(restore(store, sid, bundled()))))
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
    return pdf


@pytest.fixture(scope="module")
def pages(pdf_path: Path) -> list[str]:
    """The printed report as the text of each page."""
    assert PDFTOTEXT is not None
    text = subprocess.run([PDFTOTEXT, "-layout", str(pdf_path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Each page's width and height in points, as pdfinfo reads them."""
    info = subprocess.run([str(PDFINFO), "-f", "1", "-l", "999", str(pdf)], check=True,
                          capture_output=True, text=True).stdout
    return [(float(w), float(h))
            for w, h in re.findall(r"^Page +\d+ size: +([\d.]+) x ([\d.]+)", info, re.MULTILINE)]


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


def test_the_summary_ends_on_page_one_and_nothing_else_is_there(pages: list[str]) -> None:
    assert SUMMARY_END in pages[0]
    assert "Exercise Overview" not in pages[0]
    assert "Exercise Overview" in pages[1]


def test_no_table_is_split_across_pages(pages: list[str]) -> None:
    tables = 0
    while row_mark(tables, "first") in "".join(pages):
        tables += 1
    assert tables >= 8  # the timeline's tables, the votes, the score cards, the harm
    for table in range(tables):
        first = [n for n, page in enumerate(pages) if row_mark(table, "first") in page]
        last = [n for n, page in enumerate(pages) if row_mark(table, "last") in page]
        assert first == last, f"table {table} runs from page {first} to page {last}"


def test_the_board_prints_on_a_landscape_page_of_its_own(pdf_path: Path) -> None:
    sizes = page_sizes(pdf_path)
    landscape = [n for n, (width, height) in enumerate(sizes) if width > height]
    assert len(landscape) == 1
    assert len(sizes) > 2


def test_the_board_fills_its_landscape_page_and_nothing_is_shrunk(pdf_path: Path) -> None:
    """No line wider than a page (the gates' workflow) shrinks the printout to fit it: the
    board's words reach the right half of its landscape page."""
    sizes = page_sizes(pdf_path)
    (board,) = [n for n, (width, height) in enumerate(sizes) if width > height]
    box = subprocess.run([str(PDFTOTEXT), "-bbox", "-f", str(board + 1), "-l", str(board + 1),
                          str(pdf_path), "-"], check=True, capture_output=True, text=True).stdout
    width, height = sizes[board]
    words = re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)"',
                       box)
    # The board's own words: the page's margin boxes (its number, the title) are left out.
    right = max(float(x) for x, y in words if float(y) < 0.85 * height)
    assert right > 0.8 * width
