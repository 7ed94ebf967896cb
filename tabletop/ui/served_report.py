"""The debrief's report export when the app is served to a browser (`tabletop serve`): the
files go to the browser as a download instead of into the server's folder.

A browser lets a page open one download per key press (the next is a blocked pop-up), so the
three formats the terminal export writes travel together, as one zip. The zip is made off the
UI's thread (the debrief's report worker), and sent from it.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from textual.app import App

from tabletop.reports.facts import Report
from tabletop.reports.writers import RENDERERS, report_stem


def reports_zip(report: Report) -> tuple[str, bytes]:
    """The zip's file name and bytes: the report in every format, `stem.md` and so on."""
    stem = report_stem(report)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for suffix, render in RENDERERS.items():
            archive.writestr(f"{stem}.{suffix}", render(report).encode("utf-8"))
    return f"{stem}.zip", buffer.getvalue()


def deliver_reports(app: App[Any], name: str, data: bytes) -> str:
    """Send the zip (`reports_zip`'s name and bytes) to the browser as a download, from the
    app's own thread; what to tell the room."""
    app.deliver_binary(io.BytesIO(data), save_filename=name, mime_type="application/zip")
    formats = ", ".join(RENDERERS)
    return f"Sent to your browser as {name} ({formats})."
