"""The `tabletop` command line.

Textual is imported only by the commands that open a screen, so `list`, `validate`, `schema`
and `simulate` start fast and work without a terminal.
"""

from __future__ import annotations

import argparse
import gc
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tabletop.scenario.bundled import DEFAULT_SCENARIO, bundled_scenarios, resolve_scenario
from tabletop.scenario.errors import EXIT_BAD_INPUT, ScenarioError

if TYPE_CHECKING:
    from tabletop.exercise.engine import Exercise
    from tabletop.journal.store import Store
    from tabletop.scenario.model import Scenario
    from tabletop.scoring.rubric import ScoreCard

SCREEN_COMMANDS = frozenset({"run", "resume"})
"""Commands that open the app, whose start-up time is first paint."""


class UsageError(Exception):
    """Bad input on the command line, reported without a traceback."""


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
    run.add_argument("--seed", type=int, default=None, help="seed of the ticket stream")
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `tabletop` console script."""
    args = build_parser().parse_args(argv)
    if (args.command or "run") in SCREEN_COMMANDS:
        # Start-up creates a few hundred thousand objects that live as long as the app (Textual,
        # the scenario, the first frame), and the cyclic collector would trace them again and
        # again for nothing: about 60 ms of first paint. The app freezes them and collects
        # again once its first frame is on screen (TabletopApp.on_ready).
        gc.disable()
    try:
        return _dispatch(args)
    except ScenarioError as err:
        print(err, file=sys.stderr)  # file:line:col: first, so editors jump to it
        return EXIT_BAD_INPUT
    except UsageError as err:
        print(f"tabletop: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        gc.enable()


def _dispatch(args: argparse.Namespace) -> int:
    command = args.command or "run"
    if command == "list":
        return _list()
    if command == "validate":
        return _validate(args.files)
    if command == "schema":
        import json

        from tabletop.scenario.schema import scenario_schema

        print(json.dumps(scenario_schema(), indent=2))
        return 0
    if command == "simulate":
        return _simulate(args)
    if command == "timeline":
        return _timeline(args)
    if command == "run":
        return _run(args)
    if command in ("resume", "sessions", "history", "report"):
        from tabletop.journal.store import Store, StoreError

        try:
            with Store.open(getattr(args, "data_dir", None)) as store:
                return {"resume": _resume, "sessions": _sessions,
                        "history": _history, "report": _report}[command](args, store)
        except StoreError as err:
            raise UsageError(str(err)) from None
    raise UsageError(f"unknown command {command!r}")


def _load(ref: str) -> Scenario:
    from tabletop.scenario.cache import cache_dir, load_scenario_cached

    return load_scenario_cached(resolve_scenario(ref), cache_dir())


def _open_store(args: argparse.Namespace) -> Callable[[], Store]:
    """What opens the store, for the app to call once its first frame is on screen."""
    def open_store() -> Store:
        from tabletop.journal.store import Store

        return Store.open(getattr(args, "data_dir", None))

    return open_store


def _run(args: argparse.Namespace) -> int:
    # Each import sits where it is needed: start-up time is first paint (see bench/).
    ref = getattr(args, "scenario", DEFAULT_SCENARIO)
    scenario = _load(ref)
    solo = getattr(args, "solo", False)
    teams: tuple[str, ...] = ()
    if getattr(args, "teams", None):
        from tabletop.exercise.workshop import parse_teams

        try:
            teams = parse_teams(args.teams)
        except ValueError as err:
            raise UsageError(str(err)) from None
    from tabletop.journal.setup import mode_for
    from tabletop.ui.app import create_app  # Textual only when a screen opens

    app = create_app(scenario, scenario_ref=ref, seed=getattr(args, "seed", None),
                     speed=getattr(args, "speed", None),
                     theme=getattr(args, "theme", None),
                     pause_on_inject=not getattr(args, "no_pause", False),
                     briefing=not getattr(args, "no_briefing", False),
                     open_store=_open_store(args),
                     mode=mode_for(solo=solo, teams=teams), teams=teams)
    try:
        app.run()
    finally:
        if app.store is not None:
            app.store.close()
    return app.return_code or 0


def _resume(args: argparse.Namespace, store: Store) -> int:
    from tabletop.journal.store import restore

    session_id = args.session or store.latest_session_id(state="running") \
        or store.latest_session_id()
    if session_id is None:
        raise UsageError("no sessions saved yet; start one with: tabletop run")
    info = store.session(session_id)
    session = restore(store, session_id, _load(info.scenario_ref))
    from tabletop.ui.app import resume_app

    app = resume_app(session, theme=args.theme, pause_on_inject=not args.no_pause)
    app.run()
    return app.return_code or 0


def _timeline(args: argparse.Namespace) -> int:
    from tabletop.reports.board import timeline_svg

    svg = timeline_svg(_load(args.scenario))
    _write(args.output, svg)
    print(f"wrote {args.output}")
    return 0


def _write(output: str, text: str) -> None:
    try:
        Path(output).write_bytes(text.encode("utf-8"))
    except OSError as err:
        raise UsageError(f"cannot write {output}: {err.strerror}") from None


def _sessions(args: argparse.Namespace, store: Store) -> int:
    from tabletop.exercise.clock import fmt_minute

    rows = store.list_sessions(args.scenario)
    if not rows:
        print(f"No sessions saved yet in {store.path.parent}.")
        return 0
    print(f"{'id':>4}  {'scenario':<28} {'mode':<9} {'started (UTC)':<17} {'state':<8} score")
    for info in rows:
        started = info.started_at.replace("T", " ")[:16]
        score_text = (f"{info.total:g}/{info.max:g} {info.grade}" if info.total is not None
                      and info.max is not None else f"at {fmt_minute(info.last_minute or 0)}")
        print(f"{info.id:>4}  {info.scenario_id:<28} {info.mode:<9} {started:<17} "
              f"{info.state:<8} {score_text}")
    return 0


_SPARKS = "▁▂▃▄▅▆▇█"


def _history(args: argparse.Namespace, store: Store) -> int:
    drills = [i for i in reversed(store.list_sessions(args.scenario, mode="solo"))
              if i.ended and i.total is not None and i.max]
    if not drills:
        which = f" of {args.scenario}" if args.scenario else ""
        print(f"No finished solo drills{which} yet. Start one: tabletop run --solo")
        return 0
    percents = [i.total / i.max * 100 for i in drills if i.total is not None and i.max]
    for info, percent in zip(drills, percents, strict=True):
        started = info.started_at.replace("T", " ")[:16]
        bar = "█" * round(percent / 5)
        print(f"{info.id:>4}  {started}  {info.scenario_id:<28} {percent:5.1f} %  "
              f"{info.grade or '':<2} {bar}")
    trend = "".join(_SPARKS[min(7, int(p / 100 * 8))] for p in percents)
    change = percents[-1] - percents[0]
    print(f"trend {trend}  {len(percents)} drills, best {max(percents):.1f} %, "
          f"latest {percents[-1]:.1f} % ({change:+.1f} points since the first)")
    return 0


def _report(args: argparse.Namespace, store: Store) -> int:
    from tabletop.reports import report as reports

    session_id = args.session or store.latest_session_id()
    if session_id is None:
        raise UsageError("no sessions saved yet; run an exercise first")
    info = store.session(session_id)
    scenario = _load(info.scenario_ref)
    built = reports.report_for_session(store, session_id, scenario)
    render = {"md": reports.to_markdown, "html": reports.to_html, "json": reports.to_json}
    text = render[args.format](built)
    if args.output:
        _write(args.output, text)
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def _list() -> int:
    from tabletop.scenario.loader import load_scenario

    for ident, path in bundled_scenarios().items():
        scenario = load_scenario(path)
        print(f"{ident:<30} {scenario.duration_minutes:>4g} min  {scenario.title}")
    return 0


def _validate(files: list[str]) -> int:
    from tabletop.scenario.loader import ScenarioError, load_scenario

    failed = False
    for name in files:
        try:
            scenario = load_scenario(Path(name))
        except ScenarioError as err:
            print(err, file=sys.stderr)
            failed = True
        else:
            print(f"{name}: ok ({scenario.id}, {len(scenario.injects)} injects, "
                  f"{len(scenario.rubric.criteria)} criteria)")
    return EXIT_BAD_INPUT if failed else 0


def _simulate(args: argparse.Namespace) -> int:
    from tabletop.exercise.engine import ActionError
    from tabletop.exercise.replay import parse_action, parse_statement, play
    from tabletop.scoring.rubric import score

    scenario = _load(args.scenario)
    try:
        steps = [parse_action(spec) for spec in args.action]
        statements = [parse_statement(spec) for spec in args.statement]
        exercise = play(scenario, args.seed, steps, statements)
    except (ValueError, ActionError, StopIteration) as err:
        raise UsageError(f"simulate: {err}") from None
    card = score(exercise)
    if args.json:
        import json

        print(json.dumps(result_json(exercise, card), indent=2))
    else:
        _print_run(exercise, card)
    return 0


def result_json(exercise: Exercise, card: ScoreCard) -> dict[str, Any]:
    """The `simulate --json` shape."""
    return {
        "scenario": exercise.scenario.id,
        "seed": exercise.seed,
        "total": card.total, "max": card.max, "percent": round(card.percent, 1),
        "grade": card.grade, "grade_label": card.grade_label,
        "criteria": [{"id": c.id, "title": c.title, "points": c.points, "max": c.max,
                      "why": c.why} for c in card.criteria],
        "harm": card.harm.as_dict(),
        "baseline_harm": card.baseline_harm.as_dict(),
        "best_harm": card.best_harm.as_dict(),
        "fired_injects": [{"id": f.inject.id, "minute": f.minute, "title": f.inject.title}
                          for f in exercise.fired],
        "decisions": [{"minute": d.minute, "action": d.action, "cited": list(d.cited),
                       "checks": list(d.checks)} for d in exercise.decisions],
    }


def _print_run(exercise: Exercise, card: ScoreCard) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from tabletop.exercise.clock import fmt_minute

    console = Console(highlight=False)
    scenario = exercise.scenario
    console.print(Text(scenario.title, style="bold"))
    rows: list[tuple[float, int, str, Text]] = []
    for fired in exercise.fired:
        text = Text(fired.inject.title, style="bold cyan")
        for evidence in fired.evidence:
            text.append(f"\n• {evidence.text} ", style="default")
            text.append(f"({evidence.tag})", style="dim")
        rows.append((fired.minute, 0, fmt_minute(fired.minute), text))
    for d in exercise.decisions:
        line = Text(f"ACTION {scenario.action(d.action).label}", style="bold yellow")
        if d.cited:
            line.append(f" citing {', '.join(d.cited)}", style="yellow")
        rows.append((d.minute, 1, fmt_minute(d.minute), line))
    for s in exercise.statements:
        title = scenario.statement_request(s.request).title
        rows.append((s.minute, 1, fmt_minute(s.minute), Text(f"SENT {title}", style="bold yellow")))
    timeline = Table.grid(padding=(0, 2))
    timeline.add_column(no_wrap=True)
    timeline.add_column(ratio=1)
    for _, _, when, text in sorted(rows, key=lambda r: (r[0], r[1])):
        timeline.add_row(when, text)
    console.print(timeline)
    labels = scenario.harm_labels
    harm = Table(title="Harm, deployment to end", title_justify="left")
    for column in ("", "this run", "nobody acted", "best case"):
        harm.add_column(column, justify="right" if column else "left")
    for name, count in card.harm.as_dict().items():
        if count or card.baseline_harm.as_dict()[name]:
            harm.add_row(getattr(labels, name), str(count),
                         str(card.baseline_harm.as_dict()[name]),
                         str(card.best_harm.as_dict()[name]))
    console.print(harm)
    table = Table(title="Score card", title_justify="left", show_lines=True)
    table.add_column("criterion")
    table.add_column("points", justify="right")
    table.add_column("why", ratio=1)
    for criterion in card.criteria:
        table.add_row(criterion.title, f"{criterion.points:g}/{criterion.max:g}",
                      Text(criterion.why))
    table.add_row(Text("Total", style="bold"), Text(f"{card.total:g}/{card.max:g}", style="bold"),
                  Text(f"Grade {card.grade}: {card.grade_label}", style="bold"))
    console.print(table)


if __name__ == "__main__":
    raise SystemExit(main())
