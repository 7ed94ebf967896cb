"""The command line's words: every subcommand, its arguments and their help."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeAlias

from tabletop.scenario.bundled import DEFAULT_SCENARIO

SCREEN_COMMANDS = frozenset({"run", "resume"})
"""Commands that open the app, whose start-up time is first paint."""

if TYPE_CHECKING:
    # What `add_subparsers` returns; argparse names no public type for it.
    Parsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]


SESSION_ID_MAX = 2**63 - 1
"""The largest session id: the store's row ids are SQLite integers, which are signed 64-bit.
(Seeds have the scenario format's range, `scenario.bounds.MAX_SEED`.)"""

SPEED_RANGE = (0.1, 600.0)
"""Scenario minutes per real minute that `--speed` accepts. At 0.1 a scenario minute takes ten
real minutes, slow enough for any room (pausing is for slower); at 600 a scenario minute
passes every tenth of a second and a 90-minute exercise in nine seconds, faster than anyone
can read the panels. Beyond either end the clock is stopped or the exercise over at once."""


class _Parser(argparse.ArgumentParser):
    """argparse with its mistakes said in one line, without the usage block above them."""

    def error(self, message: str) -> NoReturn:
        """Print `prog: message` and where the options are listed; exit 2."""
        self.exit(2, f"{self.prog}: {message} (see: {self.prog} --help)\n")


def _got(text: str) -> str:
    """The argument as typed, cut short when it is long (a 5,000-digit seed)."""
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _speed(text: str) -> float:
    low, high = SPEED_RANGE
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not low <= value <= high:  # NaN fails too
        raise argparse.ArgumentTypeError(
            f"expected scenario minutes per real minute, from {low:g} to {high:g}; "
            f"got {_got(text)}")
    return value


def _whole(text: str, low: int, high: int, what: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(
            f"expected {what}, a whole number from {low} to {high}; got {_got(text)}")
    return value


def _seed(text: str) -> int:
    # The range of a scenario's default_seed too, so a run is stored whichever gave the seed.
    # Imported here: the bounds table is off the way to first paint.
    from tabletop.scenario.bounds import MAX_SEED

    return _whole(text, 0, MAX_SEED, "a seed")


MAX_DRILLS = 10_000
"""Drills `validate --drills` draws at most: each plays the stream once or more (a tenth of a
second or so), so ten thousand take some minutes."""


def _drills(text: str) -> int:
    return _whole(text, 1, MAX_DRILLS, "a number of drills")


def _session_id(text: str) -> int:
    return _whole(text, 1, SESSION_ID_MAX, "a session id (tabletop sessions lists them)")


def _named(what: str) -> Callable[[str], str]:
    """A type for an argument that names something: anything but empty."""
    def named(text: str) -> str:
        if not text.strip():
            raise argparse.ArgumentTypeError(f"expected {what}; got {_got(text)}")
        return text

    return named


_scenario_ref = _named("a bundled scenario id (tabletop list) or a scenario file")
_folder = _named("a folder")


def _output_file(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("expected a file name; got ''")
    if Path(text).is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} is a folder; name a file in it")
    return text


def _store_options() -> argparse.ArgumentParser:
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "--data-dir", default=None, type=_folder,
        help="where sessions are saved (default: $TABLETOP_DATA_DIR or the user data dir)")
    return options


def _screen_options() -> argparse.ArgumentParser:
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--theme", default=None, help="Textual theme, e.g. projector")
    options.add_argument("--no-pause", action="store_true",
                         help="keep the clock running when a round's evidence arrives")
    return options


def _add_run(sub: Parsers) -> None:
    run = sub.add_parser("run", parents=[_store_options(), _screen_options()],
                         help="open a scenario on the dashboard")
    _run_arguments(run)


def _run_arguments(run: argparse.ArgumentParser) -> None:
    """The scenario and the options of a new run, which `serve` hands on to `run`."""
    run.add_argument("scenario", nargs="?", default=DEFAULT_SCENARIO, type=_scenario_ref,
                     help="bundled scenario id or path to a scenario file")
    low, high = SPEED_RANGE
    run.add_argument("--speed", type=_speed, default=None,
                     help=f"scenario minutes per real minute, {low:g} to {high:g} (60: one "
                          "minute a second; default 1, or the whole scenario in about 10 "
                          "minutes with --solo)")
    run.add_argument("--seed", type=_seed, default=None,
                     help="seed of the simulated item stream, a whole number from 0")
    mode = run.add_mutually_exclusive_group()
    mode.add_argument("--teams", default=None, metavar="NAMES",
                      help='workshop mode: "Red,Blue,Green" (up to 8 teams, each name up to '
                           "20 characters)")
    mode.add_argument("--solo", action="store_true",
                      help="solo drill: compressed time, feedback after each decision, "
                           "a fresh variation each drill")
    run.add_argument("--no-briefing", action="store_true",
                     help="start on the dashboard with the clock running")
    run.add_argument("--facilitator", default=None, metavar="NAME",
                     help="who facilitates, named in the after-action report")


def _port(text: str) -> int:
    return _whole(text, 0, 65535, "a port (0: any free port)")


def _add_serve(sub: Parsers) -> None:
    serve = sub.add_parser(
        "serve", parents=[_store_options(), _screen_options()],
        help="serve the app (or the room's view) to a local browser",
        description="Serve a new run of SCENARIO (each browser tab its own run), or the room's "
                    "view of a session with --present, to a browser on this machine. Prints "
                    "the URL to open; it carries a token, and add ?fontsize=24 for larger text. "
                    "Needs the serve extra: pip install 'tabletop[serve]'.")
    _run_arguments(serve)
    # const 0: no session has that id, so it stands for "the latest" (a str const would be
    # converted by `type` and refused).
    serve.add_argument("--present", nargs="?", const=0, default=None, metavar="SESSION",
                       type=_session_id,
                       help="serve the room's view of SESSION (default: the latest) instead")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=_port, default=8000,
                       help="port to listen on (default 8000; 0: any free port)")


