"""The command line's words: every subcommand, its arguments and their help."""

from __future__ import annotations

import argparse
import math

from tabletop.scenario.bundled import DEFAULT_SCENARIO

SCREEN_COMMANDS = frozenset({"run", "resume"})
"""Commands that open the app, whose start-up time is first paint."""


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError("must be a number more than 0")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="tabletop",
        description="Tabletop exercises for AI model release incidents. "
                    "With no command, runs the default scenario.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_play_commands(sub)
    _add_scenario_commands(sub)
    return parser


Subcommands = argparse._SubParsersAction  # argparse names no public type for it


def _add_play_commands(sub: Subcommands[argparse.ArgumentParser]) -> None:
    """run and resume, which open the app; sessions, history and report, which read the store."""
    store_options = argparse.ArgumentParser(add_help=False)
    store_options.add_argument(
        "--data-dir", default=None,
        help="where sessions are saved (default: $TABLETOP_DATA_DIR or the user data dir)")
    screen_options = argparse.ArgumentParser(add_help=False)
    screen_options.add_argument("--theme", default=None, help="Textual theme, e.g. projector")
    screen_options.add_argument("--no-pause", action="store_true",
                                help="keep the clock running when a round's evidence arrives")

    run = sub.add_parser("run", parents=[store_options, screen_options],
                         help="open a scenario on the dashboard")
    run.add_argument("scenario", nargs="?", default=DEFAULT_SCENARIO,
                     help="bundled scenario id or path to a scenario file")
    run.add_argument("--speed", type=_positive, default=None,
                     help="scenario minutes per real minute (60: one minute a second; "
                          "default 1, or the whole scenario in about 10 minutes with --solo)")
    run.add_argument("--seed", type=int, default=None, help="seed of the simulated item stream")
    mode = run.add_mutually_exclusive_group()
    mode.add_argument("--teams", default=None, metavar="NAMES",
                      help='workshop mode: "Red,Blue,Green" (up to 8 teams)')
    mode.add_argument("--solo", action="store_true",
                      help="solo drill: compressed time, feedback after each decision, "
                           "a fresh variation each drill")
    run.add_argument("--no-briefing", action="store_true",
                     help="start on the dashboard with the clock running")
    resume = sub.add_parser("resume", parents=[store_options, screen_options],
                            help="go on with a saved session exactly where it stopped")
    resume.add_argument("session", nargs="?", type=int, default=None,
                        help="session id (default: the latest)")

    sessions = sub.add_parser("sessions", parents=[store_options], help="list saved sessions")
    sessions.add_argument("--scenario", default=None, help="only this scenario id")
    history = sub.add_parser("history", parents=[store_options],
                             help="past solo drill scores, with the trend")
    history.add_argument("scenario", nargs="?", default=None, help="scenario id")
    report = sub.add_parser("report", parents=[store_options],
                            help="the after-action report of a session")
    report.add_argument("session", nargs="?", type=int, default=None,
                        help="session id (default: the latest)")
    report.add_argument("--format", choices=("md", "html", "json"), default="md")
    report.add_argument("-o", "--output", default=None, help="write to FILE (default: stdout)")


def _add_scenario_commands(sub: Subcommands[argparse.ArgumentParser]) -> None:
    """Commands on a scenario file alone: timeline, list, validate, schema, simulate."""
    timeline = sub.add_parser("timeline", help="draw a scenario's timeline board as SVG")
    timeline.add_argument("scenario", help="bundled scenario id or path")
    timeline.add_argument("-o", "--output", required=True, metavar="FILE.svg")

    sub.add_parser("list", help="list the bundled scenarios")
    validate = sub.add_parser("validate", help="check scenario files")
    validate.add_argument("files", nargs="+", metavar="FILE")
    sub.add_parser("schema", help="print the scenario format as JSON Schema")

    sim = sub.add_parser(
        "simulate", help="play a scenario headless and print the score card",
        description="Play a scenario headless. Actions are MINUTE:ACTION[:EVIDENCE,...[:CHECK,...]]"
                    "; write a negative minute as --action=-5:approve.")
    sim.add_argument("scenario", help="bundled scenario id or path")
    sim.add_argument("--seed", type=int, default=None)
    sim.add_argument("--action", action="append", default=[], metavar="MINUTE:ACTION[:EVIDENCE]")
    sim.add_argument("--statement", action="append", default=[], metavar="MINUTE:REQUEST:TEXT")
    sim.add_argument("--json", action="store_true", help="print the result as JSON")
