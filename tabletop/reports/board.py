"""The timeline board: a scenario's injects as cards in four stage columns, drawn as SVG.

`timeline_svg(scenario)` draws the board a facilitator prints (pre-release evidence, canary
release signals, incident confirmation, governance loop), from the scheduled injects of the
scenario file; conditional injects are left off, since they would give away what a check or a
delay reveals. Given a session's fired injects and decisions, the same code draws that
session's own timeline for the after-action report.

The output is deterministic: no timestamps, a fixed order, numbers rounded the same way, so
the shipped `assets/` file can be compared byte for byte with a fresh drawing. Text is
measured with DejaVu Sans widths, the widest of the fonts named, so lines fit whichever of them
a viewer has.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import replace

from tabletop.exercise.clock import fmt_minute
from tabletop.exercise.engine import Decision, FiredInject, StatementRecord
from tabletop.exercise.replay import reference_evidence
from tabletop.scenario.model import Inject, Scenario
from tabletop.scenario.record import record


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

FONT = "'Segoe UI', 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif"
"""Font stack: system fonts only, nothing fetched."""

INK = "#1a202c"
BODY = "#2d3748"
MUTED = "#5a6473"
RULE = "#d5dbe3"
DARK = "#1f2937"

WIDTH = 1600
MARGIN = 40
GAP = 20
COL_W = (WIDTH - 2 * MARGIN - 3 * GAP) // 4
CARD_PAD = 14
CARD_GAP = 14

# Advance widths of ASCII 32..126 in DejaVu Sans and DejaVu Sans Bold, per 1000 em.
_REGULAR = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698,
    770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732,
    684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635,
    634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592,
    525, 636, 337, 636, 838)
_BOLD = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734,
    830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812,
    774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716,
    712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652,
    582, 712, 365, 712, 838)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of `text` in pixels at font size `size`, estimated from DejaVu Sans metrics."""
    table = _BOLD if bold else _REGULAR
    units = 0
    for char in text:
        code = ord(char)
        units += table[code - 32] if 32 <= code < 127 else (720 if bold else 680)
    return units * size / 1000


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Split text into lines no wider than `width` pixels (a too-long word is cut)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, size, bold) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while text_width(word, size, bold) > width:
                cut = len(word)
                while cut > 1 and text_width(word[:cut], size, bold) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def esc(text: str) -> str:
    """Text as XML character data or an attribute value."""
    return html.escape(text, quote=True)


def num(value: float) -> str:
    """A coordinate, rounded to a tenth and written the same way every time."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def short_minute(minute: float) -> str:
    """T-10, T+0, T+20.5 for axis labels."""
    sign = "-" if minute < 0 else "+"
    return f"T{sign}{abs(minute):g}"


class Canvas:
    """SVG elements collected in drawing order."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def add(self, element: str) -> None:
        """Append raw SVG markup (callers escape text with `esc`)."""
        self.parts.append(element)

    def rect(self, x: float, y: float, w: float, h: float, fill: str, *, rx: float = 0,
             stroke: str = "", dash: str = "", stroke_width: float = 1) -> None:
        """A rectangle."""
        extra = f' rx="{num(rx)}"' if rx else ""
        if stroke:
            extra += f' stroke="{stroke}" stroke-width="{num(stroke_width)}"'
        if dash:
            extra += f' stroke-dasharray="{dash}"'
        self.add(f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" '
                 f'fill="{fill}"{extra}/>')

    def text(self, x: float, y: float, content: str, size: float, fill: str = BODY, *,
             bold: bool = False, italic: bool = False, anchor: str = "start",
             spacing: float = 0) -> None:
        """One line of text with its baseline at y."""
        attrs = f'x="{num(x)}" y="{num(y)}" font-size="{num(size)}" fill="{fill}"'
        if bold:
            attrs += ' font-weight="bold"'
        if italic:
            attrs += ' font-style="italic"'
        if anchor != "start":
            attrs += f' text-anchor="{anchor}"'
        if spacing:
            attrs += f' letter-spacing="{num(spacing)}"'
        self.add(f"<text {attrs}>{esc(content)}</text>")

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str, *,
             width: float = 1, dash: str = "") -> None:
        """A straight line."""
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        self.add(f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" '
                 f'stroke="{stroke}" stroke-width="{num(width)}"{extra}/>')

    def pill(self, x: float, y: float, label: str, fill: str, colour: str = "#ffffff",
             size: float = 11) -> float:
        """A rounded label with its top-left at (x, y); returns its width."""
        w = text_width(label, size, bold=True) + 14
        self.rect(x, y, w, size + 9, fill, rx=(size + 9) / 2)
        self.text(x + 7, y + size + 2.5, label, size, colour, bold=True)
        return w


