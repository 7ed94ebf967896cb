"""The dashboard's canary judge: the scenario's gate design (or the session's saved one) judging
its canary live on the run, each metric in words and symbols, the verdict following the run."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from tabletop.base.words import fmt_minute
from tabletop.exercise.engine import Choice
from tabletop.exercise.gates import MetricVerdict
from tabletop.exercise.replay import PlannedStep
from tabletop.journal.events import Presentation
from tabletop.scenario.gate_design import CanaryMetric
from tabletop.scenario.gate_loader import default_design, design_yaml
from tabletop.scenario.loader import load_scenario
from tabletop.scenario.model import Scenario
from tabletop.ui.room.app import RoomApp
from tabletop.ui.screens.dashboard import DashboardScreen
from tabletop.ui.widgets.canary_judge import CanaryJudgePanel, _against, _metric_line
from tests.ui.helpers import SIZE, Harness, bundled, on_screen, paused_at
from tests.ui.room.helpers import room_on
from tests.ui.test_dashboard_sizes import drawn_inside

CHATBOT = Path(__file__).parents[1] / "scenarios" / "discount-chatbot.yaml"


async def judged(h: Harness, size: tuple[int, int] = SIZE) -> str:
    """What the canary judge shows once the dashboard has drawn it (its panel brought up
    where the panels take turns)."""
    async with h.app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, DashboardScreen)
        screen.show_panel("canary-judge")
        await pilot.pause()
        return "\n".join(drawn_inside(screen, "canary-judge"))


def rollback_at(minute: float, scenario: Scenario) -> PlannedStep:
    """The scenario's rollback, taken at `minute` citing nothing."""
    rollback = next(a.id for a in scenario.actions if a.effect == "rollback")
    return PlannedStep(minute, Choice(rollback, (), "roll it back"))


async def test_before_deployment_the_judge_says_when_the_canary_goes_live() -> None:
    scenario = bundled()
    design = default_design(scenario)
    assert design is not None
    assert design.canary is not None
    deploy = scenario.rollout.deploy_minute
    shown = await judged(paused_at(deploy - 5))
    assert "Not deployed yet" in shown
    assert f"goes live at {fmt_minute(deploy)}" in shown  # whole beside the evidence log
    assert f"checkpoint judges at {fmt_minute(deploy + design.canary.minutes)}." in shown
    assert "PASS" not in shown
    assert "ROLL BACK" not in shown


async def test_with_nobody_acting_the_overrides_fail_high_and_the_judge_says_roll_back() -> None:
    design = default_design(bundled())
    assert design is not None
    assert design.canary is not None
    shown = await judged(paused_at(25))
    assert "↩ ROLL BACK" in shown
    assert "▲ FAIL HIGH" in shown
    assert "✓ PASS" in shown
    # Two of three is 66.7 %: shown to a tenth beside a roll-back line at 67 %, not as 67 %.
    assert "score 66.7 %: 2 of 3 pass at T+25:00" in shown
    assert design.canary.roll_back_below > 2 / 3
    assert shown.count("passes ≤") == len(design.canary.metrics)


async def test_early_on_every_metric_passes_and_the_judge_says_continue() -> None:
    shown = await judged(paused_at(5))
    assert "▶ CONTINUE" in shown
    assert "FAIL" not in shown
    assert "score 100 %: 3 of 3 pass" in shown


async def test_after_an_early_rollback_the_candidate_serves_nothing_to_judge() -> None:
    scenario = bundled()
    shown = await judged(paused_at(25, steps=[rollback_at(5, scenario)]))
    assert "serves no traffic: nothing to judge" in shown
    assert "ROLL BACK" not in shown.replace("roll back below", "")


async def test_the_verdict_follows_the_run_as_the_clock_moves() -> None:
    h = paused_at(5)
    async with h.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, DashboardScreen)
        assert "▶ CONTINUE" in "\n".join(drawn_inside(screen, "canary-judge"))
        h.app.exercise.clock.jump_to(25)
        h.app.exercise.update()
        screen.show()
        await pilot.pause()
        assert "↩ ROLL BACK" in "\n".join(drawn_inside(screen, "canary-judge"))


