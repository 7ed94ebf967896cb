"""Printable handouts of a scenario (`tabletop handouts`): one page per role and a facilitator
sheet, as one self-contained HTML page (inline CSS from `handouts.css`, nothing fetched), laid
out for A4 with a page break between sheets.

Everything comes from the scenario file; every text from it is escaped (`esc`). A role's page
holds what its player may know before play (the situation, the role card, what to watch, its
prompt for each round); the facilitator's sheet holds the rest (timings, every inject with its
condition and evidence, red herrings marked, the expected actions, the debrief questions, the
facilitator note and the extension activity).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib import resources

from tabletop.base.words import fmt_minute
from tabletop.reports.cards import lane_index, lanes
from tabletop.reports.conditions import describe_condition
from tabletop.reports.drill_ranges import DRILL_SAMPLE, Figures, drill_figures, with_ranges
from tabletop.reports.forms import feedback_form, hot_wash, sign_in_sheet, situation_manual
from tabletop.reports.svg import esc
from tabletop.scenario.model import Inject, Role, Scenario
from tabletop.scenario.rubric import Criterion
from tabletop.scenario.templates import TEMPLATE_FIELDS, fill_template, template_fields

STYLESHEET = "handouts.css"
"""The handouts' stylesheet, a file of this package."""

FIGURE_PLACEHOLDERS = {name: f"[{name.replace('_', ' ')}]" for name in TEMPLATE_FIELDS}
"""What a figure of the run reads as on paper, where no run has happened yet."""


def stylesheet() -> str:
    """The handouts' CSS, as shipped in the package."""
    return resources.files(__package__).joinpath(STYLESHEET).read_text(encoding="utf-8")


def handouts_html(scenario: Scenario) -> str:
    """The handouts as one HTML page: the situation manual's page and a sign-in sheet, a
    card per role, a card per round (handed out as the round opens), the feedback form and
    the hot-wash sheet (`forms`), then the facilitator's sheet. The players' paper says
    nothing of a round before it opens."""
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             f"<title>{esc(scenario.title)}: handouts</title>",
             f"<style>\n{stylesheet()}</style></head><body>"]
    parts += [situation_manual(scenario), sign_in_sheet(scenario)]
    parts += [role_page(scenario, role) for role in scenario.roles]
    parts += [round_card(scenario, inject) for inject in _rounds(scenario)]
    parts += [feedback_form(scenario), hot_wash(scenario), facilitator_sheet(scenario)]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _sheet(scenario: Scenario, kind: str, heading: str, body: Iterable[str]) -> str:
    # Players' paper carries the players' title; the facilitator's may tell the ending.
    title = scenario.full_title if kind == "facilitator" else scenario.title
    return "\n".join([f'<section class="sheet {kind}">',
                      f'<p class="kicker">{esc(title)}</p>',
                      f"<h1>{heading}</h1>", *body, "</section>"])


def _list(items: Iterable[str], tag: str = "ul") -> str:
    """Items, escaped, as a list; nothing for none."""
    rows = [f"<li>{esc(item)}</li>" for item in items]
    return f"<{tag}>{''.join(rows)}</{tag}>" if rows else ""


def filled(text: str, values: dict[str, str], drawn: Sequence[dict[str, str]] = ()) -> str:
    """A text that may quote figures of the run, with the `values` given (each followed by
    the range the `drawn` drills hold), and any other figure named in brackets."""
    try:
        names = [name for name, _ in template_fields(text)]
    except ValueError:  # a lone brace: the text is shown as written
        names = []
    named = {name: f"[{name.replace('_', ' ')}]" for name in names}
    return fill_template(text, {**FIGURE_PLACEHOLDERS, **named,
                                **with_ranges(names, values, drawn)})


def _at(drawn: Sequence[Figures], inject_id: str) -> list[dict[str, str]]:
    """Each drill's figures at one inject."""
    return [figures[inject_id] for figures in drawn if inject_id in figures]


def _when(inject: Inject) -> str:
    return f"{fmt_minute(inject.minute)} · {inject.title}"


def role_page(scenario: Scenario, role: Role) -> str:
    """A role's page: the situation, the role card, what to watch; nothing of the rounds
    to come (their prompts are on each round's card)."""
    body = [f'<p class="brief">{esc(role.brief)}</p>',
            "<h2>The situation</h2>", f"<p>{esc(scenario.summary)}</p>"]
    if role.watches:
        body += ["<h2>What to watch</h2>", _list(role.watches)]
    body.append('<h2>Notes</h2><div class="notes"></div>')
    return _sheet(scenario, "role", f"Role card: {esc(role.title)}", body)


