"""The scenario format as frozen values.

Every class here is one YAML mapping of a scenario file; the loader builds them from the
field type hints, and `tabletop schema` derives the JSON Schema from the same hints and the
docstring under each field, so the format has a single source of truth.
"""

from __future__ import annotations

from dataclasses import field
from typing import Literal

from tabletop.scenario.record import record
from tabletop.scenario.terms import Terms

CriterionKind = Literal[
    "decision", "evidence", "timeliness", "harm", "statement", "order", "completeness"]
EvidenceTag = Literal["technical", "service-quality", "infrastructure", "stakeholder"]
RolloutEffect = Literal["none", "deploy", "continue", "freeze", "rollback", "disable"]


@record
class Role:
    """A seat at the table."""

    id: str
    """Short identifier, used by injects that address a role."""
    title: str
    """The role's name as players see it."""
    brief: str
    """What this role decides or speaks for."""
    watches: tuple[str, ...] = ()
    """The panels and signals this role keeps an eye on."""
    prompts: dict[str, str] = field(default_factory=dict)
    """Per-round prompt for this role, keyed by inject id."""


@record
class Evidence:
    """One fact revealed to the players."""

    id: str
    """Identifier players cite when they justify an action."""
    text: str
    """The fact as shown on screen, literally; {name} quotes a figure of the run (see docs)."""
    tag: EvidenceTag
    """Which kind of evidence this is."""
    red_herring: bool = False
    """True when the fact is true but misleading for the decision at hand."""


@record
class Condition:
    """When a conditional inject fires. Every given field must hold."""

    chose: tuple[str, ...] = ()
    """Fires when the team has taken any of these actions."""
    checks: tuple[str, ...] = ()
    """Fires when the team asked for any of these pre-release checks."""
    not_acted: tuple[str, ...] = ()
    """Fires only if none of these actions was taken by the inject's minute (a contingency)."""
    no_statement: str = ""
    """Fires only if this communication request has not been answered by the inject's minute."""
    exposure_at_least: float | None = None
    """Fires only while the candidate serves at least this share of traffic."""


@record
class Inject:
    """A round or event: evidence revealed at a scenario minute."""

    id: str
    """Identifier, used by conditions, role prompts and the rubric."""
    minute: float
    """Scenario minute at which it fires (negative is before deployment)."""
    title: str
    """Heading shown when it arrives."""
    stage: str = ""
    """Timeline lane: pre-release, canary, confirmation or governance."""
    narrative: str = ""
    """What happened, as the facilitator would read it out."""
    evidence: tuple[Evidence, ...] = ()
    """The facts this inject reveals."""
    prompt: str = ""
    """The question put to the learners."""
    decision: str = ""
    """Id of the decision point opened by this inject, if any."""
    requests_statement: str = ""
    """Id of the communication request this inject opens, if any."""
    when: Condition | None = None
    """Makes the inject conditional; it fires at its minute or later, once the condition holds."""
    pause: bool = True
    """Pause the clock for discussion when it arrives."""


@record
class Action:
    """Something players can do."""

    id: str
    """Identifier used on the command line (MINUTE:ACTION)."""
    label: str
    """Short label for buttons and the timeline."""
    description: str = ""
    """One sentence on what the action does."""
    effect: RolloutEffect = "none"
    """What the action does to the rollout."""
    available_from: float | None = None
    """First scenario minute at which it may be taken; none means any time."""
    available_until: float | None = None
    """Last scenario minute at which it may be taken; none means until the end."""
    step: str = ""
    """Runbook step this action belongs to (stabilise, contain, notify, diagnose, ...)."""
    repeatable: bool = False
    """True when taking it again makes sense; otherwise it is offered once."""


@record
class Check:
    """An extra pre-release check a team may demand before approving."""

    id: str
    """Identifier used by conditions."""
    label: str
    """What the check is."""


