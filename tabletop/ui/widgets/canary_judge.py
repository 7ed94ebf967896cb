"""The canary judge: a gate design's canary checkpoint judged live on the run, as an automated
canary analysis would judge it now (`exercise.gates.judge_run`): each metric pass, fail high or
fail low against its baseline and tolerance, the score and what it decides. Mounted after the
dashboard's first frame, for a scenario whose design judges a canary: nothing of it is
imported on the way to first paint."""

from __future__ import annotations

import math
from collections.abc import Callable

from textual.content import Content

from tabletop.base.words import fmt_minute, percent
from tabletop.exercise.engine import Exercise
from tabletop.exercise.gates import CanaryVerdict, MetricVerdict, judge_run, pass_band
from tabletop.journal.session import Session
from tabletop.scenario.errors import ScenarioError
from tabletop.scenario.gate_design import Canary, CanaryMetric, GateDesign
from tabletop.scenario.gate_loader import default_design
from tabletop.scenario.model import Scenario
from tabletop.ui.text import literal
from tabletop.ui.widgets.readout import Readout

MARKS = {"pass": Content.styled(" ✓ PASS ", "bold $text-success"),
         "fail high": Content.styled(" ▲ FAIL HIGH ", "bold reverse $text-error"),
         "fail low": Content.styled(" ▼ FAIL LOW ", "bold reverse $text-error")}
"""Each metric's verdict in a symbol and words, not colour alone."""
MARK_WIDTH = 13
DECISIONS = {"continue": Content.styled(" ▶ CONTINUE ", "bold reverse $text-success"),
             "hold": Content.styled(" ❚❚ HOLD: INCONCLUSIVE ", "bold reverse $text-warning"),
             "roll back": Content.styled(" ↩ ROLL BACK ", "bold reverse $text-error")}
"""What the score decides, in a symbol and words."""


def canary_design(scenario: Scenario, session: object = None) -> GateDesign | None:
    """The design the judge reads: the session's saved one, else the scenario's own; None when
    the release has no canary to judge (its plan starts on all traffic: an incident already
    live is for the team to read, not a verdict on screen), when the design judges no canary,
    or when the scenario's own no longer reads (the judge is then left out rather than the
    run stopped, and `tabletop validate` names the fault)."""
    if scenario.rollout.plan[0].share >= 1.0:
        return None
    design = session.gate_design() if isinstance(session, Session) else None
    if design is None:
        try:
            design = default_design(scenario)
        except ScenarioError:
            return None
    if design is None or design.canary is None or not design.canary.metrics:
        return None
    return design


class CanaryJudgePanel(Readout):
    """The verdict now on its first line, then one line per metric: its verdict, its reading
    against the baseline and the band that passes, its label (cut to the panel's width).

    Args:
        design: a gate design whose canary has metrics (`canary_design`).
    """

    def __init__(self, design: GateDesign) -> None:
        super().__init__(id="canary-judge", classes="panel")
        assert design.canary is not None
        self._design = design
        self._canary: Canary = design.canary
        self._judged: tuple[object, ...] = ()
        """What the panel last judged from: the whole minute, the plan, whether it serves."""
        self._said: CanaryVerdict | str = ""
        """The judgement, or why there is none."""
        self.border_title = "Canary judge"
        self.border_subtitle = (f"continue at {percent(self._canary.continue_at)}"
                                f" · roll back below {percent(self._canary.roll_back_below)}")

    def show_run(self, run: Exercise) -> None:
        """Judge `run` at its latest whole minute (as the replay's checkpoint reads it), unless
        neither that minute, the team's plan nor whether the candidate serves has changed."""
        minute = float(math.floor(run.minute))
        exposure, enabled = run.rollout_now()
        serving = exposure > 0 and enabled
        judged = (minute, run.plan(), serving)
        if judged == self._judged:
            return
        self._judged = judged
        deploy = run.scenario.rollout.deploy_minute
        if run.minute < deploy:
            self._said = (f"Not deployed yet: the canary goes live at {fmt_minute(deploy)}\n"
                          "and its checkpoint judges at "
                          f"{fmt_minute(deploy + self._canary.minutes)}.")
        elif not serving:
            self._said = "The candidate serves no traffic: nothing to judge."
        else:
            self._said = judge_run(run, self._design, minute)
        self._redraw()

    def on_resize(self) -> None:
        """Alone on the room's view, each label gets a line of its own."""
        self._redraw()

    def _redraw(self) -> None:
        if isinstance(self._said, str):
            self.show(Content(self._said))
            return
        verdict = self._said
        roomy = self.is_attached and self.screen.has_class("-solo")
        metrics = {m.measure: m for m in self._canary.metrics}
        passed = sum(m.verdict == "pass" for m in verdict.metrics)
        head = Content.assemble(DECISIONS[verdict.decision], (
            f"  score {_score(verdict.score, self._canary)}: {passed} of "
            f"{len(verdict.metrics)} pass at {fmt_minute(verdict.minute)}", "bold"))
        # Each column as wide as its widest entry, so the labels start in one column.
        values = _aligned([_number(m.value) for m in verdict.metrics], str.rjust)
        against = _aligned([_against(m, metrics[m.measure]) for m in verdict.metrics], str.ljust)
        self.show(Content("\n").join([head, *(
            _metric_line(m, value, text, roomy)
            for m, value, text in zip(verdict.metrics, values, against, strict=True))]))


def _score(score: float, canary: Canary) -> str:
    """The score, to a tenth where whole percentages would show it equal to a threshold it is
    not (two of three, 66.7 %, against a roll-back line at 67 %)."""
    whole = percent(score)
    lines = (canary.continue_at, canary.roll_back_below)
    close = any(percent(line) == whole and line != score for line in lines)
    return percent(score, 1) if close else whole


def _aligned(texts: list[str], pad: Callable[[str, int], str]) -> list[str]:
    width = max(len(text) for text in texts)
    return [pad(text, width) for text in texts]


def _against(judged: MetricVerdict, metric: CanaryMetric) -> str:
    """`base 3 · passes ≤ 7`: the baseline and the band that passes around it."""
    band = pass_band(metric, judged.baseline)
    high, low = _number(judged.baseline + band), _number(judged.baseline - band)
    passes = {"high": f"≤ {high}", "low": f"≥ {low}", "both": f"{low} to {high}"}[metric.fails]
    return f"base {_number(judged.baseline)} · passes {passes}"


def _metric_line(judged: MetricVerdict, value: str, against: str, roomy: bool) -> Content:
    """`✓ PASS  16  base 3 · passes ≤ 7  manual overrides ...`, the label on a line of its
    own when `roomy`."""
    mark = MARKS[judged.verdict]
    indent = " " * MARK_WIDTH
    return Content.assemble(mark, indent[mark.cell_length:],
                            (value, "bold"),
                            (f"  {against}", "$foreground-muted"),
                            "\n" + indent if roomy else "  ", literal(judged.label))


def _number(value: float) -> str:
    return f"{round(value, 1):g}"
