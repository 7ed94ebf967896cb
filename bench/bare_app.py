"""The floor: a bare Textual app with a header, one line, a 1 Hz Digits clock and a footer."""

from __future__ import annotations

import time

from textual.app import App, ComposeResult
from textual.widgets import Digits, Footer, Header, Static


class BareApp(App[None]):
    """What PERFORMANCE.md measures as the floor."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("BAREREADY one line of text")
        yield Digits(time.strftime("%H:%M:%S"))
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick)

    def _tick(self) -> None:
        self.query_one(Digits).update(time.strftime("%H:%M:%S"))


if __name__ == "__main__":
    BareApp().run()
