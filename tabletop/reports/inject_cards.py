"""Printable inject and evidence cards (`tabletop handouts --cards`), for a room without a
projector: the facilitator reads each inject's card out and hands its evidence round the table
as the inject comes, as Backdoors & Breaches and Malware & Monsters ship their decks.

Four cards to an A4 page, cut along their dashed borders. An evidence card quotes the figures
of the default seed with nobody acting, read as its inject fires (`replay.reference_figures`);
red herrings are not marked (the players' deck), and a conditional inject's card names its
condition in words on a line for the facilitator.
"""

from __future__ import annotations

from tabletop.base.words import fmt_minute
from tabletop.reports.conditions import describe_condition
from tabletop.reports.handouts import filled, stylesheet
from tabletop.reports.svg import esc
from tabletop.scenario.model import Evidence, Inject, Scenario


def cards_html(scenario: Scenario) -> str:
    """The deck as one HTML page: each inject's card in minute order, its evidence after it."""
    from tabletop.exercise.replay import reference_figures  # plays the scenario once

    played = reference_figures(scenario)
    cards: list[str] = []
    for inject in sorted(scenario.injects, key=lambda each: each.minute):
        values = played.get(inject.id, {})
        cards.append(inject_card(scenario, inject, values))
        cards += [evidence_card(inject, e, values, n, len(inject.evidence))
                  for n, e in enumerate(inject.evidence, 1)]
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{esc(scenario.title)}: inject and evidence cards</title>",
        f"<style>\n{stylesheet()}</style></head><body>",
        '<section class="sheet deck">',
        f'<p class="kicker">{esc(scenario.title)}</p>',
        "<h1>Inject and evidence cards</h1>",
        '<p class="if">Cut along the dashed lines. Read each inject out as it comes and hand '
        "its evidence round the table; figures are those of the default seed.</p>",
        *cards, "</section></body></html>"]) + "\n"


def inject_card(scenario: Scenario, inject: Inject, values: dict[str, str]) -> str:
    """An inject's card: when, its title and story, the question it puts, what it asks for,
    and, for a conditional one, when to hand it out."""
    body = [f'<div class="card inject-card"><p class="when">{fmt_minute(inject.minute)} '
            f"&middot; inject</p><h2>{esc(inject.title)}</h2>"]
    if inject.narrative:
        body.append(f"<p>{esc(filled(inject.narrative, values))}</p>")
    if inject.decision:
        point = scenario.decision(inject.decision)
        options = " · ".join(scenario.action(a).label for a in point.options)
        body.append(f'<p class="prompt">{esc(inject.prompt or point.prompt)}</p>'
                    f'<p class="options">Options: {esc(options)}</p>')
    elif inject.prompt:
        body.append(f'<p class="prompt">{esc(inject.prompt)}</p>')
    if inject.requests_statement:
        request = scenario.statement_request(inject.requests_statement)
        body.append(f"<p><b>Statement requested:</b> {esc(request.title)}, due within "
                    f"{request.deadline_minutes:g} minutes</p>")
    if inject.evidence:
        body.append(f'<p class="if">{len(inject.evidence)} evidence '
                    f"card{'s' if len(inject.evidence) > 1 else ''} follow.</p>")
    condition = describe_condition(scenario, inject)
    if condition:
        body.append(f'<p class="for">For the facilitator: only {esc(condition)}.</p>')
    body.append("</div>")
    return "".join(body)


def evidence_card(inject: Inject, evidence: Evidence, values: dict[str, str], number: int,
                  of: int) -> str:
    """One item of evidence, as the inject reveals it: its kind and its text."""
    return (f'<div class="card evidence-card"><p class="when">{fmt_minute(inject.minute)} '
            f"&middot; evidence {number} of {of}</p><h3>{esc(inject.title)}</h3>"
            f'<p class="kind">{esc(evidence.tag)}</p>'
            f'<p class="evidence">{esc(filled(evidence.text, values))}</p></div>')
