"""`kill -9` of a real process driving a session at chosen moments, then resume: every event
it reported written is back, a vote it was in the middle of goes on from the next team, and
the lock it left is taken over. Two processes on one session: the second is refused with the
holder named, readers are welcome. Issue 12's table, rows 12 and 13.
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tabletop.cli import main
from tabletop.exercise.clock import FakeTime
from tabletop.exercise.engine import Decision
from tabletop.journal.restore import restore
from tabletop.journal.session import Session
from tabletop.journal.store import DB_NAME, Store
from tabletop.journal.writers import SessionBusy
from tabletop.ui.app import TabletopApp
from tests.helpers import MINI, mini
from tests.journal.processes import child, kill, read_line

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

TEAMS = ("Red", "Blue", "Green")
VOTES = (Decision(0, "approve", ("f1",), "F1 is up", team="Red"),
         Decision(0, "approve", (), "ship it", team="Blue"),
         Decision(0, "approve", ("f1",), "with a canary", team="Green"))
"""The mini scenario's `go` decision, open from T-10."""

DRIVE = """
import sys
from pathlib import Path
from tabletop.exercise.clock import FakeTime
from tabletop.exercise.engine import Choice, Decision
from tabletop.journal.setup import new_run
from tabletop.journal.store import Store
from tabletop.journal.sqlite_journal import save_session
from tabletop.scenario.loader import load_scenario

db, scenario, moment = sys.argv[1], sys.argv[2], sys.argv[3]
store = Store(Path(db))
time = FakeTime()
teams = ("Red", "Blue", "Green") if moment == "vote" else ()
session = new_run(load_scenario(Path(scenario)), ref=scenario, teams=teams,
                  mode="workshop" if teams else "team", speed=60.0, time_source=time)
sid = save_session(store, session)  # this process writes it now
session.start()
session.tick()
if moment == "action":
    time.advance(22.0)  # 22 scenario minutes at speed 60: T+12, the halt decision open
    session.advance()
    session.act(Choice("freeze", ("overrides",), "overrides rise"))
elif moment == "vote":
    session.voting.open()
    session.voting.cast(Decision(0, "approve", ("f1",), "F1 is up", team="Red"))
print("ready", sid, flush=True)
if moment == "hold":
    sys.stdin.read()  # holds the session until killed
while True:  # the clock's timer, writing when the kill comes
    time.advance(0.5)
    session.advance()
    session.checkpoint()
    print("written", session.exercise.minute, flush=True)
"""


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "mini.yaml"
    path.write_text(MINI, encoding="utf-8")
    return path


@contextmanager
def driving(tmp_path: Path, scenario: Path,
            moment: str) -> Iterator[tuple[subprocess.Popen[str], int]]:
    """A child driving a new session of the mini scenario to `moment`: its process and the
    session's id once it is there."""
    with child(DRIVE, str(tmp_path / DB_NAME), str(scenario), moment) as proc:
        word, sid = read_line(proc).split()
        assert word == "ready"
        yield proc, int(sid)


def killed_after(proc: subprocess.Popen[str], writes: int) -> float:
    """SIGKILL the child after it reported `writes` more checkpoints; the last minute it
    reported written."""
    minute = float("nan")
    for _ in range(writes):
        word, minute_text = read_line(proc).split()
        assert word == "written"
        minute = float(minute_text)
    os.kill(proc.pid, signal.SIGKILL)
    kill(proc)
    assert proc.returncode == -signal.SIGKILL
    return minute


def resumed(sid: int, store: Store) -> Session:
    """The session as `tabletop resume` takes it: its lock, then the journal replayed."""
    store.claim(sid)
    return restore(store, sid, mini(), FakeTime())


def test_killed_after_an_action_the_resumed_session_has_it_and_every_checkpoint(
        tmp_path: Path, scenario: Path) -> None:
    with driving(tmp_path, scenario, "action") as (proc, sid):
        last = killed_after(proc, 5)
    with Store(tmp_path / DB_NAME) as store:
        session = resumed(sid, store)
        assert [(d.action, d.justification) for d in session.exercise.decisions] == [
            ("freeze", "overrides rise")]
        assert session.exercise.minute >= last
        assert store.integrity_ok()


def test_killed_during_checkpoints_every_one_reported_written_is_back(
        tmp_path: Path, scenario: Path) -> None:
    with driving(tmp_path, scenario, "checkpoint") as (proc, sid):
        last = killed_after(proc, 30)
    with Store(tmp_path / DB_NAME) as store:
        minutes = [s.event.minute for s in store.events(sid) if s.event.kind == "checkpoint"]
        assert last in minutes
        assert resumed(sid, store).exercise.minute >= last


def test_killed_mid_vote_after_the_first_team_the_vote_goes_on_from_the_next(
        tmp_path: Path, scenario: Path) -> None:
    with driving(tmp_path, scenario, "vote") as (proc, sid):
        killed_after(proc, 3)
    with Store(tmp_path / DB_NAME) as store:
        session = resumed(sid, store)
        assert [(v.team, v.justification) for v in session.voting.votes] == [("Red", "F1 is up")]
        ballot = session.voting.open()
        assert ballot.waiting(TEAMS) == ("Blue", "Green")
        for vote in VOTES[1:]:
            session.voting.cast(vote)
        assert session.voting.close().action == "approve"
        assert [s.event.kind for s in store.events(sid)].count("vote") == 3


def test_resume_after_a_kill_mid_vote_tells_the_room_to_go_on_with_the_next_team(
        tmp_path: Path, scenario: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(TabletopApp, "run", lambda self: None)  # the screen is not the point
    monkeypatch.setattr(TabletopApp, "notify", lambda self, message, **_: told.append(message))
    with driving(tmp_path, scenario, "vote") as (proc, sid):
        killed_after(proc, 3)
    assert main(["resume", str(sid), "--data-dir", str(tmp_path)]) == 0
    assert told == ["A vote is open: Red voted. The clock stays stopped until the room "
                    "decides; press a to go on with Blue's vote."]


def test_a_second_writer_is_refused_with_the_holder_named_and_readers_are_welcome(
        tmp_path: Path, scenario: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with driving(tmp_path, scenario, "hold") as (proc, sid):
        assert main(["resume", str(sid), "--data-dir", str(tmp_path)]) == 2
        err = capsys.readouterr().err
        assert err.strip() == (f"tabletop: session {sid} is open in another tabletop (pid "
                               f"{proc.pid}, since {_hhmm(err)}); close it there first")
        assert main(["sessions", "--data-dir", str(tmp_path)]) == 0
        assert main(["report", str(sid), "--data-dir", str(tmp_path)]) == 0
        with Store(tmp_path / DB_NAME) as store, pytest.raises(SessionBusy):
            store.claim(sid)
        kill(proc)
    with Store(tmp_path / DB_NAME) as store:
        store.claim(sid)  # the holder is gone: its lock is taken over


def _hhmm(err: str) -> str:
    return err.split("since ")[1][:5]
