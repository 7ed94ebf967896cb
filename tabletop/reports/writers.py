"""The report writers: one home for which renderer makes which format, and for writing them.

The command line writes one format (`RENDERERS[fmt]`); the app's export writes all three next
to where tabletop was started (`write_reports`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tabletop.reports.facts import Report
from tabletop.reports.html import to_html
from tabletop.reports.json_format import to_json
from tabletop.reports.markdown import to_markdown

Renderer = Callable[[Report], str]
"""Lays a report out as the text of one format."""

RENDERERS: dict[str, Renderer] = {"md": to_markdown, "html": to_html, "json": to_json}
"""Each format's renderer, by the format's name (also the file's suffix)."""


def report_stem(report: Report) -> str:
    """`tabletop-SCENARIO-SESSION`, or the date in place of a session the store never saw."""
    o = report.overview
    return f"tabletop-{o.scenario_id}-{o.session_id or o.date}"


def write_reports(report: Report, folder: Path, stem: str) -> list[Path]:
    """Write the report in every format as `folder/stem.md`, `.html` and `.json`, or, where a
    report of that name is already there, as `stem-2`, `stem-3`, ...: a second save never
    overwrites the first.

    UTF-8, written as bytes so no platform newline translation changes them. Returns the
    files written, in that order; an `OSError` is the caller's to report.
    """
    stem = _free_stem(folder, stem)
    written = []
    for suffix, render in RENDERERS.items():
        path = folder / f"{stem}.{suffix}"
        path.write_bytes(render(report).encode("utf-8"))
        written.append(path)
    return written


def _free_stem(folder: Path, stem: str) -> str:
    """`stem`, or the first of `stem-2`, `stem-3`, ... none of whose files exists yet."""
    number = 1
    while True:
        candidate = stem if number == 1 else f"{stem}-{number}"
        if not any((folder / f"{candidate}.{suffix}").exists() for suffix in RENDERERS):
            return candidate
        number += 1
