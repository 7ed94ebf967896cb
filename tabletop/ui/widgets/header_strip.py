"""The header strip: the scenario clock, large, and the state of the run beside it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Digits, Static

from tabletop.base.record import record
from tabletop.base.words import fmt_minute, percent, span, speed
from tabletop.exercise.signals import PlanPosition
from tabletop.scenario.terms import Terms
from tabletop.ui.text import bar

T_GLYPH = "╺┳╸\n ┃ \n ╹ "
"""A 'T' drawn like Textual's bold digits, since `Digits` has no letters."""

NARROW = 72
"""Below this many columns the strip drops the large 'T' and uses short headings, so that
every figure stays readable (at 60 columns "Rollout exposure" would be cut to "Rollout …")."""


@record
class ClockFigures:
    """What the header strip shows; it redraws only when one of these changes."""

    minute: float
    """Scenario minute now."""
    running: bool
    """True while time passes."""
    finished: bool
    """The exercise is over."""
    speed: float
    """Scenario minutes per real minute."""
    next_inject: float | None
    """Minute of the next scheduled inject, if any."""
    exposure: float
    """Share of traffic the candidate serves."""
    enabled: bool
    """False once an action with effect `disable` turned the candidate off."""
    end_minute: float
    """Scenario minute at which the exercise ends."""
    plan: PlanPosition | None = None
    """Where the release stands in its rollout plan (None: not deployed)."""


class HeaderStrip(Horizontal):
    """Clock (T-/T+ mm:ss in large digits), run state, speed, next inject, exposure.

    Args:
        title: the scenario's title.
        terms: the scenario's words (the switch's name).
    """

    def __init__(self, title: str, terms: Terms) -> None:
        super().__init__(id="header-strip")
        self._title = title
        self._terms = terms
        self._digits = ""
        self._figures: ClockFigures | None = None
        self._short = False
        self._room = ""
        """What the room's view shows, said on the bottom rule (the facilitator's seat)."""

    def compose(self) -> ComposeResult:
        """The clock, then three small columns of words."""
        yield Static(T_GLYPH, id="clock-t", markup=False)
        yield Digits("-00:00", id="clock")
        yield StatusColumns(id="run-status")

    def on_mount(self) -> None:
        """Title the strip with the scenario, literally."""
        self.border_title = Content(self._title)

    def on_resize(self) -> None:
        """On a short screen the strip keeps only its bottom rule: the title moves there, and
        like any border title it shortens with an ellipsis rather than vanish."""
        self._short = self.styles.border_top[0] in ("", "none", "hidden")
        self._subtitle()
        self.set_class(self.size.width < NARROW, "-narrow")
        if self._figures is not None:
            self.show(self._figures)

    def show_room(self, said: str) -> None:
        """Say on the bottom rule what the room's view shows ("": nothing)."""
        if said != self._room:
            self._room = said
            self._subtitle()

    def _subtitle(self) -> None:
        """The bottom rule: the title on a short screen, then what the room sees, if said."""
        parts = [Content(self._title)] if self._short else []
        if self._room:
            parts.append(Content.assemble(("ROOM SEES ", "bold"), self._room))
        self.border_subtitle = Content(" · ").join(parts) if parts else ""

    def show(self, figures: ClockFigures) -> None:
        """Redraw the parts whose text changed."""
        self._figures = figures
        narrow = self.size.width < NARROW
        digits = fmt_minute(figures.minute)[1:]
        if digits != self._digits:
            self._digits = digits
            self.query_one("#clock", Digits).update(digits)
        self.query_one(StatusColumns).show(
            (_run_state(figures), _next_inject(figures, narrow),
             _exposure(figures, self._terms.switch, narrow)))
        self.set_class(not figures.running, "-paused")


