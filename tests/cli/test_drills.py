"""The drill options: `simulate --drill`, `validate --drills`, and `simulate --json`'s evidence
as shown."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tabletop.cli import main
from tabletop.cli.printers import drill_line
from tabletop.exercise.replay import play
from tabletop.exercise.variation import draw_drill, played_variation
from tabletop.scenario.bundled import bundled_scenarios
from tests.cli.test_cli import ERROR_LINE
from tests.helpers import bundled, position

PRICING = "pricing-assistant-incident"
"""A quick scenario to draw drills of (a small stream, no variation)."""


def json_out(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["simulate", *args, "--json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def test_simulate_drill_plays_the_drill_the_seed_draws_and_shows_its_evidence(
        capsys: pytest.CaptureFixture[str]) -> None:
    data = json_out(capsys, "student-support-release", "--drill", "4242")
    drill = draw_drill(bundled(), 4242)
    assert data["seed"] == drill.stream_seed
    assert data["drill"] == {"seed": 4242, "stream_seed": drill.stream_seed,
                             "draws": drill.draws, "variation": played_variation(drill.scenario)}
    # Each fired inject's evidence as the run showed it: figures filled in.
    played = play(drill.scenario, drill.stream_seed, [])
    shown = [[(e.id, e.tag, e.text) for e in f.evidence] for f in played.fired]
    listed = [[(e["id"], e["tag"], e["text"]) for e in f["evidence"]]
              for f in data["fired_injects"]]
    assert listed == shown
    templated = {e.id for i in bundled().injects for e in i.evidence if "{" in e.text}
    assert templated & {ident for inject in listed for ident, _, _ in inject}
    assert not any("{" in text for inject in listed for _, _, text in inject)


def test_the_printed_run_of_a_drill_names_the_drill_and_the_values_it_drew() -> None:
    drill = draw_drill(bundled(PRICING), 3)
    assert drill_line(drill) == "Solo drill 3: stream seed 3 (first draw)"
    redrawn = draw_drill(bundled(), 4242)
    line = drill_line(redrawn)
    assert line.startswith(f"Solo drill 4242: stream seed {redrawn.stream_seed} "
                           f"(draw {redrawn.draws}, the first broke the story); ")
    assert f"per_minute {redrawn.scenario.stream.per_minute:g}" in line


def test_simulate_takes_a_drill_or_a_seed_not_both(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["simulate", PRICING, "--drill", "3", "--seed", "4"])
    assert caught.value.code == 2
    assert "not allowed with" in capsys.readouterr().err


def test_validate_drills_reports_how_many_keep_the_story(
        capsys: pytest.CaptureFixture[str]) -> None:
    path = str(bundled_scenarios()["student-support-release"])
    assert main(["validate", "--drills", "4", path]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{path}: ok (student-support-release,")
    assert out[0].endswith(f"{len(bundled().story)} story lines)")
    summary = re.fullmatch(r"  drills 0 to 3: (\d) of 4 keep the story at the first draw"
                           r"(?:; (\d) more draw again until they do \(at most \d+ draws\))?"
                           r"; 4 of 4 play a stream that keeps it", out[1])
    assert summary is not None, out[1]
    first, again = int(summary[1]), int(summary[2] or 0)
    assert first + again == 4
    assert again > 0
    broke = [re.fullmatch(r"  first draws that broke (\w+) at T\+\d\d:\d\d .+: (\d)", line)
             for line in out[2:]]
    assert all(broke)
    assert sum(int(m[2]) for m in broke if m) >= again
    assert {m[1] for m in broke if m} <= {line.figure for line in bundled().story}


def test_validate_refuses_a_stream_that_breaks_its_own_story(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = bundled_scenarios()[PRICING].read_text(encoding="utf-8")
    line = "{figure: hallucinated_adjustment_count, minute: 0, at_least: 8}"
    path = tmp_path / "told.yaml"
    path.write_text(text.replace(line, line.replace("at_least: 8", "at_least: 800")),
                    encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    match = ERROR_LINE.match(err)
    assert match is not None, err
    row, _ = position(text, line)
    assert (match["file"], int(match["line"])) == (str(path), row)
    assert match["field"].startswith("story[")
    assert match["field"].endswith("].at_least")
    assert "own stream breaks its story" in match["message"]


@pytest.mark.parametrize("text", ["0", "-1", "many", "10001"])
def test_validate_drills_wants_a_sensible_count(text: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["validate", "--drills", text, "x.yaml"])
    assert caught.value.code == 2
    assert "a number of drills" in capsys.readouterr().err
