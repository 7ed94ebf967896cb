"""What `simulate` prints of a scenario is text: markup in a title, a label or an evidence item
is printed as typed, never read as Rich markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from tabletop.cli import main
from tests.reports import hostile as h


@pytest.fixture
def printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
            capsys: pytest.CaptureFixture[str]) -> str:
    """`simulate` of the hostile scenario, freezing on its signals, in a wide terminal."""
    path = tmp_path / "hostile.yaml"
    path.write_text(h.hostile_yaml(), encoding="utf-8")
    monkeypatch.setenv("COLUMNS", "400")  # one line a row, so each string is whole
    assert main(["simulate", str(path), "--action", "11:freeze:overrides",
                 "--statement", "31:notice:sent"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


@pytest.mark.parametrize("expected", [h.TITLE, h.INJECT, h.EVIDENCE, h.ACTION, h.CRITERION,
                                      h.WHY, h.HARM, h.GRADE, h.STATEMENT_TITLE])
def test_simulate_prints_scenario_text_as_typed(printed: str, expected: str) -> None:
    assert expected in printed
