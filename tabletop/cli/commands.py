"""What each command does. Imports sit inside the commands: `run` and `resume` start the app,
whose first paint is a benchmarked budget, and the others need no Textual."""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tabletop.base.text import bounded
from tabletop.base.words import fmt_minute, out_of, percent
from tabletop.cli.apps import refuse_a_file_in_the_way, run_app
from tabletop.cli.errors import UsageError
from tabletop.cli.output import say
from tabletop.scenario.bundled import DEFAULT_SCENARIO, bundled_scenarios, resolve_scenario
from tabletop.scenario.errors import EXIT_BAD_INPUT, ScenarioError

if TYPE_CHECKING:
    from tabletop.journal.store import Store
    from tabletop.scenario.model import Scenario


def dispatch(args: argparse.Namespace) -> int:
    """Run the parsed command; returns its exit status."""
    command = args.command or "run"
    if command == "list":
        return _list()
    if command == "validate":
        return _validate(args.files, getattr(args, "drills", 0))
    if command == "schema":
        import json

        from tabletop.scenario.schema import scenario_schema

        say(json.dumps(scenario_schema(), indent=2))
        return 0
    if command == "simulate":
        return _simulate(args)
    if command == "timeline":
        return _timeline(args)
    if command == "handouts":
        return _handouts(args)
    if command == "gates":
        from tabletop.cli.gates import gates_command

        return gates_command(args, _load)
    if command == "serve":
        from tabletop.cli.serve import serve_command

        return serve_command(args, _load)
    if command == "run":
        return _run(args)
    if command == "present":
        from tabletop.ui.factory import room_app

        _check_present(args)

        app = room_app(getattr(args, "data_dir", None), args.session, args.theme, _load)
        return run_app(app)
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


def _check_present(args: argparse.Namespace) -> None:
    """A session named to `present` exists, as for `resume` and `report` (exit 2 if not)."""
    if args.session is None:
        return  # the newest, or the next one started: the view waits for it
    from tabletop.journal.store import DB_NAME, Store, StoreError, data_dir

    if not (data_dir(getattr(args, "data_dir", None)) / DB_NAME).exists():
        raise UsageError(f"no session {args.session}; no sessions saved yet")
    try:
        with Store.open(getattr(args, "data_dir", None)) as store:
            store.session(args.session)
    except StoreError as err:
        raise UsageError(str(err)) from None


def _open_store(args: argparse.Namespace) -> Callable[[], Store]:
    """What opens the store, for the app to call once its first frame is on screen."""
    def open_store() -> Store:
        from tabletop.journal.store import Store

        return Store.open(getattr(args, "data_dir", None))

    return open_store


def _run(args: argparse.Namespace) -> int:
    # Each import sits where it is needed: start-up time is first paint (see bench/).
    refuse_a_file_in_the_way(args)
    ref = getattr(args, "scenario", DEFAULT_SCENARIO)
    scenario = _load(ref)
    solo = getattr(args, "solo", False)
    teams: tuple[str, ...] = ()
    # `--teams ""` asks for a workshop too: refused like any list without a name, never a
    # quiet run with one team.
    if getattr(args, "teams", None) is not None:
        from tabletop.exercise.workshop import parse_teams

        try:
            teams = parse_teams(args.teams)
        except ValueError as err:
            raise UsageError(str(err)) from None
    if getattr(args, "seed", None) is not None and not solo:
        _check_story(scenario, args.seed)
    from tabletop.journal.setup import mode_for
    from tabletop.ui.factory import create_app  # Textual only when a screen opens

    drill_errors: tuple[type[Exception], ...] = ()
    if solo:  # a drill seed none of whose draws keeps the story
        from tabletop.exercise.variation import StoryError

        drill_errors = (StoryError,)
    try:
        app = create_app(scenario, scenario_ref=ref, seed=getattr(args, "seed", None),
                         speed=getattr(args, "speed", None),
                         theme=getattr(args, "theme", None),
                         pause_on_inject=not getattr(args, "no_pause", False),
                         briefing=not getattr(args, "no_briefing", False),
                         open_store=_open_store(args),
                         mode=mode_for(solo=solo, teams=teams), teams=teams,
                         facilitator=getattr(args, "facilitator", None) or "")
    except drill_errors as err:
        raise UsageError(str(err)) from None
    try:
        return run_app(app)
    finally:
        if app.store is not None:
            app.store.close()


def _check_story(scenario: Scenario, seed: int) -> None:
    """A chosen seed whose stream breaks the scenario's story would tell the room a different
    story (round 2 saying a figure falls where the scenario means it to rise): refused."""
    from tabletop.exercise.story import story_breaks

    broken = story_breaks(scenario, seed)
    if broken:
        raise UsageError(f"--seed {seed} breaks the scenario's story: "
                         f"{'; '.join(b.describe() for b in broken)}; leave --seed out "
                         "(the scenario's own seed keeps it) or choose another")


