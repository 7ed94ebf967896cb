"""The scenario's words (`Scenario.terms`) for a panel that was not handed them."""

from __future__ import annotations

from textual.dom import DOMNode

from tabletop.scenario.terms import Terms


def scenario_terms(node: DOMNode) -> Terms:
    """The terms of the scenario the app is playing; the neutral defaults outside such an app.

    Panels take their terms as an argument; this serves those built without them (the
    dashboard builds its panels from the exercise, which the app holds).
    """
    exercise = getattr(node.app, "exercise", None)
    scenario = getattr(exercise, "scenario", None)
    terms = getattr(scenario, "terms", None)
    return terms if isinstance(terms, Terms) else Terms()