@record
class DecisionPoint:
    """A moment where the team must choose between named actions."""

    id: str
    """Identifier named by an inject's `decision`."""
    prompt: str
    """The question."""
    options: tuple[str, ...]
    """Action ids offered."""
    checks: tuple[Check, ...] = ()
    """Extra checks that may be demanded with an approval."""
    checks_with: str = ""
    """The option that demands the checks (such as approve-with-checks); empty: any option."""

    def takes_checks(self, action_id: str) -> bool:
        """Whether the checks may be demanded with this option ("" for none chosen yet)."""
        return not self.checks_with or action_id == self.checks_with
    exclusive: bool = False
    """Once one option is taken the others are withdrawn (a go/no-go call)."""


@record
class StatementRequest:
    """A communication the players are asked to write."""

    id: str
    """Identifier named by an inject's `requests_statement`."""
    title: str
    """Heading of the dialog."""
    prompt: str
    """What is asked for."""
    deadline_minutes: float
    """Scenario minutes allowed from the request."""
    fields: tuple[str, ...] = ("statement",)
    """Named fields to fill in, such as trace_id or customer_impact."""


@record
class ModelBehaviour:
    """How one model version routes an item, for one group of segments."""

    misroute: float
    """Chance that an item of an ordinary class is sent to the fallback class."""
    critical_misroute: float
    """Chance that an item of the critical class is sent to the fallback class."""
    high_priority_misroute: float
    """Chance that a high-priority critical item is sent to the fallback class."""
    confidence_right: float
    """Mean model confidence when the label is right."""
    confidence_wrong: float
    """Mean model confidence when the label is wrong."""
    override: float
    """Chance that a person notices a wrong label and overrides it."""


@record
class ModelVersion:
    """A model version serving traffic."""

    label: str
    """Name shown on the dashboard."""
    home: ModelBehaviour
    """Behaviour on the home segment."""
    other: ModelBehaviour
    """Behaviour on every other segment."""
    run_id: str = ""
    """Model run id, as the logs show it."""


@record
class Fault:
    """An infrastructure or safety fault of a model version over a window."""

    from_minute: float
    """First scenario minute of the fault."""
    to_minute: float | None = None
    """Last minute; none means until stopped by a rollback."""
    model: Literal["candidate", "incumbent"] = "candidate"
    """Which version has the fault."""
    error_rate: float = 0.0
    """Share of its requests that fail with a 5xx."""
    latency_ms: float = 0.0
    """Extra latency added to its requests."""
    leak_rate: float = 0.0
    """Share of its responses that leak personal data past prompt sanitisation."""


@record
class Stream:
    """The live-signal model: a seeded stream of routed items."""

    noun: str
    """What one item is called (ticket, request)."""
    per_minute: float
    """Mean arrivals per scenario minute."""
    segments: dict[str, float]
    """Share of traffic by segment (language, customer tier)."""
    home_segment: str
    """The segment the model was built for; the rest are grouped as 'other'."""
    classes: dict[str, float]
    """Share of traffic by true class (queue)."""
    critical_class: str
    """The class whose misrouting is harm (urgent)."""
    fallback_class: str
    """Where a misrouted item lands (general)."""
    high_priority_share: float
    """Share of critical items that are high priority."""
    candidate: ModelVersion
    """The version being released."""
    incumbent: ModelVersion
    """The last known good version, also run in shadow."""
    latency_ms: float = 180.0
    """Median latency of a healthy request."""
    latency_jitter_ms: float = 30.0
    """Spread of latency around the median."""
    error_rate: float = 0.001
    """Share of healthy requests that fail."""
    faults: tuple[Fault, ...] = ()
    """Faults over windows of the exercise."""
    log_faults: bool = False
    """Show a request log with trace and run ids (runbook scenarios)."""


