"""A scenario from another domain shows no word that only the bundled scenarios use.

`tests/scenarios/content-moderation-release.yaml` was written from docs/ alone. Whatever it
shows, headless or on a screen, comes from its own file or from the app's own vocabulary; a
word that only the two bundled scenarios use can only have come from code that still speaks
their domain ("Routed to", "Manual overrides", "feature flag ON"), so the test names it.

The bundled-only vocabulary is computed, not listed: every word of the bundled scenarios (their
texts, ids, and names of classes, segments and points), less the third scenario's words and
the app's own words that the bundled files happen to use as well (`APP_WORDS`).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from tabletop.cli import main
from tabletop.exercise.clock import FakeTime
from tabletop.exercise.replay import parse_action, parse_statement, play
from tabletop.reports.facts import build_report
from tabletop.reports.markdown import to_markdown
from tabletop.scenario.bundled import bundled_scenarios
from tabletop.scenario.loader import load_scenario
from tabletop.ui.factory import create_app
from tabletop.ui.screens.action_dialog import ActionDialog
from tabletop.ui.screens.announcement import AnnouncementScreen
from tabletop.ui.screens.debrief import DebriefScreen
from tabletop.ui.screens.help import HelpScreen
from tabletop.ui.screens.statement_dialog import StatementDialog

from .ui.helpers import (
    SIZE,
    close_announcements,
    fill_action_dialog,
    paused_at,
    screen_text,
    until_on,
)

THIRD = Path(__file__).parent / "scenarios" / "content-moderation-release.yaml"
"""A release in another domain: an LLM moderator, posts, verdicts, reviewer reversals."""

ACTIONS = ("--action=-5:approve:m-load-test", "--action=37:widen:m-all-clear",
           "--action=52:revert:m-missed-crisis,m-shadow-caught")
"""A run that falls for the trap twice and reverts late, so every score-card line speaks."""
STATEMENT = ("--statement=55:transparency-note:v5 missed self-harm posts in comments; we "
             "reverted to v4; next update within the hour")

APP_WORDS = frozenset({
    # the dashboard's own words: panels, captions, the prompt bar
    "new", "last", "min", "since", "scheduled", "health", "error", "rate", "alert", "log",
    "priority",
    # the dialogs' and the help screen's
    "take", "action", "actions", "checks", "prompt", "prompts", "deadline", "sent", "close",
    "let", "list", "show", "pause", "faster", "minute", "without", "anything", "command",
    "simulate", "then", "full", "come", "item", "true", "material", "checked", "affected",
    "comes",
    # the debrief's, simulate's and the report's
    "score", "out", "case", "deployment", "end", "answers", "will", "stop", "report",
    "exercise", "details", "result", "state", "ran", "stopped", "worse", "than", "missing",
    "total", "wrong", "says", "caused", "server",
    # HSEEP's capability ratings in the report ("unable to be performed")
    "be",
    # what the app writes into evidence templates ({overrides_phrase}, {..._words}, ...)
    "rise", "fall", "increase", "hold", "level", "all", "both", "it", "miss", "misses", "any",
    "such",
    "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
})
"""The app's own vocabulary, where the bundled files use the same words.

Every screen shows these for any scenario; none of them names a domain. A word added here
must be one the app would show for a scenario about anything."""


def words(text: str) -> set[str]:
    """The lower-cased words of `text` (letters only; `v5's` is `v` and `s`, both dropped)."""
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 1}


FORMAT_KEYED = ("weights", "variation")
"""Mappings keyed by the format's names (harm counters, stream parameters), not the scenario's."""


def _texts(value: object, keys: bool = True) -> Iterator[str]:
    """Every text a scenario file gives: its fields' values (but not the defaults of fields it
    left out, which are the code's words, nor the figures its evidence quotes as `{name}`), and
    the keys of its mappings (class and segment names, the points a statement must make)."""
    if isinstance(value, str):
        yield re.sub(r"{\w+}", " ", value)
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            if getattr(value, f.name) != _default(f):
                yield from _texts(getattr(value, f.name), keys=f.name not in FORMAT_KEYED)
    elif isinstance(value, dict):
        for key, item in value.items():
            if keys:
                yield from _texts(key)
            yield from _texts(item)
    elif isinstance(value, tuple):
        for item in value:
            yield from _texts(item)


def _default(f: dataclasses.Field[object]) -> object:
    """A field's default value; a marker no value equals when it has none."""
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return dataclasses.MISSING


def scenario_words(path: Path) -> set[str]:
    """The words of a scenario file, as loaded."""
    return set().union(*(words(text) for text in _texts(load_scenario(path))))


@functools.cache
def bundled_only() -> frozenset[str]:
    """Words the bundled scenarios use that the third scenario and the app's own words do not
    (computed once: each screen's text is checked against it)."""
    bundled = set().union(*(scenario_words(path) for path in bundled_scenarios().values()))
    return frozenset(bundled - scenario_words(THIRD) - APP_WORDS)


def leaks(shown: str) -> dict[str, str]:
    """Each bundled-only word in `shown`, with the line it appears on."""
    vocabulary = bundled_only()
    found: dict[str, str] = {}
    for line in shown.splitlines():
        for word in words(line) & vocabulary:
            found.setdefault(word, " ".join(line.split()))
    return found