# --- what goes on the board ------------------------------------------------------------------


def lane_index(scenario: Scenario, inject: Inject) -> int:
    """The column of an inject: its stage, else before or after deployment."""
    for index, lane in enumerate(LANES):
        if inject.stage == lane.stage:
            return index
    return 0 if inject.minute < scenario.rollout.deploy_minute else 1


def _lane_at(scenario: Scenario, fired: Sequence[FiredInject], minute: float) -> int:
    """What players do goes in the column of the latest inject revealed by then."""
    before = [f for f in fired if f.minute <= minute]
    if not before:
        return 0
    latest = max(before, key=lambda f: f.minute)
    return lane_index(scenario, latest.inject)


def _draw_inject(canvas: Canvas | None, scenario: Scenario, fired: FiredInject, x: float,
                 y: float, conditional: bool) -> float:
    """Draw an inject card (or only measure it when canvas is None); returns its height."""
    inject, minute = fired.inject, fired.minute
    # The engine fills evidence figures in when an inject fires; a bare FiredInject has none.
    evidence_list = fired.evidence or inject.evidence
    lane = LANES[lane_index(scenario, inject)]
    inner = COL_W - 2 * CARD_PAD
    ops: list[tuple[str, float, str, float, bool, bool]] = []  # kind, dy, text, size, b, i
    cy: float = CARD_PAD + 20  # below the minute badge
    title_lines = wrap(inject.title, inner, 15, bold=True)
    for line in title_lines:
        cy += 19
        ops.append(("text", cy, line, 15, True, False))
    if inject.narrative and not evidence_list:
        # Evidence speaks for itself; a card without any tells its story instead.
        cy += 4
        for line in wrap(inject.narrative, inner, 12.5):
            cy += 17
            ops.append(("muted", cy, line, 12.5, False, True))
    if evidence_list:
        cy += 6
        for evidence in evidence_list:
            first = True
            cy += 2
            for line in wrap(evidence.text, inner - 16, 12.5):
                cy += 17
                ops.append(("evidence" if first else "more", cy,
                            (evidence.tag + "\x00" + line) if first else line, 12.5,
                            False, False))
                first = False
    box: list[tuple[str, float, str, float, bool, bool]] = []
    box_top = cy + 10
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
    height = cy + CARD_PAD
    if box:
        height = box_top + by + 12 + CARD_PAD
    if canvas is None:
        return height
    # card body
    canvas.rect(x, y, COL_W, height, "#ffffff", rx=8, stroke=RULE,
                dash="6 4" if conditional else "")
    canvas.rect(x, y + 8, 5, height - 16, lane.colour, rx=2.5)
    badge_w = canvas.pill(x + CARD_PAD, y + CARD_PAD - 2, fmt_minute(minute), lane.colour)
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
        canvas.rect(x + CARD_PAD, y + box_top, inner, by + 12, lane.tint, rx=6)
        canvas.rect(x + CARD_PAD, y + box_top, 3, by + 12, lane.colour)
        for kind, dy, content, size, bold, italic in box:
            colour = lane.colour if kind == "label" else (INK if kind == "option" else BODY)
            canvas.text(x + CARD_PAD + 12, y + box_top + dy, content, size, colour,
                        bold=bold, italic=italic, spacing=0.8 if kind == "label" else 0)
    return height


