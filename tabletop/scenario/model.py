"""The scenario format as frozen values.

Every class here is one YAML mapping of a scenario file: this module holds the story (roles,
injects, evidence, actions, decisions, statements, the runbook), `stream` the simulated
traffic and rollout, `rubric` the scoring, `terms` the dashboard's words. The loader builds
them from the field type hints, and `tabletop schema` derives the JSON Schema from the same
hints and the docstring under each field, so the format has a single source of truth.
"""

from __future__ import annotations

import re
from dataclasses import field
from typing import Literal, get_args

from tabletop.base.record import record
from tabletop.scenario.board import Board
from tabletop.scenario.gates import GateSpace
from tabletop.scenario.outcomes import RolloutEffect
from tabletop.scenario.rubric import HarmLabels, Rubric
from tabletop.scenario.stream import Rollout, Stream
from tabletop.scenario.terms import Terms

ID_PATTERN = re.compile(r"[A-Za-z0-9._-]+")
"""What every id in a scenario is: one word of ASCII letters, digits, '-', '_' and '.', so it
reads the same everywhere, fits a command line (`--action 22:freeze:r2-overrides`) and two ids
never look alike."""
ID_RULE = "one word of letters a-z or A-Z, digits, '-', '_' and '.'"
"""`ID_PATTERN` in words, as a refusal says it."""

EvidenceTag = Literal["technical", "service-quality", "infrastructure", "stakeholder"]


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
    cited_none: tuple[str, ...] = ()
    """Narrows `chose` and `checks`: only a decision that cited none of these evidence ids
    triggers (a block that cites what the checks found is not overruled)."""
    deployed: bool | None = None
    """Fires only if the candidate was deployed (true) or was not (false, a block held) by the
    inject's minute (a contingency)."""
    figure: str = ""
    """Waits, from the inject's minute, for a figure of the run (a story line's figure, such
    as code_leaked_total) to reach `at_least` or fall to `at_most`, read on each whole minute;
    fires then, or never if it does not (a leak a rollback prevented is never reported)."""
    at_least: float | None = None
    """With `figure`: the value it must reach."""
    at_most: float | None = None
    """With `figure`: the value it must fall to."""


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
    """The timeline board's column it is drawn in (`Scenario.board`), such as pre-release,
    canary, confirmation or governance."""
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
    effect: RolloutEffect = "none"
    """What the inject does to the rollout when it fires (deploy: a block is overruled)."""
    needs_deployment: bool = False
    """Comes only if the candidate was deployed by its minute (a held block skips it); it
    still counts as scheduled."""
    branch: bool = False
    """A branch of the story the facilitator is offered, not one that fires: when its minute
    comes and its `when` holds, the facilitator may release it (`exercise.steering`); a solo
    drill releases it by itself."""


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
    stops: tuple[str, ...] = ()
    """Declared outcomes (`stream.outcomes`) no answer produces once the action is done
    (revoke the leaked codes, patch the prompt)."""
    scales: dict[str, float] = field(default_factory=dict)
    """Declared outcome to the factor its chance is multiplied by once the action is done."""
    takes_minutes: float = 0.0
    """Minutes the action takes: its `stops` and `scales` hold from its minute plus these, and
    its `role` is busy meanwhile."""
    role: str = ""
    """The role that carries it out (a role id); while one of its actions takes its minutes,
    that role cannot start another. Empty: anyone, at once."""
    premise: tuple[str, ...] = ()
    """Actions or injects, any one of which must come first (at an earlier minute) for this
    action to count as a runbook step in `order` and `completeness`: a remediation after the
    finding it fixes, post-incident steps once stabilised. Empty: it always counts."""


@record
class Check:
    """An extra pre-release check a team may demand before approving."""

    id: str
    """Identifier used by conditions."""
    label: str
    """What the check is."""


