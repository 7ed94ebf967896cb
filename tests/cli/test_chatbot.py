"""The third test scenario, a support chatbot that is not a router (written from docs/ alone):
it validates, plays headless, and its remediation lowers its harm in `simulate`."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from tabletop.cli import main
from tabletop.exercise.replay import play
from tabletop.scenario.loader import load_scenario

CHATBOT = str(Path(__file__).parents[1] / "scenarios" / "discount-chatbot.yaml")


def simulated(capsys: pytest.CaptureFixture[str], *actions: str) -> dict[str, object]:
    assert main(["simulate", CHATBOT, "--json", *(f"--action={a}" for a in actions)]) == 0
    out: dict[str, object] = json.loads(capsys.readouterr().out)
    return out


def leaked(run: dict[str, object], key: str = "harm") -> int:
    harm = run[key]
    assert isinstance(harm, dict)
    return int(harm["code_leaked"])


def test_it_validates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", CHATBOT]) == 0
    assert "ok (discount-chatbot" in capsys.readouterr().out


def test_each_remediation_lowers_its_harm_and_the_premise_follows_the_run(
        capsys: pytest.CaptureFixture[str]) -> None:
    nobody = simulated(capsys, "-5:approve")
    fired = [f["id"] for f in nobody["fired_injects"]]  # type: ignore[attr-defined]
    assert "codes-reported" in fired
    assert leaked(nobody) == leaked(nobody, "baseline_harm") > 5
    for remedy in ("patch-prompt", "add-filter", "rollback"):
        run = simulated(capsys, "-5:approve", f"12:{remedy}")
        assert leaked(run) < leaked(nobody) / 3, remedy
    # rolled back at T+5, before the leak began at T+8: no leak, and no report of one
    early = simulated(capsys, "-5:approve", "5:rollback")
    assert leaked(early) == 0
    assert "codes-reported" not in [f["id"] for f in early["fired_injects"]]  # type: ignore[attr-defined]


def test_its_handouts_fill_each_figure_as_the_default_seed_plays_it(tmp_path: Path) -> None:
    out = tmp_path / "handouts.html"
    assert main(["handouts", CHATBOT, "-o", str(out)]) == 0
    html = unescape(out.read_text(encoding="utf-8"))
    # As the inject fires (it waits for the figure), each figure followed by the drills' range.
    plain = re.sub(r" \((?:some )?drills: [^)]*\)", "", html)
    fired = play(load_scenario(Path(CHATBOT)), None, []).fired
    quoted = [e.text for f in fired for e in f.evidence if "staff discount code" in e.text]
    assert quoted
    assert all(text in plain for text in quoted)
    assert not [text for text in quoted if text.startswith("0 ")]  # not read before it fired
    assert "{code_leaked" not in html
    assert "[code leaked" not in html


def test_a_scenario_that_does_not_route_weighs_only_its_own_outcomes() -> None:
    """Its harm criterion names no weights: it weighs the declared outcomes, never the routing
    family's misroutes, which such a stream cannot have (its why must not name them)."""
    scenario = load_scenario(Path(CHATBOT))
    assert not scenario.stream.routes
    assert "critical_misrouted" not in scenario.rubric.harm_weights
    assert set(scenario.rubric.harm_weights) <= {o.id for o in scenario.stream.outcomes}
