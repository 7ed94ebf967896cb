"""The timeline board: a scenario's injects as cards in its stage columns, drawn as SVG.

`timeline_svg(scenario)` draws the board a facilitator prints, in the columns the scenario
declares (`Scenario.board`, `cards.lanes`), from the scheduled injects of the scenario file
and its triggers (conditional on the run alone, dashed, their condition in words); other
conditional injects are left off, since they would give away what a check or a delay reveals.
Given a run's timeline (`timeline.run_timeline`), the same code draws that session's own board
for the after-action report: the injects it revealed, its decisions and its statements, and
the debrief's commitments in the last column. `tabletop timeline SCENARIO -o FILE.svg` writes
the scenario's board.

The output is deterministic: no timestamps, a fixed order, numbers rounded the same way, so
the shipped `assets/` file can be compared byte for byte with a fresh drawing.
"""

from __future__ import annotations

from collections.abc import Sequence

from tabletop.base.words import count
from tabletop.reports.cards import (
    CARD_GAP,
    COL_W,
    GAP,
    MARGIN,
    PALETTE,
    TAG_COLOURS,
    Lane,
    board_width,
    draw_card,
    draw_debrief_card,
    lane_index,
    lanes,
)
from tabletop.reports.svg import (
    BODY,
    DARK,
    FONT,
    INK,
    MUTED,
    RULE,
    Canvas,
    esc,
    num,
    text_width,
    wrap,
)
from tabletop.reports.timeline import TimelineEntry, scheduled_timeline
from tabletop.scenario.model import Scenario

BOARD_ASSET = "ai-model-release-incident-timeline.svg"
"""File name of the shipped board of the default scenario, in assets/."""

DRAWN = ("inject", "decision", "statement")
"""Kinds of timeline entry the board draws as cards (the votes show in the room's decision)."""

HEADER_H = 62
"""Height of a column's heading."""


def short_minute(minute: float) -> str:
    """T-10, T+0, T+20.5 for axis labels."""
    sign = "-" if minute < 0 else "+"
    return f"T{sign}{abs(minute):g}"


def timeline_svg(scenario: Scenario, timeline: Sequence[TimelineEntry] | None = None, *,
                 standalone: bool = True, header: bool = True,
                 debrief: Sequence[tuple[str, str]] = ()) -> str:
    """The board as SVG: the scenario's scheduled injects, or a session's own timeline.

    Args:
        scenario: the scenario.
        timeline: a run's timeline (`run_timeline`): its injects in their stage columns, its
            decisions as dark cards and its statements, each in the column of the stage in
            force when it was taken. None draws the scenario's scheduled injects.
        standalone: a file of its own (XML declaration, namespace) or, when False, markup to
            inline in an HTML page.
        header: draw the title, summary and roles; a page that has its own title leaves
            them off.
        debrief: what the debrief committed to (STOP, START, CONTINUE, the plan's actions),
            as (heading, text), drawn in the last column.
    """
    session = timeline is not None
    entries = [e for e in (timeline if timeline is not None else scheduled_timeline(scenario))
               if e.kind in DRAWN]
    columns = lanes(scenario)
    width = board_width(len(columns))
    body = Canvas()
    y = _heading(body, scenario, session, header, width)
    y = _ribbon(body, scenario, entries, y, width) + 26
    y = _columns(body, scenario, entries, session, y, debrief)
    y = _loop(body, y, columns, scenario.board.loop)
    height = _footer(body, scenario, entries, session, y, width)
    title = f"{'Session timeline' if session else 'Timeline board'}: {scenario.full_title}"
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' if standalone else ""
    ns = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    out = [
        head + f'<svg{ns} width="{num(width)}" height="{num(height)}" '
        f'viewBox="0 0 {num(width)} {num(height)}" font-family="{esc(FONT)}" role="img" '
        f'aria-labelledby="tl-title">',
        f'<title id="tl-title">{esc(title)}</title>',
        '<defs><marker id="tl-arrow" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="5" '
        f'markerHeight="5" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" '
        f'fill="{columns[-1].colour}"/></marker></defs>',
        f'<rect width="{num(width)}" height="{num(height)}" fill="#ffffff"/>',
        *body.parts,
        "</svg>",
    ]
    return "\n".join(out) + "\n"


