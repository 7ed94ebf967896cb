"""The cards of the timeline board: an inject, a decision, a statement, in a stage column.

Each card is drawn by one function that also measures it: called without a canvas it only
returns the card's height, so the board can lay its columns out before it draws.
"""

from __future__ import annotations

from collections.abc import Sequence

from tabletop.base.record import record
from tabletop.base.words import fmt_minute
from tabletop.reports.conditions import describe_condition
from tabletop.reports.svg import BODY, DARK, INK, MUTED, RULE, Canvas, wrap
from tabletop.reports.timeline import TimelineEntry
from tabletop.scenario.model import Inject, Scenario


@record
class Lane:
    """One stage column of the board."""

    stage: str
    """The `Inject.stage` value drawn in this column."""
    title: str
    """Column heading."""
    colour: str
    """Accent colour."""
    tint: str
    """Background of the column."""


PALETTE: tuple[tuple[str, str], ...] = (
    ("#2b5c8a", "#eef3f8"), ("#a8660b", "#fbf4e7"), ("#b5332e", "#faeeed"),
    ("#2e7d57", "#ebf5ef"), ("#6b4c9a", "#f2eef8"), ("#4a5568", "#eef0f3"),
)
"""Each column's accent and background, left to right (again from the first past six)."""

TAG_COLOURS: dict[str, str] = {
    "technical": "#3b6ea8",
    "service-quality": "#8e44ad",
    "infrastructure": "#7f8c8d",
    "stakeholder": "#d35400",
}
"""Marker colour of each evidence tag."""

WIDTH = 1600
"""Width of a board of four columns, in pixels (`board_width`)."""
MARGIN = 40
"""Space around the board."""
GAP = 20
"""Space between two columns."""
COL_W = (WIDTH - 2 * MARGIN - 3 * GAP) // 4
"""Width of a column, and of the cards in it."""


def board_width(columns: int) -> float:
    """The board's width: its columns side by side, and room for three at least (the
    title and the key beside it)."""
    n = max(columns, 3)
    return 2 * MARGIN + n * COL_W + (n - 1) * GAP


CARD_PAD = 14
"""Space inside a card."""
CARD_GAP = 14
"""Space between two cards."""


def lanes(scenario: Scenario) -> tuple[Lane, ...]:
    """The board's columns: the scenario's (`Scenario.board`), else one per stage its
    injects name, in the order they first come, headed by the stage's name (none named:
    before and after deployment)."""
    named = [(s.stage, s.title) for s in scenario.board.stages] or [
        (stage, stage[:1].upper() + stage[1:]) for stage in dict.fromkeys(
            i.stage for i in sorted(scenario.injects, key=lambda i: i.minute) if i.stage)]
    # Injects of no stage: before deployment and after (`lane_index`).
    named = named or [("", "Before deployment"), ("", "After deployment")]
    return tuple(Lane(stage, title, *PALETTE[n % len(PALETTE)])
                 for n, (stage, title) in enumerate(named))


def lane_index(scenario: Scenario, inject: Inject) -> int:
    """The column of an inject: its stage, else before or after deployment."""
    columns = lanes(scenario)
    for index, lane in enumerate(columns):
        if inject.stage and inject.stage == lane.stage:
            return index
    return 0 if inject.minute < scenario.rollout.deploy_minute else min(1, len(columns) - 1)


Op = tuple[str, float, str, float, bool, bool]
"""One line on a card: kind, offset from the card's top, text, size, bold, italic."""

STATEMENT_LINES = 4
"""A statement card shows this many lines of the text; the report carries all of it."""


def draw_card(canvas: Canvas | None, scenario: Scenario, entry: TimelineEntry, x: float,
              y: float, conditional: bool = False) -> float:
    """Draw the card of an inject, decision or statement with its top-left at (x, y), or only
    measure it when canvas is None; returns its height. `conditional` dashes an inject's
    border (a session's conditional inject)."""
    if entry.kind == "decision":
        return _decision_card(canvas, entry, x, y)
    if entry.kind == "statement":
        return _statement_card(canvas, entry, x, y)
    return _inject_card(canvas, scenario, entry, x, y, conditional)