def _draw_decision(canvas: Canvas | None, scenario: Scenario, decision: Decision, x: float,
                   y: float) -> float:
    """Draw a team's decision as a dark card (or measure it); returns its height."""
    inner = COL_W - 2 * CARD_PAD
    ops: list[tuple[float, str, float, str, bool, bool]] = []
    cy: float = CARD_PAD + 20
    label = scenario.action(decision.action).label
    heading = f"{decision.team}: {label}" if decision.team else label
    for line in wrap(heading, inner, 15, bold=True):
        cy += 19
        ops.append((cy, line, 15, "#ffffff", True, False))
    details = []
    if decision.checks:
        details.append("Checks: " + ", ".join(decision.checks))
    if decision.cited:
        details.append("Cited: " + ", ".join(decision.cited))
    for detail in details:
        for line in wrap(detail, inner, 12):
            cy += 16
            ops.append((cy, line, 12, "#d1d9e6", False, False))
    if decision.justification:
        cy += 3
        for line in wrap(f"\u201c{decision.justification}\u201d", inner, 12.5):
            cy += 17
            ops.append((cy, line, 12.5, "#ffffff", False, True))
    height = cy + CARD_PAD
    if canvas is None:
        return height
    canvas.rect(x, y, COL_W, height, DARK, rx=8)
    badge_w = canvas.pill(x + CARD_PAD, y + CARD_PAD - 2, fmt_minute(decision.minute),
                          "#ffffff", DARK)
    canvas.text(x + CARD_PAD + badge_w + 8, y + CARD_PAD + 11.5,
                f"DECISION \u00b7 {decision.confidence} confidence", 10.5, "#d1d9e6", bold=True,
                spacing=0.6)
    for dy, content, size, colour, bold, italic in ops:
        canvas.text(x + CARD_PAD, y + dy, content, size, colour, bold=bold, italic=italic)
    return height


STATEMENT_LINES = 4
"""A statement card shows this many lines of the text; the report carries all of it."""


def _draw_statement(canvas: Canvas | None, scenario: Scenario, record: StatementRecord,
                    x: float, y: float) -> float:
    """Draw a statement the team sent (or measure it); returns its height."""
    inner = COL_W - 2 * CARD_PAD
    request = scenario.statement_request(record.request)
    ops: list[tuple[float, str, float, bool, bool]] = []
    cy: float = CARD_PAD + 20
    for line in wrap(request.title, inner, 15, bold=True):
        cy += 19
        ops.append((cy, line, 15, True, False))
    text = " ".join(" ".join(v.split()) for v in record.fields.values() if v.strip())
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
    badge_w = canvas.pill(x + CARD_PAD, y + CARD_PAD - 2, fmt_minute(record.minute), colour)
    canvas.text(x + CARD_PAD + badge_w + 8, y + CARD_PAD + 11.5, "STATEMENT SENT", 10.5,
                colour, bold=True, spacing=0.6)
    for dy, content, size, bold, italic in ops:
        canvas.text(x + CARD_PAD, y + dy, content, size, INK if bold else BODY, bold=bold,
                    italic=italic)
    return height


# --- the board --------------------------------------------------------------------------------

_Card = FiredInject | Decision | StatementRecord
"""What a card on the board shows."""


