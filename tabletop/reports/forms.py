"""The exercise's forms among the handouts, as HSEEP's and CTEP's printed packages carry them:
the situation manual's page (ground rules, assumptions and artificialities, the no-fault
statement), a sign-in sheet, a participant feedback form and a hot-wash sheet.

The rules and questions are the app's own words about any tabletop exercise; what is the
scenario's (its title, purpose, roles, learning goals, clock, debrief questions) comes from its
file. Each form is one `<section class="sheet ...">` of the handouts page (`handouts`).
"""

from __future__ import annotations

from collections.abc import Iterable

from tabletop.base.words import count, fmt_minute
from tabletop.reports.svg import esc
from tabletop.scenario.model import Scenario

GROUND_RULES = (
    "Respond as you would in a real incident, with what your role knows now; the room need "
    "not agree, and a split is worth saying out loud.",
    "Use the information you are given. If something is missing, say what you would do to "
    "find it, or decide without it.",
    "Evidence arrives round by round. Do not look ahead: each round's card is handed out as "
    "the round opens.",
    "Say why you decide: every decision is recorded with the evidence cited and the reasons "
    "given, and the debrief reads them.",
    "The facilitator keeps time and may pause the clock for discussion.",
)
"""How the room plays, for every scenario."""

NO_FAULT = (
    "This is a no-fault exercise. It tests plans, processes and the evidence they rely on, "
    "not people: nothing said or decided here is used to judge anyone's performance, and the "
    "after-action report names what the team and its processes can improve, not who is to "
    "blame.")
"""The statement the situation manual opens with."""

FEEDBACK_STATEMENTS = (
    "The scenario was realistic enough to reason about.",
    "The evidence in each round was enough to decide on.",
    "The time allowed for each decision was right.",
    "The facilitator kept the discussion on track.",
    "The exercise was worth the time it took.",
)
"""What every participant rates, on a scale of 1 (disagree) to 5 (agree)."""

FEEDBACK_QUESTIONS = (
    "The most important thing I learned:",
    "One change to our process I would make, and who should own it:",
    "What would improve this exercise:",
)
"""The feedback form's open questions."""

SIGN_IN_ROWS = 16
"""Blank rows of the sign-in sheet: a page's worth."""
PLAN_ROWS = 4
"""Blank rows of the hot-wash sheet's actions."""


def _sheet(scenario: Scenario, kind: str, heading: str, body: Iterable[str]) -> str:
    return "\n".join([f'<section class="sheet {kind}">',
                      f'<p class="kicker">{esc(scenario.title)}</p>',
                      f"<h1>{heading}</h1>", *body, "</section>"])


def _list(items: Iterable[str], tag: str = "ul") -> str:
    rows = "".join(f"<li>{esc(item)}</li>" for item in items)
    return f"<{tag}>{rows}</{tag}>" if rows else ""


def situation_manual(scenario: Scenario) -> str:
    """The situation manual's page for every participant: the no-fault statement, why the
    exercise is held, its ground rules, and its assumptions and artificialities."""
    body = [f'<p class="nofault">{esc(NO_FAULT)}</p>',
            "<h2>Purpose</h2>", f"<p>{esc(scenario.purpose)}</p>",
            "<h2>Learning goals</h2>", _list(scenario.learning_goals),
            "<h2>Ground rules</h2>", _list(GROUND_RULES, "ol"),
            "<h2>Assumptions and artificialities</h2>", _list(artificialities(scenario))]
    return _sheet(scenario, "manual", "Situation manual", body)


def artificialities(scenario: Scenario) -> list[str]:
    """What the exercise makes up or compresses, from the scenario's own figures."""
    span = scenario.end_minute - scenario.start_minute
    roles = ", ".join(role.title for role in scenario.roles)
    return [
        f"Time is compressed: the exercise clock runs from {fmt_minute(scenario.start_minute)} "
        f"to {fmt_minute(scenario.end_minute)} ({span:g} scenario minutes), and the "
        "facilitator may run it faster, pause it or move it on.",
        "The live figures are simulated: they follow the room's choices, and the same choices "
        "give the same figures.",
        f"Only the {count(len(scenario.roles), 'role')} at the table act ({roles}); everyone "
        "else appears through the rounds' evidence.",
        "The systems, people and messages are the scenario's, not your organisation's: where "
        "they differ, say what yours would do.",
    ]


def sign_in_sheet(scenario: Scenario) -> str:
    """Who took part: name, organisation, role at the table, contact."""
    head = ("<tr><th>Name</th><th>Organisation</th><th>Role at the table</th>"
            "<th>Email or phone</th></tr>")
    rows = "<tr><td></td><td></td><td></td><td></td></tr>" * SIGN_IN_ROWS
    body = ['<p class="fill">Date: ______________ &nbsp; Facilitator: '
            "______________________ &nbsp; Started: ________ &nbsp; Ended: ________</p>",
            f'<table class="form">{head}{rows}</table>']
    return _sheet(scenario, "signin", "Sign-in sheet", body)


def feedback_form(scenario: Scenario) -> str:
    """The participant feedback form: each statement and learning goal rated 1 to 5, then
    the open questions."""
    scale = "".join(f"<td class=\"box\">{n}</td>" for n in range(1, 6))
    statements = [*FEEDBACK_STATEMENTS,
                  *(f"After the exercise I am able to {goal.rstrip('.')}."
                    for goal in scenario.learning_goals)]
    rows = "".join(f"<tr><td>{esc(text)}</td>{scale}</tr>" for text in statements)
    body = ['<p class="fill">Role at the table: ______________________ (your name is not '
            "needed)</p>",
            '<p class="if">Circle one: 1 disagree, 5 agree.</p>',
            f'<table class="form rating">{rows}</table>',
            *(f'<h2>{esc(q)}</h2><div class="lines"></div>' for q in FEEDBACK_QUESTIONS)]
    return _sheet(scenario, "feedback", "Participant feedback form", body)


def hot_wash(scenario: Scenario) -> str:
    """The hot-wash sheet, filled in by the facilitator or a note-taker straight after play:
    strengths and areas for improvement per learning goal, the debrief's questions, and the
    actions agreed with an owner, organisation and dates."""
    body = ['<p class="if">Straight after play: what went well and what to improve, goal by '
            "goal, in the room's words.</p>"]
    for number, goal in enumerate(scenario.learning_goals, 1):
        body.append(f'<div class="goalbox"><h3>{number}. {esc(goal)}</h3>'
                    '<div class="two"><div><b>Strengths</b><div class="lines short"></div>'
                    '</div><div><b>Areas for improvement</b><div class="lines short"></div>'
                    "</div></div></div>")
    if scenario.debrief_questions:
        body += ["<h2>Debrief questions</h2>", _list(scenario.debrief_questions, "ol")]
    head = ("<tr><th>Action</th><th>Area for improvement</th><th>Owner</th>"
            "<th>Organisation</th><th>Start</th><th>Due</th></tr>")
    rows = "<tr>" + "<td></td>" * 6 + "</tr>"
    body += ["<h2>Actions agreed</h2>", f'<table class="form">{head}{rows * PLAN_ROWS}</table>']
    return _sheet(scenario, "hotwash", "Hot-wash sheet", body)
