"""The scenario's rubric: the criteria of the score card, how each choice is judged, the grade
bands, and the names of the harm counters."""

from __future__ import annotations

from dataclasses import field
from typing import Literal

from tabletop.base.record import record
from tabletop.scenario.outcomes import DEFAULT_HARM_WEIGHTS

CriterionKind = Literal[
    "decision", "evidence", "timeliness", "harm", "statement", "order", "completeness",
    "checks", "gates"]
"""The kinds of criterion; `scoring.rubric` scores each kind its own way."""


@record
class PlannedAction:
    """An action at a scenario minute, used for reference lines."""

    minute: float
    """Scenario minute."""
    action: str
    """Action id."""


@record
class Outcome:
    """Points and reason for one choice under a rubric criterion."""

    points: float
    """Points awarded."""
    why: str
    """One sentence saying why."""


@record
class CheckOutcome:
    """Points and reason for demanding one pre-release check (a `checks` criterion)."""

    points: float
    """Points for demanding it; negative for a check that could not have found the problem
    (its time came from the checks that could)."""
    why: str
    """One sentence saying why."""


@record
class Stage:
    """How actions are judged once a given inject has been revealed."""

    after: str
    """Inject id; this stage applies once it has fired and until a later stage's inject."""
    outcomes: dict[str, Outcome]
    """Action id to outcome."""


