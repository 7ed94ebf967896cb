"""The real time a session ran, from the journal's wall times: in the overview of the report
`tabletop report` writes of a stored session."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tabletop.cli import main
from tabletop.exercise.clock import FakeTime
from tabletop.journal.store import DB_NAME, Store
from tabletop.reports.wording import real_time
from tests.journal.helpers import session_id, start_workshop


def test_the_span_is_said_with_its_length() -> None:
    assert real_time("2026-03-14T14:05:10+00:00", "2026-03-14T15:17:40+00:00") == (
        "2026-03-14 14:05 to 15:17 UTC (1 h 12 min)")
    assert real_time("2026-03-14T23:50:00+00:00", "2026-03-15T00:20:00+00:00") == (
        "2026-03-14 23:50 to 2026-03-15 00:20 UTC (30 min)")
    assert real_time("not a time", "2026-03-14T15:17:40+00:00") == ""


def test_a_stored_sessions_report_says_when_it_ran(tmp_path: Path) -> None:
    store = Store(tmp_path / DB_NAME)
    driver = start_workshop(store, FakeTime())
    driver.finish()
    sid = session_id(driver.session)
    store.close()
    out = tmp_path / "report.json"
    assert main(["report", str(sid), "--format", "json", "--data-dir", str(tmp_path),
                 "-o", str(out)]) == 0
    overview = json.loads(out.read_text(encoding="utf-8"))["overview"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d to \d\d:\d\d UTC \(\d+ min\)",
                        overview["real_time"]), overview["real_time"]
    html = tmp_path / "report.html"
    assert main(["report", str(sid), "--format", "html", "--data-dir", str(tmp_path),
                 "-o", str(html)]) == 0
    assert "Real time" in html.read_text(encoding="utf-8")
