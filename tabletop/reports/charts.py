"""The harm chart: one harm counter accumulated over scenario minutes, drawn as SVG.

Three lines: this run, nobody acting and the best case, from deployment to the end
(`harm.harm_curve`), with the team's decisions marked where they took effect. When play stopped
before the end, the end of play is marked and the run's line after it is drawn as a projection.

No two labels overlap, whatever their length or however close their minutes and counts: the
decisions' labels stack in rows above the plot (the chart grows to fit them), the minutes along
the bottom are spaced by their width, and the final counts at the right are pushed apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from tabletop.base.words import fmt_minute
from tabletop.reports.facts import Report
from tabletop.reports.harm import HarmCurve, HarmSpan
from tabletop.reports.svg import esc, fitted, num, text_width

WIDTH = 960
"""Width of the chart, in pixels; its height grows with the rows of decision labels."""
LEFT, RIGHT, BOTTOM = 64, 170, 48
"""Space left of the plot (counts), right of it (final counts) and below it (minutes)."""
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, 270
"""The plot's size."""
LEGEND_Y = 16
"""Baseline of the legend's line."""
MARK_SIZE = 11.5
"""Font size of a decision's label."""
MARK_ROW = 16
"""Height of a row of decision labels."""
MARK_GAP = 8
"""Least space between two labels in one row."""
MARK_MAX_W = 320.0
"""A decision label wider than this is cut, with an ellipsis (the timeline has it whole)."""
END_SIZE = 12.5
"""Font size of the final counts at the right."""
END_ROW = 17
"""Least distance between two final counts."""
TICK_SIZE = 12
"""Font size of the minutes and counts along the axes."""
TICK_GAP = 14
"""Least space between two minutes along the bottom."""

FLOOR = 5
"""The plot's height stands for at least this many: one harmful item is a step, not a wall."""

Scale = Callable[[float], float]
"""Scenario minute (or count) to pixels."""

Mark = tuple[float, str, bool]
"""A vertical marker: minute, label, whether it is the end of play (else a decision)."""


def _nice_step(top: float, ticks: int = 5) -> float:
    raw = max(top, 1.0) / ticks
    for base in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if base >= raw:
            return float(base)
    return float(int(raw) + 1)


def harm_chart_svg(report: Report, *, standalone: bool = False) -> str:
    """Cumulative harm over scenario minutes: this run, nobody acting, the best case.

    Empty when the curve has no minutes. `standalone` adds the SVG namespace, for a file of
    its own rather than markup inlined in the report's page.
    """
    scenario = report.scenario
    marks: list[Mark] = [
        (d.minute, scenario.action(d.action).label if scenario is not None else d.action, False)
        for d in report.decisions]
    return chart_svg(report.harm_curve, marks, report.harm_span, standalone=standalone)


