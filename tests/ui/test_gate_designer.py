"""The gate designer (issue 21): reached from the debrief, each threshold editable, the replay
on this incident and on a healthy release redone as one changes, the design saved to a file
`tabletop gates` reads back."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from tabletop.scenario.gate_loader import load_gate_design
from tabletop.ui.screens.debrief import DebriefScreen
from tabletop.ui.screens.gates import GatesScreen

from .helpers import SIZE, bundled, end_now, on_screen, paused_at


def shown(screen: GatesScreen) -> str:
    return " ".join(str(screen.query_one("#gates-what-if", Static).render()).split())


async def test_editing_a_threshold_replays_the_design_and_saving_writes_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    h = paused_at(21)
    async with h.app.run_test(size=SIZE) as pilot:
        await end_now(pilot)
        assert isinstance(pilot.app.screen, DebriefScreen)
        await pilot.press("ctrl+e")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, GatesScreen)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert "blocked before deploy" in shown(screen)
        screen.query_one("#pre-0-least", Input).value = "0.1"
        screen.query_one("#pre-1-least", Input).value = "1"
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert "blocked before deploy" not in shown(screen).split("On a healthy")[0]
        assert "On a healthy release: not stopped by the gates" in shown(screen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = load_gate_design(tmp_path / "gates-student-support-release.yaml", bundled())
        assert saved.pre_deploy[0].at_least == 0.1
        await pilot.press("escape")
        await pilot.pause()
        debrief = pilot.app.screen
        assert isinstance(debrief, DebriefScreen)
        assert h.app.session.gate_design() == saved
        card = " ".join(on_screen(debrief.query_one("#score-card")).split())
        assert "Your gates would have" in card
