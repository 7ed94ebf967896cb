"""The help screen: every key of the app, grouped by where it works.

Where a key's sentence names something of the scenario (who asks for the statement), the
words are the scenario's (`Scenario.terms`).
"""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tabletop.scenario.terms import Terms
from tabletop.ui import bindings
from tabletop.ui.screens.once import dismiss_once
from tabletop.ui.theme import STYLES
from tabletop.ui.widgets.key_footer import KeyFooter


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
        """One grid of key, name and sentence per group."""
        terms = self._terms
        with Vertical(id="help", classes="dialog"):
            yield Static(Content.styled("KEYS", "bold $text-accent"), classes="dialog-title")
            with VerticalScroll(id="help-body"):
                for title, group in bindings.GROUPS:
                    yield Static(title, classes="heading", markup=False)
                    with Grid(classes="help-group"):
                        for binding in group:
                            yield from self._row(self._keys(binding), binding.description,
                                                 _sentence(binding, terms))
                yield Static("Command palette", classes="heading", markup=False)
                with Grid(classes="help-group"):
                    yield from self._row("ctrl+p", "Commands", "Search every command: act, "
                                         "pause, resume, next inject, end, help, theme.")
        yield KeyFooter()

    def _keys(self, binding: Binding) -> str:
        return ", ".join(self.app.get_key_display(b) for b in _each_key(binding))

    def _row(self, keys: str, name: str, sentence: str) -> ComposeResult:
        yield Static(Content.styled(keys, "bold $text-accent"), classes="help-key")
        yield Static(Content.styled(name, "bold"), classes="help-name")
        yield Static(Content.styled(sentence, "$foreground-muted"), classes="help-text")

    def action_close(self) -> None:
        """Back to where the help was opened."""
        dismiss_once(self)


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