@record
class Reading:
    """What the evidence means for one decision point's choice, as the evidence criterion
    reads it: citing what supports the choice taken earns; citing a red herring, or evidence
    that supports another option and not this one (it points the other way), costs."""

    supports: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Option id to the evidence ids that support choosing it (any round's evidence)."""
    red_herrings: tuple[str, ...] = ()
    """Evidence that is true but beside the point for this decision, whatever is chosen."""


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
    exclusive: bool = False
    """Once one option is taken the others are withdrawn (a go/no-go call)."""
    keeps_open: tuple[str, ...] = ()
    """Options that leave an exclusive point open: after one, the team may still take another
    option while it is available (decide again once the checks have reported)."""
    without_checks: str = ""
    """The option `checks_with` counts as when no check is ticked (such as approve); empty:
    `checks_with` without a check is refused."""
    evidence: Reading | None = None
    """What each piece of evidence means for this choice (none: the evidence criterion reads
    its tags, `strong_tags` and `trap_tags`)."""

    def takes_checks(self, action_id: str) -> bool:
        """Whether the checks may be demanded with this option ("" for none chosen yet)."""
        return not self.checks_with or action_id == self.checks_with


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
    model: dict[str, str] = field(default_factory=dict)
    """A model answer, field by field: a solo drill shows it after the learner's own, with the
    machine's point-by-point comparison of the two."""


@record
class RunbookLine:
    """One line of a runbook checklist and what ticks it."""

    text: str
    """The line as the checklist shows it."""
    done_by: tuple[str, ...] = ()
    """Ids of the actions and communication requests any one of which ticks the line; empty:
    any action whose `step` is the line's first word ticks it."""


StoryFigure = Literal[
    "critical_to_fallback", "critical_to_fallback_baseline", "critical_change_percent",
    "overrides", "overrides_baseline", "high_priority_missed", "exposure_percent",
    "latency_p95_ms", "error_rate_percent", "candidate_recall_home", "candidate_recall_other",
    "incumbent_recall", "agreement_home_percent", "agreement_other_percent",
    "candidate_confidence_wrong_other", "candidate_confidence_right_other",
]
"""The figures evidence may quote (`templates.TEMPLATE_FIELDS`) that are numbers; every figure
of a declared outcome (`templates.OUTCOME_FIGURES`) is one too."""
STORY_FIGURES: tuple[str, ...] = get_args(StoryFigure)


@record
class StoryLine:
    """What the story needs of one figure of the run with nobody acting (solo drills keep it)."""

    figure: str
    """A figure evidence may quote that is a number, as shown (critical_change_percent, or a
    declared outcome's code_leaked_total)."""
    minute: float
    """Scenario minute it is read at, as an inject firing then would quote it."""
    at_least: float | None = None
    """The figure must be at least this."""
    at_most: float | None = None
    """The figure must be at most this."""


@record
class Scenario:
    """A complete tabletop exercise."""

    id: str
    """Identifier used on the command line."""
    title: str
    """Title of the exercise as the players see it (briefing, screens, their paper): it tells
    nothing of how the exercise ends (`facilitator_title` may)."""
    summary: str
    """The situation as the players meet it, before anything has happened: the briefing and
    the players' paper show it, so it tells nothing of what comes (`synopsis` does)."""
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
    debrief_goals: tuple[int, ...] = ()
    """The learning goals (numbered from 1) the debrief evidences: the checks demanded, the
    improvement plan, the STOP/START/CONTINUE commitments and the answers (the report's
    analysis of such a goal reads them)."""
    synopsis: str = ""
    """What happens, in a paragraph, for the facilitator's sheet and the after-action report
    (empty: the `summary`)."""
    facilitator_title: str = ""
    """The title on the facilitator's paper and the after-action report, which may tell how
    the exercise ends (empty: the `title`, which players see and so tells nothing of it)."""
    board: Board = field(default_factory=Board)
    """The timeline board's columns and loop."""
    story: tuple[StoryLine, ...] = ()
    """What the story needs of the figures with nobody acting; solo drills draw only streams
    that keep it, and `tabletop validate` refuses a scenario whose own stream breaks it."""
    gates: GateSpace | None = None
    """What a release gate may measure, and what a healthy release looks like (`tabletop
    gates`); the scenario's default gate design is `scenarios/gates/ID.yaml`."""

    def harm_label(self, name: str) -> str:
        """The players' name for a harm counter (`harm_labels`) or a declared outcome."""
        outcome = self.stream.outcome(name)
        return outcome.label if outcome is not None else str(getattr(self.harm_labels, name))

    @property
    def what_happens(self) -> str:
        """The synopsis, or the summary when the scenario gives none."""
        return self.synopsis or self.summary

    @property
    def full_title(self) -> str:
        """The facilitator's title, or the players' when the scenario gives none."""
        return self.facilitator_title or self.title

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
