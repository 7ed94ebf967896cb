"""Small formatting helpers shared by the panels.

Scenario text is content, not markup: everything from a scenario file goes through `literal`,
so a `[` in a ticket or an evidence item is shown as typed and never breaks a panel.

Muted labels in Content use `$foreground-muted`, not `$text-muted`: that one is `auto 60%`,
which CSS resolves against the background but a Content style renders as full white.
"""

from __future__ import annotations

from textual.content import Content

from tabletop.exercise.clock import fmt_minute


def literal(text: str, style: str = "") -> Content:
    """Scenario text as content shown exactly as written, optionally styled."""
    return Content.styled(text, style) if style else Content(text)


def clock(minute: float) -> str:
    """A scenario minute as the clock shows it: T+22:00, T-05:30."""
    return fmt_minute(minute)


def span(minutes: float) -> str:
    """A length of scenario time as mm:ss."""
    seconds = max(0, round(minutes * 60))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def percent(share: float) -> str:
    """A share (0 to 1) as a whole percentage."""
    return f"{share * 100:.0f} %"


def bar(share: float, width: int = 10) -> str:
    """A share (0 to 1) as a bar of block characters, readable without colour."""
    filled = round(max(0.0, min(1.0, share)) * width)
    return "█" * filled + "░" * (width - filled)


def speed(value: float) -> str:
    """A clock speed: 60x."""
    return f"{value:g}x"


def humanise(field_name: str) -> str:
    """A field name as a label: trace_id → Trace id."""
    words = field_name.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]
