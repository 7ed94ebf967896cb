"""Solo drills: the learner's statement beside the scenario's model answer, point by point.

Both are read by the statement's own rules (`statement.read_statement`) against the run at
the minute the learner sent theirs: which of the points the request asks for each makes, and
what the learner's claims that the run contradicts.
"""

from __future__ import annotations

from tabletop.base.record import record
from tabletop.exercise.engine import Exercise, StatementRecord
from tabletop.scoring.statement import read_statement, score_statement


@record
class PointCompared:
    """One point the request asks for, in the learner's statement and in the model's."""

    point: str
    """The point, as the rubric names it ("who is affected")."""
    yours: bool
    """The learner's statement makes it."""
    model: bool
    """The model statement makes it."""


@record
class StatementFeedback:
    """What a solo drill shows once the learner's statement is sent."""

    title: str
    """The rubric criterion's heading."""
    points: float
    """Points the learner's statement earns now."""
    max: float
    """The criterion's maximum."""
    why: str
    """The criterion's why."""
    compared: tuple[PointCompared, ...]
    """Each point, in the learner's statement and in the model's."""
    model: tuple[tuple[str, str], ...]
    """The model statement: (field, text) in the request's field order; empty when the
    scenario gives none."""


def statement_feedback(exercise: Exercise, request_id: str) -> StatementFeedback | None:
    """The learner's latest statement for the request, scored and compared with the model;
    None when no criterion judges it or nothing was sent."""
    scenario = exercise.scenario
    criterion = next((c for c in scenario.rubric.criteria
                      if c.kind == "statement" and c.statement == request_id), None)
    sent = next((s for s in reversed(exercise.statements) if s.request == request_id), None)
    if criterion is None or sent is None:
        return None
    request = scenario.statement_request(request_id)
    points, why = score_statement(criterion, exercise)
    _, yours = read_statement(criterion, exercise, sent)
    model_fields = {name: request.model[name] for name in request.fields if name in request.model}
    model = read_statement(criterion, exercise, StatementRecord(
        request_id, sent.minute, model_fields))[1] if model_fields else {}
    compared = tuple(PointCompared(point, made, model.get(point, False))
                     for point, made in yours.items())
    return StatementFeedback(criterion.title, round(points, 1), criterion.max, why, compared,
                             tuple(model_fields.items()))