def timeline_svg(scenario: Scenario, fired: Sequence[FiredInject] | None = None,
                 decisions: Sequence[Decision] | None = None, *,
                 statements: Sequence[StatementRecord] = (),
                 standalone: bool = True, header: bool = True) -> str:
    """The board as SVG: the scenario's scheduled injects, or a session's own timeline.

    Args:
        scenario: the scenario.
        fired: injects a session revealed, with their minutes; None draws the scenario's
            scheduled injects at their own minutes.
        decisions: a session's decisions, drawn as dark cards in the column of the stage in
            force when they were taken.
        statements: communications the session sent, drawn the same way.
        standalone: a file of its own (XML declaration, namespace) or, when False, markup to
            inline in an HTML page.
        header: draw the title, summary and roles; a page that has its own title leaves
            them off.
    """
    session = fired is not None or decisions is not None or bool(statements)
    if fired is not None:
        fired_list = list(fired)
    else:
        # Figures quoted in evidence are drawn from a run where nobody acts, at each
        # inject's minute: with the default seed, the scenario's source material's figures.
        texts = reference_evidence(scenario)
        fired_list = [FiredInject(i, i.minute, tuple(replace(e, text=texts.get(e.id, e.text))
                                                     for e in i.evidence))
                      for i in scenario.injects if i.when is None]
    decision_list = list(decisions or ())
    cards: list[tuple[float, int, int, int, _Card]] = []
    for order, f in enumerate(fired_list):
        cards.append((f.minute, 0, order, lane_index(scenario, f.inject), f))
    for order, d in enumerate(decision_list):
        cards.append((d.minute, 1, order, _lane_at(scenario, fired_list, d.minute), d))
    for order, st in enumerate(statements):
        cards.append((st.minute, 2, order, _lane_at(scenario, fired_list, st.minute), st))
    cards.sort(key=lambda c: (c[0], c[1], c[2]))

    body = Canvas()
    x0 = MARGIN
    # --- header
    y: float = MARGIN + 14
    kicker = "SESSION TIMELINE" if session else "TIMELINE BOARD"
    body.text(x0, y, kicker, 12, LANES[0].colour, bold=True, spacing=2)
    roles = "  \u00b7  ".join(r.title for r in scenario.roles)
    if header:
        for line in wrap(scenario.title, WIDTH - 2 * MARGIN - 300, 28, bold=True):
            y += 36
            body.text(x0, y, line, 28, INK, bold=True)
        y += 8
        for line in wrap(scenario.summary, WIDTH - 2 * MARGIN - 300, 14):
            y += 21
            body.text(x0, y, line, 14, MUTED)
    if roles and header:
        y += 30
        body.text(x0, y, "ROLES", 11, MUTED, bold=True, spacing=1.2)
        body.text(x0 + 56, y, roles, 13, BODY, bold=True)
    entries: list[tuple[str, str]] = [(tag, colour) for tag, colour in TAG_COLOURS.items()]
    entries.append(("decision point", "diamond"))
    if session:
        entries.append(("the team's decision", DARK))
    if header:
        # a key in the top right corner, beside the title
        ly: float = MARGIN + 14
        lx: float = WIDTH - MARGIN - 240
        body.text(lx, ly, "KEY", 11, MUTED, bold=True, spacing=1.2)
        for label, colour in entries:
            ly += 20
            _key(body, lx, ly, label, colour)
        y = max(y, ly) + 30
    else:
        # one row under the kicker
        y += 28
        lx = x0
        body.text(lx, y, "KEY", 11, MUTED, bold=True, spacing=1.2)
        lx += 44
        for label, colour in entries:
            _key(body, lx, y, label, colour)
            lx += 18 + text_width(label, 12.5) + 26
        y += 34

    # --- time ribbon
    y = _ribbon(body, scenario, fired_list, decision_list, y) + 26

    # --- columns
    top = y
    heights = [0.0] * len(LANES)
    placed: list[tuple[int, float, _Card]] = []
    header_h = 62
    for _, _, _, lane, item in cards:
        cy = top + header_h + 14 + heights[lane]
        if isinstance(item, FiredInject):
            h = _draw_inject(None, scenario, item, 0, 0, session and item.inject.when is not None)
        elif isinstance(item, Decision):
            h = _draw_decision(None, scenario, item, 0, 0)
        else:
            h = _draw_statement(None, scenario, item, 0, 0)
        placed.append((lane, cy, item))
        heights[lane] += h + CARD_GAP
    column_h = header_h + 14 + max(max(heights), 60.0) + 6
    for index, lane_def in enumerate(LANES):
        cx = x0 + index * (COL_W + GAP)
        body.rect(cx, top, COL_W, column_h, lane_def.tint, rx=10)
        body.rect(cx, top, COL_W, header_h, lane_def.colour, rx=10)
        body.rect(cx, top + header_h - 10, COL_W, 10, lane_def.colour)
        body.text(cx + 16, top + 23, f"STAGE {index + 1}", 10.5, "#ffffff", bold=True,
                  spacing=1.5)
        body.text(cx + 16, top + 47, lane_def.title, 18, "#ffffff", bold=True)
        minutes = [c[0] for c in cards if c[3] == index]
        if minutes:
            span = (short_minute(min(minutes)) if min(minutes) == max(minutes)
                    else f"{short_minute(min(minutes))} to {short_minute(max(minutes))}")
            body.text(cx + COL_W - 16, top + 23, span, 12, "#ffffff", bold=True, anchor="end",
                      spacing=0.5)
        else:
            body.text(cx + COL_W / 2, top + header_h + 44, "nothing in this stage", 12.5,
                      MUTED, italic=True, anchor="middle")
    for lane, cy, item in placed:
        cx = x0 + lane * (COL_W + GAP)
        if isinstance(item, FiredInject):
            _draw_inject(body, scenario, item, cx, cy, session and item.inject.when is not None)
        elif isinstance(item, Decision):
            _draw_decision(body, scenario, item, cx, cy)
        else:
            _draw_statement(body, scenario, item, cx, cy)
    y = top + column_h

    # --- governance loop back to the start
    loop = LANES[3].colour
    first_x = x0 + COL_W / 2
    last_x = x0 + 3 * (COL_W + GAP) + COL_W / 2
    low = y + 46
    body.add(f'<path d="M {num(last_x)} {num(y + 2)} L {num(last_x)} {num(low - 14)} '
             f'Q {num(last_x)} {num(low)} {num(last_x - 14)} {num(low)} '
             f'L {num(first_x + 14)} {num(low)} Q {num(first_x)} {num(low)} {num(first_x)} '
             f'{num(low - 14)} L {num(first_x)} {num(y + 10)}" fill="none" stroke="{loop}" '
             f'stroke-width="3" stroke-dasharray="10 6" marker-end="url(#tl-arrow)"/>')
    label = "Governance loop: lessons from this release become gates for the next cycle"
    label_w = text_width(label, 14, bold=True) + 32
    mid = (first_x + last_x) / 2
    body.rect(mid - label_w / 2, low - 15, label_w, 30, "#ffffff", rx=15, stroke=loop,
              stroke_width=2)
    body.text(mid, low + 5, label, 14, loop, bold=True, anchor="middle")
    y = low + 44

    # --- footer
    body.line(x0, y, WIDTH - MARGIN, y, RULE)
    y += 22
    scheduled = sum(1 for i in scenario.injects if i.when is None)
    if session:
        counts = [(len(fired_list), "inject revealed", "injects revealed"),
                  (len(decision_list), "decision", "decisions"),
                  (len(statements), "statement sent", "statements sent")]
        note = f"{scenario.id}, as played: " + ", ".join(
            f"{n} {one if n == 1 else many}" for n, one, many in counts)
    else:
        note = (f"{scenario.id}: {scheduled} scheduled injects over "
                f"{scenario.duration_minutes:g} scenario minutes; further injects follow the "
                "teams' choices")
    body.text(x0, y, note, 12, MUTED)
    body.text(WIDTH - MARGIN, y, "tabletop", 12, MUTED, bold=True, anchor="end")
    height = y + MARGIN - 10

    title = f"{'Session timeline' if session else 'Timeline board'}: {scenario.title}"
    head = ""
    if standalone:
        head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    ns = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    out = [
        head + f'<svg{ns} width="{WIDTH}" height="{num(height)}" '
        f'viewBox="0 0 {WIDTH} {num(height)}" font-family="{esc(FONT)}" role="img" '
        f'aria-labelledby="tl-title">',
        f'<title id="tl-title">{esc(title)}</title>',
        '<defs><marker id="tl-arrow" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="5" '
        f'markerHeight="5" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" '
        f'fill="{loop}"/></marker></defs>',
        f'<rect width="{WIDTH}" height="{num(height)}" fill="#ffffff"/>',
        *body.parts,
        "</svg>",
    ]
    return "\n".join(out) + "\n"


