"""A scenario whose every piece of text is hostile: markup, HTML and Markdown that must come out
as typed, wherever the command line, the reports and the screens show it.

Each field gets its own name in front of the same marks (`CRITERION [/][bold red]<script>...`),
so a test can say which field was lost or interpreted. The CLI, report and screen tests all
build on `hostile_scenario()`.
"""

from __future__ import annotations

import json
from functools import cache

from tabletop.exercise.clock import FakeTime
from tabletop.exercise.engine import Decision
from tabletop.exercise.replay import PlannedStatement, PlannedVotes
from tabletop.journal.session import Session
from tabletop.journal.setup import new_run, play_to
from tabletop.scenario.loader import parse_scenario
from tabletop.scenario.model import Scenario
from tests.helpers import FILE, MINI, mutate

MARKS = "[/][bold red]<script>&amp;|*_~`#!{"
"""Rich markup (a closing tag with nothing open, a style), an HTML tag and an entity, and the
characters Markdown and `str.format` treat specially."""
EVIDENCE_MARKS = MARKS.replace("{", "")
"""Evidence text is a template (`{figure}`), so it carries every mark but the brace."""


def hostile(name: str, marks: str = MARKS) -> str:
    """The hostile text of the field called `name`."""
    return f"{name} {marks}"


def _quoted(name: str, marks: str = MARKS) -> str:
    """`hostile(name)` as a YAML scalar (JSON's double-quoted strings are YAML's)."""
    return json.dumps(hostile(name, marks))


EVIDENCE = hostile("EVIDENCE", EVIDENCE_MARKS)
"""The text of the evidence item `overrides`."""
TEAMS = ("[red]Red*", "<b>Blue&amp;", "Green|[/]")
"""Team names for a workshop: markup, HTML and Markdown."""
PLAYER_TEXT = hostile("PLAYER")
"""What players type: justification, statement, debrief answers."""

# Field names that appear in the scenario below, each shown somewhere by the screens or reports.
TITLE = hostile("TITLE")
SUMMARY = hostile("SUMMARY")
GOAL = hostile("GOAL")
NOTE = hostile("NOTE")
QUESTION = hostile("QUESTION")
ROLE = hostile("ROLE")
BRIEF = hostile("BRIEF")
ROLE_PROMPT = hostile("ROLEPROMPT")
ACTION = hostile("ACTION")
"""The label of `freeze`."""
DESCRIPTION = hostile("DESCRIPTION")
"""The description of `freeze`."""
ROLLBACK = hostile("ROLLBACK")
"""The label of `rollback`."""
DECISION = hostile("DECISION")
"""The prompt of the decision point `halt`."""
CHECK = hostile("CHECK")
STATEMENT_TITLE = hostile("STATEMENTTITLE")
STATEMENT_PROMPT = hostile("STATEMENTPROMPT")
INJECT = hostile("INJECT")
"""The title of the inject `signals`."""
NARRATIVE = hostile("NARRATIVE")
INJECT_PROMPT = hostile("INJECTPROMPT")
CRITERION = hostile("CRITERION")
"""The title of the criterion `call`."""
WHY = hostile("WHY")
"""Why `freeze` after `signals` scores what it does."""
GRADE = hostile("GRADE")
"""The label of every grade band."""
HARM = hostile("HARM")
"""The label of the counter `critical_misrouted`."""
APPROVE = hostile("APPROVE")
"""The label of `approve`, the option that takes the checks."""
FEED = hostile("FEED")
FEED_COUNTS = hostile("FEEDCOUNTS")
CORRECTIONS = hostile("CORRECTIONS")
ACCURACY = hostile("ACCURACY")
LOG = hostile("LOG")
ASKED_BY = hostile("ASKEDBY")
COLUMN = "[b]<i>&|*"
"""A column heading of the live feed (at most 10 characters)."""
RUNBOOK = hostile("RUNBOOK")
EXTENSION = hostile("EXTENSION")

