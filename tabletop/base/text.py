"""Text that is only text: what a scenario, a team or a journal supplies must never reach a
terminal, a page or a drawing as a control sequence.

A terminal obeys control characters: ESC starts a sequence that can set the window's title,
clear the screen, recolour it or write to the clipboard (OSC 52), and a C1 control (U+009B,
CSI) does the same in one character. Bidirectional overrides and isolates make a text read
other than it is (two ids that look alike). Files refuse such characters (`unsafe_at`, the
loader); every output shows any that reach it by another way (a journal, typed text) as a
visible escape (`printable`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property


class LazyPattern:
    """A regular expression compiled when first used: compiling these character classes
    costs more than a module's import, and most text is plain (`printable` checks that first)
    so a run may never need them."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        """The expression, as `re.Pattern.pattern` gives it."""

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        """The compiled expression."""
        return re.compile(self.pattern)

    def search(self, text: str) -> re.Match[str] | None:
        """`re.Pattern.search`."""
        return self.compiled.search(text)

    def match(self, text: str) -> re.Match[str] | None:
        """`re.Pattern.match`."""
        return self.compiled.match(text)

    def sub(self, replace: str | Callable[[re.Match[str]], str], text: str) -> str:
        """`re.Pattern.sub`."""
        return self.compiled.sub(replace, text)


UNSAFE = LazyPattern("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""C0 controls but tab and newline, DEL, C1 controls, and the bidirectional marks, embeddings,
overrides and isolates."""
INVISIBLE = LazyPattern("[\u00ad\u180e\u200b-\u200d\u2060\ufeff]")
"""Characters that show nothing: soft hyphen, zero-width spaces and joiners, word joiner, byte
order mark. Harmless in prose (a joiner builds an emoji); in a name they make two names that
look the same differ, so the loader refuses them in keys (ids are ASCII) and `bounded` shows
them."""


def printable(text: str) -> str:
    """`text` with every unsafe character shown as its escape (ESC as `\\x1b`, U+202E as
    `\\u202e`), so it is seen and cannot act; other text unchanged."""
    # Most text is printable in Python's sense too (no control, format or separator other
    # than the space), which says so without the expression.
    if text.isprintable() or UNSAFE.search(text) is None:
        return text
    return UNSAFE.sub(_escape, text)


def unsafe_at(text: str) -> int | None:
    """Index of the first unsafe character in `text`, or None when there is none."""
    if text.isprintable():
        return None
    found = UNSAFE.search(text)
    return found.start() if found else None


def describe(character: str) -> str:
    """A character as an error names it: `U+001B`."""
    return f"U+{ord(character):04X}"


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


MAX_NAME_SHOWN = 60
"""Characters of a name (a key, an id, an argument) a message quotes; the rest is cut."""


def bounded(name: str, limit: int = MAX_NAME_SHOWN) -> str:
    """`name` printable and cut to `limit` characters (with '…'), for a message to quote; a
    character that shows nothing is shown as its escape too (in a name it is what differs)."""
    name = printable(name if len(name) <= limit else name[:limit] + "…")
    return name if name.isprintable() or INVISIBLE.search(name) is None \
        else INVISIBLE.sub(_escape, name)