def _inject_card(canvas: Canvas | None, scenario: Scenario, entry: TimelineEntry, x: float,
                 y: float, conditional: bool) -> float:
    """An inject: its title, its evidence (else its story), its decision point or request."""
    inject = entry.inject
    assert inject is not None, "an inject entry carries its inject"
    lane = lanes(scenario)[lane_index(scenario, inject)]
    ops, cy = _inject_lines(scenario, entry, inject)
    box, by = _prompt_box(scenario, inject)
    box_top = cy + 10
    height = box_top + by + 12 + CARD_PAD if box else cy + CARD_PAD
    if canvas is None:
        return height
    canvas.rect(x, y, COL_W, height, "#ffffff", rx=8, stroke=RULE,
                dash="6 4" if conditional else "")
    canvas.rect(x, y + 8, 5, height - 16, lane.colour, rx=2.5)
    badge_w = canvas.pill(x + CARD_PAD, y + CARD_PAD - 2, fmt_minute(entry.minute), lane.colour)
    if conditional:
        canvas.text(x + CARD_PAD + badge_w + 8, y + CARD_PAD + 11.5, "conditional", 11,
                    MUTED, italic=True)
    for kind, dy, content, size, bold, italic in ops:
        if kind == "evidence":
            tag, content = content.split("\x00", 1)
            canvas.rect(x + CARD_PAD, y + dy - 9, 9, 9, TAG_COLOURS.get(tag, MUTED), rx=2)
            canvas.text(x + CARD_PAD + 16, y + dy, content, size, BODY)
        elif kind == "muted":
            canvas.text(x + CARD_PAD, y + dy, content, size, MUTED, italic=True)
        elif kind == "more":
            canvas.text(x + CARD_PAD + 16, y + dy, content, size, BODY)
        else:
            canvas.text(x + CARD_PAD, y + dy, content, size, INK, bold=bold, italic=italic)
    if box:
        inner = COL_W - 2 * CARD_PAD
        canvas.rect(x + CARD_PAD, y + box_top, inner, by + 12, lane.tint, rx=6)
        canvas.rect(x + CARD_PAD, y + box_top, 3, by + 12, lane.colour)
        for kind, dy, content, size, bold, italic in box:
            colour = lane.colour if kind == "label" else (INK if kind == "option" else BODY)
            canvas.text(x + CARD_PAD + 12, y + box_top + dy, content, size, colour,
                        bold=bold, italic=italic, spacing=0.8 if kind == "label" else 0)
    return height


def _inject_lines(scenario: Scenario, entry: TimelineEntry,
                  inject: Inject) -> tuple[list[Op], float]:
    """The lines of an inject card above its box (a conditional one's condition in words
    under its title), and the offset below them."""
    inner = COL_W - 2 * CARD_PAD
    ops: list[Op] = []
    cy: float = CARD_PAD + 20  # below the minute badge
    for line in wrap(inject.title, inner, 15, bold=True):
        cy += 19
        ops.append(("text", cy, line, 15, True, False))
    if inject.when is not None:
        for line in wrap(f"Only {describe_condition(scenario, inject)}", inner, 12):
            cy += 16
            ops.append(("muted", cy, line, 12, False, True))
    if inject.narrative and not entry.evidence:
        # Evidence speaks for itself; a card without any tells its story instead.
        cy += 4
        for line in wrap(inject.narrative, inner, 12.5):
            cy += 17
            ops.append(("muted", cy, line, 12.5, False, True))
    if entry.evidence:
        cy += 6
        for evidence in entry.evidence:
            first = True
            cy += 2
            for line in wrap(evidence.text, inner - 16, 12.5):
                cy += 17
                ops.append(("evidence" if first else "more", cy,
                            (evidence.tag + "\x00" + line) if first else line, 12.5,
                            False, False))
                first = False
    return ops, cy


def _prompt_box(scenario: Scenario, inject: Inject) -> tuple[list[Op], float]:
    """The tinted box of an inject card: its decision point or discussion, the statement it
    requests; and the box's inner height (no lines: no box)."""
    inner = COL_W - 2 * CARD_PAD
    box: list[Op] = []
    by: float = 0.0
    if inject.decision or inject.prompt:
        by += 20
        label = "DECISION POINT" if inject.decision else "DISCUSSION"
        box.append(("label", by, label, 10.5, True, False))
        prompt = inject.prompt
        options: list[str] = []
        if inject.decision:
            point = scenario.decision(inject.decision)
            prompt = prompt or point.prompt
            options = [scenario.action(a).label for a in point.options]
        for line in wrap(prompt, inner - 20, 12.5):
            by += 17
            box.append(("text", by, line, 12.5, False, True))
        if options:
            by += 4
            for line in wrap("Options: " + "  \u00b7  ".join(options), inner - 20, 12, True):
                by += 16
                box.append(("option", by, line, 12, True, False))
    if inject.requests_statement:
        request = scenario.statement_request(inject.requests_statement)
        by += 20
        box.append(("label", by, "STATEMENT REQUESTED", 10.5, True, False))
        text = f"{request.title}, due within {request.deadline_minutes:g} minutes"
        for line in wrap(text, inner - 20, 12.5):
            by += 17
            box.append(("text", by, line, 12.5, False, False))
    return box, by


