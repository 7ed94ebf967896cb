"""The help screen: every key of the app, grouped by where it works.

Where a key's sentence names something of the scenario (who asks for the statement), the
words are the scenario's (`Scenario.terms`).
"""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tabletop.scenario.terms import Terms
from tabletop.ui import bindings
from tabletop.ui.screens.once import dismiss_once
from tabletop.ui.theme import STYLES
from tabletop.ui.widgets.cell_table import CellTable, Column, Layout, Row
from tabletop.ui.widgets.key_footer import KeyFooter

COLUMNS = Layout((Column(14, "right"), Column(20), Column()), gutter=2)
"""Key, name, sentence; the sentence wraps in what the first two leave."""


class HelpScreen(ModalScreen[None]):
    """Lists `bindings.GROUPS`, the same bindings the screens use.

    Args:
        terms: the scenario's words.
    """

    CSS_PATH: ClassVar[list[str | PurePath]] = [STYLES / "dialogs.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.HELP]
    AUTO_FOCUS = "#help-body"

    def __init__(self, terms: Terms) -> None:
        super().__init__()
        self._terms = terms

    def compose(self) -> ComposeResult:
        """One table of every group: its heading, then a row of key, name and sentence for each
        binding (one widget: a grid of 125 cells took 31 ms to restyle on every focus)."""
        with Vertical(id="help", classes="dialog"):
            yield Static(Content.styled("KEYS", "bold $text-accent"), classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield CellTable(COLUMNS, self._rows(), id="help-keys")
        yield KeyFooter()

    def _rows(self) -> list[Row | Content]:
        """Each group's heading (after a blank line), then its bindings, then the palette."""
        terms = self._terms
        rows: list[Row | Content] = []
        for title, group in bindings.GROUPS:
            rows += _heading(title)
            rows += [_row(self._keys(b), b.description, _sentence(b, terms)) for b in group]
        rows += _heading("Command palette")
        rows.append(_row("ctrl+p", "Commands", "Search every command: act, pause, resume, "
                         "next inject, end, help, theme."))
        return rows

    def _keys(self, binding: Binding) -> str:
        return ", ".join(self.app.get_key_display(b) for b in _each_key(binding))

    def action_close(self) -> None:
        """Back to where the help was opened."""
        dismiss_once(self)


def _heading(title: str) -> list[Row | Content]:
    """A group's heading as the app's `.heading` class draws one: a blank line, bold accent."""
    return [Content(""), Content.styled(title, "bold $text-accent")]


def _row(keys: str, name: str, sentence: str) -> Row:
    """Keys in bold accent, the binding's name in bold, its sentence muted."""
    return (Content.styled(keys, "bold $text-accent"), Content.styled(name, "bold"),
            Content.styled(sentence, "$foreground-muted"))


def _sentence(binding: Binding, terms: Terms) -> str:
    """The binding's sentence; the statement key's names who asked, in the scenario's words."""
    if binding.id == "statement":
        return f"Write the statement {terms.statements_from} asked for."
    return binding.tooltip


def _each_key(binding: Binding) -> list[Binding]:
    """One binding per key of a comma-separated key list, for display."""
    keys = [k.strip() for k in binding.key.split(",")]
    if binding.key_display or len(keys) == 1:
        return [binding]
    return [binding.with_key(k) for k in keys]
