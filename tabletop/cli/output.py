"""What the command line prints, through one door: every line passes `base.text.printable`,
so text from a scenario, a journal or an argument shows a control character as its escape and
never reaches the terminal as a command."""

from __future__ import annotations

import sys

from tabletop.base.text import printable


def say(text: object = "", *, error: bool = False) -> None:
    """Print one line (or a few) to standard output, or to standard error for `error`."""
    print(printable(str(text)), file=sys.stderr if error else sys.stdout)
