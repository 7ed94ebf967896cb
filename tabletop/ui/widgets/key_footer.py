"""The footer of every screen: Textual's, rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer

ShownKeys = tuple[tuple[object, ...], ...]
"""What the footer draws: each shown binding's key, words, state and group."""


class KeyFooter(Footer):
    """Textual's footer, recomposed only when what it shows changes.

    Textual rebuilds the footer, a widget per key, whenever the screen's bindings change: on
    every change of focus, as the focused widget's own bindings come and go. Those are the
    panels' scroll keys, which the footer never shows, so most rebuilds drew the same keys
    again; a rebuild cost a screen change or a Tab about a tenth of its time.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shown: ShownKeys | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """Rebuild as Textual would, unless the keys to show are the ones shown."""
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            shown = _shown_keys(screen)
            if self._bindings_ready and shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)


def _shown_keys(screen: Screen[Any]) -> ShownKeys:
    return tuple((binding.key, binding.key_display, binding.description, binding.action,
                  binding.group, enabled, tooltip)
                 for _, binding, enabled, tooltip in screen.active_bindings.values()
                 if binding.show)
