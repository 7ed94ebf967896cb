"""The timeline board: the shipped file is exactly what the scenario draws today."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from pathlib import Path

from tabletop.exercise.clock import FakeTime
from tabletop.reports.board import BOARD_ASSET, timeline_svg
from tabletop.reports.cards import COL_W, GAP, MARGIN, lanes
from tabletop.reports.svg import wrap
from tabletop.reports.timeline import is_trigger, run_timeline
from tabletop.scenario.bundled import DEFAULT_SCENARIO, data_dir
from tabletop.scenario.loader import load_scenario
from tests.helpers import bundled, played, step
from tests.journal.helpers import start_workshop

SVG = "{http://www.w3.org/2000/svg}"


def texts(svg: str) -> list[str]:
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]


def test_the_shipped_board_equals_a_fresh_drawing_of_the_default_scenario() -> None:
    shipped = (data_dir("assets") / BOARD_ASSET).read_bytes()
    fresh = timeline_svg(bundled()).encode("utf-8")
    assert shipped == fresh, (
        "assets/ is stale: regenerate with "
        f"`tabletop timeline {DEFAULT_SCENARIO} -o assets/{BOARD_ASSET}`")


def test_the_drawing_is_deterministic() -> None:
    assert timeline_svg(bundled()) == timeline_svg(bundled())


def test_the_board_has_the_four_stages_and_every_scheduled_inject() -> None:
    scenario = bundled()
    words = texts(timeline_svg(scenario))
    assert [lane.title for lane in lanes(scenario)] == [s.title for s in scenario.board.stages]
    assert len(scenario.board.stages) == 4
    for lane in lanes(scenario):
        assert lane.title in words
    joined = " ".join(words)
    for inject in scenario.injects:
        if inject.when is None:
            assert inject.title.split(":")[0] in joined
        else:  # what a check or a delay would reveal is not given away
            assert inject.title not in joined


def test_evidence_quotes_the_figures_of_the_scenarios_source() -> None:
    joined = " ".join(texts(timeline_svg(bundled())))
    assert "{" not in joined
    assert "manual override actions rise from 4 to 19" in joined


def test_decision_points_and_the_governance_loop_are_marked() -> None:
    words = texts(timeline_svg(bundled()))
    assert words.count("DECISION POINT") == 3
    assert any(w.startswith("Governance loop: what this release taught") for w in words)
    assert 'marker-end="url(#tl-arrow)"' in timeline_svg(bundled())


def test_scenario_text_is_escaped() -> None:
    scenario = dataclasses.replace(bundled(), facilitator_title='Release <b>"A&B"</b>')
    svg = timeline_svg(scenario)
    root = ET.fromstring(svg)  # still well-formed XML
    assert "Release <b>\"A&B\"</b>" in [t.text for t in root.iter(f"{SVG}text")]
    assert "<b>" not in svg


def test_a_session_timeline_draws_its_own_injects_and_decisions() -> None:
    driver = start_workshop(None, FakeTime())
    driver.run_until(60.0)
    exercise = driver.session.exercise
    svg = timeline_svg(exercise.scenario, run_timeline(exercise))
    joined = " ".join(texts(svg))
    assert "SESSION TIMELINE" in joined
    assert "Extra check: urgent recall per language" in joined  # a conditional that fired
    assert "Roll back" in joined
    assert "Approve with extra checks" in joined
    assert "STATEMENT SENT" in joined


def test_stage_headers_span_whole_minutes() -> None:
    """A decision stamped a hundredth after its minute does not make "T-10 to T-9.99"."""
    timeline = run_timeline(played(step(-10, "approve-with-checks", checks=("slice-eval",))))
    nudged = [dataclasses.replace(e, minute=e.minute + 0.01) if e.kind == "decision" else e
              for e in timeline]
    headers = [t for t in texts(timeline_svg(bundled(), nudged)) if t[:2] in ("T-", "T+")]
    assert "T-10" in headers
    assert not any("." in t for t in headers)


def test_an_inline_drawing_has_no_namespace_or_xml_declaration() -> None:
    svg = timeline_svg(bundled(), standalone=False, header=False)
    assert svg.startswith("<svg ")
    assert "xmlns" not in svg
    assert "http" not in svg


def test_lines_are_wrapped_to_the_width_given() -> None:
    lines = wrap("the quick brown fox jumps over the lazy dog " * 4, 200, 12.5)
    assert len(lines) > 1
    assert all(line == line.strip() for line in lines)
    assert " ".join(lines).split() == ("the quick brown fox jumps over the lazy dog " * 4).split()


def test_the_shipped_board_is_where_the_package_finds_it() -> None:
    assert (Path(__file__).resolve().parents[2] / "assets" / BOARD_ASSET).is_file()


def test_the_pricing_board_shows_its_own_stages_and_its_triggers_marked() -> None:
    scenario = bundled("pricing-assistant-incident")
    words = texts(timeline_svg(scenario))
    assert [s.title for s in scenario.board.stages] == [lane.title for lane in lanes(scenario)]
    assert all(s.title in words for s in scenario.board.stages)
    assert not [lane.title for lane in lanes(bundled()) if lane.title in words]
    joined = " ".join(words)
    triggers = [i for i in scenario.injects if i.when is not None and is_trigger(i.when)]
    assert triggers
    for inject in triggers:  # fired with nobody acting, dashed and its condition in words
        assert inject.title.split(":")[0] in joined
    assert words.count("conditional") == len(triggers)
    assert "Only while the candidate serves at least 50 %" in words
    # What a team's choice brings is not given away.
    chosen = [i for i in scenario.injects if i.when is not None and i.when.chose]
    assert chosen
    assert not [i.title for i in chosen if i.title in joined]
    assert not any(w.startswith("Governance loop") for w in words)  # no loop declared


def test_a_scenario_that_declares_no_stages_gets_its_injects_stages() -> None:
    scenario = load_scenario(Path(__file__).parents[1] / "scenarios"
                             / "content-moderation-release.yaml")
    assert not scenario.board.stages
    named = list(dict.fromkeys(i.stage for i in sorted(scenario.injects, key=lambda i: i.minute)
                               if i.stage))
    assert [lane.stage for lane in lanes(scenario)] == named
    words = texts(timeline_svg(scenario))
    assert "Pre-release" in words
    assert "Canary release signals" not in words  # the default scenario's heading


def test_the_last_column_holds_the_debriefs_commitments() -> None:
    timeline = run_timeline(played(step(-10, "approve-with-checks", checks=("slice-eval",))))
    debrief = [("STOP", "shipping on offline F1 alone"), ("PLAN", "Slice gate (Eval lead, Q3)")]
    words = texts(timeline_svg(bundled(), timeline, debrief=debrief))
    assert "FROM THE DEBRIEF" in words
    assert "STOP: shipping on offline F1 alone" in words
    assert "PLAN: Slice gate (Eval lead, Q3)" in words
    root = ET.fromstring(timeline_svg(bundled(), timeline, debrief=debrief))
    heading = next(t for t in root.iter(f"{SVG}text") if t.text == "FROM THE DEBRIEF")
    last = MARGIN + (len(lanes(bundled())) - 1) * (COL_W + GAP)
    assert last < float(heading.get("x", "0")) < last + COL_W
    assert "FROM THE DEBRIEF" not in texts(timeline_svg(bundled(), timeline))
