"""What a scenario must say consistently: ids that exist, shares within 0 and 1, templates that
quote known figures, a rubric that scores what the scenario offers. Each check yields the field
path and the problem; the loader turns the first into an error with the field's line.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterator

from tabletop.scenario import model
from tabletop.scenario import world_checks as world
from tabletop.scenario.errors import FieldPath
from tabletop.scenario.gate_checks import check_gate_space
from tabletop.scenario.numbers import shown_text
from tabletop.scenario.outcomes import HARM_COUNTERS
from tabletop.scenario.rubric import Criterion
from tabletop.scenario.templates import known_figures, template_fields
from tabletop.scenario.terms import MAX_COLUMN_HEADING, Terms


def check_references(s: model.Scenario) -> Iterator[tuple[FieldPath, str]]:
    """Every id a scenario names must exist, and every value fit its field; yields (field
    path, problem) in the order of the file's sections."""
    ids = _Ids(s)
    yield from _unique_ids(s)
    if s.end_minute <= s.start_minute:
        yield ("end_minute",), "must be later than start_minute"
    yield from world.check_durations(s)
    yield from world.check_stages(s.rollout.stages)
    yield from _check_story(s, ids)
    for i, inject in enumerate(s.injects):
        yield from _check_inject(s, ("injects", i), inject, ids)
    yield from world.check_stream(s.stream)
    yield from world.check_action_effects(s)
    yield from world.check_figure_conditions(s)
    yield from _check_terms(s.terms)
    yield from _check_templates(s)
    yield from world.check_variation(s)
    yield from world.check_story_lines(s)
    yield from world.check_volume(s)
    yield from _check_rubric(s, ids.actions, ids.injects, ids.statements)
    yield from _check_goals(s)
    yield from check_gate_space(s, world.number_figures(s))


class _Ids:
    """The ids a scenario defines, by kind, for checking the ids it names."""

    def __init__(self, s: model.Scenario) -> None:
        self.actions = {a.id for a in s.actions}
        self.injects = {i.id for i in s.injects}
        self.decisions = {d.id for d in s.decisions}
        self.statements = {r.id for r in s.statements}
        self.checks = {c.id for d in s.decisions for c in d.checks}
        self.evidence = {e.id for i in s.injects for e in i.evidence}


def _unknown(kind: str, name: str, known: set[str]) -> str:
    return f"unknown {kind} '{name}'; known: {', '.join(sorted(known)) or 'none'}"


def _check_story(s: model.Scenario, ids: _Ids) -> Iterator[tuple[FieldPath, str]]:
    """Statements, role prompts, the runbook and the decision points."""
    for n, request in enumerate(s.statements):
        if not request.fields:
            yield ("statements", n, "fields"), "expected at least one field to fill in"
        elif len(set(request.fields)) != len(request.fields):
            yield ("statements", n, "fields"), "expected each field named once"
        for name in request.model:
            if name not in request.fields:
                yield ("statements", n, "model", name), (
                    f"'{name}' is not a field of this request; expected one of "
                    f"{', '.join(request.fields)}")
    for r, role in enumerate(s.roles):
        for key in role.prompts:
            if key not in ids.injects:
                yield ("roles", r, "prompts", key), _unknown("inject", key, ids.injects)
    ticks = ids.actions | ids.statements
    for n, line in enumerate(s.runbook):
        for k, name in enumerate(getattr(line, "done_by", ())):
            if name not in ticks:
                yield ("runbook", n, "done_by", k), _unknown(
                    "action or communication request", name, ticks)
    for d, point in enumerate(s.decisions):
        for o, option in enumerate(point.options):
            if option not in ids.actions:
                yield ("decisions", d, "options", o), _unknown("action", option, ids.actions)
        if point.checks_with and point.checks_with not in point.options:
            yield ("decisions", d, "checks_with"), _unknown(
                "option of this decision", point.checks_with, set(point.options))
        for k, option in enumerate(point.keeps_open):
            if option not in point.options:
                yield ("decisions", d, "keeps_open", k), _unknown(
                    "option of this decision", option, set(point.options))
        if point.without_checks and (point.without_checks not in point.options
                                     or point.without_checks == point.checks_with):
            yield ("decisions", d, "without_checks"), _unknown(
                "option of this decision other than checks_with", point.without_checks,
                set(point.options) - {point.checks_with})
        if point.evidence is not None:
            yield from _check_reading(("decisions", d, "evidence"), point.options,
                                      point.evidence, ids)