def _resume(args: argparse.Namespace, store: Store) -> int:
    """Go on with a saved session: this process its one writer (another tabletop that has it
    open is named, exit 2), nothing written into a damaged store."""
    from tabletop.journal.restore import restore
    from tabletop.journal.sqlite_journal import SqliteJournal

    session_id = args.session or store.latest_session_id(state="running") \
        or store.latest_session_id()
    if args.import_file:  # events a quit wrote to a file go back first, checked
        session_id = _import(args, store)
    if session_id is None:
        raise UsageError("no sessions saved yet; start one with: tabletop run")
    info = store.session(session_id)
    store.check()
    store.claim(session_id)  # released when the store closes
    session = restore(store, session_id, _load(info.scenario_ref))
    from tabletop.ui.factory import resume_app

    app = resume_app(session, theme=args.theme, pause_on_inject=not args.no_pause)

    if isinstance(session.journal, SqliteJournal):
        session.journal.on_fault = app.saving.tell_room
    ballot = session.voting.ballot
    if ballot is not None:  # stopped mid-vote: the votes in are back, and the vote goes on
        waiting = ballot.waiting(session.teams)
        then = f"{waiting[0]}'s vote" if waiting else "the tally"
        app.notify(f"A vote is open: {', '.join(v.team for v in ballot.votes)} voted. The "
                   f"clock stays stopped until the room decides; press a to go on with "
                   f"{then}.", title="Vote open", timeout=60, markup=False)
    return run_app(app)


def _import(args: argparse.Namespace, store: Store) -> int:
    """Put back the events a quit wrote to a file (`journal.pending`); their session's id."""
    from pathlib import Path

    from tabletop.journal.pending import import_pending

    store.check()  # nothing written into a damaged store
    return import_pending(store, Path(args.import_file), _load, args.session)


def _timeline(args: argparse.Namespace) -> int:
    from tabletop.reports.board import timeline_svg

    svg = timeline_svg(_load(args.scenario))
    _write(args.output, svg)
    say(f"wrote {args.output}")
    return 0


def _handouts(args: argparse.Namespace) -> int:
    from tabletop.reports.handouts import handouts_html
    from tabletop.reports.inject_cards import cards_html

    scenario = _load(args.scenario)
    _write(args.output, cards_html(scenario) if args.cards else handouts_html(scenario))
    say(f"wrote {args.output}")
    return 0


def _write(output: str, text: str) -> None:
    try:
        Path(output).write_bytes(text.encode("utf-8"))
    except OSError as err:
        raise UsageError(f"cannot write {output}: {err.strerror}") from None


def _sessions(args: argparse.Namespace, store: Store) -> int:
    """The saved sessions; in a damaged store, those SQLite can still read, then the one-line
    message on what to do (exit 2)."""

    rows, fault = store.readable_sessions(args.scenario)
    given = store.ids_given()
    if not rows and fault is None and given and store.latest_session_id() is None:
        from tabletop.journal.faults import MOVE_ASIDE

        say(f"tabletop: {store.path}: looks damaged (it gave {given} session ids and holds no "
            f"session); {MOVE_ASIDE}", error=True)
        return EXIT_BAD_INPUT
    if not rows and fault is None:
        others = len(store.list_sessions()) if args.scenario else 0
        say(f"No sessions of scenario {bounded(args.scenario)} in {store.path.parent} "
            f"({others} of other scenarios: tabletop sessions lists them)." if others
            else f"No sessions saved yet in {store.path.parent}.")
        return 0
    if rows:
        say(f"{'id':>4}  {'scenario':<28} {'mode':<9} {'started (UTC)':<17} {'state':<8} "
              "score")
    for info in rows:
        started = info.started_at.replace("T", " ")[:16]
        if not info.readable:
            score_text = "unreadable"
        elif info.total is not None and info.max is not None:
            score_text = f"{out_of(info.total, info.max)} {info.grade}"
        elif info.last_minute is None:
            score_text = "not started"
        else:
            score_text = f"at {fmt_minute(info.last_minute)}"
        say(f"{info.id:>4}  {info.scenario_id:<28} {info.mode:<9} {started:<17} "
              f"{info.state:<8} {score_text}")
    if fault is not None:
        shown = "Listed above: the sessions still readable in it." if rows else \
            "No session in it can be read."
        say(f"tabletop: {fault}. {shown}", error=True)
        return EXIT_BAD_INPUT
    return 0


