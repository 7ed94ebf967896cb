"""The error a scenario file that cannot be used raises, apart from the loader; the exit status.

The command line catches it around everything it does; kept here, catching it does not import
the YAML parser, which a cached scenario never needs (see `scenario_cache`).
"""

from __future__ import annotations

import re

from tabletop.base.text import MAX_NAME_SHOWN, printable

EXIT_BAD_INPUT = 2
"""Exit status for input that cannot be used: a scenario file, an argument, the store."""


FieldPath = tuple[str | int, ...]
"""Where in a scenario a value sits: `("injects", 2, "evidence")`."""

MAX_MESSAGE = 2_000
"""Characters of a problem an error says; the rest is cut."""
_LONG_WORD = re.compile(rf"\S{{{MAX_NAME_SHOWN + 1},}}")
"""A run of text with no space longer than any name an error quotes whole."""


def _bounded_words(message: str) -> str:
    """`message` with every word past `MAX_NAME_SHOWN` characters cut: a quoted name (an
    unknown reference, a value not among the allowed) is the file's text, and shows no more
    of it than the start of the offending token."""
    return _LONG_WORD.sub(lambda found: found.group()[:MAX_NAME_SHOWN] + "…", message)


class ScenarioError(Exception):
    """A scenario file that cannot be used, with where and why."""

    def __init__(
        self, file: str, message: str, *, line: int | None = None, column: int | None = None,
        field_path: str = "",
    ) -> None:
        # What the file or its name says is shown, never obeyed: an unknown key or a quoted
        # value may hold a control character (`base.text`).
        self.file = printable(file)
        self.line = line
        self.column = column
        self.field_path = printable(field_path)
        message = _bounded_words(message)
        if len(message) > MAX_MESSAGE:
            # A value quoted from the file may be a long text; the error stays readable.
            message = f"{message[:MAX_MESSAGE]}... ({len(message) - MAX_MESSAGE} more characters)"
        self.message = printable(message)
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        field_part = f" {self.field_path}:" if self.field_path else ""
        return f"{where}:{field_part} {self.message}"