def _heading(body: Canvas, scenario: Scenario, session: bool, header: bool,
             width: float) -> float:
    """The kicker, then the title, summary, roles and a key in the corner (`header`), or the
    key in one row under the kicker; returns the y below it."""
    x0 = MARGIN
    y: float = MARGIN + 14
    body.text(x0, y, "SESSION TIMELINE" if session else "TIMELINE BOARD", 12, PALETTE[0][0],
              bold=True, spacing=2)
    roles = "  \u00b7  ".join(r.title for r in scenario.roles)
    if header:
        for line in wrap(scenario.full_title, width - 2 * MARGIN - 300, 28, bold=True):
            y += 36
            body.text(x0, y, line, 28, INK, bold=True)
        y += 8
        for line in wrap(scenario.what_happens, width - 2 * MARGIN - 300, 14):
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
        lx: float = width - MARGIN - 240
        body.text(lx, ly, "KEY", 11, MUTED, bold=True, spacing=1.2)
        for label, colour in entries:
            ly += 20
            _key(body, lx, ly, label, colour)
        return max(y, ly) + 30
    # one row under the kicker
    y += 28
    lx = x0
    body.text(lx, y, "KEY", 11, MUTED, bold=True, spacing=1.2)
    lx += 44
    for label, colour in entries:
        _key(body, lx, y, label, colour)
        lx += 18 + text_width(label, 12.5) + 26
    return y + 34


def _lane_at(scenario: Scenario, injects: Sequence[TimelineEntry], minute: float) -> int:
    """What players do goes in the column of the latest inject revealed by then."""
    before = [f for f in injects if f.minute <= minute]
    if not before:
        return 0
    latest = max(before, key=lambda f: f.minute)
    assert latest.inject is not None
    return lane_index(scenario, latest.inject)


def _columns(body: Canvas, scenario: Scenario, entries: Sequence[TimelineEntry],
             session: bool, top: float, debrief: Sequence[tuple[str, str]]) -> float:
    """The stage columns with their cards, the debrief's in the last; returns the y below."""
    injects = [e for e in entries if e.kind == "inject"]
    columns = lanes(scenario)
    at = [lane_index(scenario, e.inject) if e.inject is not None
          else _lane_at(scenario, injects, e.minute) for e in entries]
    heights = [0.0] * len(columns)
    placed: list[tuple[float, float, TimelineEntry, bool]] = []
    for lane, entry in zip(at, entries, strict=True):
        conditional = entry.inject is not None and entry.inject.when is not None
        placed.append((MARGIN + lane * (COL_W + GAP), top + HEADER_H + 14 + heights[lane], entry,
                       conditional))
        heights[lane] += draw_card(None, scenario, entry, 0, 0, conditional) + CARD_GAP
    last = len(columns) - 1
    debrief_at = (MARGIN + last * (COL_W + GAP), top + HEADER_H + 14 + heights[last])
    if debrief:
        heights[last] += draw_debrief_card(None, debrief, 0, 0) + CARD_GAP
    column_h = HEADER_H + 14 + max(max(heights), 60.0) + 6
    _headers(body, scenario, at, entries, (top, column_h), session, bool(debrief))
    for x, y, entry, conditional in placed:
        draw_card(body, scenario, entry, x, y, conditional)
    if debrief:
        draw_debrief_card(body, debrief, *debrief_at, columns[-1].colour)
    return top + column_h


def _headers(body: Canvas, scenario: Scenario, at: Sequence[int],
             entries: Sequence[TimelineEntry], box: tuple[float, float], session: bool,
             debrief: bool) -> None:
    """Each column's background and heading, with the span of minutes it holds."""
    top, column_h = box
    for index, lane_def in enumerate(lanes(scenario)):
        cx = MARGIN + index * (COL_W + GAP)
        body.rect(cx, top, COL_W, column_h, lane_def.tint, rx=10)
        body.rect(cx, top, COL_W, HEADER_H, lane_def.colour, rx=10)
        body.rect(cx, top + HEADER_H - 10, COL_W, 10, lane_def.colour)
        body.text(cx + 16, top + 23, f"STAGE {index + 1}", 10.5, "#ffffff", bold=True,
                  spacing=1.5)
        body.text(cx + 16, top + 47, lane_def.title, 18, "#ffffff", bold=True)
        # Whole minutes: a decision stamped a hundredth after its minute reads "T-10", not
        # "T-10 to T-9.99".
        minutes = [float(round(e.minute)) for lane, e in zip(at, entries, strict=True)
                   if lane == index]
        if minutes:
            span = (short_minute(min(minutes)) if min(minutes) == max(minutes)
                    else f"{short_minute(min(minutes))} to {short_minute(max(minutes))}")
            body.text(cx + COL_W - 16, top + 23, span, 12, "#ffffff", bold=True, anchor="end",
                      spacing=0.5)
        elif not (debrief and index == len(lanes(scenario)) - 1):
            # A stage whose injects all wait on the teams says so, not that it is empty.
            later = not session and any(lane_index(scenario, i) == index
                                        for i in scenario.injects)
            body.text(cx + COL_W / 2, top + HEADER_H + 44,
                      "as the teams' choices bring it" if later else "nothing in this stage",
                      12.5, MUTED, italic=True, anchor="middle")