_SPARKS = "▁▂▃▄▅▆▇█"


def _history(args: argparse.Namespace, store: Store) -> int:
    drills = [i for i in reversed(store.list_sessions(args.scenario, mode="solo"))
              if i.ended and i.total is not None and i.max]
    if not drills:
        which = f" of {args.scenario}" if args.scenario else ""
        command = shlex.join(["tabletop", "run", *([args.scenario] if args.scenario else []),
                              "--solo"])
        say(f"No finished solo drills{which} yet. Start one: {command}")
        return 0
    percents = [i.total / i.max * 100 for i in drills if i.total is not None and i.max]
    for info, share in zip(drills, percents, strict=True):
        started = info.started_at.replace("T", " ")[:16]
        bar = "█" * round(share / 5)
        say(f"{info.id:>4}  {started}  {info.scenario_id:<28} {share:5.1f} %  "
              f"{info.grade or '':<2} {bar}")
    trend = "".join(_SPARKS[min(7, int(p / 100 * 8))] for p in percents)
    change = percents[-1] - percents[0]
    best, latest = (percent(p / 100, places=1) for p in (max(percents), percents[-1]))
    say(f"trend {trend}  {len(percents)} drills, best {best}, latest {latest} "
          f"({change:+.1f} points since the first)")
    return 0


def _report(args: argparse.Namespace, store: Store) -> int:
    from tabletop.journal.restore import restore
    from tabletop.reports.facts import report_from_session
    from tabletop.reports.wording import with_real_time
    from tabletop.reports.writers import RENDERERS

    session_id = args.session or store.latest_session_id()
    if session_id is None:
        raise UsageError("no sessions saved yet; run an exercise first")
    info = store.session(session_id)
    session = restore(store, session_id, _load(info.scenario_ref))
    # Dated the day it was played, not the day the report is asked for.
    report = report_from_session(session, date=info.started_at[:10])
    text = RENDERERS[args.format](with_real_time(report, store.events(session_id)))
    if args.output:
        _write(args.output, text)
        say(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def _list() -> int:
    from tabletop.scenario.loader import load_scenario

    for ident, path in bundled_scenarios().items():
        scenario = load_scenario(path)
        say(f"{ident:<30} {scenario.duration_minutes:>4g} min  {scenario.title}")
    return 0


def _validate(files: list[str], drills: int = 0) -> int:
    """Each file loaded and checked, its own stream keeping its story; with `drills`, how
    many of that many solo drills keep the story at the first draw (exit 2 when one cannot)."""
    from tabletop.cli.gates import is_gate_design, validate_design
    from tabletop.exercise.story import story_checks
    from tabletop.scenario.loader import load_scenario

    failed = False
    for name in files:
        if is_gate_design(Path(name)):
            failed = not validate_design(Path(name), _load) or failed
            continue
        try:
            scenario = load_scenario(Path(name), story_checks)
        except ScenarioError as err:
            say(err, error=True)
            failed = True
            continue
        say(f"{name}: ok ({scenario.id}, {len(scenario.injects)} injects, "
              f"{len(scenario.rubric.criteria)} criteria, {len(scenario.story)} story lines)")
        if drills:
            from tabletop.cli.printers import print_survey
            from tabletop.exercise.variation import survey_drills

            survey = survey_drills(scenario, drills)
            print_survey(survey)
            failed = failed or bool(survey.unkept)
    return EXIT_BAD_INPUT if failed else 0


def _simulate(args: argparse.Namespace) -> int:
    from tabletop.cli.printers import print_run
    from tabletop.exercise.engine import ActionError
    from tabletop.exercise.replay import parse_action, parse_statement, parse_steer, play
    from tabletop.scoring.rubric import score

    scenario, seed, drill = _load(args.scenario), args.seed, None
    try:
        if getattr(args, "drill", None) is not None:
            from tabletop.exercise.variation import draw_drill

            drill = draw_drill(scenario, args.drill)  # StoryError is a ValueError
            scenario, seed = drill.scenario, drill.stream_seed
        steps = [parse_action(spec) if kind == "action" else parse_steer(spec)
                 for kind, spec in args.steps]
        statements = [parse_statement(spec) for spec in args.statement]
        exercise = play(scenario, seed, steps, statements)
    except (ValueError, ActionError, StopIteration) as err:
        raise UsageError(f"simulate: {err}") from None
    card = score(exercise)
    if args.json:
        import json

        from tabletop.reports.json_format import run_result

        say(json.dumps(run_result(exercise, card, drill), indent=2))
    else:
        from tabletop.reports.facts import build_report

        print_run(build_report(exercise, card), drill)
    return 0


