"""A gate design as the release pipeline a team would commit: a GitHub Actions workflow whose
jobs run the evaluation gates as deploy blockers, deploy the canary, wait for the canary-review
approval, and roll back on the triggers; and the rollback playbook and release checklist in
Markdown.

The workflow's steps call the team's own scripts (`scripts/release/...`): what each measures
is the scenario's, and the thresholds are the design's. It uses no third-party action and no
expression in a shell line (the design's values are written as literal arguments), grants the
token no permission by default, and names every gate of the design.
"""

from __future__ import annotations

import re

from tabletop.base.text import printable
from tabletop.scenario.gate_design import GateDesign, Threshold
from tabletop.scenario.model import Scenario


def workflow(design: GateDesign, scenario: Scenario) -> str:
    """The GitHub Actions workflow of the design, as YAML text."""
    labels = {m.id: m.label for m in (scenario.gates.measures if scenario.gates else ())}
    lines = [f"# The release gates of {_one_line(design.title or scenario.title)}, exported by",
             f"# tabletop from its gate design for {scenario.id}.",
             f"name: {_quoted('Release ' + scenario.id)}",
             "on:", "  workflow_dispatch:", "permissions: {}",
             # One release at a time: a second run waits rather than racing the first.
             "concurrency:", f"  group: {_quoted('release-' + scenario.id)}",
             "  cancel-in-progress: false", "jobs:"]
    lines += _job("evaluation-gates", "Evaluation gates (deploy blockers)", [], [
        (f"Gate: {labels.get(g.measure, g.measure)}",
         f"scripts/release/measure {g.measure} {_limit_args(g)}") for g in design.pre_deploy]
        or [("No evaluation gate in the design", "true")])
    lines += _job("deploy-canary", "Deploy the canary", ["evaluation-gates"], [
        ("Deploy the candidate to the canary share", "scripts/release/deploy --canary")])
    needs = ["deploy-canary"]
    if design.canary is not None:
        canary = design.canary
        checks = [(f"Canary metric: {labels.get(m.measure, m.measure)}",
                   f"scripts/release/judge {m.measure} --tolerance {m.tolerance:g} "
                   f"--slack {m.slack:g} --fails {m.fails}") for m in canary.metrics]
        checks.append(("Canary score",
                       f"scripts/release/score --continue-at {canary.continue_at:g} "
                       f"--roll-back-below {canary.roll_back_below:g}"))
        lines += _job("canary-review", f"Canary review after {canary.minutes:g} minutes",
                      needs, [("Wait for the canary window",
                               f"sleep {int(canary.minutes * 60)}"), *checks],
                      environment="canary-review")
        needs = ["canary-review"]
    lines += _job("promote", "Full rollout", needs, [
        ("Ramp the candidate to all traffic", "scripts/release/deploy --full")])
    triggers = [(f"Trigger: {labels.get(t.measure, t.measure)}",
                 f"scripts/release/measure {t.measure} {_limit_args(t)}")
                for t in design.rollback_triggers]
    lines += _job("rollback-triggers", "Rollback triggers", ["promote"],
                  triggers or [("No rollback trigger in the design", "true")])
    lines += _job("rollback", "Roll back", ["deploy-canary", "rollback-triggers"],
                  [("Roll back to the last known good version", "scripts/release/rollback")],
                  condition="${{ failure() }}")
    return "\n".join(lines) + "\n"


def playbook(design: GateDesign, scenario: Scenario) -> str:
    """The rollback playbook and the release checklist, as Markdown."""
    out = [f"# Release playbook: {_one_line(design.title or scenario.title)}", "",
           "## Rollback playbook", ""]
    out += [f"{n}. {_one_line(s.step)} (owner: {_one_line(s.owner)})"
            for n, s in enumerate(design.playbook, 1)] or ["No step in the design."]
    labels = {m.id: m.label for m in (scenario.gates.measures if scenario.gates else ())}
    out += ["", "## Release checklist", ""]
    out += [f"- [ ] Evaluation gate: {labels.get(g.measure, g.measure)} "
            f"{_limit_words(g)}" for g in design.pre_deploy]
    if design.canary is not None:
        out.append(f"- [ ] Canary review {design.canary.minutes:g} minutes after deployment: "
                   + "; ".join(labels.get(m.measure, m.measure) for m in design.canary.metrics))
    out += [f"- [ ] Rollback trigger armed: {labels.get(t.measure, t.measure)} "
            f"{_limit_words(t)}" for t in design.rollback_triggers]
    out += ["- [ ] The rollback playbook above is current, each step with its owner"]
    out += ["", "## Evidence the post-release report must carry", ""]
    out += [f"- {_one_line(e)}" for e in design.report_evidence] or ["- (none named)"]
    return "\n".join(out) + "\n"


def _job(name: str, title: str, needs: list[str], steps: list[tuple[str, str]], *,
         environment: str = "", condition: str = "") -> list[str]:
    lines = [f"  {name}:", f"    name: {_quoted(title)}", "    runs-on: ubuntu-latest",
             "    permissions:", "      contents: read"]
    if needs:
        lines.append(f"    needs: [{', '.join(needs)}]")
    if condition:
        lines.append(f"    if: {condition}")
    if environment:
        lines.append(f"    environment: {environment}")
    lines.append("    steps:")
    for step, command in steps:
        lines += [f"      - name: {_quoted(step)}", f"        run: {_quoted(command)}"]
    return lines


def _limit_args(limit: Threshold) -> str:
    return _limit(limit, "--at-least", "--at-most", " ")


def _limit_words(limit: Threshold) -> str:
    return _limit(limit, "at least", "at most", " and ")


def _limit(limit: Threshold, least: str, most: str, joined: str) -> str:
    """The limit's bounds, each after its word, joined."""
    bounds = [(least, limit.at_least), (most, limit.at_most)]
    return joined.join(f"{word} {value:g}" for word, value in bounds if value is not None)


def _one_line(text: str) -> str:
    """On one line, any control character from a file shown as its escape (`base.text`)."""
    return " ".join(printable(text).split())


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar: the text on one line, quotes and backslashes escaped, and
    no `${{` that GitHub would read as an expression."""
    text = re.sub(r"\$\{\{", "$ {{", _one_line(text))
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
