"""Debrief capture: answers to the debrief questions, STOP/START/CONTINUE, the improvement plan.

Everything typed is saved as it is typed: each field posts `DebriefEdited` on every change to
its text (and, should one have been missed, when focus leaves it and before the report is
written), and the debrief screen journals it through the session. A journalled answer is one
SQLite commit, about 4 ms on a laptop's disk: cheap enough for every keystroke, so a kill loses
no word (a pause in typing before saving, as before, lost the last ones).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from tabletop.base.record import record
from tabletop.ui.text import literal

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

    class Saved(Message):
        """Every field's text has been posted (`DebriefEdited`) before this message, on the
        same way up: a handler of it finds them all handled (`save_all`)."""

    def __init__(self, questions: tuple[str, ...], draft: DebriefDraft | None = None,
                 *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._questions = questions
        self._draft = draft or DebriefDraft({}, {}, ())
        self._posted: dict[str, tuple[str, ...]] = {}
        """Each field's values as last posted (a plan row's three under `plan-ROW`), so a
        field posts only a change, and focus leaving it posts nothing new."""

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

    def on_mount(self) -> None:
        """What the draft filled in is saved already."""
        for field in self._fields():
            self._posted[field] = self._values(field)

    @on(Input.Changed)
    @on(Input.Blurred)
    @on(Input.Submitted)
    def _edited(self, event: Input.Changed | Input.Blurred | Input.Submitted) -> None:
        if isinstance(event, Input.Changed):
            event.stop()  # the form's own business; leaving a field may matter to others
        self._save(_field(event.input.id or ""))

    def save_all(self) -> None:
        """Post every field not posted as it stands, then `Saved` behind them."""
        for field in self._fields():
            self._save(field)
        self.post_message(self.Saved())

    def _fields(self) -> list[str]:
        """Every field's key: `answer-N`, `commit-KIND`, `plan-ROW`."""
        return [*(f"answer-{n}" for n in range(len(self._questions))),
                *(f"commit-{kind}" for kind, _ in COMMITMENTS),
                *(f"plan-{row}" for row in range(PLAN_ROWS))]

    def _values(self, field: str) -> tuple[str, ...]:
        """The field's text as it stands (a plan row's three columns)."""
        if field.startswith("plan-"):
            return tuple(self.query_one(f"#{field}-{c}", Input).value
                         for c in ("action", "owner", "due"))
        return (self.query_one(f"#{field}", Input).value,)

    def _save(self, field: str) -> None:
        """Post the field's values if they changed since last posted."""
        values = self._values(field)
        if self._posted.get(field) == values:
            return
        self._posted[field] = values
        kind, _, rest = field.partition("-")
        if kind == "answer":
            self.post_message(DebriefEdited("question", int(rest), values))
        elif kind == "commit":
            self.post_message(DebriefEdited("commitment", rest, values))
        else:
            self.post_message(DebriefEdited("plan", int(rest), values))


def _field(input_id: str) -> str:
    """The field an input belongs to: its own id, or its plan row's (`plan-ROW`)."""
    kind, _, rest = input_id.partition("-")
    return f"plan-{rest.split('-')[0]}" if kind == "plan" else input_id
