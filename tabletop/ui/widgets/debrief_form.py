"""Debrief capture: answers to the debrief questions, STOP/START/CONTINUE, the improvement plan.

Everything typed is saved as it is typed: each field posts `DebriefEdited` a moment after the
last keystroke (and at once when focus leaves it), and the app journals it through the session.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Static

from tabletop.base.record import record
from tabletop.ui.text import literal

SAVE_AFTER_SECONDS = 0.6
"""Pause in typing after which a field is saved; focus leaving a field saves it at once."""
PLAN_ROWS = 4
"""Rows of the improvement plan on screen."""
COMMITMENTS = (("stop", "STOP"), ("start", "START"), ("continue", "CONTINUE"))
"""Commitment kinds and their labels."""


@record
class DebriefDraft:
    """What was already saved, to fill the form in again (a resumed session)."""

    answers: dict[int, str]
    """Question index to answer."""
    commitments: dict[str, str]
    """stop, start, continue to text."""
    plan: tuple[tuple[str, str, str], ...]
    """(action, owner, due) rows."""


class DebriefEdited(Message):
    """One field of the debrief changed: save it."""

    def __init__(self, part: str, key: int | str, values: tuple[str, ...]) -> None:
        super().__init__()
        self.part = part
        """question, commitment or plan."""
        self.key = key
        """Question index, commitment kind or plan row."""
        self.values = values
        """The field's text, or a plan row's (action, owner, due)."""


class DebriefForm(Vertical):
    """The debrief's writable part."""

    def __init__(self, questions: tuple[str, ...], draft: DebriefDraft | None = None,
                 *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._questions = questions
        self._draft = draft or DebriefDraft({}, {}, ())
        self._save_timers: dict[str, Timer] = {}

    def compose(self) -> ComposeResult:
        """Questions, commitments and plan rows, each an input saved as typed."""
        draft = self._draft
        for index, question in enumerate(self._questions):
            yield Static(Content.assemble((f"{index + 1}. ", "bold"), literal(question)),
                         classes="form-question")
            yield Input(draft.answers.get(index, ""), placeholder="The team's answer",
                        id=f"answer-{index}", classes="answer")
        yield Static("Commitments", classes="subheading")
        with Grid(id="commitments"):
            for kind, label in COMMITMENTS:
                yield Static(Content.styled(label, "bold"), classes="commitment-label")
                yield Input(draft.commitments.get(kind, ""), id=f"commit-{kind}",
                            placeholder=f"What the team will {kind.replace('continue', 'keep')}"
                                        " doing")
        yield Static("Improvement plan", classes="subheading")
        with Grid(id="plan"):
            for header in ("Action", "Owner", "Due"):
                yield Static(Content.styled(header, "bold"), classes="plan-header")
            for row in range(PLAN_ROWS):
                values = draft.plan[row] if row < len(draft.plan) else ("", "", "")
                for column, value in zip(("action", "owner", "due"), values, strict=True):
                    yield Input(value, id=f"plan-{row}-{column}", classes="plan-cell",
                                placeholder=column.capitalize())

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        key = event.input.id or ""
        if key in self._save_timers:
            self._save_timers[key].stop()
        self._save_timers[key] = self.set_timer(SAVE_AFTER_SECONDS, lambda: self._save(key))

    @on(Input.Blurred)
    @on(Input.Submitted)
    def _left(self, event: Input.Blurred | Input.Submitted) -> None:
        key = event.input.id or ""
        if key in self._save_timers:
            self._save_timers.pop(key).stop()
            self._save(key)

    def flush(self) -> None:
        """Save every field still waiting for its pause in typing."""
        for key in list(self._save_timers):
            self._save_timers.pop(key).stop()
            self._save(key)

    def _save(self, key: str) -> None:
        self._save_timers.pop(key, None)
        kind, _, rest = key.partition("-")
        if kind == "answer":
            value = self.query_one(f"#{key}", Input).value
            self.post_message(DebriefEdited("question", int(rest), (value,)))
        elif kind == "commit":
            value = self.query_one(f"#{key}", Input).value
            self.post_message(DebriefEdited("commitment", rest, (value,)))
        elif kind == "plan":
            row = int(rest.split("-")[0])
            values = tuple(self.query_one(f"#plan-{row}-{c}", Input).value
                           for c in ("action", "owner", "due"))
            self.post_message(DebriefEdited("plan", row, values))
