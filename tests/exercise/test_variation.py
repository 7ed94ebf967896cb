"""Solo drills keep the story: a drill seed draws again until its stream keeps the scenario's
story, deterministically, and the debrief's replay line plays the very same drill."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import os
import shlex
from typing import Any

import pytest

from tabletop.cli import main
from tabletop.exercise.clock import FakeTime
from tabletop.exercise.engine import Choice
from tabletop.exercise.replay import PlannedStep
from tabletop.exercise.story import keeps, story_breaks
from tabletop.exercise.variation import MAX_DRAWS, StoryError, draw_drill, vary
from tabletop.journal.setup import new_run, play_to, replay_line
from tabletop.scenario.model import StoryLine
from tabletop.scoring.rubric import score
from tests.helpers import bundled, exercise_at

LONG = os.environ.get("TABLETOP_LONG_TESTS") == "1"
DRILLS = 200 if LONG else 20
"""Drill seeds per bundled scenario: 20 in the suite (a few seconds), 200 in long runs."""
REDRAWN = 4242
"""A drill seed of the default scenario whose first draw breaks the story (urgent-to-general
falls by T+20), so the drill draws again."""


def test_a_drill_whose_first_draw_breaks_the_story_draws_again_the_same_way() -> None:
    scenario = bundled()
    assert story_breaks(vary(scenario, REDRAWN), REDRAWN)
    drill = draw_drill(scenario, REDRAWN)
    assert drill.draws > 1
    assert drill.first_breaks
    assert drill.stream_seed != REDRAWN
    assert story_breaks(drill.scenario, drill.stream_seed) == []
    # The stream it drew is a drill of its own, the same one: what the replay line relies on.
    again = draw_drill(scenario, drill.stream_seed)
    assert (again.scenario, again.stream_seed, again.draws) == \
        (drill.scenario, drill.stream_seed, 1)


def test_a_story_no_draw_keeps_is_refused_after_the_bounded_draws() -> None:
    impossible = StoryLine("candidate_recall_other", 0.0, at_least=0.99)
    scenario = dataclasses.replace(bundled(), story=(impossible,))
    with pytest.raises(StoryError, match=f"in {MAX_DRAWS} draws"):
        draw_drill(scenario, 1)


# In halves, so that the suite's workers share them.
@pytest.mark.parametrize("ident", ["student-support-release", "pricing-assistant-incident"])
@pytest.mark.parametrize("half", [0, 1])
def test_no_solo_drill_contradicts_its_scenarios_story(ident: str, half: int) -> None:
    scenario = bundled(ident)
    last = max(line.minute for line in scenario.story)
    for seed in range(half * DRILLS // 2, (half + 1) * DRILLS // 2):
        drill = new_run(scenario, mode="solo", seed=seed, time_source=FakeTime()).exercise
        played = exercise_at(drill.scenario, last, drill.seed)
        for line in scenario.story:
            shown = played.render_evidence(_quoting(line.figure), line.minute)[0].text
            assert keeps(line, shown), (seed, line, shown)
        if ident == "student-support-release":
            said = {e.id: e.text for _, e in played.revealed()}
            assert "increase by" in said["r2-urgent-to-general"], (seed, said)
            assert not said["r3-missed-escalations"].startswith("no "), (seed, said)
            assert "all 0" not in said["r3-shadow-correct"], (seed, said)


def _quoting(figure: str) -> Any:
    """An inject whose one evidence text quotes `figure` alone: read as the evidence reads it."""
    from tabletop.scenario.model import Evidence, Inject

    return Inject("probe", 0.0, "probe", evidence=(Evidence("p", f"{{{figure}}}", "technical"),))


def _simulate_json(line: str) -> dict[str, Any]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main([*shlex.split(line)[1:], "--json"]) == 0
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


def test_a_solo_drills_replay_line_reproduces_it_exactly() -> None:
    # Played as the app plays it (journal.setup), ended early; the rollback is taken with the
    # clock just before T+35, where the advisors' escalation (a contingency) is called off.
    scenario = bundled()
    session = new_run(scenario, ref="student-support-release", mode="solo", seed=REDRAWN,
                      time_source=FakeTime())
    cited = ("r2-overrides", "r2-urgent-to-general")
    play_to(session, 40.0, [PlannedStep(34.995, Choice("rollback", cited))])
    session.exercise.end()
    live = score(session.exercise)
    line = replay_line(session)
    assert f"--drill {session.exercise.seed}" in line
    replayed = _simulate_json(line)
    assert replayed["harm"] == live.harm.as_dict()
    assert replayed["total"] == live.total
    assert [c["points"] for c in replayed["criteria"]] == [c.points for c in live.criteria]
    live_fired = [(f.inject.id, f.minute) for f in session.exercise.fired]
    assert [(f["id"], f["minute"]) for f in replayed["fired_injects"]][:len(live_fired)] == \
        live_fired
    assert "advisors-escalate" not in {f["id"] for f in replayed["fired_injects"]}


def test_a_drill_that_blocks_plays_its_branch_and_its_replay_line_reproduces_it() -> None:
    """A drill has no facilitator to offer a branch to: it comes by itself, in the drill, on
    its resume and in its replay line alike (`variation.without_branches`)."""
    scenario = bundled()
    (branch,) = [i for i in scenario.injects if i.branch]
    session = new_run(scenario, ref="student-support-release", mode="solo", seed=REDRAWN,
                      time_source=FakeTime())
    blocked = [PlannedStep(-10, Choice("approve-with-checks", checks=("slice-eval",))),
               PlannedStep(-10, Choice("block", ("x-slice-recall",), "recall fails"))]
    play_to(session, 30.0, blocked)
    fired = [f.inject.id for f in session.exercise.fired]
    assert branch.id in fired
    assert "early-signals" in fired  # round 2 came: the block was overruled
    session.exercise.end()
    live = score(session.exercise)
    replayed = _simulate_json(replay_line(session))
    assert replayed["total"] == live.total
    assert [f["id"] for f in replayed["fired_injects"]][:len(fired)] == fired
