"""The runbook checklist, for scenarios that have one."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from textual.content import Content

from tabletop.core.model import Scenario
from tabletop.ui.widgets.readout import Readout


def step_key(line: str) -> str:
    """The step a runbook line belongs to: its first word, as `Action.step` names it.

    "Stabilise: roll back ..." belongs to step `stabilise`. The core has no mapping from
    runbook lines to actions yet (see the UI report), so the line's own first word is used.
    """
    return re.split(r"[^\w-]", line.strip(), maxsplit=1)[0].lower()


def steps_done(scenario: Scenario, taken: Iterable[str]) -> set[str]:
    """Runbook steps the team has acted on: those of the actions it took (`Action.step`)."""
    return {scenario.action(a).step.lower() for a in taken} - {""}


class RunbookPanel(Readout):
    """The scenario's runbook steps in order, each ticked once an action of that step is taken."""

    def __init__(self, steps: Sequence[str]) -> None:
        super().__init__(id="runbook", classes="panel")
        self._steps = tuple(steps)

    def on_mount(self) -> None:
        """Title the panel."""
        self.border_title = "Runbook"

    def show_done(self, done: set[str]) -> None:
        """Redraw if a step changed state."""
        lines = []
        for number, step in enumerate(self._steps, 1):
            mark = Content.styled("☑ done ", "bold $text-success") if step_key(step) in done \
                else Content.styled("☐ to do", "$text-muted")
            lines.append(Content.assemble(f"{number}. ", mark, "  ", Content(step)))
        self.show(Content("\n").join(lines))