def _add_handouts(sub: Parsers) -> None:
    handouts = sub.add_parser(
        "handouts", help="printable handouts: the situation manual, a page per role, round "
                         "cards, the forms and a facilitator sheet (HTML)")
    handouts.add_argument("scenario", type=_scenario_ref, help="bundled scenario id or path")
    handouts.add_argument("-o", "--output", required=True, type=_output_file,
                          metavar="FILE.html")
    handouts.add_argument("--cards", action="store_true",
                          help="write the inject and evidence cards instead, four to a page, "
                               "for a room without a projector")


def _add_present(sub: Parsers) -> None:
    present = sub.add_parser("present", parents=[_store_options()],
                             help="the room's view of a live session, for the projector "
                                  "(read-only; run the exercise in another window)")
    present.add_argument("session", nargs="?", type=_session_id, default=None,
                         help="session id (default: the latest, and the next one started)")
    present.add_argument("--theme", default="projector",
                         help="Textual theme (default: projector)")


def _add_resume(sub: Parsers) -> None:
    resume = sub.add_parser("resume", parents=[_store_options(), _screen_options()],
                            help="go on with a saved session exactly where it stopped")
    resume.add_argument("session", nargs="?", type=_session_id, default=None,
                        help="session id (default: the latest)")
    resume.add_argument("--import", dest="import_file", metavar="FILE", default=None,
                        help="first put back the events a quit wrote to FILE when the store "
                             "could not take them (checked against the session; exit 2 if "
                             "they do not follow it)")


def _add_sessions(sub: Parsers) -> None:
    sessions = sub.add_parser("sessions", parents=[_store_options()],
                              help="list saved sessions")
    sessions.add_argument("--scenario", default=None, help="only this scenario id")


def _add_history(sub: Parsers) -> None:
    history = sub.add_parser("history", parents=[_store_options()],
                             help="past solo drill scores, with the trend")
    history.add_argument("scenario", nargs="?", default=None, help="scenario id")


def _add_report(sub: Parsers) -> None:
    report = sub.add_parser("report", parents=[_store_options()],
                            help="the after-action report of a session")
    report.add_argument("session", nargs="?", type=_session_id, default=None,
                        help="session id (default: the latest)")
    report.add_argument("--format", choices=("md", "html", "json"), default="md")
    report.add_argument("-o", "--output", default=None, type=_output_file, metavar="FILE",
                        help="write to FILE (default: stdout)")


def _add_timeline(sub: Parsers) -> None:
    timeline = sub.add_parser("timeline", help="draw a scenario's timeline board as SVG")
    timeline.add_argument("scenario", type=_scenario_ref, help="bundled scenario id or path")
    timeline.add_argument("-o", "--output", required=True, type=_output_file, metavar="FILE.svg")


def _add_list(sub: Parsers) -> None:
    sub.add_parser("list", help="list the bundled scenarios")