def chart_svg(curve: HarmCurve, marks: Sequence[Mark], span: HarmSpan | None = None, *,
              standalone: bool = False) -> str:
    """The chart of a harm curve with its vertical markers (decisions); `span` marks the end
    of play and draws the run's line after it as projected."""
    if not curve.minutes:
        return ""
    x_min, x_max = curve.minutes[0], curve.minutes[-1]
    highest = max([*curve.run, *curve.baseline, *curve.best, FLOOR])
    step = _nice_step(highest)
    y_max = step * -(-highest // step)
    played = span.played_to if span is not None and span.projected else None
    shown = [m for m in marks if x_min <= m[0] <= x_max]
    if played is not None and x_min <= played <= x_max:
        shown.append((played, f"end of play {fmt_minute(played)}", True))

    def px(minute: float) -> float:
        return LEFT + (minute - x_min) / max(x_max - x_min, 1e-9) * PLOT_W

    placed = place_marks([(px(m), label) for m, label, _ in shown])
    top = LEGEND_Y + 22 + MARK_ROW * (max((row for _, row, _ in placed), default=-1) + 1) + 6
    height = top + PLOT_H + BOTTOM

    def py(value: float) -> float:
        return top + PLOT_H - value / y_max * PLOT_H

    ns = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    out = [f'<svg{ns} width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
           'font-family="system-ui, \'Segoe UI\', Arial, \'DejaVu Sans\', sans-serif" '
           'role="img" aria-labelledby="hc-title">',
           f'<title id="hc-title">{esc(curve.label)} over time</title>',
           f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>']
    out += _axes(x_min, x_max, y_max, step, px, py, top, height)
    out += _marks(shown, placed, px, top)
    out += _lines(curve, px, py, top, played, before=span is not None and span.before_deployment)
    out.append("</svg>")
    return "\n".join(out)


def _steps(first: float, last: float, step: float) -> Iterator[float]:
    """first, first + step, ... up to last (a hair over it, for rounding)."""
    value = first
    while value <= last + 1e-9:
        yield value
        value += step


def minute_step(x_min: float, x_max: float) -> float:
    """Minutes between two ticks along the bottom: the smallest round step whose labels,
    as wide as the widest, leave `TICK_GAP` between them."""
    span = max(x_max - x_min, 1e-9)
    widest = max(text_width(fmt_minute(m)[:-3], TICK_SIZE) for m in (x_min, x_max))
    for step in (1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 720, 1440, 2880, 10080):
        if step / span * PLOT_W >= widest + TICK_GAP:
            return float(step)
    return span


def _axes(x_min: float, x_max: float, y_max: float, step: float, px: Scale, py: Scale,
          top: float, height: float) -> list[str]:
    """Gridlines with counts up the side, ticks with clock minutes along the bottom."""
    out: list[str] = []
    bottom = top + PLOT_H
    for value in _steps(0.0, y_max, step):
        y = py(value)
        out.append(f'<line x1="{LEFT}" y1="{num(y)}" x2="{LEFT + PLOT_W}" y2="{num(y)}" '
                   f'stroke="{"#1a202c" if value == 0 else "#e2e8f0"}" stroke-width="1"/>')
        out.append(f'<text x="{LEFT - 10}" y="{num(y + 4)}" font-size="{TICK_SIZE}" '
                   f'fill="#5a6473" text-anchor="end">{value:g}</text>')
    for minute in _steps(x_min, x_max, minute_step(x_min, x_max)):
        x = num(px(minute))
        out.append(f'<line x1="{x}" y1="{num(bottom)}" x2="{x}" y2="{num(bottom + 5)}" '
                   'stroke="#1a202c"/>')
        out.append(f'<text x="{x}" y="{num(bottom + 20)}" font-size="{TICK_SIZE}" '
                   f'fill="#5a6473" text-anchor="middle">{fmt_minute(minute)[:-3]}</text>')
    out.append(f'<text x="{LEFT + PLOT_W / 2:.0f}" y="{num(height - 8)}" font-size="12.5" '
               'fill="#5a6473" text-anchor="middle">scenario minute</text>')
    return out


def fit_label(label: str, size: float = MARK_SIZE, width: float = MARK_MAX_W) -> str:
    """A label cut to `width` pixels (bold), with an ellipsis when it was cut."""
    if text_width(label, size, bold=True) <= width:
        return label
    return fitted(label, width, size, bold=True, tail="\u2026").rstrip() + "\u2026"


def place_marks(marks: Sequence[tuple[float, str]]) -> list[tuple[float, int, str]]:
    """Each marker's label, in the order given: its left edge, its row above the plot (0
    nearest) and its text (cut by `fit_label`).

    Taken left to right, a label starts just right of its line, or ends just left of it when
    it would pass the chart's right edge, and goes in the lowest row where it clears every
    label already there by `MARK_GAP`.
    """
    rows: list[list[tuple[float, float]]] = []
    placed: dict[int, tuple[float, int, str]] = {}
    for index, (x, label) in sorted(enumerate(marks), key=lambda m: m[1][0]):
        text = fit_label(label)
        w = text_width(text, MARK_SIZE, bold=True)
        left = x + 4 if x + 4 + w <= WIDTH - 4 else x - 4 - w
        row = next((n for n, spans in enumerate(rows)
                    if all(left >= hi + MARK_GAP or left + w + MARK_GAP <= lo
                           for lo, hi in spans)), len(rows))
        if row == len(rows):
            rows.append([])
        rows[row].append((left, left + w))
        placed[index] = (left, row, text)
    return [placed[i] for i in range(len(marks))]


def _marks(marks: Sequence[Mark], placed: Sequence[tuple[float, int, str]], px: Scale,
           top: float) -> list[str]:
    """A dashed vertical line where each decision took effect (solid grey: the end of play),
    and its label where `place_marks` put it."""
    out: list[str] = []
    for (minute, _, end), (left, row, text) in zip(marks, placed, strict=True):
        x = num(px(minute))
        colour, dash = ("#5a6473", "") if end else ("#1f2937", ' stroke-dasharray="3 4"')
        out.append(f'<line x1="{x}" y1="{num(top)}" x2="{x}" y2="{num(top + PLOT_H)}" '
                   f'stroke="{colour}" stroke-width="1.2"{dash}/>')
        out.append(f'<text x="{num(left)}" y="{num(top - 8 - row * MARK_ROW)}" '
                   f'font-size="{MARK_SIZE}" font-weight="bold" fill="{colour}">{esc(text)}'
                   "</text>")
    return out


def _lines(curve: HarmCurve, px: Scale, py: Scale, top: float, played: float | None, *,
           before: bool) -> list[str]:
    """The three plans' steps, their final counts at the right, and the legend on top; the
    run's line after the end of play is drawn fainter, as the projection it is."""
    # This run is drawn under the best case, so where they coincide both stay visible.
    run_name = ("This run (projected)" if before else
                "This run (projected after the end of play)" if played is not None else
                "This run")
    series = (("Nobody acted", "nobody acted", curve.baseline, "#5a6473", "7 5", 2.5),
              (run_name, "this run", curve.run, "#b5332e", "", 4.0),
              ("Best case", "best case", curve.best, "#2e7d57", "3 4", 2.0))
    out: list[str] = []
    ends: list[tuple[float, str, str]] = []
    for name, short, values, colour, dash, stroke in series:
        cut = played if name == run_name and not before else None
        for points, faint in _step_points(curve.minutes, values, px, py, cut):
            dash_attr = f' stroke-dasharray="{dash or "6 4"}"' if dash or faint else ""
            fade = ' stroke-opacity="0.45"' if faint or (before and name == run_name) else ""
            out.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" '
                       f'stroke-width="{stroke}" stroke-linejoin="round"{dash_attr}{fade}/>')
        change = against(values[-1], curve.baseline[-1]) if name == run_name else ""
        ends.append((py(values[-1]), f"{values[-1]} {short}{change}", colour))
    for y, text, colour in spread_ends(ends, top + PLOT_H):
        out.append(f'<text x="{LEFT + PLOT_W + 10}" y="{num(y + 4)}" font-size="{END_SIZE}" '
                   f'fill="{colour}" font-weight="bold">{esc(text)}</text>')
    lx = float(LEFT)
    for name, _, _, colour, dash, stroke in series:
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<line x1="{num(lx)}" y1="{LEGEND_Y}" x2="{num(lx + 26)}" y2="{LEGEND_Y}" '
                   f'stroke="{colour}" stroke-width="{stroke}"{dash_attr}/>')
        out.append(f'<text x="{num(lx + 32)}" y="{LEGEND_Y + 4}" font-size="12.5" '
                   f'fill="#2d3748">{esc(name)}</text>')
        lx += 32 + text_width(name, 12.5) + 28
    return out


