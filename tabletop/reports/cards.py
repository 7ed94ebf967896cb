"""The cards of the timeline board: an inject, a decision, a statement, in a stage column.

Each card is drawn by one function that also measures it: called without a canvas it only
returns the card's height, so the board can lay its columns out before it draws.
"""

from __future__ import annotations

from tabletop.base.record import record
from tabletop.base.words import fmt_minute
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


LANES: tuple[Lane, ...] = (
    Lane("pre-release", "Pre-release evidence", "#2b5c8a", "#eef3f8"),
    Lane("canary", "Canary release signals", "#a8660b", "#fbf4e7"),
    Lane("confirmation", "Incident confirmation", "#b5332e", "#faeeed"),
    Lane("governance", "Governance loop", "#2e7d57", "#ebf5ef"),
)
"""The four columns, left to right."""

TAG_COLOURS: dict[str, str] = {
    "technical": "#3b6ea8",
    "service-quality": "#8e44ad",
    "infrastructure": "#7f8c8d",
    "stakeholder": "#d35400",
}
"""Marker colour of each evidence tag."""

WIDTH = 1600
"""Width of the board, in pixels."""
MARGIN = 40
"""Space around the board."""
GAP = 20
"""Space between two columns."""
COL_W = (WIDTH - 2 * MARGIN - 3 * GAP) // 4
"""Width of a column, and of the cards in it."""
CARD_PAD = 14
"""Space inside a card."""
CARD_GAP = 14
"""Space between two cards."""


def lane_index(scenario: Scenario, inject: Inject) -> int:
    """The column of an inject: its stage, else before or after deployment."""
    for index, lane in enumerate(LANES):
        if inject.stage == lane.stage:
            return index
    return 0 if inject.minute < scenario.rollout.deploy_minute else 1


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
    lane = LANES[lane_index(scenario, inject)]
    ops, cy = _inject_lines(entry, inject)
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


def _inject_lines(entry: TimelineEntry, inject: Inject) -> tuple[list[Op], float]:
    """The lines of an inject card above its box, and the offset below them."""
    inner = COL_W - 2 * CARD_PAD
    ops: list[Op] = []
    cy: float = CARD_PAD + 20  # below the minute badge
    for line in wrap(inject.title, inner, 15, bold=True):
        cy += 19
        ops.append(("text", cy, line, 15, True, False))
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
    colour = LANES[0].colour
    canvas.rect(x, y, COL_W, height, "#ffffff", rx=8, stroke=colour, stroke_width=1.5)
    badge_w = canvas.pill(x + CARD_PAD, y + CARD_PAD - 2, fmt_minute(entry.minute), colour)
    canvas.text(x + CARD_PAD + badge_w + 8, y + CARD_PAD + 11.5, "STATEMENT SENT", 10.5,
                colour, bold=True, spacing=0.6)
    for dy, content, size, bold, italic in ops:
        canvas.text(x + CARD_PAD, y + dy, content, size, INK if bold else BODY, bold=bold,
                    italic=italic)
    return height
