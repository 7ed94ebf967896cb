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
from textual.widgets import Button, Static, TextArea

from tabletop.base.words import fmt_minute, span
from tabletop.exercise.engine import OpenStatement
from tabletop.ui import bindings
from tabletop.ui.intents import StatementIntent
from tabletop.ui.screens.once import dismiss_once
from tabletop.ui.text import humanise, literal
from tabletop.ui.theme import STYLES
from tabletop.ui.widgets.key_footer import KeyFooter
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
                 drafts: dict[str, str]) -> None:
        super().__init__(classes="form-dialog")
        self.open_statement = open_statement
        self._minute = minute
        self._drafts = drafts

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
            yield Static(id="statement-error")
            with Horizontal(classes="buttons"):
                yield Button("Send  ctrl+s", id="submit", variant="primary")
                yield Button("Cancel  Esc", id="cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Several fields share the height; one field gets all of it."""
        self.set_class(len(self.open_statement.request.fields) > 1, "-several")
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

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        """Send the statement, unless every field is empty."""
        fields = self._fields()
        if not any(fields.values()):
            self.query_one("#statement-error", Static).update(
                Content.styled("✗ Write the statement first.", "bold $text-error"))
            return
        self._drafts.clear()
        dismiss_once(self, StatementIntent(self.open_statement.request.id, fields))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close, keeping what was typed as a draft."""
        self._drafts.update(self._fields())
        dismiss_once(self)
