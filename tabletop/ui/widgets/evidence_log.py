"""The evidence log: every revealed evidence item, by round, with its tag."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tabletop.core.engine import FiredInject
from tabletop.ui.text import clock, literal

TAG_WIDTH = 16
"""Width of the tag column; the longest tag, service-quality, fits."""


class EvidenceLog(VerticalScroll):
    """One block per fired inject; red herrings look like every other item.

    Blocks are appended as injects fire, never rebuilt.
    """

    def __init__(self) -> None:
        super().__init__(id="evidence", classes="panel")
        self._seen = 0

    def on_mount(self) -> None:
        """Title the panel."""
        self.border_title = "Evidence log"

    def show(self, fired: Sequence[FiredInject]) -> None:
        """Append a block for each inject fired since the last call."""
        new = fired[self._seen:]
        self._seen = len(fired)
        if not new:
            return
        self.mount_all([RoundBlock(f) for f in new])
        self.border_subtitle = f"{sum(len(f.evidence) for f in fired)} items"
        self.call_after_refresh(self.scroll_end, animate=False)


class RoundBlock(Vertical):
    """A round's heading and its evidence items."""

    def __init__(self, fired: FiredInject) -> None:
        super().__init__(classes="round")
        self._fired = fired

    def compose(self) -> ComposeResult:
        """The heading, then one row per item."""
        inject = self._fired.inject
        yield Static(Content.assemble((clock(self._fired.minute), "bold"), "  ",
                                      literal(inject.title, "bold")), classes="round-title")
        for evidence in self._fired.evidence:
            with Horizontal(classes="evidence-item"):
                yield Static(literal(evidence.tag), classes=f"tag tag-{evidence.tag}")
                yield Static(literal(evidence.text), classes="evidence-text")