def _key(canvas: Canvas, x: float, y: float, label: str, colour: str) -> None:
    """One entry of the key: a swatch (or the decision diamond) and its label."""
    if colour == "diamond":
        canvas.add(_diamond(x + 5, y - 5, 4.5))
    else:
        canvas.rect(x, y - 10, 10, 10, colour, rx=2)
    canvas.text(x + 18, y, label, 12.5, BODY)


def _diamond(cx: float, cy: float, r: float) -> str:
    """The decision-point marker centred on (cx, cy)."""
    return (f'<path d="M {num(cx)} {num(cy - r)} L {num(cx + r)} {num(cy)} L {num(cx)} '
            f'{num(cy + r)} L {num(cx - r)} {num(cy)} z" fill="#ffffff" stroke="{INK}" '
            'stroke-width="2"/>')


def _ribbon(canvas: Canvas, scenario: Scenario, fired: Sequence[FiredInject],
            decisions: Sequence[Decision], y: float) -> float:
    """The time axis across the board, coloured by stage; returns the y below it."""
    x0, x1 = MARGIN + 10, WIDTH - MARGIN - 10
    start, end = scenario.start_minute, scenario.end_minute

    def at(minute: float) -> float:
        return x0 + (minute - start) / max(end - start, 1e-9) * (x1 - x0)

    bar_y = y + 30
    # stage segments: from each stage's first inject to the next stage's first
    firsts: list[tuple[float, int]] = []
    for index in range(len(LANES)):
        minutes = [f.minute for f in fired if lane_index(scenario, f.inject) == index]
        if minutes:
            firsts.append((min(minutes), index))
    firsts.sort()
    canvas.rect(x0, bar_y, x1 - x0, 10, "#e2e8f0", rx=5)
    for n, (minute, index) in enumerate(firsts):
        seg_end = firsts[n + 1][0] if n + 1 < len(firsts) else end
        left, right = at(max(minute, start)), at(min(seg_end, end))
        if right > left:
            canvas.rect(left, bar_y, right - left, 10, LANES[index].colour)
    canvas.text(x0, y + 8, "SCENARIO TIME", 11, MUTED, bold=True, spacing=1.2)
    # ticks at inject minutes
    marks = sorted({f.minute for f in fired} | {start, end})
    last_label = -1e9
    for minute in marks:
        px = at(minute)
        canvas.line(px, bar_y - 4, px, bar_y + 14, INK, width=1.5)
        if px - last_label >= 44:
            canvas.text(px, bar_y + 32, short_minute(minute), 12, BODY, bold=True,
                        anchor="middle")
            last_label = px
    deploy = scenario.rollout.deploy_minute
    if start <= deploy <= end:
        px = at(deploy)
        canvas.add(f'<path d="M {num(px)} {num(bar_y - 6)} l -6 -10 h 12 z" fill="{INK}"/>')
        canvas.text(px + 10, bar_y - 8, "deploy", 12, INK, bold=True)
    for f in fired:
        if f.inject.decision:
            canvas.add(_diamond(at(f.minute), bar_y + 5, 7))
    for d in decisions:
        px = at(d.minute)
        canvas.add(f'<circle cx="{num(px)}" cy="{num(bar_y + 5)}" r="6" fill="{DARK}" '
                   'stroke="#ffffff" stroke-width="2"/>')
    return bar_y + 36


BOARD_ASSET = "ai-model-release-incident-timeline.svg"
"""File name of the shipped board of the default scenario, in assets/."""


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m tabletop.reports.board [SCENARIO [OUT.svg]]`: write a scenario's board.

    With no arguments, regenerates the shipped board of the default scenario in assets/.
    """
    import sys
    from pathlib import Path

    from tabletop.scenario.bundled import DEFAULT_SCENARIO, data_dir, resolve_scenario
    from tabletop.scenario.loader import load_scenario

    args = list(sys.argv[1:] if argv is None else argv)
    ref = args[0] if args else DEFAULT_SCENARIO
    out = Path(args[1]) if len(args) > 1 else data_dir("assets") / BOARD_ASSET
    # Bytes, not text: no platform newline translation, so the file matches byte for byte.
    out.write_bytes(timeline_svg(load_scenario(resolve_scenario(ref))).encode("utf-8"))
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