def _check_reading(where: FieldPath, options: tuple[str, ...], reading: model.Reading,
                   ids: _Ids) -> Iterator[tuple[FieldPath, str]]:
    """A decision point's reading names its own options and evidence that exists, and never
    one piece of evidence as both support and red herring."""
    for option, cited in reading.supports.items():
        if option not in options:
            yield (*where, "supports", option), _unknown(
                "option of this decision", option, set(options))
        for n, name in enumerate(cited):
            if name not in ids.evidence:
                yield (*where, "supports", option, n), _unknown("evidence", name, ids.evidence)
            elif name in reading.red_herrings:
                yield (*where, "supports", option, n), (
                    f"'{name}' is also listed in red_herrings; name it in one of the two")
    for n, name in enumerate(reading.red_herrings):
        if name not in ids.evidence:
            yield (*where, "red_herrings", n), _unknown("evidence", name, ids.evidence)


def _check_inject(s: model.Scenario, where: FieldPath, inject: model.Inject,
                  ids: _Ids) -> Iterator[tuple[FieldPath, str]]:
    """An inject's minute, the ids it names, and its condition."""
    if not s.start_minute <= inject.minute <= s.end_minute:
        yield (*where, "minute"), (f"{inject.minute:g} is outside the exercise "
                                   f"({s.start_minute:g} to {s.end_minute:g})")
    if inject.decision and inject.decision not in ids.decisions:
        yield (*where, "decision"), _unknown("decision point", inject.decision, ids.decisions)
    if inject.requests_statement and inject.requests_statement not in ids.statements:
        yield (*where, "requests_statement"), _unknown(
            "communication request", inject.requests_statement, ids.statements)
    cond = inject.when
    if cond is None:
        return
    for field_name, known, kind in (("chose", ids.actions, "action"),
                                    ("not_acted", ids.actions, "action"),
                                    ("checks", ids.checks, "check"),
                                    ("cited_none", ids.evidence, "evidence")):
        for n, name in enumerate(getattr(cond, field_name)):
            if name not in known:
                yield (*where, "when", field_name, n), _unknown(kind, name, known)
    if cond.no_statement and cond.no_statement not in ids.statements:
        yield (*where, "when", "no_statement"), _unknown(
            "communication request", cond.no_statement, ids.statements)


def _unique_ids(s: model.Scenario) -> Iterator[tuple[FieldPath, str]]:
    groups: dict[str, list[tuple[FieldPath, str]]] = {
        "roles": [(("roles", n), x.id) for n, x in enumerate(s.roles)],
        "actions": [(("actions", n), x.id) for n, x in enumerate(s.actions)],
        "injects": [(("injects", n), x.id) for n, x in enumerate(s.injects)],
        "evidence": [(("injects", n, "evidence", m), e.id)
                     for n, x in enumerate(s.injects) for m, e in enumerate(x.evidence)],
        "decisions": [(("decisions", n), x.id) for n, x in enumerate(s.decisions)],
        "checks": [(("decisions", n, "checks", m), c.id)
                   for n, x in enumerate(s.decisions) for m, c in enumerate(x.checks)],
        "communication request": [(("statements", n), x.id)
                                  for n, x in enumerate(s.statements)],
        "criteria": [(("rubric", "criteria", n), x.id) for n, x in enumerate(s.rubric.criteria)],
    }
    for kind, entries in groups.items():
        seen: set[str] = set()
        for path, ident in entries:
            if ident in seen:
                yield (*path, "id"), f"duplicate {kind} id '{ident}'"
            seen.add(ident)


_EVIDENCE_TAGS: tuple[str, ...] = typing.get_args(model.EvidenceTag)


def _statement_fields(s: model.Scenario, request_id: str) -> tuple[str, ...]:
    return next((r.fields for r in s.statements if r.id == request_id), ())


def _check_templates(s: model.Scenario) -> Iterator[tuple[FieldPath, str]]:
    """Evidence may quote run figures as {name}, nothing more; any other brace is a mistake."""
    known = known_figures(o.id for o in s.stream.outcomes)
    for i, inject in enumerate(s.injects):
        for e, evidence in enumerate(inject.evidence):
            where: FieldPath = ("injects", i, "evidence", e, "text")
            try:
                fields = template_fields(evidence.text)
            except ValueError as err:
                yield where, f"{err}; write a literal brace as {{{{ or }}}}"
                continue
            for name, written in fields:
                if name not in known:
                    yield where, (f"unknown figure {shown_text('{' + name + '}')}; known: "
                                  f"{', '.join(known)} (write a literal brace as {{{{ or }}}})")
                elif written != name:
                    yield where, (f"{shown_text('{' + written + '}')} formats the figure; "
                                  "expected one of the figure names without a format spec or "
                                  f"conversion, such as {{{name}}}")