def _loop(body: Canvas, y: float, columns: Sequence[Lane], label: str) -> float:
    """The scenario's loop from the last column back to the first (none without a label);
    returns the y below it."""
    if not label or len(columns) < 2:
        return y + 10
    loop = columns[-1].colour
    first_x = MARGIN + COL_W / 2
    last_x = MARGIN + (len(columns) - 1) * (COL_W + GAP) + COL_W / 2
    low = y + 46
    body.add(f'<path d="M {num(last_x)} {num(y + 2)} L {num(last_x)} {num(low - 14)} '
             f'Q {num(last_x)} {num(low)} {num(last_x - 14)} {num(low)} '
             f'L {num(first_x + 14)} {num(low)} Q {num(first_x)} {num(low)} {num(first_x)} '
             f'{num(low - 14)} L {num(first_x)} {num(y + 10)}" fill="none" stroke="{loop}" '
             f'stroke-width="3" stroke-dasharray="10 6" marker-end="url(#tl-arrow)"/>')
    label_w = text_width(label, 14, bold=True) + 32
    mid = (first_x + last_x) / 2
    body.rect(mid - label_w / 2, low - 15, label_w, 30, "#ffffff", rx=15, stroke=loop,
              stroke_width=2)
    body.text(mid, low + 5, label, 14, loop, bold=True, anchor="middle")
    return low + 44


def _footer(body: Canvas, scenario: Scenario, entries: Sequence[TimelineEntry],
            session: bool, y: float, width: float) -> float:
    """A rule and a line saying what is drawn; returns the board's height."""
    body.line(MARGIN, y, width - MARGIN, y, RULE)
    y += 22
    if session:
        counts = [(sum(1 for e in entries if e.kind == kind), one, many) for kind, one, many in
                  (("inject", "inject revealed", "injects revealed"),
                   ("decision", "decision", "decisions"),
                   ("statement", "statement sent", "statements sent"))]
        note = f"{scenario.id}, as played: " + ", ".join(
            count(n, one, many) for n, one, many in counts)
    else:
        scheduled = sum(1 for i in scenario.injects if i.when is None)
        note = (f"{scenario.id}: {scheduled} scheduled injects over "
                f"{scenario.duration_minutes:g} scenario minutes; further injects follow the "
                "teams' choices")
    body.text(MARGIN, y, note, 12, MUTED)
    body.text(width - MARGIN, y, "tabletop", 12, MUTED, bold=True, anchor="end")
    return y + MARGIN - 10


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


def _ribbon(canvas: Canvas, scenario: Scenario, entries: Sequence[TimelineEntry],
            y: float, width: float) -> float:
    """The time axis across the board, coloured by stage; returns the y below it."""
    x0, x1 = MARGIN + 10, width - MARGIN - 10
    start, end = scenario.start_minute, scenario.end_minute
    injects = [(e.minute, e.inject) for e in entries if e.inject is not None]

    def at(minute: float) -> float:
        return x0 + (minute - start) / max(end - start, 1e-9) * (x1 - x0)

    bar_y = y + 30
    # stage segments: from each stage's first inject to the next stage's first
    firsts: list[tuple[float, int]] = []
    columns = lanes(scenario)
    for index in range(len(columns)):
        minutes = [m for m, inject in injects if lane_index(scenario, inject) == index]
        if minutes:
            firsts.append((min(minutes), index))
    firsts.sort()
    canvas.rect(x0, bar_y, x1 - x0, 10, "#e2e8f0", rx=5)
    for n, (minute, index) in enumerate(firsts):
        seg_end = firsts[n + 1][0] if n + 1 < len(firsts) else end
        left, right = at(max(minute, start)), at(min(seg_end, end))
        if right > left:
            canvas.rect(left, bar_y, right - left, 10, columns[index].colour)
    canvas.text(x0, y + 8, "SCENARIO TIME", 11, MUTED, bold=True, spacing=1.2)
    # ticks at inject minutes
    last_label = -1e9
    for minute in sorted({m for m, _ in injects} | {start, end}):
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
    for minute, inject in injects:
        if inject.decision:
            canvas.add(_diamond(at(minute), bar_y + 5, 7))
    for e in entries:
        if e.kind == "decision":
            canvas.add(f'<circle cx="{num(at(e.minute))}" cy="{num(bar_y + 5)}" r="6" '
                       f'fill="{DARK}" stroke="#ffffff" stroke-width="2"/>')
    return bar_y + 36