class StatusColumns(Widget):
    """Columns of a few lines each, side by side, split by a rule; one widget, one redraw.

    Each column gets the width its longest line needs and a share of what is left; when the
    width is short the widest column gives first, and a line too long ends in an ellipsis.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._columns: tuple[Content, ...] = ()

    def show(self, columns: tuple[Content, ...]) -> bool:
        """Show these columns if any differs from what is on screen; True when redrawn."""
        if [c.markup for c in columns] == [c.markup for c in self._columns]:
            return False
        self._columns = columns
        self.refresh()
        return True

    def render(self) -> Content:
        """The columns laid out to the widget's width now."""
        if not self._columns:
            return Content("")
        split = [column.split("\n") for column in self._columns]
        # Each column wants its longest line and a space before the next rule.
        natural = [max(line.cell_length for line in lines) + 1 for lines in split]
        natural[-1] -= 1
        widths = _fair_widths(natural, self.content_size.width - 2 * len(split))
        rule = Content.styled("▏ ", "$primary 40%")
        rows = []
        for row in range(max(len(lines) for lines in split)):
            cells = [lines[row] if row < len(lines) else Content("") for lines in split]
            rows.append(Content("").join(
                rule + cell.truncate(width, ellipsis=True, pad=True)
                for cell, width in zip(cells, widths, strict=True)))
        return Content("\n").join(rows)


def _fair_widths(natural: list[int], room: int) -> list[int]:
    """Widths for columns that want `natural` widths in `room` cells: all of it when it fits
    (the spare shared out), else the widest cut first, so a short column is never cut while a
    long one has room to give."""
    if sum(natural) <= room:
        spare, extra = divmod(room - sum(natural), len(natural))
        return [w + spare + (i < extra) for i, w in enumerate(natural)]
    cap = max(natural)
    while cap > 3 and sum(min(w, cap) for w in natural) > room:
        cap -= 1
    return [min(w, cap) for w in natural]


def _run_state(f: ClockFigures) -> Content:
    if f.finished:
        state = Content.styled("■ ENDED", "bold")
    elif f.running:
        state = Content.styled("▶ RUNNING", "bold $text-success")
    else:
        state = Content.styled(" ❚❚ PAUSED ", "bold reverse $text-warning")
    return Content.assemble(state, "\n", ("speed ", "$foreground-muted"), (speed(f.speed), "bold"),
                            "\n", ("ends ", "$foreground-muted"),
                            (fmt_minute(f.end_minute), "bold"))


def _next_inject(f: ClockFigures, narrow: bool) -> Content:
    heading = Content.styled("Next" if narrow else "Next inject", "$foreground-muted")
    if f.next_inject is None or f.finished:
        return Content.assemble(heading, "\n", ("none scheduled", "bold"))
    return Content.assemble(heading, "\n", (fmt_minute(f.next_inject), "bold"), "\n",
                            ("in ", "$foreground-muted"), (span(f.next_inject - f.minute), "bold"))


def _exposure(f: ClockFigures, switch: str, narrow: bool) -> Content:
    """The exposure bar, then the switch's state if it is off, else where the release is in
    a plan of stages, else the switch's state if the scenario names one."""
    heading = Content.styled("Exposure" if narrow else "Rollout exposure", "$foreground-muted")
    share = f.exposure if f.enabled else 0.0
    lines: list[Content | str | tuple[str, str]] = [
        heading, "\n", (bar(share, 4 if narrow else 10), "$text-primary"), " ",
        (percent(share), "bold")]
    name = f"{switch} " if switch else ""
    if not f.enabled:
        lines += ["\n", Content.styled(f" {name}OFF ", "bold reverse")]
    elif f.plan is not None and f.plan.stages > 1:  # the plan says more than a switch that is on
        lines += ["\n", _plan_line(f.plan, narrow)]
    elif switch:
        lines += ["\n", Content.styled(f"{name}ON", "$foreground-muted")]
    return Content.assemble(*lines)


def _plan_line(plan: PlanPosition, narrow: bool) -> Content:
    """Where the release is in its plan: its stage and when the next starts, or that the plan
    was stopped (a freeze, a rollback)."""
    if plan.stage is None:
        return Content.styled("plan stopped", "$foreground-muted")
    stage = Content.assemble(("stage ", "$foreground-muted"),
                             (f"{plan.stage + 1}/{plan.stages}", "bold"))
    if plan.next_stage_minute is None:
        return stage
    return Content.assemble(stage, (" · next " if not narrow else " ", "$foreground-muted"),
                            (fmt_minute(plan.next_stage_minute), "bold"))
