"""The runbook checklist, for scenarios that have one."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from tabletop.ui.widgets.readout import Readout


class RunbookPanel(Readout):
    """The scenario's runbook lines in order, each ticked once the team has done what ticks it."""

    def __init__(self, steps: Sequence[str]) -> None:
        super().__init__(id="runbook", classes="panel")
        self._steps = tuple(steps)

    def on_mount(self) -> None:
        """Title the panel."""
        self.border_title = "Runbook"

    def show_done(self, done: Sequence[bool]) -> None:
        """Redraw if a step changed state; which lines are done is the core's call."""
        lines = []
        for number, (step, is_done) in enumerate(zip(self._steps, done, strict=True), 1):
            mark = Content.styled("☑ done ", "bold $text-success") if is_done \
                else Content.styled("☐ to do", "$foreground-muted")
            lines.append(Content.assemble(f"{number}. ", mark, "  ", Content(step)))
        self.show(Content("\n").join(lines))
