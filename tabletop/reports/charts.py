"""The harm chart: one harm counter accumulated over scenario minutes, drawn as SVG.

Three lines: this run, nobody acting and the rubric's best achievable line, from deployment to
the end (`harm.harm_curve`), with the team's decisions marked where they took effect.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from tabletop.exercise.clock import fmt_minute
from tabletop.reports.facts import Report
from tabletop.reports.harm import HarmCurve
from tabletop.reports.svg import esc, num, text_width

WIDTH, HEIGHT = 960, 380
LEFT, RIGHT, TOP, BOTTOM = 64, 150, 62, 48
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

Scale = Callable[[float], float]
"""Scenario minute (or count) to pixels."""


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
    curve = report.harm_curve
    if not curve.minutes:
        return ""
    x_min, x_max = curve.minutes[0], curve.minutes[-1]
    highest = max([*curve.run, *curve.baseline, *curve.best, 1])
    step = _nice_step(highest)
    y_max = step * -(-highest // step)

    def px(minute: float) -> float:
        return LEFT + (minute - x_min) / max(x_max - x_min, 1e-9) * PLOT_W

    def py(value: float) -> float:
        return TOP + PLOT_H - value / y_max * PLOT_H

    ns = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    out = [f'<svg{ns} width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
           'font-family="system-ui, \'Segoe UI\', Arial, \'DejaVu Sans\', sans-serif" '
           'role="img" aria-labelledby="hc-title">',
           f'<title id="hc-title">{esc(curve.label)} over time</title>',
           f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>']
    out += _axes(x_min, x_max, y_max, step, px, py)
    out += _decisions(report, x_min, x_max, px)
    out += _lines(curve, px, py)
    out.append("</svg>")
    return "\n".join(out)


def _steps(first: float, last: float, step: float) -> Iterator[float]:
    """first, first + step, ... up to last (a hair over it, for rounding)."""
    value = first
    while value <= last + 1e-9:
        yield value
        value += step


def _axes(x_min: float, x_max: float, y_max: float, step: float, px: Scale,
          py: Scale) -> list[str]:
    """Gridlines with counts up the side, ticks with clock minutes along the bottom."""
    out: list[str] = []
    for value in _steps(0.0, y_max, step):
        y = py(value)
        out.append(f'<line x1="{LEFT}" y1="{num(y)}" x2="{LEFT + PLOT_W}" y2="{num(y)}" '
                   f'stroke="{"#1a202c" if value == 0 else "#e2e8f0"}" stroke-width="1"/>')
        out.append(f'<text x="{LEFT - 10}" y="{num(y + 4)}" font-size="12" fill="#5a6473" '
                   f'text-anchor="end">{value:g}</text>')
    span = x_max - x_min
    for minute in _steps(x_min, x_max, 10.0 if span > 40 else 5.0 if span > 15 else 1.0):
        x = num(px(minute))
        out.append(f'<line x1="{x}" y1="{TOP + PLOT_H}" x2="{x}" y2="{TOP + PLOT_H + 5}" '
                   'stroke="#1a202c"/>')
        out.append(f'<text x="{x}" y="{TOP + PLOT_H + 20}" font-size="12" fill="#5a6473" '
                   f'text-anchor="middle">{fmt_minute(minute)[:-3]}</text>')
    out.append(f'<text x="{LEFT + PLOT_W / 2:.0f}" y="{HEIGHT - 8}" font-size="12.5" '
               'fill="#5a6473" text-anchor="middle">scenario minute</text>')
    return out


def _decisions(report: Report, x_min: float, x_max: float, px: Scale) -> list[str]:
    """A dashed vertical line and the action's label where each decision took effect."""
    out: list[str] = []
    scenario = report.scenario
    for d in report.decisions:
        if x_min <= d.minute <= x_max:
            x = px(d.minute)
            label = scenario.action(d.action).label if scenario is not None else d.action
            out.append(f'<line x1="{num(x)}" y1="{TOP}" x2="{num(x)}" y2="{TOP + PLOT_H}" '
                       'stroke="#1f2937" stroke-width="1.2" stroke-dasharray="3 4"/>')
            out.append(f'<text x="{num(x + 4)}" y="{TOP - 8}" font-size="11.5" '
                       f'font-weight="bold" fill="#1f2937">{esc(label)}</text>')
    return out


def _lines(curve: HarmCurve, px: Scale, py: Scale) -> list[str]:
    """The three plans' steps, their final counts at the right, and the legend on top."""
    # This run is drawn under the best case, so where they coincide both stay visible.
    series = (("Nobody acted", curve.baseline, "#5a6473", "7 5", 2.5),
              ("This run", curve.run, "#b5332e", "", 4.0),
              ("Best case", curve.best, "#2e7d57", "3 4", 2.0))
    out: list[str] = []
    ends: list[tuple[float, str, str, int]] = []
    for name, values, colour, dash, stroke in series:
        points = []
        for i, (m, v) in enumerate(zip(curve.minutes, values, strict=True)):
            # Steps: the count holds until the next harmful item arrives.
            if i:
                points.append(f"{num(px(m))},{num(py(values[i - 1]))}")
            points.append(f"{num(px(m))},{num(py(v))}")
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" '
                   f'stroke-width="{stroke}" stroke-linejoin="round"{dash_attr}/>')
        ends.append((py(values[-1]), name, colour, values[-1]))
    # end labels, pushed apart so they never overlap
    ends.sort()
    placed: list[float] = []
    for y, name, colour, final in ends:
        y = max(y, placed[-1] + 17) if placed else y
        placed.append(y)
        out.append(f'<text x="{LEFT + PLOT_W + 10}" y="{num(y + 4)}" font-size="12.5" '
                   f'fill="{colour}" font-weight="bold">{final} {esc(name.lower())}</text>')
    lx = LEFT
    for name, _, colour, dash, stroke in series:
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<line x1="{lx}" y1="16" x2="{lx + 26}" y2="16" stroke="{colour}" '
                   f'stroke-width="{stroke}"{dash_attr}/>')
        out.append(f'<text x="{lx + 32}" y="20" font-size="12.5" fill="#2d3748">{esc(name)}'
                   "</text>")
        lx += 32 + int(text_width(name, 12.5)) + 28
    return out
