"""The exercise: one owner for the clock, the fired injects, the team's decisions and the run.

The UI and `tabletop simulate` drive the same object: call `update()` as time passes, `act()`
and `submit_statement()` when players do something, `score()` at the end.
"""

from __future__ import annotations

from dataclasses import replace

from tabletop.base.words import fmt_minute
from tabletop.exercise.clock import GameClock
from tabletop.exercise.premises import contingency_failed, figure_reached, has_trigger
from tabletop.exercise.records import CONFIDENCE_LEVELS as CONFIDENCE_LEVELS
from tabletop.exercise.records import ActionError as ActionError
from tabletop.exercise.records import Choice as Choice
from tabletop.exercise.records import Confidence as Confidence
from tabletop.exercise.records import Decision as Decision
from tabletop.exercise.records import FiredInject as FiredInject
from tabletop.exercise.records import OpenStatement as OpenStatement
from tabletop.exercise.records import StatementRecord as StatementRecord
from tabletop.exercise.records import busy_until, runbook_done
from tabletop.exercise.records import effect_minute as effect_minute
from tabletop.exercise.signals import PlanPosition, Snapshot, figures, model_figures, snapshot
from tabletop.exercise.simulation import (
    RELEASE_OVER,
    Harm,
    Item,
    RolloutPlan,
    Simulation,
    changes_rollout,
    rollout_state,
)
from tabletop.scenario.model import Action, DecisionPoint, Evidence, Inject, Scenario
from tabletop.scenario.templates import fill_template


