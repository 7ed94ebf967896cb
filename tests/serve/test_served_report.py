"""The debrief's export when served: the report in every format, as one download."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from tabletop.reports.facts import report_from_session
from tabletop.reports.writers import RENDERERS, report_stem
from tabletop.ui.served_report import deliver_reports, reports_zip
from tests.helpers import mini, session_at


def test_the_download_holds_every_format_as_its_renderer_makes_it() -> None:
    report = report_from_session(session_at(5, scenario=mini()), date="2026-03-14")
    sent: list[tuple[bytes, dict[str, Any]]] = []

    class Browser:
        """Stands in for the served app: what it is asked to deliver."""

        def deliver_binary(self, file: io.BytesIO, **options: Any) -> None:
            sent.append((file.read(), options))

    name, data = reports_zip(report)
    told = deliver_reports(Browser(), name, data)  # type: ignore[arg-type]
    stem = report_stem(report)
    assert name == f"{stem}.zip"
    assert name in told
    assert sent == [(data, {"save_filename": name, "mime_type": "application/zip"})]
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert sorted(archive.namelist()) == sorted(f"{stem}.{suffix}" for suffix in RENDERERS)
    for suffix, render in RENDERERS.items():
        assert archive.read(f"{stem}.{suffix}") == render(report).encode("utf-8")
