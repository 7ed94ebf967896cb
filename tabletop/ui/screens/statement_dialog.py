"""The statement dialog: the communication the scenario asked for, against its deadline."""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static, TextArea

from tabletop.base.words import fmt_minute, span
from tabletop.exercise.engine import OpenStatement
from tabletop.exercise.records import PICK
from tabletop.scoring.statement_picks import PickOptions
from tabletop.ui import bindings
from tabletop.ui.intents import StatementIntent
from tabletop.ui.screens.once import dismiss_once
from tabletop.ui.text import humanise, literal
from tabletop.ui.theme import STYLES
from tabletop.ui.widgets.key_footer import KeyFooter
from tabletop.ui.widgets.marks import Checklist
from tabletop.ui.widgets.readout import Readout


class StatementDialog(ModalScreen[StatementIntent | None]):
    """One text area per field of the request; the deadline counts down as the clock runs.

    Args:
        open_statement: the request being answered.
        minute: the scenario minute now.
        drafts: text kept from an earlier, cancelled attempt; updated when cancelled again.
    """

    CSS_PATH: ClassVar[list[str | PurePath]] = [STYLES / "dialogs.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.DIALOG]
    AUTO_FOCUS = "#field-0"

    def __init__(self, open_statement: OpenStatement, minute: float,
                 drafts: dict[str, str], options: PickOptions | None = None) -> None:
        super().__init__(classes="form-dialog")
        self.open_statement = open_statement
        self._minute = minute
        self._drafts = drafts
        self._options = options
        """The run's facts to pick from beside the text; None offers none."""

    def compose(self) -> ComposeResult:
        """Title, deadline, prompt, the fields, buttons."""
        request = self.open_statement.request
        with Vertical(id="statement-dialog", classes="dialog"):
            yield Static(Content.assemble(("STATEMENT  ", "bold $text-accent"),
                                          literal(request.title, "bold")), classes="dialog-title")
            yield Readout(self._deadline(self._minute), id="deadline")
            yield Static(literal(request.prompt), id="statement-prompt")
            with VerticalScroll(id="statement-fields"):
                for index, name in enumerate(request.fields):
                    area = TextArea(self._drafts.get(name, ""), id=f"field-{index}",
                                    classes="statement-field", soft_wrap=True,
                                    show_line_numbers=False, tab_behavior="focus")
                    area.border_title = Content(humanise(name))
                    yield area
                if self._options is not None:
                    yield from self._picks(self._options)
            yield Static(id="statement-error")
            with Horizontal(classes="buttons"):
                yield Button("Send  ctrl+s", id="submit", variant="primary")
                yield Button("Cancel  Esc", id="cancel")
        yield KeyFooter()

    def _picks(self, options: PickOptions) -> ComposeResult:
        """The run's facts to pick from, each optional and checked exactly."""
        yield Static(Content.assemble(("Facts from the run", "bold"), (
            "  optional; each one picked is checked against the run", "$foreground-muted")),
            id="picks-heading")
        if options.actions:
            yield Select([(label, action) for action, label in options.actions],
                         prompt="What was done", id="pick-action")
        affected = Checklist(*((segment, segment) for segment in options.segments),
                             id="pick-affected")
        affected.border_title = "Who is affected"
        yield affected
        for index, (_, label) in enumerate(options.counters):
            yield Input(placeholder=f"How many: {label}", type="integer",
                        id=f"pick-count-{index}", classes="pick-count")
        yield Select([(f"Next update in {m} minutes", str(m)) for m in options.next_updates],
                     prompt="When the next update comes", id="pick-next-update")

    def on_mount(self) -> None:
        """Several fields share the height; one field gets all of it."""
        self.set_class(len(self.open_statement.request.fields) > 1, "-several")
        self.set_class(self._options is not None, "-picks")
        # A blinking cursor makes screenshots of a headless run differ from run to run.
        for area in self.query(TextArea):
            area.cursor_blink = not self.app.is_headless

    def show_time(self, minute: float) -> None:
        """Count the deadline down to the scenario minute now (called by the app's tick). A
        tick can come while the dialog is still opening: it then shows this minute once
        composed."""
        self._minute = minute
        if self.is_mounted:
            self.query_one("#deadline", Readout).show(self._deadline(minute))

    def _deadline(self, minute: float) -> Content:
        due = self.open_statement.deadline
        left = due - minute
        when = (Content.styled(f"{span(left)} left", "bold") if left >= 0 else
                Content.styled(f" OVERDUE by {span(-left)} ", "bold reverse $text-error"))
        return Content.assemble(("Due ", "$foreground-muted"), (fmt_minute(due), "bold"), "  ·  ",
                                when)

    def _fields(self) -> dict[str, str]:
        names = self.open_statement.request.fields
        return {name: self.query_one(f"#field-{i}", TextArea).text.strip()
                for i, name in enumerate(names)}

    def _picked(self) -> dict[str, str]:
        """The facts picked, as statement fields (`records.PICK`)."""
        options = self._options
        if options is None:
            return {}
        picked: dict[str, str] = {}
        for kind, select_id in (("action", "#pick-action"), ("next_update", "#pick-next-update")):
            found = self.query(select_id)
            chosen = found.first(Select).selection if found else None
            if chosen is not None:
                picked[kind] = str(chosen)
        affected = self.query_one("#pick-affected", Checklist).selected
        if affected:
            picked["affected"] = ", ".join(affected)
        for index, (counter, _) in enumerate(options.counters):
            value = self.query_one(f"#pick-count-{index}", Input).value.strip()
            if value.isdigit():
                picked[f"count:{counter}"] = value
        return {PICK + kind: value for kind, value in picked.items()}

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        """Send the statement, unless every field is empty."""
        fields = self._fields()
        if not any(fields.values()):
            self.query_one("#statement-error", Static).update(
                Content.styled("✗ Write the statement first.", "bold $text-error"))
            return
        self._drafts.clear()
        dismiss_once(self, StatementIntent(self.open_statement.request.id,
                                           fields | self._picked()))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close, keeping what was typed as a draft."""
        self._drafts.update(self._fields())
        dismiss_once(self)