@record
class StatementFacts:
    """The words that tie a statement's claims to the facts of the run they are checked against."""

    # A word matches at the start of a word, case aside: "revert" matches "reverted".

    harm: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Harm counter to the words that name that harm: a count or a denial ("nobody was
    affected") next to them is checked against the counter as of the statement's minute."""
    actions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Action id to the words that claim it was taken ("we reverted"): checked against the
    decisions taken before the statement."""
    next_update: tuple[str, ...] = ()
    """Words that name the next update ("next update"): promising none, or a time already past,
    is a wrong claim."""
    next_update_within: float = 0.0
    """Minutes after the statement by which a promised next update must come (a T+ time, 'in
    N minutes', 'tomorrow'); 0 sets no limit. With a limit, an update that names no time ('in
    due course') is a wrong claim too."""
    update_fields: tuple[str, ...] = ()
    """Fields read whole as the next update or the mitigation's ETA ('mitigation_eta'): they
    must name a time within `next_update_within`, or say the mitigation is done."""
    denials: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Harm counter to phrases that say, without a negation, that the harm did not happen
    ('routed correctly', 'escalated on time', 'nobody was affected'): wrong once it has."""
    causes: tuple[str, ...] = ()
    """Phrases naming causes the run never has ('infrastructure outage', 'network failure'):
    claiming one, rather than denying it, is a wrong claim."""
    affected: tuple[str, ...] = ()
    """Words naming the people harmed ('student'): a clause that names them beside a word of
    fault ('fault', 'blame', 'user error') puts the blame on them."""
    blame: tuple[str, ...] = ()
    """Phrases that put the fault on the people harmed ('should have written in English')."""
    pick_points: dict[str, str] = field(default_factory=dict)
    """A fact picked in the statement dialog (action, affected, count, next_update) to the
    `must_mention` point it makes when the run bears it out ('what was done')."""


@record
class Criterion:
    """One line of the score card."""

    id: str
    """Identifier."""
    title: str
    """Heading on the score card."""
    kind: CriterionKind
    """How the criterion is computed."""
    max: float
    """Maximum points."""
    actions: tuple[str, ...] = ()
    """decision, timeliness, completeness: the actions judged or expected."""
    stages: tuple[Stage, ...] = ()
    """decision: outcomes by the evidence revealed when the action was taken. A `why` may
    quote the run's figures at the decision's minute ({exposure_percent}, ...)."""
    checks: dict[str, CheckOutcome] = field(default_factory=dict)
    """checks: each pre-release check a team may demand and what demanding it earns."""
    none: Outcome | None = None
    """decision, evidence: the outcome when nothing was done or cited."""
    after: str = ""
    """timeliness: inject that starts the window."""
    window_minutes: float = 10.0
    """timeliness: minutes for full marks; later actions earn less."""
    late_floor: float = 0.3
    """timeliness: share of the maximum kept by an action however late."""
    strong_tags: tuple[str, ...] = ()
    """evidence: tags that together earn full marks."""
    trap_tags: tuple[str, ...] = ()
    """evidence: citing only these tags is the trap."""
    trap_actions: tuple[str, ...] = ()
    """evidence: actions for which the trap applies."""
    trap_why: str = "such signals cannot tell whether the release harms anyone"
    """evidence: the lesson the score card gives when a decision cites only the trap: 'cited
    only infrastructure signals, the trap: WORDS.'"""
    statement: str = ""
    """statement: the communication request judged."""
    must_mention: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """statement: named points and the words any of which shows the point was made."""
    verify_trace: str = ""
    """statement: field that must hold a trace id the logs actually show for a faulty request;
    any other trace id there is a wrong claim."""
    verify_run: str = ""
    """statement: field that must hold the candidate's `run_id` (the model run at fault); any
    other run id there is a wrong claim."""
    facts: StatementFacts | None = None
    """statement: the words that tie a statement's claims to the run, checked against it."""
    sequence: tuple[tuple[str, ...], ...] = ()
    """order: steps in runbook order, each a group of interchangeable actions or statements."""
    weights: dict[str, float] = field(default_factory=dict)
    """harm: weight of each harm counter (none: `outcomes.DEFAULT_HARM_WEIGHTS`)."""
    rated_by_people: bool = False
    """A facilitator may rate this criterion on HSEEP's scale, as every statement may be: the
    rating sets its points, the machine's reading shown beside it."""
    goals: tuple[int, ...] = ()
    """The learning goals this criterion evidences, numbered from 1 in the order the scenario
    lists them: the report analyses each goal on the criteria that name it."""

    @property
    def harm_weights(self) -> dict[str, float]:
        """harm: the weights this criterion weighs harm with."""
        return dict(self.weights) if self.weights else dict(DEFAULT_HARM_WEIGHTS)


@record
class GradeBand:
    """A grade for totals at or above a share of the maximum."""

    min_percent: float
    """Lowest percentage of the maximum for this grade."""
    grade: str
    """Grade letter or word."""
    label: str
    """What the grade means."""


@record
class Rubric:
    """How a run is scored."""

    criteria: tuple[Criterion, ...]
    """Score card lines, in order."""
    grades: tuple[GradeBand, ...]
    """Grade bands, highest first."""
    reference_plan: tuple[PlannedAction, ...] = ()
    """Accepted for older files and no longer used: the best case is computed, the least harm
    any allowed play achieves (`scoring.cases`)."""

    @property
    def harm_weights(self) -> dict[str, float]:
        """How the rubric weighs harm wherever plays are compared (the best case, nobody
        acting, the cap): the weights of its harm criteria added up, so a counter two criteria
        weigh counts for both; `outcomes.DEFAULT_HARM_WEIGHTS` when no harm criterion has any."""
        total: dict[str, float] = {}
        for criterion in self.criteria:
            if criterion.kind == "harm":
                for name, weight in criterion.weights.items():
                    total[name] = total.get(name, 0.0) + weight
        return total or dict(DEFAULT_HARM_WEIGHTS)


@record
class HarmLabels:
    """Names of the harm counters as players read them."""

    critical_misrouted: str = "critical items misclassified"
    """Critical items sent to the fallback class."""
    high_priority_missed: str = "high-priority items missed"
    """High-priority items that missed the critical path."""
    leaks: str = "personal data leaks"
    """Responses that leaked personal data."""
    failed: str = "items that hit a server error"
    """Requests that failed with a 5xx."""
