"""The session store: where it lives, what it keeps, and every event kind coming back intact."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tabletop.exercise.clock import FakeTime
from tabletop.journal.events import (
    Event,
    PlanRow,
    answer_event,
    checkpoint_event,
    commitment_event,
    plan_row_event,
)
from tabletop.journal.sqlite_journal import SqliteJournal, save_session
from tabletop.journal.store import DB_NAME, ENV_DATA_DIR, Store, StoreError, data_dir
from tests.journal.helpers import (
    HALT_VOTES,
    PRE_RELEASE_VOTES,
    TEAMS,
    session_id,
    start_workshop,
)


def _fixed_now() -> datetime:
    return datetime(2026, 3, 14, 9, 30, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / DB_NAME, now=_fixed_now)


def test_the_data_dir_override_beats_the_environment(monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "env"))
    assert data_dir(str(tmp_path / "flag")) == tmp_path / "flag"


def test_the_environment_beats_the_platform_directory(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "env"))
    assert data_dir(None) == tmp_path / "env"


def test_without_overrides_the_platform_convention_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv(ENV_DATA_DIR, raising=False)
    assert data_dir(None) == Path(platformdirs.user_data_dir("tabletop", appauthor=False))


def test_opening_the_data_dir_creates_one_database_file(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "nested" / "dir")) as opened:
        assert opened.path == tmp_path / "nested" / "dir" / DB_NAME
    assert (tmp_path / "nested" / "dir" / DB_NAME).is_file()


def test_the_database_is_in_wal_mode_with_full_sync(store: Store) -> None:
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # synchronous is per connection: check the store's own.
    assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    conn.close()


EVERY_KIND = [
    Event("started", -10.0, {"scenario": "s", "ref": "s", "seed": 919, "speed": 60.0,
                             "mode": "workshop", "teams": ["Red", "Blue"]}),
    Event("inject", -10.0, {"id": "pre-release"}),
    Event("pause", -9.5),
    Event("resume", -9.5),
    Event("speed", -9.0, {"speed": 120.0}),
    Event("jump", 0.0, {"to": 0.0}),
    Event("checkpoint", 1.0),
    Event("vote", 21.0, {"action": "freeze", "cited": ["r2-overrides"],
                         "justification": "Hold \u00e0 25 % \u2014 \"quoted\" <b>", "confidence":
                         "high", "checks": [], "team": "Red"}),
    Event("action", 21.0, {"action": "freeze", "cited": ["r2-overrides", "r2-reviewer"],
                           "justification": "Room decision", "confidence": "medium",
                           "checks": ["canary-review"], "team": ""}),
    Event("statement", 57.25, {"request": "incident-statement",
                               "fields": {"statement": "line one\nline two", "trace_id": "ab"}}),
    Event("answer", 90.0, {"part": "question", "index": 0, "text": "Per-language recall"}),
    Event("answer", 90.0, {"part": "stop", "text": "Approving on F1 alone"}),
    Event("answer", 90.0, {"part": "plan", "row": 0, "action": "Gate on slices",
                           "owner": "Evaluation lead", "due": "2026-04-01"}),
    Event("ended", 90.0, {"total": 88.5, "max": 100.0, "grade": "A"}),
]


@pytest.mark.parametrize("event", EVERY_KIND, ids=lambda e: e.kind)
def test_every_event_kind_round_trips(store: Store, event: Event) -> None:
    sid = store.create_session("s", "s", "workshop", 919, 60.0, ["Red", "Blue"])
    SqliteJournal(store, sid).append(event)
    (stored,) = store.events(sid)
    assert stored.event == event
    assert stored.seq == 1
    assert stored.at == "2026-03-14T09:30:00.000+00:00"


def test_a_session_journal_reads_back_in_order(store: Store) -> None:
    sid = store.create_session("s", "s", "workshop", 919, 60.0, TEAMS)
    journal = SqliteJournal(store, sid)
    for event in EVERY_KIND:
        journal.append(event)
    stored = store.events(sid)
    assert [s.event for s in stored] == EVERY_KIND
    assert [s.seq for s in stored] == list(range(1, len(EVERY_KIND) + 1))


def test_each_session_keeps_its_own_events(store: Store) -> None:
    first = store.create_session("s", "s", "team", 1, 1.0)
    second = store.create_session("s", "s", "solo", 2, 6.0)
    store.append(first, checkpoint_event(1.0))
    store.append(second, checkpoint_event(2.0))
    store.append(first, checkpoint_event(3.0))
    assert [s.event.minute for s in store.events(first)] == [1.0, 3.0]
    assert [s.seq for s in store.events(second)] == [1]


def test_an_event_for_a_missing_session_is_refused(store: Store) -> None:
    with pytest.raises(StoreError):
        store.append(999, checkpoint_event(0.0))


def test_a_new_session_is_listed_as_running(store: Store) -> None:
    sid = store.create_session("student-support-release", "scenarios/x.yaml", "workshop", 919,
                               60.0, TEAMS)
    (info,) = store.list_sessions()
    assert (info.id, info.scenario_id, info.scenario_ref, info.mode, info.seed, info.speed,
            info.teams, info.state) == (sid, "student-support-release", "scenarios/x.yaml",
                                        "workshop", 919, 60.0, TEAMS, "running")
    assert info.started_at == "2026-03-14T09:30:00.000+00:00"
    assert (info.total, info.max, info.grade, info.last_minute) == (None, None, None, None)


def test_the_ended_event_marks_the_session_ended_with_its_score(store: Store) -> None:
    sid = store.create_session("s", "s", "team", 7, 1.0)
    store.append(sid, checkpoint_event(42.0))
    store.append(sid, Event("ended", 60.0, {"total": 71.5, "max": 100.0, "grade": "B"}))
    info = store.session(sid)
    assert (info.state, info.total, info.max, info.grade) == ("ended", 71.5, 100.0, "B")
    assert info.last_minute == 60.0
    assert info.ended


def test_sessions_list_newest_first_and_filter(store: Store) -> None:
    a = store.create_session("one", "one", "solo", 1, 6.0)
    b = store.create_session("two", "two", "team", 1, 1.0)
    c = store.create_session("one", "one", "solo", 2, 6.0)
    assert [s.id for s in store.list_sessions()] == [c, b, a]
    assert [s.id for s in store.list_sessions(scenario_id="one")] == [c, a]
    assert [s.id for s in store.list_sessions(mode="team")] == [b]
    assert store.latest_session_id() == c
    assert store.latest_session_id(scenario_id="two") == b


def test_the_latest_session_can_be_the_latest_still_running(store: Store) -> None:
    a = store.create_session("s", "s", "team", 1, 1.0)
    b = store.create_session("s", "s", "team", 1, 1.0)
    store.append(b, Event("ended", 5.0, {"total": 1.0, "max": 2.0, "grade": "E"}))
    assert store.latest_session_id(state="running") == a


def test_there_is_no_latest_session_in_an_empty_store(store: Store) -> None:
    assert store.latest_session_id() is None
    assert store.list_sessions() == []
    with pytest.raises(StoreError):
        store.session(1)


def test_debrief_answers_keep_the_latest_text_of_each_field(store: Store) -> None:
    sid = store.create_session("s", "s", "team", 1, 1.0)
    for event in [
        answer_event(90.0, 1, "Ye"), answer_event(90.0, 1, "Yes, the F1 figure"),
        answer_event(90.0, 0, "Per-language recall"), answer_event(90.0, 3, "draft"),
        answer_event(90.0, 3, "   "),
        commitment_event(90.0, "start", "Slice gates"), commitment_event(90.0, "stop", "x"),
        commitment_event(90.0, "stop", "Trusting aggregate F1"),
        plan_row_event(90.0, 1, PlanRow("Canary review", "Obs lead", "")),
        plan_row_event(90.0, 0, PlanRow("Slice gate", "Eval lead", "2026-04-01")),
        plan_row_event(90.0, 2, PlanRow("Removed later", "x", "y")),
        plan_row_event(90.0, 2, PlanRow("")),
    ]:
        store.append(sid, event)
    debrief = store.debrief(sid)
    assert debrief.answers == {0: "Per-language recall", 1: "Yes, the F1 figure"}
    assert debrief.commitments == {"stop": "Trusting aggregate F1", "start": "Slice gates"}
    assert debrief.plan == (PlanRow("Slice gate", "Eval lead", "2026-04-01"),
                            PlanRow("Canary review", "Obs lead", ""))


def test_workshop_votes_come_back_as_each_teams_decisions(store: Store) -> None:
    driver = start_workshop(store, FakeTime())
    driver.run_until(25.0)
    sid = session_id(driver.session)
    votes = store.votes(sid)
    assert votes == driver.session.voting.votes
    assert [(v.team, v.action) for v in votes] == [
        (v.team, v.action) for v in (*PRE_RELEASE_VOTES, *HALT_VOTES)]
    assert votes[3].justification == HALT_VOTES[0].justification
    assert votes[0].checks == ("slice-eval",)


def test_the_integrity_check_passes_on_a_written_store(store: Store) -> None:
    sid = store.create_session("s", "s", "team", 1, 1.0)
    for event in EVERY_KIND:
        store.append(sid, event)
    assert store.integrity_ok()


def test_a_session_saved_late_writes_what_it_kept_in_memory_first(store: Store) -> None:
    driver = start_workshop(None, FakeTime())  # started and ticked before any store
    kept = [e.kind for e in driver.session.journal.events()]
    assert kept[:2] == ["started", "inject"]
    sid = save_session(store, driver.session)
    driver.session.pause()
    assert [s.event.kind for s in store.events(sid)] == [*kept, "pause"]
    (info,) = store.list_sessions()
    assert (info.id, info.mode, info.teams) == (sid, "workshop", TEAMS)