def against(run: int, nobody: int) -> str:
    """The run's count against nobody acting's, as a factor and a symbol, never colour
    alone: " ×0.1 ▼", " ×1.0 =" (no change reads as none), " ▲" over none."""
    if not nobody:
        return " \u25b2" if run else ""
    ratio = f"{run / nobody:.1f}"
    if ratio == "1.0":
        return " \u00d71.0 ="
    arrow = "\u25b2" if run > nobody else "\u25bc"
    return f" \u00d7{ratio} {arrow}"


def _step_points(minutes: Sequence[float], values: Sequence[int], px: Scale, py: Scale,
                 cut: float | None) -> list[tuple[list[str], bool]]:
    """A series as steps (the count holds until the next harmful item arrives), split at
    `cut` into the part played and the faint part projected after it."""
    played: list[str] = []
    projected: list[str] = []
    for i, (m, v) in enumerate(zip(minutes, values, strict=True)):
        part = projected if cut is not None and m > cut else played
        if part is projected and not projected:
            # The projection starts where play stopped, at the count reached by then.
            prev = values[i - 1] if i else v
            projected.append(f"{num(px(cut or m))},{num(py(prev))}")
            played.append(f"{num(px(cut or m))},{num(py(prev))}")
        if i:
            part.append(f"{num(px(m))},{num(py(values[i - 1]))}")
        part.append(f"{num(px(m))},{num(py(v))}")
    return [(p, faint) for p, faint in ((played, False), (projected, True)) if len(p) > 1]


def spread_ends(ends: Sequence[tuple[float, str, str]],
                bottom: float) -> list[tuple[float, str, str]]:
    """The final counts' baselines pushed apart by `END_ROW`, top to bottom, and moved up
    together when the lowest would fall below the plot (three rows always fit its height)."""
    ordered = sorted(ends, key=lambda e: e[0])
    ys: list[float] = []
    for y, _, _ in ordered:
        ys.append(max(y, ys[-1] + END_ROW) if ys else y)
    over = ys[-1] - bottom if ys else 0.0
    if over > 0:
        ys = [y - over for y in ys]
        for i in range(len(ys) - 2, -1, -1):
            ys[i] = min(ys[i], ys[i + 1] - END_ROW)
    return [(y, text, colour) for y, (_, text, colour) in zip(ys, ordered, strict=True)]