async def test_on_a_laptop_terminal_the_judge_takes_the_service_healths_turn() -> None:
    h = paused_at(25)
    async with h.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, DashboardScreen)
        assert "canary-judge" not in screen.panel_ids()  # no seventh tab to cut the names
        screen.show_panel("health")
        await pilot.pause()
        assert "▲ FAIL HIGH" in "\n".join(drawn_inside(screen, "canary-judge"))
        assert "Latency" in "\n".join(drawn_inside(screen, "health"))
        screen.show_panel("evidence")
        await pilot.pause()
        assert not screen.query_one(CanaryJudgePanel).region.area


async def test_at_120x36_the_judge_sits_above_the_service_health_overlapping_nothing() -> None:
    h = paused_at(25)
    async with h.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        judge = screen.query_one(CanaryJudgePanel).region
        assert judge.area
        for panel in screen.query("#body .panel"):
            if panel.id != "canary-judge":
                assert not judge.overlaps(panel.region), panel.id
        assert judge.bottom == screen.query_one("#health").region.y


def test_a_metric_below_its_band_fails_low_in_words_and_symbol() -> None:
    metric = CanaryMetric("m", tolerance=0.5, fails="both", slack=0.0)
    judged = MetricVerdict("m", "a signal", 3.0, 10.0, "fail low")
    line = _metric_line(judged, "3", _against(judged, metric), False)
    assert line.plain.split() == ["▼", "FAIL", "LOW", "3", "base", "10", "·", "passes", "5",
                                  "to", "15", "a", "signal"]


async def test_a_scenario_without_gates_shows_no_canary_judge() -> None:
    scenario = load_scenario(CHATBOT)
    assert scenario.gates is None
    async with paused_at(12, scenario, ref=str(CHATBOT)).app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not pilot.app.screen.query(CanaryJudgePanel)


async def test_an_incident_live_on_all_traffic_has_no_canary_to_judge() -> None:
    """The pricing incident starts on all traffic: its gate design's canary is what the gates
    would have done, not a verdict to show the team while it reads the triggers."""
    scenario = bundled("pricing-assistant-incident")
    design = default_design(scenario)
    assert design is not None
    assert design.canary is not None
    assert scenario.rollout.plan[0].share == 1.0
    async with paused_at(5, scenario, ref=scenario.id).app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not pilot.app.screen.query(CanaryJudgePanel)


async def test_a_gate_design_without_a_canary_shows_no_canary_judge() -> None:
    h = paused_at(25)
    design = default_design(bundled())
    assert design is not None
    h.app.session.save_gates(design_yaml(dataclasses.replace(design, canary=None)))
    async with h.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not pilot.app.screen.query(CanaryJudgePanel)


async def test_the_sessions_saved_design_is_the_one_judged() -> None:
    scenario = bundled()
    design = default_design(scenario)
    assert design is not None
    assert design.canary is not None
    loose = dataclasses.replace(design.canary, metrics=tuple(
        dataclasses.replace(m, tolerance=100.0) for m in design.canary.metrics))
    h = paused_at(25)
    h.app.session.save_gates(design_yaml(dataclasses.replace(design, canary=loose)))
    shown = await judged(h)
    assert "▶ CONTINUE" in shown
    assert "FAIL" not in shown


async def test_a_score_between_the_thresholds_holds_as_inconclusive() -> None:
    design = default_design(bundled())
    assert design is not None
    assert design.canary is not None
    between = dataclasses.replace(design.canary, continue_at=1.0, roll_back_below=0.5)
    h = paused_at(25)
    h.app.session.save_gates(design_yaml(dataclasses.replace(design, canary=between)))
    shown = await judged(h)
    assert "❚❚ HOLD: INCONCLUSIVE" in shown
    assert "score 67 %" in shown


async def test_alone_on_the_rooms_view_each_label_is_whole_on_its_own_line(
        tmp_path: Path) -> None:
    room = room_on(tmp_path, 25)
    async with room.app.run_test(size=SIZE) as pilot:
        for _ in range(4):
            await pilot.pause()
        room.session.present(Presentation(view="canary-judge"))
        assert isinstance(pilot.app, RoomApp)
        pilot.app.follow()
        for _ in range(3):
            await pilot.pause()
        judge = pilot.app.screen.query_one(CanaryJudgePanel)
        assert judge.region.width == SIZE[0]
        lines = [line.strip().strip("│").strip() for line in on_screen(judge).splitlines()]
        gates = bundled().gates
        assert gates is not None
        design = default_design(bundled())
        assert design is not None
        assert design.canary is not None
        judged_ids = {m.measure for m in design.canary.metrics}
        for measure in gates.measures:
            if measure.id in judged_ids:
                assert measure.label in lines
        room.store.close()
