"""A role card for the briefing: brief, what the role watches, its prompt for the coming round."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from tabletop.scenario.model import Role
from tabletop.ui.text import literal


class RoleCard(Vertical):
    """One seat at the table."""

    def __init__(self, role: Role, first_round: str) -> None:
        super().__init__(classes="role-card")
        self._role = role
        self._first_round = first_round

    def compose(self) -> ComposeResult:
        """Brief, watches, prompt."""
        role = self._role
        yield Static(literal(role.brief), classes="role-brief")
        if role.watches:
            yield Static(Content.assemble(("Watches  ", "bold $foreground-muted"),
                                          Content(" · ".join(role.watches))),
                         classes="role-watches")
        prompt = role.prompts.get(self._first_round, "")
        if prompt:
            yield Static(Content.assemble(("Prompt  ", "bold $text-accent"), Content(prompt)),
                         classes="role-prompt")

    def on_mount(self) -> None:
        """Title the card with the role's name, literally."""
        self.border_title = Content(self._role.title)