@record
class Rollout:
    """How the release moves traffic."""

    deploy_minute: float = 0.0
    """Minute the pipeline deploys the candidate."""
    initial_exposure: float = 0.25
    """Share of traffic the candidate serves after deployment."""
    ramp_minutes: float = 15.0
    """Minutes to ramp from the current share to 100 % when continuing."""
    drain_minutes: float = 5.0
    """Minutes a rollback takes to drain the candidate to 0 %."""


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
class Stage:
    """How actions are judged once a given inject has been revealed."""

    after: str
    """Inject id; this stage applies once it has fired and until a later stage's inject."""
    outcomes: dict[str, Outcome]
    """Action id to outcome."""


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
    """decision: outcomes by the evidence revealed when the action was taken."""
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
    """statement: field that must hold a trace id the logs actually show for a faulty request."""
    sequence: tuple[tuple[str, ...], ...] = ()
    """order: steps in runbook order, each a group of interchangeable actions or statements."""
    weights: dict[str, float] = field(default_factory=dict)
    """harm: weight of each harm counter."""


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
    """The best achievable line: the harm it leaves is the best case."""


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


@record
class RunbookLine:
    """One line of a runbook checklist and what ticks it."""

    text: str
    """The line as the checklist shows it."""
    done_by: tuple[str, ...] = ()
    """Ids of the actions and communication requests any one of which ticks the line; empty:
    any action whose `step` is the line's first word ticks it."""


@record
class Scenario:
    """A complete tabletop exercise."""

    id: str
    """Identifier used on the command line."""
    title: str
    """Title of the exercise."""
    summary: str
    """What happens, in a paragraph."""
    purpose: str
    """Why the exercise exists."""
    learning_goals: tuple[str, ...]
    """What learners should take away."""
    start_minute: float
    """Scenario minute at which the clock starts."""
    end_minute: float
    """Scenario minute at which the exercise ends."""
    facilitator_note: str
    """Guidance for the facilitator."""
    roles: tuple[Role, ...]
    """The seats at the table."""
    actions: tuple[Action, ...]
    """Everything players may do."""
    injects: tuple[Inject, ...]
    """Rounds and events, scheduled and conditional."""
    stream: Stream
    """The live-signal model."""
    rubric: Rubric
    """Scoring."""
    debrief_questions: tuple[str, ...]
    """Questions for the debrief."""
    decisions: tuple[DecisionPoint, ...] = ()
    """Decision points opened by injects."""
    statements: tuple[StatementRequest, ...] = ()
    """Communications the players may be asked for."""
    rollout: Rollout = field(default_factory=Rollout)
    """How the release moves traffic."""
    harm_labels: HarmLabels = field(default_factory=HarmLabels)
    """Names of the harm counters."""
    terms: Terms = field(default_factory=Terms)
    """The scenario's words for the panels and dialogs around its content (titles, column
    headings, captions)."""
    extension_activity: tuple[str, ...] = ()
    """Follow-up tasks after the exercise."""
    extension_intro: str = ""
    """The sentence that introduces the extension activity."""
    runbook: tuple[RunbookLine | str, ...] = ()
    """Runbook lines shown as a checklist, in order; empty when there is no runbook. A line
    given as plain text is ticked by any action whose `step` is its first word."""
    default_seed: int = 7
    """Seed used when none is given."""
    variation: dict[str, tuple[float, ...]] = field(default_factory=dict)
    """Solo drills: stream parameter path (candidate.other.override) to [low, high]."""

    @property
    def runbook_lines(self) -> tuple[RunbookLine, ...]:
        """The runbook with plain-text lines as `RunbookLine`s."""
        return tuple(RunbookLine(line) if isinstance(line, str) else line
                     for line in self.runbook)

    @property
    def duration_minutes(self) -> float:
        """Length of the exercise in scenario minutes."""
        return self.end_minute - self.start_minute

    def action(self, action_id: str) -> Action:
        """The action with this id."""
        return next(a for a in self.actions if a.id == action_id)

    def inject(self, inject_id: str) -> Inject:
        """The inject with this id."""
        return next(i for i in self.injects if i.id == inject_id)

    def decision(self, decision_id: str) -> DecisionPoint:
        """The decision point with this id."""
        return next(d for d in self.decisions if d.id == decision_id)

    def statement_request(self, request_id: str) -> StatementRequest:
        """The communication request with this id."""
        return next(s for s in self.statements if s.id == request_id)

    def evidence(self, evidence_id: str) -> Evidence:
        """The evidence item with this id, from whichever inject holds it."""
        return next(e for i in self.injects for e in i.evidence if e.id == evidence_id)
