"""An inject's condition in words, for the people who run the exercise: the handouts'
facilitator sheet and the facilitator's seat say it the same way."""

from __future__ import annotations

from collections.abc import Iterable

from tabletop.base.words import percent
from tabletop.scenario.model import Condition, Inject, Scenario

OUTCOME_WORDS = {"count": "{} in the last 20 minutes", "total": "{} since deployment",
                 "baseline": "{} in the 20 minutes before deployment",
                 "rate_percent": "the share of answers with {} in the last 20 minutes (%)"}
"""What each figure of a declared outcome counts (`templates.OUTCOME_FIGURES`), around its
label."""


def describe_condition(scenario: Scenario, inject: Inject) -> str:
    """When a conditional inject comes, in words ('' for a scheduled one)."""
    parts = ["if the candidate was deployed"] if inject.needs_deployment else []
    if inject.when is not None:
        parts += _condition_parts(scenario, inject.when)
    if inject.branch:  # `exercise.steering`: it waits for the facilitator
        return "a branch offered to the facilitator" + (f" {'; '.join(parts)}" if parts else "")
    return "; ".join(parts)


def _condition_parts(scenario: Scenario, when: Condition) -> list[str]:
    actions = {action.id: action.label for action in scenario.actions}
    checks = {check.id: check.label for point in scenario.decisions for check in point.checks}
    statements = {request.id: request.title for request in scenario.statements}

    def named(ids: Iterable[str], names: dict[str, str]) -> str:
        return " or ".join(names.get(each, each) for each in ids)

    parts = []
    if when.chose:
        parts.append(f"after the team chose {named(when.chose, actions)}")
    if when.checks:
        parts.append(f"if the team demanded {named(when.checks, checks)}")
    if when.cited_none:
        # Evidence by the inject that reveals it: an id means nothing on paper, and a figure
        # in its text would be the reference run's, not the room's.
        revealed_by = {e.id: f"'{i.title}'" for i in scenario.injects for e in i.evidence}
        sources = dict.fromkeys(revealed_by.get(each, each) for each in when.cited_none)
        parts.append(f"unless that decision cited evidence from {' or '.join(sources)}")
    if when.not_acted:
        parts.append(f"if nobody chose {named(when.not_acted, actions)} by then")
    if when.no_statement:
        parts.append(f"if {statements.get(when.no_statement, when.no_statement)} is "
                     "unanswered by then")
    if when.exposure_at_least is not None:
        parts.append(f"while the candidate serves at least {percent(when.exposure_at_least)}")
    if when.figure:
        bounds = [f"at least {when.at_least:g}" if when.at_least is not None else "",
                  f"at most {when.at_most:g}" if when.at_most is not None else ""]
        parts.append(f"once {figure_words(scenario, when.figure)} is "
                     f"{' and '.join(b for b in bounds if b)}")
    if when.deployed is not None:
        parts.append("if the candidate was deployed" if when.deployed
                     else "if a block held (the candidate was not deployed)")
    return parts


def figure_words(scenario: Scenario, name: str) -> str:
    """A figure an inject waits for, in words: a declared outcome's by its label."""
    for outcome in scenario.stream.outcomes:
        for part, words in OUTCOME_WORDS.items():
            if name == f"{outcome.id}_{part}":
                return words.format(outcome.label)
    return name.replace("_", " ")