_FIELDS = [
    ("title: Mini release", f"title: {_quoted('TITLE')}"),
    ("summary: A candidate model misroutes urgent tickets outside English.",
     f"summary: {_quoted('SUMMARY')}"),
    ("learning_goals: [halt a harmful rollout]", f"learning_goals: [{_quoted('GOAL')}]"),
    ("facilitator_note: Keep it short.", f"facilitator_note: {_quoted('NOTE')}"),
    ('debrief_questions: ["What should have gated the release?"]',
     f"debrief_questions: [{_quoted('QUESTION')}]"),
    ("title: Release lead", f"title: {_quoted('ROLE')}"),
    ("brief: Decides.", f"brief: {_quoted('BRIEF')}"),
    ("signals: Halt or wait?", f"signals: {_quoted('ROLEPROMPT')}"),
    ("label: Freeze\n", f"label: {_quoted('ACTION')}\n    description: {_quoted('DESCRIPTION')}\n"),
    ("label: Roll back", f"label: {_quoted('ROLLBACK')}"),
    ("label: Approve\n", f"label: {_quoted('APPROVE')}\n"),
    ("options: [approve]\n", "options: [approve]\n    checks_with: approve\n"),
    ("prompt: Halt the rollout?", f"prompt: {_quoted('DECISION')}"),
    ("label: Urgent recall per language", f"label: {_quoted('CHECK')}"),
    ("title: Incident notice", f"title: {_quoted('STATEMENTTITLE')}"),
    ("prompt: Tell students what happened.", f"prompt: {_quoted('STATEMENTPROMPT')}"),
    ("title: Early signals\n",
     f"title: {_quoted('INJECT')}\n    narrative: {_quoted('NARRATIVE')}\n"
     f"    prompt: {_quoted('INJECTPROMPT')}\n"),
    ("text: manual overrides rise", f"text: {_quoted('EVIDENCE', EVIDENCE_MARKS)}"),
    ("title: The rollout call", f"title: {_quoted('CRITERION')}"),
    ("freeze: {points: 25, why: The right call.}",
     f"freeze: {{points: 25, why: {_quoted('WHY')}}}"),
    ("label: Good", f"label: {_quoted('GRADE')}"),
    ("label: Unsafe", f"label: {_quoted('GRADE')}"),
]

_EXTRA = f"""
harm_labels:
  critical_misrouted: {_quoted('HARM')}
terms:
  feed_title: {_quoted('FEED')}
  feed_counts: {_quoted('FEEDCOUNTS')}
  corrections_title: {_quoted('CORRECTIONS')}
  accuracy_means: {_quoted('ACCURACY')}
  log_title: {_quoted('LOG')}
  statements_from: {_quoted('ASKEDBY')}
  assigned_column: {json.dumps(COLUMN)}
runbook:
  - text: {_quoted('RUNBOOK')}
    done_by: [freeze]
extension_intro: {_quoted('EXTENSION')}
extension_activity: [{_quoted('EXTENSION')}]
"""


def hostile_yaml() -> str:
    """MINI with every field above made hostile."""
    text = MINI
    for old, new in _FIELDS:
        text = mutate(old, new, text)
    return text + _EXTRA


@cache
def hostile_scenario() -> Scenario:
    """The hostile scenario, parsed once."""
    return parse_scenario(hostile_yaml(), FILE)


LIST_LIKE = ("1. first, 2) second", "- a dash", "+ a plus", "=== underline")
"""Player text that begins as a Markdown list or heading would."""


def hostile_workshop() -> Session:
    """A workshop of the hostile scenario played to its end by the core: the hostile teams
    vote at the halt decision with a hostile justification, send a hostile statement, and
    answer the debrief, commit and plan in hostile words (some of them list-like)."""
    votes = tuple(Decision(0.0, action, ("overrides",), PLAYER_TEXT, "high", (), team)
                  for team, action in zip(TEAMS, ("freeze", "freeze", "rollback"), strict=True))
    session = new_run(hostile_scenario(), ref=FILE, mode="workshop", teams=TEAMS, seed=7,
                      time_source=FakeTime())
    play_to(session, 60.0, [PlannedVotes(11.0, votes)],
            [PlannedStatement(31.0, "notice", PLAYER_TEXT)])
    session.answer(0, PLAYER_TEXT)
    session.commit("stop", PLAYER_TEXT)
    session.commit("start", LIST_LIKE[0])
    session.commit("continue", LIST_LIKE[1])
    session.plan_row(0, PLAYER_TEXT, PLAYER_TEXT, PLAYER_TEXT)
    session.plan_row(1, LIST_LIKE[2], LIST_LIKE[3], "")
    session.end()
    return session
