"""The command palette's tabletop commands: the dashboard's keys, by name, when they apply."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tabletop.ui import bindings

PALETTE = ("act", "statement", "pause", "resume", "next-inject", "faster", "slower",
           "last-inject", "end", "facilitator", "truth", "steering", "room-blank",
           "room-timer", "room-clock", "room-panel", "help")
"""Binding ids offered in the palette, in the order the palette lists them: the players' keys,
then the facilitator's (material, truth, the room's view)."""


@runtime_checkable
class OffersActions(Protocol):
    """An app that says which of its actions apply now (the tabletop app does)."""

    def offers(self, action: str) -> bool:
        """True when the action applies now."""
        ...


class TabletopCommands(Provider):
    """Offers the main actions (act, pause/resume, next inject, end, help) where they apply."""

    def _commands(self) -> Iterator[tuple[str, str, str]]:
        """(name, help, action) of each command available now."""
        app = self.app
        assert isinstance(app, OffersActions), "the palette's commands belong to the tabletop app"
        known = {b.id: b for b in bindings.DASHBOARD + bindings.APP}
        for binding_id in PALETTE:
            binding = known[binding_id]
            action = binding.action.removeprefix("app.")
            if app.offers(action):
                # The dashboard's own keys run on the screen the palette closes back to.
                on_app = binding.action.startswith("app.") or binding in bindings.APP
                run = action if on_app else f"screen.{action}"
                yield binding.description, binding.tooltip, run

    async def discover(self) -> Hits:
        """Every command available now."""
        for name, help_text, action in self._commands():
            yield DiscoveryHit(name, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        """Commands whose name matches the query."""
        matcher = self.matcher(query)
        for name, help_text, action in self._commands():
            score = max(matcher.match(name), matcher.match(help_text) * 0.8)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.app.run_action, action),
                          help=help_text, text=name)
