"""Scenario and player text in the reports is text: a viewer of the Markdown, the HTML page and
the SVG board sees it exactly as typed, whatever markup it carries.

The Markdown is rendered by a CommonMark renderer (markdown-it, which Rich depends on) and the
HTML is parsed, so what is checked is what a reader sees, not how the escaping looks.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from markdown_it import MarkdownIt

from tabletop.reports.board import timeline_svg
from tabletop.reports.facts import Report, report_from_session
from tabletop.reports.html import to_html
from tabletop.reports.json_format import to_json
from tabletop.reports.markdown import md, to_markdown
from tests.reports import hostile as h
from tests.reports.page_text import shown

SHOWN = (h.TITLE, h.SUMMARY, h.GOAL, h.QUESTION, h.ROLE, h.ACTION, h.ROLLBACK,
         h.STATEMENT_TITLE, h.INJECT, h.EVIDENCE, h.CRITERION, h.WHY, h.GRADE, h.HARM,
         h.PLAYER_TEXT, h.NOTE, h.EXTENSION, *h.TEAMS, *h.LIST_LIKE)
"""Every hostile string the report shows: scenario text, team names and what players typed."""


@pytest.fixture(scope="module")
def report() -> Report:
    """The report of the hostile workshop, played to its end."""
    return report_from_session(h.hostile_workshop(), date="2026-03-14")


def test_markdown_shows_every_hostile_string_as_typed(report: Report) -> None:
    page = shown(MarkdownIt("commonmark").enable("table").render(to_markdown(report)))
    text = "\n".join(page.chunks)
    missing = [s for s in SHOWN if s not in text]
    assert missing == []


def test_markdown_builds_no_element_from_hostile_text(report: Report) -> None:
    page = shown(MarkdownIt("commonmark").enable("table").render(to_markdown(report)))
    # The report's own elements: headings, tables, lists, bold and italics, line breaks.
    assert page.tags <= {"h1", "h2", "h3", "p", "table", "thead", "tbody", "tr", "th", "td",
                         "ul", "ol", "li", "strong", "em", "br"}
    assert len([c for c in page.chunks if c.strip()]) > 100


@pytest.mark.parametrize("text", ["1. first", "12) twelfth", "- dash", "+ plus", "===",
                                  "---", "&amp; stays"])
def test_markdown_keeps_text_that_looks_like_a_list_heading_or_entity(text: str) -> None:
    # As the report writes it: a bullet, and an answer on the line under its question.
    page = shown(MarkdownIt("commonmark").render(f"- {md(text)}\n\n1. **Q**  \n   {md(text)}\n"))
    assert page.tags == {"ul", "ol", "li", "strong", "br"}
    assert [c.strip() for c in page.chunks if c.strip()] == [text, "Q", text]


def test_html_shows_every_hostile_string_as_typed(report: Report) -> None:
    text = "\n".join(shown(to_html(report)).chunks)
    missing = [s for s in SHOWN if s not in text]
    assert missing == []


def test_html_builds_no_element_from_hostile_text(report: Report) -> None:
    tags = shown(to_html(report)).tags
    assert not tags & {"script", "img", "a"}


def test_the_html_drawings_are_well_formed_xml_with_hostile_text(report: Report) -> None:
    page = to_html(report)
    parsed = []
    start = page.index("<svg")
    while start >= 0:
        end = page.index("</svg>", start) + len("</svg>")
        parsed.append(ET.fromstring(page[start:end]))  # raises on a malformed drawing
        start = page.find("<svg", end)
    assert len(parsed) == page.count("<svg") >= 2  # the board and the harm chart
    assert all(drawing.tag.endswith("svg") for drawing in parsed)


def test_the_timeline_board_shows_hostile_scenario_text_as_typed() -> None:
    board = ET.fromstring(timeline_svg(h.hostile_scenario()))
    text = " ".join("".join(e.itertext()) for e in board.iter() if e.tag.endswith("text"))
    for expected in (h.TITLE, h.INJECT, h.EVIDENCE, h.ACTION, h.STATEMENT_TITLE):
        assert expected in text


def test_json_carries_hostile_text_exactly(report: Report) -> None:
    data = json.loads(to_json(report))
    assert data["overview"]["title"] == h.TITLE
    assert data["overview"]["teams"] == list(h.TEAMS)
    assert data["debrief"]["answers"][0]["answer"] == h.PLAYER_TEXT
