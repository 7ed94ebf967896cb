"""The gate designer (issue 21): reached from the debrief (and the briefing), each threshold
editable, the replay on this incident and on a healthy release redone as one changes, the
design saved to a file `tabletop gates` reads back."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tabletop.scenario.gate_loader import load_gate_design
from tabletop.ui.screens.briefing import BriefingScreen
from tabletop.ui.screens.debrief import DebriefScreen
from tabletop.ui.screens.gates import GatesScreen

from .helpers import SIZE, bundled, end_now, make, on_screen, opened, paused_at, start


def shown(screen: GatesScreen) -> str:
    return " ".join(str(screen.query_one("#gates-what-if", Static).render()).split())


async def designer(pilot: Pilot[None]) -> GatesScreen:
    """Open the designer with its key and wait for its first replay."""
    screen = await opened(pilot, "ctrl+e", GatesScreen)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return screen


async def test_editing_a_threshold_replays_the_design_and_saving_writes_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    h = paused_at(21)
    async with h.app.run_test(size=SIZE) as pilot:
        await end_now(pilot)
        assert isinstance(pilot.app.screen, DebriefScreen)
        screen = await designer(pilot)
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


async def test_a_team_can_start_with_the_gates_from_the_briefing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    h = make()
    async with h.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, BriefingScreen)
        screen = await designer(pilot)
        assert "blocked before deploy" in shown(screen)  # replayed before anyone acts
        screen.query_one("#pre-0-least", Input).value = "0.2"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, BriefingScreen)
        design = h.app.session.gate_design()
        assert design is not None
        assert design.pre_deploy[0].at_least == 0.2
        await start(pilot)
        assert not h.app.exercise.decisions  # the design is no decision of the run
        await end_now(pilot)
        card = " ".join(on_screen(pilot.app.screen.query_one("#score-card")).split())
        assert "Your gates would have" in card


async def test_the_briefing_offers_the_gates_only_for_a_scenario_that_declares_them() -> None:
    plain = replace(bundled(), gates=None)
    for scenario, offered in ((bundled(), True), (plain, False)):
        h = make(scenario)
        async with h.app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert (h.app.screen.check_action("gates", ()) is True) == offered
            await pilot.press("ctrl+e")
            await pilot.pause()
            assert isinstance(pilot.app.screen, GatesScreen) == offered