def _check_terms(terms: Terms) -> Iterator[tuple[FieldPath, str]]:
    """Every word the screens show is there (only the switch may be left out), and the feed's
    column headings fit their columns."""
    for f in dataclasses.fields(terms):
        value: str = getattr(terms, f.name)
        if f.name != "switch" and not value.strip():
            yield ("terms", f.name), "expected words to show; leave the field out for the default"
    for name in ("assigned_column", "corrected_column"):
        heading: str = getattr(terms, name)
        if len(heading) > MAX_COLUMN_HEADING:
            yield ("terms", name), (f"{len(heading)} characters is too long for a column "
                                    f"heading; expected at most {MAX_COLUMN_HEADING}")


def _check_points(where: FieldPath, crit: Criterion) -> Iterator[tuple[FieldPath, str]]:
    """No outcome scores more than its criterion's maximum."""
    outcomes: list[tuple[FieldPath, float]] = [
        ((*where, "stages", n, "outcomes", name, "points"), outcome.points)
        for n, stage in enumerate(crit.stages) for name, outcome in stage.outcomes.items()]
    if crit.none is not None:
        outcomes.append(((*where, "none", "points"), crit.none.points))
    for path, points in outcomes:
        if points > crit.max:
            yield path, f"{points:g} is more than the criterion's max ({crit.max:g})"


def harm_names(s: model.Scenario) -> tuple[str, ...]:
    """What harm a rubric may weigh: the counters and the scenario's declared harm outcomes."""
    return (*HARM_COUNTERS, *(o.id for o in s.stream.outcomes if o.harm))


PICK_KINDS = ("action", "affected", "count", "next_update")
"""The facts the statement dialog lets a room pick (`scoring.statement_picks`)."""


def _check_facts(
    s: model.Scenario, where: FieldPath, crit: Criterion, actions: set[str],
) -> Iterator[tuple[FieldPath, str]]:
    """A statement's facts name harm counters and actions that exist, and words to find."""
    facts = crit.facts
    if facts is None:
        return
    where = (*where, "facts")
    known = harm_names(s)
    for section, names in (("harm", facts.harm), ("denials", facts.denials)):
        for name in names:
            if name not in known:
                yield (*where, section, name), (f"unknown harm counter '{name}'; expected one "
                                                f"of {', '.join(known)}")
    for kind, point in facts.pick_points.items():
        if kind not in PICK_KINDS:
            yield (*where, "pick_points", kind), (
                f"unknown pick '{kind}'; expected one of {', '.join(PICK_KINDS)}")
        elif point not in crit.must_mention:
            yield (*where, "pick_points", kind), (
                f"'{point}' is not a point of must_mention; expected one of "
                f"{', '.join(crit.must_mention) or 'none'}")
    fields = _statement_fields(s, crit.statement)
    for n, name in enumerate(facts.update_fields):
        if name not in fields:
            yield (*where, "update_fields", n), (
                f"'{name}' is not a field of the communication request '{crit.statement}'; "
                f"expected one of {', '.join(fields) or 'none'}")
    for name in facts.actions:
        if name not in actions:
            yield (*where, "actions", name), _unknown("action", name, actions)
    groups: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
        (("harm", n), w) for n, w in facts.harm.items()]
    groups += [(("actions", n), w) for n, w in facts.actions.items()]
    groups += [(("denials", n), w) for n, w in facts.denials.items()]
    groups += [((name,), words) for name, words in (
        ("next_update", facts.next_update), ("causes", facts.causes),
        ("affected", facts.affected), ("blame", facts.blame)) if words]
    for path, words in groups:
        if not words or any(not w.strip() for w in words):
            yield (*where, *path), "expected at least one word, none of them empty"
    length = s.duration_minutes
    if length > 0 and facts.next_update_within > length:
        yield (*where, "next_update_within"), (
            f"{facts.next_update_within:g} minutes is longer than the exercise "
            f"({length:g} minutes); expected at most that")


