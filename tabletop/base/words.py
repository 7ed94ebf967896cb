"""How tabletop writes a scenario minute, a length of time, points, a share, a speed and a
count, the same way on every screen, printer and report.

Each wording has one function here; a renderer may style or escape what it returns, never
write the figure its own way.
"""

from __future__ import annotations


def fmt_minute(minute: float) -> str:
    """A scenario minute as the clock shows it: T+22:00, T-05:30."""
    sign = "-" if minute < 0 else "+"
    seconds = round(abs(minute) * 60)
    return f"T{sign}{seconds // 60:02d}:{seconds % 60:02d}"


def span(minutes: float) -> str:
    """A length of scenario time as mm:ss."""
    seconds = max(0, round(minutes * 60))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def points(value: float) -> str:
    """Points as the score card writes them: 7, 7.5."""
    return f"{value:g}"


def out_of(earned: float, maximum: float) -> str:
    """Points earned out of the maximum, in a table or a line: 7.5/10."""
    return f"{points(earned)}/{points(maximum)}"


def points_of(earned: float, maximum: float) -> str:
    """Points earned out of the maximum, in a sentence: 7.5 of 10 points."""
    return f"{points(earned)} of {points(maximum)} points"


def percent(share: float, places: int = 0) -> str:
    """A share (0 to 1) as a percentage, whole unless `places` says otherwise: 45 %, 2.5 %."""
    return f"{share * 100:.{places}f} %"


def speed(value: float) -> str:
    """A clock speed: 60x."""
    return f"{value:g}x"


def count(n: int, one: str, many: str | None = None) -> str:
    """A count with its noun: 1 ticket, 3 tickets (`many` for a plural not made with s)."""
    return f"{n} {one if n == 1 else many if many is not None else one + 's'}"
