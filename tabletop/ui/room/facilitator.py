"""The facilitator's material, on the facilitator's seat only (`f`): the note, every inject
still to come with its condition and whether it will fire, the expected actions and the
rubric, the evidence revealed with red herrings marked. The room's view never composes it."""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tabletop.base.words import fmt_minute
from tabletop.exercise.engine import Exercise
from tabletop.reports.conditions import describe_condition
from tabletop.scenario.model import Condition, Inject
from tabletop.scenario.rubric import Criterion
from tabletop.ui import bindings
from tabletop.ui.screens.once import dismiss_once
from tabletop.ui.text import literal
from tabletop.ui.theme import STYLES
from tabletop.ui.widgets.key_footer import KeyFooter

SECTIONS = {"note": "Facilitator note", "injects": "Upcoming injects",
            "rubric": "Expected actions and rubric", "evidence": "Evidence, red herrings marked"}
"""The sections, by the key's parameter, and their headings."""


def _ids(ids: tuple[str, ...]) -> str:
    return ", ".join(ids)


KNOWN = frozenset({"chose", "checks", "not_acted", "no_statement", "exposure_at_least"})
"""The condition's fields `outlook` can decide from the run so far; with any other it says the
inject fires if the rest of its condition holds."""


def _others(cond: Condition) -> list[str]:
    return [f"{name}: {value}" for name, value in vars(cond).items()
            if name not in KNOWN and value not in (None, (), "")]


PASSED = "will not fire: what would trigger it can no longer be chosen"
"""The outlook of an inject waiting for an action or a check no decision offers any more."""


def _still_askable(exercise: Exercise, cond: Condition) -> bool:
    """An action that triggers the condition, or that may demand its checks, can still be
    taken now or later (its `available_until` not passed, not taken if it is not repeatable)."""
    checks = set(cond.checks)
    triggers = set(cond.chose) | {
        option for point in exercise.scenario.decisions
        if checks & {c.id for c in point.checks}
        for option in ((point.checks_with,) if point.checks_with else point.options)}
    taken = {d.action for d in exercise.decisions}
    return any((a.available_until is None or exercise.minute <= a.available_until)
               and (a.repeatable or a.id not in taken)
               for a in exercise.scenario.actions if a.id in triggers)


def outlook(exercise: Exercise, inject: Inject) -> str:
    """Whether an inject not fired yet will fire, as far as the run so far tells."""
    cond = inject.when
    if inject.branch:  # never fires by itself: the facilitator releases it, or not
        return "a branch: offered to you at its minute" + (" if its condition holds" if cond
                                                            else "")
    if cond is None:
        return "scheduled: will fire"
    taken = {d.action for d in exercise.decisions if d.minute <= inject.minute}
    answered = {s.request for s in exercise.statements if s.minute <= inject.minute}
    if taken & set(cond.not_acted) or (cond.no_statement and cond.no_statement in answered):
        return "will not fire (averted)"
    if cond.chose or cond.checks:
        checks = {c for d in exercise.decisions for c in d.checks}
        chosen = {d.action for d in exercise.decisions}
        if not (chosen & set(cond.chose) or checks & set(cond.checks)):
            return "not triggered yet" if _still_askable(exercise, cond) else PASSED
    if _others(cond) or cond.exposure_at_least is not None:
        return "fires if the rest of its condition holds"
    if (cond.not_acted or cond.no_statement) and exercise.minute < inject.minute:
        return "will fire unless averted before its minute"
    return "will fire"


def _injects(exercise: Exercise) -> Content:
    """Every inject still to come (the engine's pending ones), then those that will not: a
    trigger no decision offers any more, a contingency that did not hold at its minute."""
    pending = {i.id: i for i in exercise.pending()}  # at its minute, held or brought forward
    offered = {i.id for i in exercise.offers}
    fired = {f.inject.id for f in exercise.fired}
    coming: list[Content] = []
    gone: list[Content] = []
    injects = [pending.get(i.id, i) for i in exercise.scenario.injects if i.id not in fired]
    for inject in sorted(injects, key=lambda i: i.minute):
        if inject.id in offered:
            said = "offered to you: release it from the steering (o) or not"
        elif inject.id in pending:
            said = outlook(exercise, inject)
        elif inject.branch:
            said = "will not fire: a branch you did not release"
        else:
            said = "will not fire: its condition did not hold at its minute"
        condition = describe_condition(exercise.scenario, inject)
        line = Content.assemble((fmt_minute(inject.minute), "bold"), "  ",
                                literal(inject.title, "bold"), "\n    ", (said, "bold"),
                                literal(f" · {condition}" if condition else ""))
        (gone if said.startswith("will not fire") else coming).append(line)
    lines = coming or [Content("No inject is still to come.")]
    if gone:
        lines += [Content.styled("Will not come", "bold underline"), *gone]
    return Content("\n").join(lines)


def _criterion(criterion: Criterion) -> Content:
    head = Content.assemble(literal(criterion.title, "bold"),
                            f"  ({criterion.kind}, {criterion.max:g} points)")
    lines = [head]
    if criterion.actions:
        lines.append(literal(f"    expected: {_ids(criterion.actions)}"))
    for stage in criterion.stages:
        for action, outcome in stage.outcomes.items():
            lines.append(literal(f"    after {stage.after}: {action} → {outcome.points:g}: "
                                 f"{outcome.why}"))
    for check, result in criterion.checks.items():
        lines.append(literal(f"    check {check} → {result.points:g}: {result.why}"))
    if criterion.trap_tags:
        lines.append(literal(f"    trap: citing only {_ids(criterion.trap_tags)}"))
    return Content("\n").join(lines)


def _evidence(exercise: Exercise) -> Content:
    lines = []
    for fired, evidence in exercise.revealed():
        mark = Content.styled(" ✗ RED HERRING ", "bold reverse") if evidence.red_herring \
            else Content.styled("✓ relevant", "bold")
        lines.append(Content.assemble((fmt_minute(fired.minute), "bold"), "  ", mark, "  ",
                                      literal(evidence.text)))
    return Content("\n").join(lines) if lines else Content("No evidence revealed yet.")


def section_text(exercise: Exercise, section: str) -> Content:
    """One section of the facilitator's material, as it stands now."""
    scenario = exercise.scenario
    if section == "note":
        return literal(scenario.facilitator_note)
    if section == "injects":
        return _injects(exercise)
    if section == "rubric":
        return Content("\n\n").join(_criterion(c) for c in scenario.rubric.criteria)
    return _evidence(exercise)


class FacilitatorScreen(ModalScreen[None]):
    """One section of the facilitator's material at a time; 1 to 4 switch, Esc closes."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [STYLES / "room.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.FACILITATOR]
    AUTO_FOCUS = "#facilitator-body"

    def __init__(self, exercise: Exercise, section: str = "note") -> None:
        super().__init__(id="facilitator-screen")
        self.exercise = exercise
        self.section = section

    def compose(self) -> ComposeResult:
        """The section's heading and its text, scrolling."""
        with VerticalScroll(id="facilitator-body", classes="dialog"):
            yield Static(id="facilitator-heading")
            yield Static(id="facilitator-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Show the first section."""
        self.action_section(self.section)

    def action_section(self, section: str) -> None:
        """Show another section."""
        self.section = section
        self.query_one("#facilitator-heading", Static).update(Content.assemble(
            ("FACILITATOR ONLY  ", "bold reverse"), "  ", (SECTIONS[section], "bold")))
        self.query_one("#facilitator-text", Static).update(section_text(self.exercise, section))

    def action_close(self) -> None:
        """Back to the dashboard."""
        dismiss_once(self, None)