def _check_verified_fields(s: model.Scenario, where: FieldPath,
                           crit: Criterion) -> Iterator[tuple[FieldPath, str]]:
    """`verify_trace` and `verify_run` name fields of the request; `verify_run` needs a
    candidate with a `run_id`."""
    fields = _statement_fields(s, crit.statement)
    for name, value in (("verify_trace", crit.verify_trace), ("verify_run", crit.verify_run)):
        if value and value not in fields:
            yield (*where, name), (
                f"'{value}' is not a field of the communication request '{crit.statement}'; "
                f"expected one of {', '.join(fields) or 'none'}")
    if crit.verify_run and not s.stream.candidate.run_id:
        yield (*where, "verify_run"), "the stream's candidate has no run_id to check it against"


def _check_checks(
    s: model.Scenario, where: FieldPath, crit: Criterion,
) -> Iterator[tuple[FieldPath, str]]:
    """A `checks` criterion names the scenario's checks. (A stage outcome's why may quote run
    figures; any other brace is kept as written, so older rubrics load as they did.)"""
    known = {c.id for d in s.decisions for c in d.checks}
    for name in crit.checks:
        if name not in known:
            yield (*where, "checks", name), _unknown("check", name, known)


def _check_goals(s: model.Scenario) -> Iterator[tuple[FieldPath, str]]:
    """Every learning goal a criterion or the debrief names is one the scenario lists."""
    count = len(s.learning_goals)
    named: list[tuple[FieldPath, tuple[int, ...]]] = [
        (("rubric", "criteria", c, "goals"), crit.goals)
        for c, crit in enumerate(s.rubric.criteria)]
    named.append((("debrief_goals",), s.debrief_goals))
    for where, goals in named:
        for n, goal in enumerate(goals):
            if not 1 <= goal <= count:
                yield (*where, n), (f"learning goal {goal} does not exist; expected 1 to "
                                    f"{count}, the goals numbered in the order listed")


def _check_rubric(
    s: model.Scenario, actions: set[str], injects: set[str], statements: set[str],
) -> Iterator[tuple[FieldPath, str]]:
    for c, crit in enumerate(s.rubric.criteria):
        where: FieldPath = ("rubric", "criteria", c)
        yield from _check_points(where, crit)
        yield from _check_checks(s, where, crit)
        for n, name in enumerate(crit.actions):
            if name not in actions:
                yield (*where, "actions", n), f"unknown action '{name}'"
        for n, stage in enumerate(crit.stages):
            if stage.after not in injects:
                yield (*where, "stages", n, "after"), f"unknown inject '{stage.after}'"
            for name in stage.outcomes:
                if name not in actions:
                    yield (*where, "stages", n, "outcomes", name), (
                        f"unknown option '{name}'; known actions: {', '.join(sorted(actions))}")
        if crit.after and crit.after not in injects:
            yield (*where, "after"), f"unknown inject '{crit.after}'"
        if crit.statement and crit.statement not in statements:
            yield (*where, "statement"), f"unknown communication request '{crit.statement}'"
        else:
            yield from _check_verified_fields(s, where, crit)
        yield from _check_facts(s, where, crit, actions)
        for name in ("strong_tags", "trap_tags"):
            for n, tag in enumerate(getattr(crit, name)):
                if tag not in _EVIDENCE_TAGS:
                    yield (*where, name, n), (f"unknown evidence tag '{tag}'; expected one of "
                                              f"{', '.join(_EVIDENCE_TAGS)}")
        for n, name in enumerate(crit.trap_actions):
            if name not in actions:
                yield (*where, "trap_actions", n), f"unknown action '{name}'"
        for name in crit.weights:
            if name not in harm_names(s):
                yield (*where, "weights", name), (f"unknown harm counter '{name}'; expected one "
                                                  f"of {', '.join(harm_names(s))}")
        for n, group in enumerate(crit.sequence):
            for m, name in enumerate(group):
                if name not in actions | statements:
                    yield (*where, "sequence", n, m), (
                        f"unknown action or communication request '{name}'")
        required = {"decision": "stages", "timeliness": "after", "statement": "statement",
                    "order": "sequence", "completeness": "actions",
                    "checks": "checks"}.get(crit.kind)
        if required and not getattr(crit, required):
            yield (*where, required), f"a {crit.kind} criterion needs {required}"
    for n, planned in enumerate(s.rubric.reference_plan):
        if planned.action not in actions:
            yield ("rubric", "reference_plan", n, "action"), f"unknown action '{planned.action}'"
    bands = [b.min_percent for b in s.rubric.grades]
    if not bands or bands != sorted(bands, reverse=True):
        yield ("rubric", "grades"), "expected grade bands, highest first"
