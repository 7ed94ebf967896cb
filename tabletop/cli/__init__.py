"""The `tabletop` command line: `parser` holds its words, `commands` what each does, `printers`
what `simulate` prints.

Textual is imported only by the commands that open a screen, so `list`, `validate`, `schema`
and `simulate` start fast and work without a terminal.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence

from tabletop.cli.commands import dispatch
from tabletop.cli.errors import UsageError
from tabletop.cli.output import say
from tabletop.cli.parser import SCREEN_COMMANDS, parse
from tabletop.scenario.errors import EXIT_BAD_INPUT, ScenarioError


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `tabletop` console script."""
    args = parse(sys.argv[1:] if argv is None else argv)
    if (args.command or "run") in SCREEN_COMMANDS:
        # Start-up creates a few hundred thousand objects that live as long as the app (Textual,
        # the scenario, the first frame), and the cyclic collector would trace them again and
        # again for nothing: about 60 ms of first paint. The app freezes them and collects
        # again once its first frame is on screen (TabletopApp.on_ready).
        gc.disable()
    try:
        return dispatch(args)
    except ScenarioError as err:
        say(err, error=True)  # file:line:col: first, so editors jump to it
        return EXIT_BAD_INPUT
    except UsageError as err:
        say(f"tabletop: {err}", error=True)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader left (`tabletop simulate --json | head`): stop quietly, and point stdout
        # at nothing so the interpreter's final flush does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    finally:
        gc.enable()