def _decision_card(canvas: Canvas | None, entry: TimelineEntry, x: float, y: float) -> float:
    """A team's decision as a dark card: the action, checks, evidence cited, the reasoning."""
    inner = COL_W - 2 * CARD_PAD
    ops: list[tuple[float, str, float, str, bool, bool]] = []
    cy: float = CARD_PAD + 20
    heading = f"{entry.team}: {entry.label}" if entry.team else entry.label
    for line in wrap(heading, inner, 15, bold=True):
        cy += 19
        ops.append((cy, line, 15, "#ffffff", True, False))
    details = []
    if entry.check_labels:
        details.append("Checks: " + "; ".join(entry.check_labels))
    details += [f"Cited: {text}" for text in entry.cited_texts]
    for detail in details:
        for line in wrap(detail, inner, 12):
            cy += 16
            ops.append((cy, line, 12, "#d1d9e6", False, False))
    if entry.justification:
        cy += 3
        for line in wrap(f"\u201c{entry.justification}\u201d", inner, 12.5):
            cy += 17
            ops.append((cy, line, 12.5, "#ffffff", False, True))
    height = cy + CARD_PAD
    if canvas is None:
        return height
    canvas.rect(x, y, COL_W, height, DARK, rx=8)
    badge_w = canvas.pill(x + CARD_PAD, y + CARD_PAD - 2, fmt_minute(entry.minute),
                          "#ffffff", DARK)
    canvas.text(x + CARD_PAD + badge_w + 8, y + CARD_PAD + 11.5,
                f"DECISION \u00b7 {entry.confidence} confidence", 10.5, "#d1d9e6", bold=True,
                spacing=0.6)
    for dy, content, size, colour, bold, italic in ops:
        canvas.text(x + CARD_PAD, y + dy, content, size, colour, bold=bold, italic=italic)
    return height


def _statement_card(canvas: Canvas | None, entry: TimelineEntry, x: float, y: float) -> float:
    """A statement the team sent: the request's title and the start of the text."""
    inner = COL_W - 2 * CARD_PAD
    ops: list[tuple[float, str, float, bool, bool]] = []
    cy: float = CARD_PAD + 20
    for line in wrap(entry.label, inner, 15, bold=True):
        cy += 19
        ops.append((cy, line, 15, True, False))
    text = " ".join(" ".join(v.split()) for _, v in entry.fields if v.strip())
    lines = wrap(f"\u201c{text}\u201d", inner, 12.5) if text else []
    if len(lines) > STATEMENT_LINES:
        lines = lines[:STATEMENT_LINES]
        lines[-1] = lines[-1].rstrip("\u201d") + " \u2026"
    for line in lines:
        cy += 17
        ops.append((cy, line, 12.5, False, True))
    height = cy + CARD_PAD
    if canvas is None:
        return height
    colour = PALETTE[0][0]
    canvas.rect(x, y, COL_W, height, "#ffffff", rx=8, stroke=colour, stroke_width=1.5)
    badge_w = canvas.pill(x + CARD_PAD, y + CARD_PAD - 2, fmt_minute(entry.minute), colour)
    canvas.text(x + CARD_PAD + badge_w + 8, y + CARD_PAD + 11.5, "STATEMENT SENT", 10.5,
                colour, bold=True, spacing=0.6)
    for dy, content, size, bold, italic in ops:
        canvas.text(x + CARD_PAD, y + dy, content, size, INK if bold else BODY, bold=bold,
                    italic=italic)
    return height


def draw_debrief_card(canvas: Canvas | None, lines: Sequence[tuple[str, str]], x: float,
                      y: float, colour: str = PALETTE[0][0]) -> float:
    """What the debrief committed to, as (heading, text) lines (STOP, START, CONTINUE, the
    plan's actions), with its top-left at (x, y) in its column's `colour`; returns its
    height."""
    inner = COL_W - 2 * CARD_PAD
    ops: list[tuple[float, str, float, str, bool]] = []
    cy: float = CARD_PAD + 20
    for heading, text in lines:
        cy += 6
        for n, line in enumerate(wrap(f"{heading}: {text}", inner, 12.5)):
            cy += 17
            ops.append((cy, line, 12.5, INK if n == 0 else BODY, False))
    height = cy + CARD_PAD
    if canvas is None:
        return height
    canvas.rect(x, y, COL_W, height, "#ffffff", rx=8, stroke=colour, stroke_width=1.5)
    canvas.text(x + CARD_PAD, y + CARD_PAD + 11.5, "FROM THE DEBRIEF", 10.5, colour, bold=True,
                spacing=0.6)
    for dy, content, size, ink, bold in ops:
        canvas.text(x + CARD_PAD, y + dy, content, size, ink, bold=bold)
    return height
