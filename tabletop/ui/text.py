"""Small helpers shared by the panels (figures are written by `tabletop.base.words`).

Scenario text is content, not markup: everything from a scenario file goes through `literal`,
so a `[` in a ticket or an evidence item is shown as typed and never breaks a panel.

Muted labels in Content use `$foreground-muted`, not `$text-muted`: that one is `auto 60%`,
which CSS resolves against the background but a Content style renders as full white.
"""

from __future__ import annotations

from textual.app import App
from textual.content import Content
from textual.notifications import SeverityLevel

from tabletop.base.text import printable


def literal(text: str, style: str = "") -> Content:
    """Scenario text as content shown exactly as written, optionally styled; a control
    character (from a journal, or pasted by a player) shows as its escape (`base.text`)."""
    text = printable(text)
    return Content.styled(text, style) if style else Content(text)


def bar(share: float, width: int = 10) -> str:
    """A share (0 to 1) as a bar of block characters, readable without colour."""
    filled = round(max(0.0, min(1.0, share)) * width)
    return "█" * filled + "░" * (width - filled)


def humanise(field_name: str) -> str:
    """A field name as a label: trace_id → Trace id."""
    words = field_name.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


class TextApp(App[None]):
    """An app whose notifications and parting words are text, never a control sequence: a
    path, a store's error or a journal's words may hold one (`base.text.printable`)."""

    farewell = ""
    """What the command line prints once the app has closed (`exit_saying`), one line whole:
    a path the user copies from it must not be broken by wrapping."""

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Notify as Textual does, the message and title shown as text."""
        super().notify(printable(message), title=printable(title), severity=severity,
                       timeout=timeout, markup=markup)

    def exit_saying(self, message: str, return_code: int = 0) -> None:
        """Exit, leaving `message` for the command line to print after the screen closes."""
        self.farewell = printable(message)
        self.exit(return_code=return_code)