def _rounds(scenario: Scenario) -> list[Inject]:
    """The injects that put a question to the room (a prompt, a decision point) or to a
    role, in minute order."""
    prompted = {key for role in scenario.roles for key in role.prompts}
    return sorted((i for i in scenario.injects if i.prompt or i.decision or i.id in prompted),
                  key=lambda inject: inject.minute)


def round_card(scenario: Scenario, inject: Inject) -> str:
    """One round's card, cut out and handed to the table as the round opens: the question to
    the team (its prompt, else its decision point's, with the options) and each role's own
    prompt."""
    body = []
    if inject.when is not None or inject.needs_deployment:
        body.append('<p class="if">Hand out only if this round comes.</p>')
    point = scenario.decision(inject.decision) if inject.decision else None
    question = inject.prompt or (point.prompt if point is not None else "")
    if question:
        body += ["<h2>The question</h2>", f'<p class="prompt">{esc(question)}</p>']
    if point is not None:
        options = " · ".join(scenario.action(a).label for a in point.options)
        body.append(f'<p class="if">Options: {esc(options)}</p>')
    prompts = [(role.title, role.prompts[inject.id]) for role in scenario.roles
               if inject.id in role.prompts]
    if prompts:
        body.append("<h2>Each role</h2><dl>")
        body += [f"<dt>{esc(title)}</dt><dd>{esc(prompt)}</dd>" for title, prompt in prompts]
        body.append("</dl>")
    return _sheet(scenario, "round", f"Round card: {esc(_when(inject))}", body)


def facilitator_sheet(scenario: Scenario) -> str:
    """The facilitator's sheet: everything the room must not see before the debrief."""
    from tabletop.exercise.replay import play, reference_figures  # plays the scenario

    played = reference_figures(scenario)
    drawn = drill_figures(scenario)
    comes = {f.inject.id: f.minute for f in play(scenario, None, []).fired}
    body = [f"<p>{esc(scenario.purpose)}</p>", "<h2>What happens</h2>",
            f"<p>{esc(scenario.what_happens)}</p>", "<h2>Learning goals</h2>",
            _list(scenario.learning_goals), *_timings(scenario),
            *_injects(scenario, played, drawn, comes),
            "<h2>Expected actions</h2>", *_expected(scenario, played, drawn),
            "<h2>Debrief questions</h2>", _list(scenario.debrief_questions, "ol")]
    if scenario.facilitator_note:
        body += ["<h2>Facilitator note</h2>", f"<p>{esc(scenario.facilitator_note)}</p>"]
    if scenario.extension_activity or scenario.extension_intro:
        body += ["<h2>Extension activity</h2>", f"<p>{esc(scenario.extension_intro)}</p>",
                 _list(scenario.extension_activity)]
    return _sheet(scenario, "facilitator", "Facilitator sheet", body)


def _timings(scenario: Scenario) -> list[str]:
    """The clock's span, each scheduled round, each communication request's deadline."""
    span = scenario.end_minute - scenario.start_minute
    rows = [f"<p>The clock runs from {fmt_minute(scenario.start_minute)} to "
            f"{fmt_minute(scenario.end_minute)}: {span:g} scenario minutes.</p>",
            '<table class="timings"><tr><th>minute</th><th>round</th><th>stage</th>'
            "<th>clock</th></tr>"]
    rows += [f"<tr><td>{fmt_minute(inject.minute)}</td><td>{esc(inject.title)}</td>"
             f"<td>{esc(stage_title(scenario, inject))}</td>"
             f"<td>{'pauses' if inject.pause else 'runs on'}</td></tr>"
             for inject in sorted(scenario.injects, key=lambda each: each.minute)
             if inject.when is None]
    rows.append("</table>")
    requests = {inject.requests_statement: inject for inject in scenario.injects}
    for request in scenario.statements:
        opener = requests.get(request.id)
        start = f"from {fmt_minute(opener.minute)}, " if opener is not None else ""
        rows.append(f"<p><b>{esc(request.title)}</b>: {start}due within "
                    f"{request.deadline_minutes:g} scenario minutes.</p>")
    return rows


def stage_title(scenario: Scenario, inject: Inject) -> str:
    """The heading of the board's column an inject is drawn in, not its stage's id."""
    return lanes(scenario)[lane_index(scenario, inject)].title