ISSUE_FINDINGS = (
    "feature flag ON", "Ticket routing", "Request routing", "Routed to", "Override",
    "queues: last 20 min", "Manual overrides", "accuracy: share not overridden",
    "Write the statement the communications team asked for.",
    "healthy latency and uptime say nothing about wrong labels", "failed requests",
)
"""What issue 9 found on screen in a scenario written from the docs; the vocabulary must
catch each of them, or the test below could not fail on it."""


def test_the_bundled_only_vocabulary_catches_every_word_the_issue_found() -> None:
    vocabulary = bundled_only()
    assert [f for f in ISSUE_FINDINGS if not words(f) & vocabulary] == []


def test_played_headless_the_third_scenario_prints_no_bundled_word(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", str(THIRD), *ACTIONS, STATEMENT]) == 0
    shown = [capsys.readouterr().out]
    assert main(["simulate", str(THIRD), *ACTIONS, STATEMENT, "--json"]) == 0
    shown += _json_texts(json.loads(capsys.readouterr().out))  # its keys are the format's
    steps = [parse_action(a.removeprefix("--action=")) for a in ACTIONS]
    statements = [parse_statement(STATEMENT.removeprefix("--statement="))]
    exercise = play(load_scenario(THIRD), None, steps, statements)
    shown.append(to_markdown(build_report(exercise)))
    found = [f"{word!r} in {line!r}" for word, line in leaks("\n".join(shown)).items()]
    assert not found, "\n".join(found)


def _json_texts(value: object) -> Iterator[str]:
    """The texts of a JSON document, leaving out its keys."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _json_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_texts(item)


SHOWN_ON = {
    "briefing": "LLM moderator v5 launch",
    "announcement": "Round 1: launch review",
    "action dialog": "Approve with extra evaluations",
    "dashboard": "Hold at 20 %, revert to v4, or widen?",
    "statement dialog": "Transparency note to the safety council",
    "help": "Show this list of keys.",
    "debrief": "imminent-risk posts that missed crisis escalation",
}
"""A phrase each screen shows: proof that the screen was read, so that finding no bundled
word there means something."""


STEPS = tuple(parse_action(a.removeprefix("--action=")) for a in ACTIONS)
"""The run's actions, for the core to play up to where a screen is read."""


async def _read_the_opening(pilot: Pilot[None]) -> dict[str, str]:
    """A new run: its briefing, round 1's announcement and the action dialog."""
    shown = {"briefing": screen_text(pilot)}
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, AnnouncementScreen)
    shown["announcement"] = screen_text(pilot)
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ActionDialog)
    shown["action dialog"] = screen_text(pilot)
    return shown


async def _read_the_dashboard(pilot: Pilot[None]) -> dict[str, str]:
    """The dashboard as round 3 asks its question, once its announcement is closed."""
    await close_announcements(pilot)
    return {"dashboard": screen_text(pilot)}


async def _read_the_end(pilot: Pilot[None]) -> dict[str, str]:
    """The statement dialog, the help, and the debrief after the late revert."""
    await close_announcements(pilot)
    await pilot.press("s")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, StatementDialog)
    shown = {"statement dialog": screen_text(pilot)}
    for area, text in zip(dialog.query(TextArea), ("v5 missed self-harm posts",
                                                   "people posting in comments",
                                                   "in an hour"), strict=True):
        area.text = text
    await pilot.press("ctrl+s", "f1")
    await pilot.pause()
    assert isinstance(pilot.app.screen, HelpScreen)
    shown["help"] = screen_text(pilot)
    await pilot.press("escape", "a")
    await pilot.pause()
    await fill_action_dialog(pilot, "revert", ["m-missed-crisis", "m-shadow-caught"])
    await pilot.press("e", "y")
    await until_on(pilot, DebriefScreen)
    assert isinstance(pilot.app.screen, DebriefScreen)
    shown["debrief"] = screen_text(pilot)
    return shown


PARTS: dict[str, tuple[float | None, Callable[[Pilot[None]], Awaitable[dict[str, str]]]]] = {
    "opening": (None, _read_the_opening),
    "round 3": (37.0, _read_the_dashboard),
    "statement to debrief": (51.0, _read_the_end),
}
"""Each part of the run read on screen: the minute the core plays the run to (None: a new
run, on its briefing; the actions due before it are taken on the way) and what is read there."""


@pytest.mark.parametrize("part", PARTS)
async def test_on_every_screen_the_third_scenario_shows_no_bundled_word(part: str) -> None:
    minute, read = PARTS[part]
    scenario = load_scenario(THIRD)
    if minute is None:
        app = create_app(scenario, scenario_ref=THIRD.stem, time_source=FakeTime())
    else:
        app = paused_at(minute, scenario, ref=THIRD.stem,
                        steps=[s for s in STEPS if s.minute < minute]).app
    async with app.run_test(size=SIZE) as pilot:
        shown = await read(pilot)
    found = [f"{screen}: {word!r} in {line!r}"
             for screen, text in shown.items() for word, line in leaks(text).items()]
    assert not found, "\n".join(found)
    flat = {screen: " ".join(text.split()) for screen, text in shown.items()}
    assert [screen for screen in shown if SHOWN_ON[screen] not in flat[screen]] == []


def test_every_screen_is_read_by_one_part() -> None:
    assert set(SHOWN_ON) == {"briefing", "announcement", "action dialog", "dashboard",
                             "statement dialog", "help", "debrief"}