class Exercise:
    """A scenario being played.

    Args:
        scenario: the scenario.
        seed: seed of the ticket stream; the scenario's default when None.
        clock: leave as default unless testing or replaying; starts paused at the start minute.
    """

    def __init__(self, scenario: Scenario, seed: int | None = None,
                 clock: GameClock | None = None) -> None:
        self.scenario = scenario
        self.seed = scenario.default_seed if seed is None else seed
        self.clock = clock or GameClock(start_minute=scenario.start_minute)
        self.simulation = Simulation(scenario, self.seed)
        self.fired: list[FiredInject] = []
        self.decisions: list[Decision] = []
        self.statements: list[StatementRecord] = []
        self.ended_at: float | None = None
        self._skipped: set[str] = set()
        self._figure_from: dict[str, float] = {}
        self._harm: dict[RolloutPlan, Harm] = {}
        self._minutes: list[float] = []
        self._pending = sorted(scenario.injects, key=lambda i: i.minute)
        self.offers: list[Inject] = []
        """Branches offered now (`Inject.branch`), each at the minute its premise held."""
        self._released: set[str] = set()
        self.hundredths = False
        """Stamp actions at the next hundredth (an old journal's rule, `effect_minute`)."""

    # --- time -------------------------------------------------------------------------------

    @property
    def minute(self) -> float:
        """Scenario minute now, held at the end once the exercise is over."""
        if self.ended_at is not None:
            return self.ended_at
        return min(self.clock.minute, self.scenario.end_minute)

    @property
    def finished(self) -> bool:
        """The scenario ran out or the facilitator ended it."""
        return self.ended_at is not None or self.clock.minute >= self.scenario.end_minute

    def update(self) -> list[FiredInject]:
        """Fire the injects that are due and route the items up to now; returns new injects.

        Items are routed up to each due inject that changes the rollout before it fires, so an
        overruling applies from its own minute however coarse the ticks.
        """
        now = self.minute
        stops = sorted({i.minute for i in self._pending if i.effect != "none" and i.minute <= now})
        new: list[FiredInject] = []
        for stop in [*stops, now]:
            self._minutes.extend(item.minute for item in self.simulation.advance(stop))
            new.extend(self._fire_due(stop))
        return new

    def end(self) -> None:
        """The facilitator ends the exercise now."""
        self.update()
        self.ended_at = self.minute
        self.clock.pause()

    def next_inject_minute(self) -> float | None:
        """Minute of the next inject certain to come: a scheduled one, never a contingency, a
        branch or one that waits for what the team does (`_certain`)."""
        now = self.minute
        upcoming = [i.minute for i in self._pending if i.minute > now and self._certain(i)]
        return min(upcoming, default=None)

    def _certain(self, inject: Inject) -> bool:
        """An inject with no `when`; one that `needs_deployment` only while the rollout as it
        stands deploys the candidate by its minute (a round of the live release)."""
        return inject.when is None and not inject.branch and (
            not inject.needs_deployment or self.simulation.exposure.deployed(inject.minute))

    # --- injects ----------------------------------------------------------------------------

    def pending(self) -> list[Inject]:
        """Injects not fired yet, in the order they are due (held ones last)."""
        return list(self._pending)

    def schedule(self, inject: Inject, *, released: bool = False) -> None:
        """Let `inject` come at its own minute instead (held back or brought forward: the
        facilitator's `exercise.steering`); one the scenario lacks joins it. One `released`
        (written now, a branch taken) replaces the scenario's own, so the run is measured
        against a world that has it too, and is marked as the facilitator's when it fires."""
        if released:
            self._released.add(inject.id)
            kept = tuple(i for i in self.scenario.injects if i.id != inject.id)
            self.scenario = replace(self.scenario, injects=(*kept, inject))
        elif all(i.id != inject.id for i in self.scenario.injects):
            self.scenario = replace(self.scenario, injects=(*self.scenario.injects, inject))
        self._pending = sorted([*(i for i in self._pending if i.id != inject.id), inject],
                               key=lambda i: i.minute)
        self.update()

    def _fire_due(self, now: float) -> list[FiredInject]:
        new: list[FiredInject] = []
        for inject in list(self._pending):
            if inject.minute > now:
                break
            fire_at = self._fire_minute(inject)
            if fire_at is not None and inject.when is not None and inject.when.figure:
                fire_at, self._figure_from[inject.id] = figure_reached(
                    inject.when, self._figure_from.get(inject.id, fire_at), now,
                    lambda minute: figures(self.snapshot_at(minute)))
                if fire_at is None:  # not yet: it stays pending
                    continue
            if fire_at is None:
                if inject.id in self._skipped:
                    self._pending.remove(inject)
                continue
            self._pending.remove(inject)
            if inject.branch:  # the facilitator's to release, or not
                self.offers.append(replace(inject, minute=fire_at))
                continue
            if inject.effect != "none":
                self.simulation.apply(fire_at, inject.effect)
            fired = FiredInject(inject, fire_at, self.render_evidence(inject, fire_at),
                                facilitator=inject.id in self._released)
            self.fired.append(fired)
            new.append(fired)
        return new

    def _fire_minute(self, inject: Inject) -> float | None:
        """When a due inject fires, or None if it is not firing (yet or ever)."""
        cond, at = inject.when, inject.minute
        if inject.needs_deployment and not self.simulation.exposure.deployed(at):
            self._skipped.add(inject.id)
            return None
        if cond is None:
            return at
        if contingency_failed(cond, at, self.decisions, self.statements,
                              self.simulation.exposure):
            self._skipped.add(inject.id)
            return None
        if not has_trigger(inject):
            return at
        times = [d.minute for d in self.decisions
                 if (d.action in cond.chose or set(d.checks) & set(cond.checks))
                 and not set(d.cited) & set(cond.cited_none)]
        return max(at, min(times)) if times else None

    def render_evidence(self, inject: Inject, minute: float) -> tuple[Evidence, ...]:
        """An inject's evidence with the figures the dashboard derives at a passed `minute`."""
        if not any("{" in e.text for e in inject.evidence):
            return inject.evidence
        values = self.figures_at(minute)
        return tuple(replace(e, text=fill_template(e.text, values)) for e in inject.evidence)

    def figures_at(self, minute: float) -> dict[str, str]:
        """Every figure a text may quote (`scenario/templates.py`) as the run stood at `minute`."""
        return figures(self.snapshot_at(minute)) | model_figures(self.scenario.stream)

    # --- what players see -------------------------------------------------------------------

    def revealed(self) -> list[tuple[FiredInject, Evidence]]:
        """Every revealed evidence item with the inject that revealed it, oldest first."""
        return [(f, e) for f in self.fired for e in f.evidence]

    def revealed_ids(self) -> set[str]:
        """Ids of revealed evidence."""
        return {e.id for _, e in self.revealed()}

    def open_decision(self) -> DecisionPoint | None:
        """The latest decision point revealed, not yet answered, and still a choice.

        An option in the point's `keeps_open` does not answer it. A point none of whose options
        is available now (`available_actions`: past their minutes, or changing nothing, such
        as continue, freeze or roll back once rolled back) is not asked.
        """
        for fired in reversed(self.fired):
            if not fired.inject.decision:
                continue
            point = self.scenario.decision(fired.inject.decision)
            answered = any(d.action in point.options and d.action not in point.keeps_open
                           and d.minute >= fired.minute for d in self.decisions)
            offered = {a.id for a in self.available_actions()} & set(point.options)
            return None if answered or not offered else point
        return None

    def available_actions(self) -> list[Action]:
        """Actions the scenario allows at this minute and that would change something, or
        answer the decision point asked now.

        An exclusive point's options are withdrawn once one that does not keep it open is
        taken; an action whose rollout effect would change nothing now is not offered
        (`simulation.changes_rollout`: roll back once rolled back, freeze once frozen, ...),
        unless it is an option of the point asked and the release is still live: staying
        frozen, or going on, is then a decision the team takes and is judged on.
        """
        now = self.minute
        taken = {d.action for d in self.decisions}
        closed = {option for point in self.scenario.decisions if point.exclusive
                  and taken & (set(point.options) - set(point.keeps_open))
                  for option in point.options}
        sim = self.simulation
        state = rollout_state(sim.plan, now, self.scenario.rollout, sim.exposure)
        asked = self.asked_options(now) if state not in RELEASE_OVER else set()
        return [
            a for a in self.scenario.actions
            if (a.available_from is None or now >= a.available_from)
            and (a.available_until is None or now <= a.available_until)
            and (a.repeatable or a.id not in taken) and a.id not in closed
            and (changes_rollout(a.effect, state) or a.id in asked)
            and self.busy_until(a.role) is None
        ]

    def asked_options(self, minute: float) -> set[str]:
        """The options of the latest decision point revealed by `minute` and not answered
        before it (whether or not any of them would change the run)."""
        for fired in reversed(self.fired):
            if fired.inject.decision and fired.minute <= minute:
                point = self.scenario.decision(fired.inject.decision)
                answered = any(d.action in point.options and d.action not in point.keeps_open
                               and fired.minute <= d.minute < minute for d in self.decisions)
                return set() if answered else set(point.options)
        return set()

    def open_statements(self) -> list[OpenStatement]:
        """Communication requests revealed and not yet answered."""
        answered = {s.request for s in self.statements}
        return [OpenStatement(self.scenario.statement_request(f.inject.requests_statement),
                              f.minute)
                for f in self.fired
                if f.inject.requests_statement and f.inject.requests_statement not in answered]

    def runbook_done(self) -> tuple[bool, ...]:
        """For each runbook line, whether the team has done what ticks it (`runbook_done`)."""
        return runbook_done(self.scenario, self.decisions, self.statements)

    def rollout_now(self) -> tuple[float, bool]:
        """The candidate's share of traffic and whether the feature is on, now: cheap enough
        for every tick, unlike `snapshot`, which counts over every routed item."""
        exposure, now = self.simulation.exposure, self.minute
        return exposure.at(now), exposure.enabled(now)

    def snapshot(self) -> Snapshot:
        """The dashboard's figures now."""
        return self.snapshot_at(self.minute)

    def snapshot_at(self, minute: float) -> Snapshot:
        """The dashboard's figures as of a minute already passed."""
        sim = self.simulation
        figures = snapshot(self.scenario.stream, sim.items, self._minutes, minute,
                           self.scenario.rollout.deploy_minute, sim.history_start,
                           sim.exposure.at(minute), sim.exposure.enabled(minute))
        return replace(figures, plan=self.plan_position(minute))

    def plan_position(self, minute: float) -> PlanPosition | None:
        """Where the release stands in its rollout plan at `minute` (None before deployment)."""
        exposure, stages = self.simulation.exposure, self.scenario.rollout.plan
        if not exposure.deployed(minute):
            return None
        stage = exposure.stage_at(minute)
        return PlanPosition(stage, len(stages), exposure.next_stage_minute(minute),
                            stages[stage].checkpoint if stage is not None else "")

    @property
    def items(self) -> list[Item]:
        """Items routed so far, oldest first."""
        return self.simulation.items

    # --- what players do --------------------------------------------------------------------

    def act(self, choice: Choice) -> Decision:
        """Take the team's choice now; it changes the rollout from this minute on. The
        decision records it as the rules read it (`recorded_action`), at `effect_minute`."""
        if self.finished:
            raise ActionError("the exercise is over")
        self.update()
        action_id, cited, checks = choice.action, choice.cited, choice.checks
        if action_id not in {a.id for a in self.available_actions()}:
            known = {a.id for a in self.scenario.actions}
            sim = self.simulation
            state = rollout_state(sim.plan, self.minute, self.scenario.rollout, sim.exposure)
            busy = self.busy_until(self.scenario.action(action_id).role) \
                if action_id in known else None
            reason = "is not an action of this scenario" if action_id not in known else \
                f"would change nothing: the release is {state}" if not changes_rollout(
                    self.scenario.action(action_id).effect, state) else \
                f"waits: its role is busy until {fmt_minute(busy)}" if busy is not None else \
                "is not available at this minute"
            raise ActionError(f"'{action_id}' {reason}")
        known = {e.id for i in self.scenario.injects for e in i.evidence}
        unknown = [e for e in cited if e not in known]
        if unknown:
            raise ActionError(f"unknown evidence id: {', '.join(unknown)}")
        unrevealed = [e for e in cited if e not in self.revealed_ids()]
        if unrevealed:
            raise ActionError(f"evidence not revealed yet: {', '.join(unrevealed)}")
        known_checks = {c.id for p in self.scenario.decisions for c in p.checks}
        if set(checks) - known_checks:
            raise ActionError(f"unknown check: {', '.join(sorted(set(checks) - known_checks))}")
        owner = next((p for p in self.scenario.decisions
                      if set(checks) & {c.id for c in p.checks}), None)
        if owner is not None and not owner.takes_checks(action_id):
            action = self.scenario.action
            raise ActionError(f"extra checks go with '{action(owner.checks_with).label}', "
                              f"not '{action(action_id).label}'")
        recorded = replace(choice, action=self.recorded_action(action_id, checks))
        decision = Decision.of(recorded, effect_minute(self.minute, self.hundredths))
        self._record(decision)
        return decision

    def recorded_action(self, action_id: str, checks: tuple[str, ...]) -> str:
        """The option a checks-demanding choice with no check ticked counts as (the point's
        `without_checks`); ActionError when the point names none."""
        point = next((p for p in self.scenario.decisions
                      if p.checks and p.checks_with == action_id), None)
        if point is None or checks:
            return action_id
        if not point.without_checks:
            raise ActionError(f"tick at least one check for "
                              f"'{self.scenario.action(action_id).label}'")
        if point.without_checks not in {a.id for a in self.available_actions()}:
            raise ActionError(f"no check ticked, so this is "
                              f"'{self.scenario.action(point.without_checks).label}', "
                              "which is not available at this minute")
        return point.without_checks

    def _record(self, decision: Decision) -> None:
        """Apply a decision `act` has validated: its rollout effect from its minute, what it
        does to declared outcomes once it is done (`Action.takes_minutes`)."""
        self.decisions.append(decision)
        action = self.scenario.action(decision.action)
        self.simulation.apply(decision.minute, action.effect)
        done = decision.minute + action.takes_minutes
        for outcome, factor in [*((o, 0.0) for o in action.stops), *action.scales.items()]:
            self.simulation.apply_outcome(done, outcome, factor)
        self.update()

    def busy_until(self, role: str) -> float | None:
        """The minute the role's action in progress is done, if it has one now."""
        return busy_until(self.scenario, self.decisions, role, self.minute)

    def submit_statement(self, request_id: str, fields: dict[str, str]) -> StatementRecord:
        """Submit a communication the scenario asked for."""
        if request_id not in {o.request.id for o in self.open_statements()}:
            raise ActionError(f"no open request '{request_id}'")
        record = StatementRecord(request_id, effect_minute(self.minute, self.hundredths),
                                 dict(fields))
        self.statements.append(record)
        self.update()
        return record

    # --- outcomes ---------------------------------------------------------------------------

    def plan(self) -> RolloutPlan:
        """The rollout plan the team's decisions make."""
        return self.simulation.plan

    def harm_for(self, plan: RolloutPlan) -> Harm:
        """Harm from deployment to the end of the scenario under a plan (`Simulation.harm_under`),
        remembered: scoring each team of a workshop asks for the run's plan again."""
        if plan not in self._harm:
            self._harm[plan] = self.simulation.harm_under(plan)
        return self._harm[plan]