def _injects(scenario: Scenario, played: Figures, drawn: Sequence[Figures],
             comes: dict[str, float]) -> list[str]:
    """Every inject in minute order: when, its condition, the prompt, the evidence, with the
    figures filled in as the default seed plays them with nobody acting (`played`) and the
    range the drills drew (`drawn`); an inject that fires after its minute (one waiting for
    a figure) says when it came in that run (`comes`)."""
    rows = ["<h2>Injects</h2>", '<p class="if">Figures as the default seed plays them with '
            "nobody acting, as each inject fires, with the range solo drills drew in "
            f"brackets ({DRILL_SAMPLE} drills, seeds 0 to {DRILL_SAMPLE - 1}); a run's own "
            "figures follow its choices.</p>"]
    for inject in sorted(scenario.injects, key=lambda each: each.minute):
        values = played.get(inject.id, {})
        drills = _at(drawn, inject.id)
        condition = describe_condition(scenario, inject)
        rows.append(f'<div class="inject"><h3>{esc(_when(inject))}</h3>')
        later = comes.get(inject.id, inject.minute) != inject.minute
        if condition:
            came = (f"; with the default seed and nobody acting it comes at "
                    f"{fmt_minute(comes[inject.id])}" if later else "")
            rows.append(f'<p class="if">Only {esc(condition)}{came}.</p>')
        if inject.narrative:
            rows.append(f"<p>{esc(filled(inject.narrative, values, drills))}</p>")
        evidence = [f"<li>{esc(filled(e.text, values, drills))} "
                    f'<span class="tag">{esc(e.tag)}</span>'
                    + (' <b class="herring">red herring</b>' if e.red_herring else "")
                    + "</li>" for e in inject.evidence]
        if evidence:
            rows.append(f"<ul>{''.join(evidence)}</ul>")
        if inject.prompt:
            rows.append(f'<p class="prompt">{esc(inject.prompt)}</p>')
        rows.append("</div>")
    return rows


def _expected(scenario: Scenario, played: Figures, drawn: Sequence[Figures]) -> list[str]:
    """What the rubric rewards most, criterion by criterion."""
    rows = []
    for criterion in scenario.rubric.criteria:
        lines = expected_lines(scenario, criterion, played, drawn)
        if lines:
            rows += [f"<h3>{esc(criterion.title)}</h3>", _list(lines)]
    return rows


def expected_lines(scenario: Scenario, criterion: Criterion, played: Figures | None = None,
                   drawn: Sequence[Figures] = ()) -> list[str]:
    """The best-scored choices of one criterion, as sentences (none for kinds with no
    action to expect: harm, evidence, statement); a why's figures from `played` at its
    stage's inject (with the range of the `drawn` drills), else named in brackets."""
    actions = {action.id: action.label for action in scenario.actions}
    injects = {inject.id: inject for inject in scenario.injects}
    checks = {check.id: check.label for point in scenario.decisions for check in point.checks}
    labels = " or ".join(actions.get(each, each) for each in criterion.actions)
    if criterion.kind == "decision":
        lines = []
        for stage in criterion.stages:
            best = max((o.points for o in stage.outcomes.values()), default=0.0)
            after = injects[stage.after].title if stage.after in injects else stage.after
            values, drills = (played or {}).get(stage.after, {}), _at(drawn, stage.after)
            lines += [f"After {after}: {actions.get(key, key)} ({o.points:g} of "
                      f"{criterion.max:g}): {filled(o.why, values, drills)}"
                      for key, o in stage.outcomes.items() if o.points == best and best > 0]
        return lines
    if criterion.kind == "checks":
        ranked = sorted(criterion.checks.items(), key=lambda item: -item[1].points)
        return [f"{checks.get(key, key)} (+{o.points:g}): {o.why}"
                for key, o in ranked if o.points > 0]
    if criterion.kind == "timeliness" and labels:
        after = injects[criterion.after].title if criterion.after in injects else "the start"
        return [f"{labels}, within {criterion.window_minutes:g} minutes of {after}"]
    if criterion.kind == "order":
        steps = [" or ".join(actions.get(each, each) for each in group)
                 for group in criterion.sequence]
        return [" → ".join(steps)] if steps else []
    if criterion.kind == "completeness" and criterion.actions:
        return [actions.get(each, each) for each in criterion.actions]
    return []