def _add_validate(sub: Parsers) -> None:
    validate = sub.add_parser("validate", help="check scenario files")
    validate.add_argument("files", nargs="+", metavar="FILE", type=_named("a scenario file"))
    validate.add_argument("--drills", type=_drills, default=0, metavar="N",
                          help="also draw N solo drills (seeds 0 to N-1) and report how many "
                               "keep the scenario's story at the first draw, and what broke "
                               "the others")


def _add_schema(sub: Parsers) -> None:
    sub.add_parser("schema", help="print the scenario format as JSON Schema")


def _add_simulate(sub: Parsers) -> None:
    sim = sub.add_parser(
        "simulate", help="play a scenario headless and print the score card",
        description="Play a scenario headless. Actions are MINUTE:ACTION[:EVIDENCE,...[:CHECK,...]]"
                    "; write a negative minute as --action=-5:approve.")
    sim.add_argument("scenario", type=_scenario_ref, help="bundled scenario id or path")
    stream = sim.add_mutually_exclusive_group()
    stream.add_argument("--seed", type=_seed, default=None,
                        help="seed of the simulated item stream, a whole number from 0")
    stream.add_argument("--drill", type=_seed, default=None, metavar="SEED",
                        help="play the solo drill this seed draws (its stream seed and "
                             "varied values, as run --solo --seed SEED would)")
    # Actions and steering share one list, so a minute that holds both keeps their order.
    sim.add_argument("--action", dest="steps", action="append", default=[],
                     type=_tagged("action"), metavar="MINUTE:ACTION[:EVIDENCE]")
    sim.add_argument("--steer", dest="steps", action="append", type=_tagged("steer"),
                     metavar="MINUTE:KIND:INJECT[:JSON]",
                     help="the facilitator's steering (hold, forward, branch, inject), as the "
                          "debrief's replay line writes it")
    sim.add_argument("--statement", action="append", default=[], metavar="MINUTE:REQUEST:TEXT")
    sim.add_argument("--json", action="store_true", help="print the result as JSON")


def _tagged(kind: str) -> Callable[[str], tuple[str, str]]:
    """An option's text with the kind of step it gives (`simulate`'s shared list)."""
    return lambda text: (kind, text)


def _add_gates(sub: Parsers) -> None:
    gates = sub.add_parser(
        "gates", parents=[_store_options()],
        help="replay a release gate design on a scenario's incident and a healthy release",
        description="Replay a gate design (the scenario's own without --gates) on the incident "
                    "(nobody acting, or a saved session's actions) and on a healthy release.")
    gates.add_argument("scenario", type=_scenario_ref, help="bundled scenario id or path")
    gates.add_argument("--gates", default=None, metavar="FILE", type=_named("a gate design"),
                       help="a gate design file (default: the scenario's own)")
    gates.add_argument("--session", type=_session_id, default=None, metavar="ID",
                       help="replay with the actions of this saved session")
    gates.add_argument("--json", action="store_true", help="print the result as JSON")
    gates.add_argument("--export", default=None, metavar="FOLDER",
                       help="also write the design's GitHub Actions workflow and playbook there")


COMMANDS: dict[str, Callable[[Parsers], None]] = {
    "run": _add_run, "resume": _add_resume, "present": _add_present,
    "sessions": _add_sessions,
    "history": _add_history, "report": _add_report, "timeline": _add_timeline,
    "list": _add_list, "validate": _add_validate, "schema": _add_schema,
    "simulate": _add_simulate, "serve": _add_serve, "handouts": _add_handouts,
    "gates": _add_gates,
}
"""Each subcommand and what adds it, in the order `tabletop --help` lists them."""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every subcommand, or with `only` that one.

    Building all ten costs a few milliseconds of first paint, so `main` builds only the
    command it was given (`command_in`); help and mistakes get the whole parser.
    """
    parser: argparse.ArgumentParser = _Parser(
        prog="tabletop",
        description="Tabletop exercises for AI model release incidents. "
                    "With no command, runs the default scenario.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, add in COMMANDS.items():
        if only is None or name == only:
            add(sub)
    return parser


def command_in(argv: Sequence[str]) -> str | None:
    """The subcommand named first in `argv`, if it is one; None for anything else (no
    command, `--help`, a misspelling), which the whole parser then answers."""
    return argv[0] if argv and argv[0] in COMMANDS else None


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """The parsed command line; `tabletop` alone runs the default scenario."""
    return build_parser(command_in(argv) or ("run" if not argv else None)).parse_args(argv)
