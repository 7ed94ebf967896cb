"""The facilitator's rating (issue 20, item 1): journalled, back after `resume`, counted in the
total beside the machine's reading, and named as the facilitator's in every report format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tabletop.exercise.clock import FakeTime
from tabletop.journal.restore import restore
from tabletop.journal.store import DB_NAME, Store
from tabletop.reports.facts import report_from_session
from tabletop.reports.html import to_html
from tabletop.reports.json_format import to_json
from tabletop.reports.markdown import to_markdown
from tabletop.scoring.ratings import LABELS, SHARES, Rating, rateable
from tabletop.scoring.rubric import score
from tests.helpers import bundled
from tests.journal.helpers import session_id, start_workshop


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / DB_NAME)


RATED = Rating("S", "accurate, but it named no owner for the next update")


def _statement_id() -> str:
    return next(c.id for c in rateable(bundled()) if c.kind == "statement")


def test_a_rating_sets_the_points_and_keeps_the_machines_reading_beside_it(
        store: Store) -> None:
    driver = start_workshop(store, FakeTime())
    driver.finish()
    session, criterion = driver.session, _statement_id()
    machine = next(line for line in score(session.exercise).criteria if line.id == criterion)
    session.rate(criterion, RATED)
    card = session.score()
    line = next(line for line in card.criteria if line.id == criterion)
    assert line.points == round(line.max * SHARES["S"], 1)
    assert line.rating == "S"
    assert LABELS["S"] in line.why
    assert RATED.reason in line.why
    assert f"The machine read {machine.points:g}/{machine.max:g}" in line.why
    others = [x for x in card.criteria if x.id != criterion]
    assert card.total == pytest.approx(round(sum(x.points for x in others) + line.points, 1))


def test_the_latest_rating_wins_and_comes_back_after_resume(store: Store) -> None:
    driver = start_workshop(store, FakeTime())
    driver.finish()
    criterion = _statement_id()
    driver.session.rate(criterion, Rating("U", "first thoughts"))
    driver.session.rate(criterion, RATED)
    restored = restore(store, session_id(driver.session), bundled(), FakeTime())
    assert restored.debrief().ratings == {criterion: RATED}
    assert restored.score() == driver.session.score()


def test_every_report_format_names_the_rating_as_the_facilitators(store: Store) -> None:
    driver = start_workshop(store, FakeTime())
    driver.finish()
    driver.session.rate(_statement_id(), RATED)
    report = report_from_session(driver.session)
    assert report.card == driver.session.score()
    for text in (to_markdown(report), to_html(report)):
        assert "Facilitator&#x27;s rating" in text or "Facilitator's rating" in text
        assert RATED.reason in text
    rows = json.loads(to_json(report))["score"]["criteria"]
    rated = next(row for row in rows if row["id"] == _statement_id())
    assert rated["rating"] == "S"
    # Each team's card shares the room's rated statement.
    for team in report.team_scores:
        line = next(x for x in team.criteria if x.id == _statement_id())
        assert line.rating == "S"
        assert line.shared


def test_the_facilitator_named_at_the_start_is_in_every_report_format(store: Store) -> None:
    driver = start_workshop(store, FakeTime())
    driver.session.name_facilitator("Dr Ada Okafor")
    driver.finish()
    restored = restore(store, session_id(driver.session), bundled(), FakeTime())
    report = report_from_session(restored)
    assert report.overview.facilitator == "Dr Ada Okafor"
    assert "| Facilitator | Dr Ada Okafor |" in to_markdown(report)
    assert "Dr Ada Okafor" in to_html(report)
    assert json.loads(to_json(report))["overview"]["facilitator"] == "Dr Ada Okafor"


def test_a_rated_learning_goal_carries_the_facilitators_capability_rating(
        store: Store) -> None:
    driver = start_workshop(store, FakeTime())
    driver.finish()
    driver.session.rate("goal-4", Rating("M", "no gate was proposed"))
    restored = restore(store, session_id(driver.session), bundled(), FakeTime())
    report = report_from_session(restored)
    assert [g.facilitator_capability for g in report.goals] == [None, None, None, "M"]
    assert report.card == score(restored.exercise, ratings=restored.debrief().ratings)
    assert "M, performed with major challenges" in to_markdown(report)
