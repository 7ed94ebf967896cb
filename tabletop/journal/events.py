"""The journal's vocabulary: every kind of event a session writes, how each is encoded, and
how each is read back.

An event's `minute` is the clock's minute when it was written, except for `action`, `vote`
and `statement` (the minute they took effect: the clock's, `effect_minute`; without
`stamp` in their data, an older journal's next hundredth) and
`inject` (the minute it fired). Event kinds, their `data`, and their encoder here (the
`Session` writes every event through these):

- started (`started_event`): scenario, ref, seed, speed, mode, teams
- inject (`inject_event`): id
- pause, resume, checkpoint (`pause_event`, `resume_event`, `checkpoint_event`): nothing
  (checkpoint: the clock stood at `minute`)
- speed (`speed_event`): speed; jump (`jump_event`): to
- action, vote (`action_event`, `vote_event`): action, cited, justification, confidence,
  checks, team (a `Decision` less its minute); a vote is one team's own choice in workshop
  mode, with `decision`, the decision point's id, written as the team submits it and dated
  the minute the vote opened (the room's decision follows as an `action` at that minute)
- statement (`statement_event`): request, fields
- answer (`answer_event`, `commitment_event`, `plan_row_event`; `journal.debrief`'s
  `rating_event`, `gates_event`, `facilitator_event`): part "question" with index and text;
  part "stop", "start" or "continue" with text; part "plan" with row, action, owner and due;
  part "rating" with criterion, level (P, S, M, U) and reason, the facilitator's rating; part
  "gates" with text, the team's gate design (YAML); part "facilitator" with text, who
  facilitates. The latest event for a field wins, so the debrief can be saved as it is typed.
- ended (`ended_event`): total, max, grade
- steer (`journal.steering.steer_event`): the facilitator's steering (`exercise.steering`):
  kind, inject; for an inject written on the spot also title, text, evidence, effect
- present (`present_event`): what the room's view shows (`Presentation`: blank, view,
  timer_end, timer_seconds, drafting, question, section, offset), the whole of it after each of the
  facilitator's presentation keys; written by the facilitator's seat, read by the room's
  (`journal.follow`), ignored by restoring and scoring

Read back by `event_kind` (a stored kind), `decision_from_event`, `votes_from_events`,
`statement_from_event`, `inject_id`, `speed_of`, `final_score`, `journal.debrief`'s
`debrief_from_events`, and
`presentation_from_event`; folded by `was_started` and `clock_state` (where a journal leaves
the clock), which restoring, following and the store share with the kind sets
`CLOCK_STAMPED` and `CHANGES_HISTORY`.
The stored JSON of each kind never changes shape: old journals must keep restoring
(tests/journal/test_migrations.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import field
from typing import TYPE_CHECKING, Any, Literal, get_args

from tabletop.base.kinds import Mode
from tabletop.base.record import record
from tabletop.exercise.engine import (
    CONFIDENCE_LEVELS,
    Confidence,
    Decision,
    FiredInject,
    StatementRecord,
)

if TYPE_CHECKING:
    from tabletop.scoring.ratings import Rating
    from tabletop.scoring.rubric import ScoreCard

EventKind = Literal["started", "inject", "pause", "resume", "checkpoint", "speed", "jump",
                   "action", "vote", "statement", "answer", "ended", "present", "steer"]
"""Every kind of event a journal holds (the module's docstring says what each carries)."""
EVENT_KINDS: tuple[EventKind, ...] = get_args(EventKind)

CLOCK_STAMPED: frozenset[EventKind] = frozenset(
    {"started", "pause", "resume", "checkpoint", "speed", "jump", "answer", "ended"})
"""Kinds written with the clock's minute at their wall time: the clock had reached the event's
minute when it was written, and the latest of them anchors the clock (`clock_state`). An
action, vote or statement carries the minute it took effect, an inject the minute it fired."""
CHANGES_HISTORY: frozenset[EventKind] = frozenset({"action", "statement", "ended", "steer"})
"""Kinds that change the run's history: a follower replays the journal again on one."""

STAMP: dict[str, str] = {"stamp": "clock"}
"""In an action's or statement's data: stamped at the clock's minute (`effect_minute`); an
older journal's, without it, at the next hundredth."""

CommitmentKind = Literal["stop", "start", "continue"]
COMMITMENT_KINDS: tuple[CommitmentKind, ...] = ("stop", "start", "continue")
"""The debrief's STOP / START / CONTINUE commitments, in the order they are shown."""


@record
class Event:
    """One thing that happened, as the journal stores it."""

    kind: EventKind
    """What happened (`EVENT_KINDS`)."""
    minute: float
    """Scenario minute it happened."""
    data: dict[str, Any] = field(default_factory=dict)
    """Kind-specific fields, JSON-serialisable."""


@record
class PlanRow:
    """One row of the improvement plan."""

    action: str
    """What will be done."""
    owner: str = ""
    """Who does it."""
    due: str = ""
    """By when, as typed (a date or a milestone)."""

    @property
    def empty(self) -> bool:
        """Nothing typed in any column: the row was cleared."""
        return not (self.action.strip() or self.owner.strip() or self.due.strip())


@record
class Debrief:
    """What the room wrote on the debrief screen; the latest text of each field wins."""

    answers: dict[int, str]
    """Debrief question index (from 0) to the answer; unanswered questions are absent."""
    commitments: dict[str, str]
    """stop, start, continue to the commitment; empty ones are absent."""
    plan: tuple[PlanRow, ...]
    """Improvement plan rows in row order, cleared rows left out."""
    ratings: dict[str, Rating] = field(default_factory=dict)
    """Criterion id to the facilitator's rating of it (`scoring.ratings`)."""
    gates: str = ""
    """The team's release gate design as last saved from the gate designer (its YAML);
    empty when none was."""
    facilitator: str = ""
    """Who facilitated (`run --facilitator`); empty when not named."""


@record
class Presentation:
    """What the room's view shows beside the run itself, as the facilitator set it."""

    blank: bool = False
    """The room's screen is blanked (discussion away from the screen)."""
    view: str = "dashboard"
    """"dashboard", "clock" (the big clock) or the id of one panel shown full screen."""
    timer_end: str = ""
    """Wall time (ISO 8601, UTC) the discussion timer runs out; empty: no timer."""
    timer_seconds: float = 0.0
    """The discussion timer's length in seconds, for its bar."""
    drafting: bool = False
    """The team is writing the statement (its dialog is open on the facilitator's seat)."""
    question: int = -1
    """The debrief question the facilitator is on (from 0), shown large; -1: none."""
    section: str = ""
    """The debrief's heading (its id) at the top of the facilitator's view; empty: above the
    first heading."""
    offset: int = 0
    """Lines the facilitator's view has scrolled past `section`'s top (or the debrief's)."""


@record
class StoredEvent:
    """An event as the journal holds it."""

    seq: int
    """Position in the session's journal, from 1."""
    at: str
    """Wall time it was written, ISO 8601 in UTC."""
    event: Event
    """The event."""


@record
class ClockState:
    """Where a journal leaves the facilitator's clock (`clock_state`)."""

    anchor: StoredEvent
    """The latest clock-stamped event: the clock stood at its minute at its wall time."""
    running: bool
    """The clock was started or resumed after it was last paused or ended."""
    speed: float | None
    """Scenario minutes per real minute the latest `speed` event set (None: none did)."""
    reached: float
    """The latest minute any event carries: the clock had reached at least this."""


# --- encoders -------------------------------------------------------------------------------


def started_event(minute: float, *, scenario: str, ref: str, seed: int, speed: float,
                  mode: Mode, teams: Iterable[str]) -> Event:
    """A `started`: which scenario, from where, with which seed, speed, mode and teams."""
    return Event("started", minute, {"scenario": scenario, "ref": ref, "seed": seed,
                                     "speed": speed, "mode": mode, "teams": list(teams)})


def inject_event(fired: FiredInject) -> Event:
    """An `inject`: it fired (at its own minute)."""
    return Event("inject", fired.minute, {"id": fired.inject.id})


def pause_event(minute: float) -> Event:
    """A `pause`: the clock stopped at `minute`."""
    return Event("pause", minute)


def resume_event(minute: float) -> Event:
    """A `resume`: the clock went on from `minute`."""
    return Event("resume", minute)


def checkpoint_event(minute: float) -> Event:
    """A `checkpoint`: the clock stood at `minute`; written periodically, so a crash loses
    little clock time."""
    return Event("checkpoint", minute)


def speed_event(minute: float, speed: float) -> Event:
    """A `speed`: scenario minutes per real minute from `minute` on."""
    return Event("speed", minute, {"speed": speed})


def jump_event(to: float) -> Event:
    """A `jump`: the clock was moved to minute `to`."""
    return Event("jump", to, {"to": to})


def action_event(decision: Decision) -> Event:
    """An `action`: a decision applied to the run, at the minute it took effect."""
    return Event("action", decision.minute, {**_decision_data(decision), **STAMP})


def vote_event(vote: Decision, decision_point: str) -> Event:
    """A `vote`: one team's own choice at a decision point (workshop mode)."""
    return Event("vote", vote.minute, {**_decision_data(vote), "decision": decision_point})


def statement_event(statement: StatementRecord) -> Event:
    """A `statement`: a communication sent, at the minute it was sent."""
    return Event("statement", statement.minute,
                 {"request": statement.request, "fields": dict(statement.fields), **STAMP})


def answer_event(minute: float, index: int, text: str) -> Event:
    """An `answer` event: the text of debrief question `index` (from 0), as typed so far."""
    return Event("answer", minute, {"part": "question", "index": index, "text": text})


def commitment_event(minute: float, kind: CommitmentKind, text: str) -> Event:
    """An `answer` event: the STOP, START or CONTINUE commitment, as typed so far."""
    return Event("answer", minute, {"part": commitment_kind(kind), "text": text})


def plan_row_event(minute: float, row: int, plan_row: PlanRow) -> Event:
    """An `answer` event: improvement plan row `row` (from 0) as typed so far; empty clears it."""
    return Event("answer", minute, {"part": "plan", "row": row, "action": plan_row.action,
                                    "owner": plan_row.owner, "due": plan_row.due})


def ended_event(minute: float, card: ScoreCard) -> Event:
    """An `ended`: the exercise ended at `minute` with this score."""
    return Event("ended", minute, {"total": card.total, "max": card.max, "grade": card.grade})


def present_event(minute: float, shown: Presentation) -> Event:
    """A `present`: the room's view shows this from now on (the whole state, latest wins)."""
    return Event("present", minute, {"blank": shown.blank, "view": shown.view,
                                     "timer_end": shown.timer_end,
                                     "timer_seconds": shown.timer_seconds,
                                     "drafting": shown.drafting, "question": shown.question,
                                     "section": shown.section, "offset": shown.offset})


def commitment_kind(text: str) -> CommitmentKind:
    """`text` as a commitment kind; ValueError unless it is stop, start or continue."""
    for kind in COMMITMENT_KINDS:
        if text == kind:
            return kind
    raise ValueError(f"commitment must be one of {', '.join(COMMITMENT_KINDS)}")


def _decision_data(decision: Decision) -> dict[str, Any]:
    # The keys in this order: the stored JSON of old journals has them so.
    return {"action": decision.action, "cited": list(decision.cited),
            "justification": decision.justification, "confidence": decision.confidence,
            "checks": list(decision.checks), "team": decision.team}


# --- decoders -------------------------------------------------------------------------------


def _confidence(value: object) -> Confidence:
    return next((level for level in CONFIDENCE_LEVELS if level == value), "medium")


def hundredths(event: Event) -> bool:
    """The action or statement was stamped at the next hundredth (an older journal)."""
    return event.data.get("stamp") != "clock"


def decision_from_event(event: Event) -> Decision:
    """The `Decision` an `action` or `vote` event records."""
    data = event.data
    return Decision(event.minute, str(data["action"]), tuple(data.get("cited", ())),
                    str(data.get("justification", "")),
                    _confidence(data.get("confidence", "medium")),
                    tuple(data.get("checks", ())), str(data.get("team", "")))


def votes_from_events(events: Iterable[Event]) -> list[Decision]:
    """Every workshop vote (a team's own choice, as `Session.votes` holds it), oldest first."""
    return [decision_from_event(e) for e in events if e.kind == "vote"]


def statement_from_event(event: Event) -> StatementRecord:
    """The communication a `statement` event records."""
    fields = dict(event.data.get("fields", {}))
    return StatementRecord(str(event.data["request"]), event.minute,
                           {str(k): str(v) for k, v in fields.items()})


def inject_id(event: Event) -> str:
    """The id of the inject an `inject` event says fired."""
    return str(event.data.get("id", ""))


def speed_of(event: Event) -> float:
    """The clock speed a `speed` event set."""
    return float(event.data["speed"])


def presentation_from_event(event: Event) -> Presentation:
    """What a `present` event says the room's view shows."""
    data = event.data
    return Presentation(bool(data.get("blank", False)), str(data.get("view", "dashboard")),
                        str(data.get("timer_end", "")), float(data.get("timer_seconds", 0.0)),
                        bool(data.get("drafting", False)), int(data.get("question", -1)),
                        str(data.get("section", "")), int(data.get("offset", 0)))


def final_score(event: Event) -> tuple[float | None, float | None, str | None]:
    """Total, maximum and grade an `ended` event records (None where absent)."""
    data = event.data
    return data.get("total"), data.get("max"), data.get("grade")


def event_kind(text: str) -> EventKind:
    """`text`, a kind as the store holds it, as an `EventKind`; ValueError for a kind no
    tabletop ever wrote (a damaged or foreign store)."""
    for kind in EVENT_KINDS:
        if text == kind:
            return kind
    raise ValueError(f"unknown event kind {text[:40]!r}")


# --- folds: what a journal's events say about the run ---------------------------------------


def was_started(events: Iterable[Event]) -> bool:
    """Whether the journal's clock was ever started (a `started` event): a session left on
    its briefing has none."""
    return any(event.kind == "started" for event in events)


def clock_state(stored: Sequence[StoredEvent]) -> ClockState | None:
    """Where `stored` (a session's journal, oldest first) leaves the clock; None before any
    clock-stamped event."""
    anchor: StoredEvent | None = None
    running = False
    speed: float | None = None
    for entry in stored:
        kind = entry.event.kind
        if kind in CLOCK_STAMPED:
            anchor = entry
        if kind in ("started", "resume"):
            running = True
        elif kind in ("pause", "ended"):
            running = False
        elif kind == "speed":
            speed = speed_of(entry.event)
    if anchor is None:
        return None
    return ClockState(anchor, running, speed, max(e.event.minute for e in stored))
