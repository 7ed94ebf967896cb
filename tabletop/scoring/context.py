"""What the criteria read from a run: the decisions judged, the evidence citable when each was
taken, whether a decision still changed the run, and the harm of the run and its counterparts.

Everything costly (the counterfactual runs) is computed on first use, so the feedback shown
right after a decision never routes a counterfactual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property

from tabletop.exercise.engine import Decision, Exercise, FiredInject
from tabletop.exercise.signals import figures, model_figures
from tabletop.exercise.simulation import (
    RELEASE_OVER,
    Harm,
    RolloutPlan,
    changes_rollout,
    rollout_state,
)
from tabletop.scenario.gate_design import GateDesign
from tabletop.scenario.rubric import Criterion, Outcome
from tabletop.scenario.templates import fill_template
from tabletop.scoring import cases


class Context:
    """What the criteria need, computed once per scoring.

    Args:
        exercise: the run.
        decisions: the decisions judged (the run's, or one team's votes, or one decision for
            feedback).
    """

    def __init__(self, exercise: Exercise, decisions: Sequence[Decision]) -> None:
        self.exercise = exercise
        self.scenario = exercise.scenario
        self.decisions = list(decisions)
        self.design: GateDesign | None = None
        """The team's release gate design, judged by a `gates` criterion."""

    # --- harm ----------------------------------------------------------------------------------

    @cached_property
    def harm(self) -> Harm:
        """Harm of the run as played."""
        return self.exercise.harm_for(self.exercise.plan())

    @cached_property
    def baseline_harm(self) -> Harm:
        """Harm had nobody acted."""
        return cases.of_run(self.exercise).baseline

    @cached_property
    def best_harm(self) -> Harm:
        """The least harm any allowed play achieves (`cases.best_harm`)."""
        return cases.best_harm(self.exercise)

    # --- what was revealed -------------------------------------------------------------------

    def fired_minute(self, inject_id: str) -> float | None:
        """Minute an inject fired, or None if it never did."""
        return next((f.minute for f in self.exercise.fired if f.inject.id == inject_id), None)

    def revealed_before(self, decision: Decision) -> list[FiredInject]:
        """The injects revealed when a decision was taken, not counting those it caused (the
        results of the checks it demanded come after it, at the same minute)."""
        return [f for f in self.exercise.fired
                if f.minute <= decision.minute and not _caused_by(f, decision)]

    def judged_as(self, decision: Decision) -> str:
        """The action a decision is judged as: an option that demands checks, taken with none
        ticked or with none that could find the problem (decoys), counts as the decision
        point's `without_checks` option (an approval)."""
        for point in self.scenario.decisions:
            if point.without_checks and point.checks_with == decision.action \
                    and not self.finds_problem(decision.checks):
                return point.without_checks
        return decision.action

    def finds_problem(self, checks: Sequence[str]) -> bool:
        """Some of `checks` could find the problem: the scenario's `checks` criterion gives
        it points (every check can, in a scenario without one)."""
        criterion = next((c for c in self.scenario.rubric.criteria if c.kind == "checks"), None)
        if criterion is None:
            return bool(checks)
        return any(c in criterion.checks and criterion.checks[c].points > 0 for c in checks)

    def approvals_after_checks(self, criterion: Criterion) -> list[Decision]:
        """The approvals a team gave by letting the release go ahead after its checks reported
        a failure (the results revealed a later stage of `criterion`) without acting on them
        by the time it went live: judged as the point's `without_checks` option then."""
        went_live = self.exercise.simulation.exposure.deployed_from
        if went_live is None or self.exercise.minute < went_live:  # not live yet: no approval
            return []
        approvals = []
        for asked in self.decisions:
            point = next((p for p in self.scenario.decisions if p.without_checks
                          and p.checks_with == asked.action
                          and p.without_checks in stage_actions(criterion)), None)
            if point is None or not asked.checks or self.judged_as(asked) != asked.action:
                continue
            acted = any(d is not asked and d.minute >= asked.minute and (
                d.action in point.options or (d.minute <= went_live and _protects(self, d)))
                for d in self.decisions)
            approval = Decision(went_live, point.without_checks, team=asked.team)
            if not acted and self.stage_index(criterion, approval) != \
                    self.stage_index(criterion, asked):
                approvals.append(approval)
        return approvals

    def counts_as_step(self, decision: Decision) -> bool:
        """The decision's premise (`Action.premise`) came first, at an earlier minute: an
        action or an inject of the run, so a runbook step counts."""
        premise = self.scenario.action(decision.action).premise
        return not premise or any(
            d.minute < decision.minute and d.action in premise for d in self.decisions) or any(
            f.minute < decision.minute and f.inject.id in premise for f in self.exercise.fired)

    def stage_index(self, criterion: Criterion, decision: Decision) -> int:
        """The criterion's latest stage revealed when the decision was taken (the first when
        none was: acting ahead of the signals is never worse than acting on them)."""
        fired = {f.inject.id: f.minute for f in self.revealed_before(decision)}
        revealed = [(fired[stage.after], index) for index, stage in enumerate(criterion.stages)
                    if stage.after in fired]
        return max(revealed)[1] if revealed else 0

    def stage_outcome(self, criterion: Criterion, decision: Decision) -> Outcome | None:
        """The outcome of a decision under the latest stage revealed when it was taken, its
        why quoting the run's figures as they stood then."""
        if not criterion.stages:
            return None
        stage = criterion.stages[self.stage_index(criterion, decision)]
        outcome = stage.outcomes.get(self.judged_as(decision))
        if outcome is None or "{" not in outcome.why:
            return outcome
        return replace(outcome, why=fill_template(outcome.why, self.figures_at(decision.minute)))

    def figures_at(self, minute: float) -> dict[str, str]:
        """The run's figures as the dashboard showed them at `minute`."""
        return figures(self.exercise.snapshot_at(minute)) | model_figures(self.scenario.stream)

    # --- what a decision changed -------------------------------------------------------------

    def moot(self, decision: Decision) -> str:
        """Why a decision no longer applied when it was taken, or "" if it changed the run.

        A decision no longer applies when what came before had already put the rollout where
        it would put it (a second rollback, a freeze once rolled back): the rule the exercise
        uses to stop offering such actions (`simulation.changes_rollout`), applied to the run
        as it stood just before the decision (a journal may hold such decisions from before
        that rule, and a team may vote for them). An option of the decision point asked then,
        taken while the release was live (staying frozen), is a decision all the same.
        """
        effect = self.scenario.action(decision.action).effect
        before = RolloutPlan(tuple(e for e in self.exercise.plan().effects
                                   if e[0] < decision.minute))
        state = rollout_state(before, decision.minute, self.scenario.rollout)
        if changes_rollout(effect, state) or (
                state not in RELEASE_OVER
                and decision.action in self.exercise.asked_options(decision.minute)):
            return ""
        return f"it no longer changed the run: the release was already {_STATE_WORDS[state]}"

    def not_needed(self, criterion: Criterion, actions: set[str]) -> str:
        """Why a criterion had nothing left to judge, or "": the team's own earlier call made
        it moot (a block that held leaves no rollout to halt and no incident to announce).

        A decision or timeliness criterion none of whose `actions` was taken, each of which
        would change nothing in the state the run ended in; a statement criterion whose
        request never came although the run passed its minute (a contingency that did not
        hold).
        """
        state = rollout_state(self.exercise.plan(), self.exercise.minute, self.scenario.rollout)
        words = f"the release was {_STATE_WORDS[state]}"
        if criterion.kind == "statement":
            requests = [i for i in self.scenario.injects
                        if i.requests_statement == criterion.statement]
            asked = any(f.inject.requests_statement == criterion.statement
                        for f in self.exercise.fired)
            passed = all(i.minute <= self.exercise.minute for i in requests)
            return f"Not needed: the request never came, as {words}." \
                if requests and passed and not asked and self.exercise.finished else ""
        if criterion.kind not in ("decision", "timeliness") or not actions:
            return ""
        if any(d.action in actions for d in self.decisions):
            return ""  # judged, or named as no longer applying, by the criterion itself
        effects = {self.scenario.action(a).effect for a in actions}
        if "none" in effects or any(changes_rollout(e, state) for e in effects):
            return ""
        return f"Nothing left to decide: {words}."

    def applied(self, decisions: Sequence[Decision]) -> list[Decision]:
        """The decisions that still changed the run when taken."""
        return [d for d in decisions if not self.moot(d)]


def stage_actions(criterion: Criterion) -> set[str]:
    """The actions a decision criterion judges: its `actions`, else every staged option."""
    named = set(criterion.actions)
    return named or {a for stage in criterion.stages for a in stage.outcomes}


def _protects(ctx: Context, decision: Decision) -> bool:
    """The decision holds the release back: it blocks, freezes, rolls back or switches off."""
    return ctx.scenario.action(decision.action).effect in ("block", "freeze", "rollback",
                                                             "disable")


def _caused_by(fired: FiredInject, decision: Decision) -> bool:
    """The inject fired at the decision's minute because of it (its checks or its choice)."""
    cond = fired.inject.when
    return (cond is not None and fired.minute == decision.minute
            and (decision.action in cond.chose or bool(set(decision.checks) & set(cond.checks))))


_STATE_WORDS = {"planned": "as planned", "full": "on all traffic, as planned",
                "ramping": "ramping to full", "frozen": "frozen",
                "rolled back": "rolled back", "disabled": "switched off",
                "not deployed": "held back, never deployed"}
"""How a moot decision's why names the state the release was in."""
