"""The action dialog: choose an action, cite the evidence, justify it, say how sure you are."""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, RadioSet, SelectionList, Static, TextArea

from tabletop.base.words import fmt_minute
from tabletop.exercise.engine import CONFIDENCE_LEVELS, Choice, Exercise
from tabletop.scenario.model import Action
from tabletop.ui import bindings
from tabletop.ui.screens.confirm import ConfirmScreen
from tabletop.ui.screens.once import dismiss_once
from tabletop.ui.text import literal
from tabletop.ui.theme import STYLES
from tabletop.ui.widgets.key_footer import KeyFooter
from tabletop.ui.widgets.marks import Checklist, MarkedRadioButton, MarkedRadioSet


def offered_actions(exercise: Exercise) -> list[Action]:
    """The actions available now, the open decision's options first, in their order."""
    available = exercise.available_actions()
    point = exercise.open_decision()
    if point is None:
        return available
    by_id = {a.id: a for a in available}
    first = [by_id[o] for o in point.options if o in by_id]
    return first + [a for a in available if a not in first]


class ActionDialog(ModalScreen[Choice | None]):
    """Returns the chosen action with its evidence, justification, confidence and checks."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [STYLES / "dialogs.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.DIALOG]
    # Textual declares the breakpoints an instance variable, so no ClassVar here.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012
    AUTO_FOCUS = "#action-choice"

    def __init__(self, exercise: Exercise, team: str = "") -> None:
        super().__init__(classes="form-dialog")
        self._team = team
        self._minute = exercise.minute
        self._point = exercise.open_decision()
        self._actions = offered_actions(exercise)
        self._evidence = [e for _, e in exercise.revealed()]

    def compose(self) -> ComposeResult:
        """Choice and reasons on the left, evidence and checks on the right."""
        with Vertical(id="action-dialog", classes="dialog"):
            who = literal(f"{self._team.upper()} TEAM  ", "bold reverse") if self._team else ""
            title = Content.assemble(who, ("TAKE AN ACTION  ", "bold $text-accent"),
                                     (fmt_minute(self._minute), "bold"))
            yield Static(title, classes="dialog-title")
            if self._point is not None:
                yield Static(Content.assemble(("Decision open  ", "bold"),
                                              literal(self._point.prompt)), id="decision-prompt")
            with Vertical(id="action-body"), Horizontal(id="action-columns"):
                with Vertical(id="action-left"):
                    yield from self._choice()
                with Vertical(id="action-right"):
                    yield from self._citations()
            yield Static(id="action-error")
            with Horizontal(classes="buttons"):
                yield Button("Submit  ctrl+s", id="submit", variant="primary",
                             disabled=not self._actions)
                yield Button("Cancel  Esc", id="cancel")
        yield KeyFooter()

    def _choice(self) -> ComposeResult:
        if self._actions:
            with MarkedRadioSet(id="action-choice"):
                for action in self._actions:
                    yield MarkedRadioButton(literal(action.label))
        else:
            yield Static("No action is available at this minute.", id="action-choice")
        yield Static(Content.styled("Pick an action to see what it does.", "$foreground-muted"),
                     id="action-description")
        with MarkedRadioSet(id="confidence-choice"):
            for level in CONFIDENCE_LEVELS:
                yield MarkedRadioButton(level, value=level == "medium")
        # Several lines that grow with the text, so the whole justification stays in view.
        yield TextArea(id="justification", soft_wrap=True, show_line_numbers=False,
                       tab_behavior="focus",
                       placeholder="Why? One or two sentences the team agrees on")

    def _citations(self) -> ComposeResult:
        width = max([len(e.tag) for e in self._evidence] + [0]) + 1
        yield Checklist(*[(Content.assemble((f"{e.tag:<{width}}", "bold"), literal(e.text)), e.id)
                          for e in self._evidence], id="cite")
        yield Static(id="cite-detail")
        if self._point is not None and self._checks_offered:
            yield Checklist(*[(literal(c.label), c.id) for c in self._point.checks], id="checks")

    def on_mount(self) -> None:
        """Border titles: a plain string is read as markup, so the one that quotes an action's
        label is Content."""
        self.query_one("#cite").border_title = "Evidence to cite (Space ticks)"
        if self._point is not None and self._checks_offered:
            carrier = self._point.checks_with
            self.query_one("#checks").border_title = (
                Content(f"Extra checks, demanded with '{self._label(carrier)}'") if carrier
                else "Extra checks to demand with an approval")
            self._offer_checks("")
        self.query_one("#confidence-choice").border_title = "Confidence"
        self.query_one("#justification").border_title = "Justification"
        if self._actions:
            self.query_one("#action-choice").border_title = "Action"
        if not self._evidence:
            self.query_one("#cite").border_subtitle = "nothing revealed yet"
        # A blinking cursor makes screenshots of a headless run differ from run to run.
        self.query_one("#justification", TextArea).cursor_blink = not self.app.is_headless

    @on(RadioSet.Changed, "#action-choice")
    def _describe(self, event: RadioSet.Changed) -> None:
        action = self._actions[event.index]
        self.query_one("#action-description", Static).update(Content.assemble(
            literal(action.description or action.label), self._checks_hint(action.id)))
        self.query_one("#action-error", Static).update("")
        self._offer_checks(action.id)

    @property
    def _checks_offered(self) -> bool:
        """The open point has checks and the option that demands them is still offered (once
        it is taken, the point may stay open for a further decision without them)."""
        point = self._point
        return point is not None and bool(point.checks) and (
            not point.checks_with or any(a.id == point.checks_with for a in self._actions))

    def _checks_hint(self, action_id: str) -> Content:
        """What the option that demands checks is with none ticked (the core's rule)."""
        point = self._point
        if point is None or not point.checks or point.checks_with != action_id:
            return Content()
        if point.without_checks:
            return Content.styled(f" With no check ticked it counts as "
                                  f"'{self._label(point.without_checks)}'.", "$text-warning")
        return Content.styled(" Tick at least one check.", "$text-warning")

    def _offer_checks(self, action_id: str) -> None:
        """The checks can be ticked only with an option that takes them (the core's call)."""
        if self._point is not None and self._checks_offered:
            self.query_one("#checks").disabled = not self._point.takes_checks(action_id)

    def _label(self, action_id: str) -> str:
        return next((a.label for a in self._actions if a.id == action_id), action_id)

    @on(SelectionList.SelectionHighlighted, "#cite")
    def _detail(self, event: SelectionList.SelectionHighlighted[str]) -> None:
        """The highlighted item in full, since the list shows one line per item."""
        evidence = self._evidence[event.selection_index]
        self.query_one("#cite-detail", Static).update(
            Content.assemble((f"{evidence.tag}: ", "bold"), literal(evidence.text)))

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        """Return the intent, or say what is missing; with nothing cited and nothing said, ask
        first (the decision is scored on both)."""
        if not self._actions:
            return
        index = self.query_one("#action-choice", RadioSet).pressed_index
        if index < 0:
            self.query_one("#action-error", Static).update(
                Content.styled("✗ Choose an action first.", "bold $text-error"))
            self.query_one("#action-choice").focus()
            return
        intent = self._intent(self._actions[index].id)
        if intent.cited or intent.justification:
            dismiss_once(self, intent)
            return

        if isinstance(self.app.screen, ConfirmScreen):  # submitted twice: asked already
            return

        def answered(yes: bool | None) -> None:
            if yes:
                dismiss_once(self, intent)

        self.app.push_screen(ConfirmScreen(
            "Act with no evidence cited and no justification? The debrief scores each "
            "decision on the evidence and the reasons given.", yes="Act anyway"), answered)

    def _intent(self, action_id: str) -> Choice:
        cited = tuple(self.query_one("#cite", SelectionList).selected)
        checks: tuple[str, ...] = ()
        if self.query("#checks") and not self.query_one("#checks").disabled:
            checks = tuple(self.query_one("#checks", SelectionList).selected)
        pressed = self.query_one("#confidence-choice", RadioSet).pressed_index
        level = CONFIDENCE_LEVELS[max(0, pressed)]
        text = self.query_one("#justification", TextArea).text.strip()
        return Choice(action_id, cited, text, level, checks, self._team)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without acting."""
        dismiss_once(self)
