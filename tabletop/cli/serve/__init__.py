"""`tabletop serve`: the app, or the room's view, in a browser on this machine.

textual-serve runs one app process per browser tab and relays its screen over a websocket. It
is an optional extra (`pip install 'tabletop[serve]'`), so nothing here imports aiohttp or
textual-serve until the command runs: `server` holds the web side (token, origin, the offline
page), `child` the app process's side (it ends when the server does).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from tabletop.scenario.errors import EXIT_BAD_INPUT

if TYPE_CHECKING:
    from tabletop.scenario.model import Scenario

MISSING_EXTRA = ("tabletop serve needs the serve extra, which is not installed: "
                 "pip install 'tabletop[serve]'")
"""What `serve` says, in one line, when textual-serve or aiohttp cannot be imported."""

RUN_FLAGS = (("no_pause", "--no-pause"), ("solo", "--solo"), ("no_briefing", "--no-briefing"))
"""`run`'s switches that `serve` hands on, by their argparse name."""

RUN_VALUES = (("theme", "--theme"), ("speed", "--speed"), ("seed", "--seed"),
              ("teams", "--teams"), ("facilitator", "--facilitator"))
"""`run`'s options with a value that `serve` hands on."""


def extra_installed() -> bool:
    """Whether the serve extra's packages import."""
    try:
        import aiohttp  # noqa: F401
        import textual_serve.server  # noqa: F401
    except ImportError:
        return False
    return True


def app_command(args: argparse.Namespace) -> list[str]:
    """The `tabletop` arguments each browser tab's app process runs: `run SCENARIO ...` with
    the options given to `serve`, or `present [SESSION]`."""
    store = ["--data-dir", args.data_dir] if args.data_dir is not None else []
    if args.present is not None:
        session = [str(args.present)] if args.present else []  # 0: the latest
        theme = [f"--theme={args.theme}"] if args.theme is not None else []
        return ["present", *session, *store, *theme]
    command = ["run", args.scenario, *store]
    command += [flag for name, flag in RUN_FLAGS if getattr(args, name)]
    for name, option in RUN_VALUES:
        value = getattr(args, name)
        if value is not None:
            command.append(f"{option}={value}")
    return command


def serve_command(args: argparse.Namespace, load: Callable[[str], Scenario]) -> int:
    """Serve until interrupted; 2 when the extra is missing, the scenario is refused (by
    `load`, before any browser connects) or the port cannot be had."""
    if not extra_installed():
        print(MISSING_EXTRA, file=sys.stderr)
        return EXIT_BAD_INPUT
    # A refused scenario file is told here, before any browser connects.
    title = load(args.scenario).title if args.present is None else "tabletop: the room's view"
    from tabletop.cli.serve.server import serve

    return serve(app_command(args), host=args.host, port=args.port, title=title)
