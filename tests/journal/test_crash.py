"""A process killed with SIGKILL in the middle of writing loses no event it reported written."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from tabletop.exercise.clock import FakeTime
from tabletop.journal.events import checkpoint_event
from tabletop.journal.restore import restore
from tabletop.journal.store import DB_NAME, Store
from tabletop.scoring.rubric import score
from tests.helpers import bundled
from tests.journal.helpers import (
    HALT_VOTES,
    KILL_AFTER,
    PRE_RELEASE_VOTES,
    Driver,
    uninterrupted,
    uninterrupted_cards,
)
from tests.journal.processes import child, read_line

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

APPEND_FOREVER = """
import sys
from pathlib import Path
from tabletop.journal.session import Event
from tabletop.journal.store import Store
store = Store(Path(sys.argv[1]))
sid = store.create_session("s", "s", "team", 7, 60.0)
print("session", sid, flush=True)
i = 0
while True:
    i += 1
    store.append(sid, Event("checkpoint", i / 4, {"i": i, "pad": "x" * (i % 7 * 300)}))
    print(i, flush=True)
"""

WORKSHOP_THEN_KILLED = """
import sys
from pathlib import Path
from tabletop.exercise.clock import FakeTime
from tabletop.journal.events import checkpoint_event
from tabletop.journal.store import Store
from tests.journal.helpers import KILL_AFTER, session_id, start_workshop
store = Store(Path(sys.argv[1]))
driver = start_workshop(store, FakeTime())
driver.run_until(KILL_AFTER)
session = driver.session
print("ready", session_id(session), session.exercise.minute, flush=True)
while True:  # still writing when the kill comes
    session.journal.append(checkpoint_event(session.exercise.minute))
    print("written", flush=True)
"""


def test_every_event_reported_written_survives_a_kill(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    with child(APPEND_FOREVER, str(db)) as proc:
        sid = int(read_line(proc).split()[1])
        reported = [int(read_line(proc)) for _ in range(150)]
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL

    with Store(db) as store:
        assert store.integrity_ok()
        stored = store.events(sid)
        seqs = [s.seq for s in stored]
        assert seqs == list(range(1, len(seqs) + 1))  # no gap, no half-written row
        assert len(stored) >= len(reported)
        by_i = {s.event.data["i"]: s.event for s in stored}
        for i in reported:
            assert by_i[i].minute == i / 4
            assert by_i[i].data["pad"] == "x" * (i % 7 * 300)
        # and the journal carries on where it stopped
        assert store.append(sid, checkpoint_event(99.0)) == len(stored) + 1


def test_a_workshop_killed_mid_write_resumes_and_ends_like_an_uninterrupted_run(
        tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    with child(WORKSHOP_THEN_KILLED, str(db)) as proc:
        _, sid_text, minute_text = read_line(proc).split()
        for _ in range(20):
            assert read_line(proc) == "written"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    sid, minute = int(sid_text), float(minute_text)
    assert minute == KILL_AFTER

    with Store(db) as store:
        assert store.integrity_ok()
        time = FakeTime()
        session = restore(store, sid, bundled(), time)
        # every recorded choice, justification and the scenario minute are back
        assert session.exercise.minute == KILL_AFTER
        assert [(v.team, v.action, v.justification) for v in session.voting.votes] == [
            (v.team, v.action, v.justification) for v in (*PRE_RELEASE_VOTES, *HALT_VOTES)]
        assert session.exercise.decisions == [
            d for d in uninterrupted().exercise.decisions if d.minute <= KILL_AFTER]

        session.resume()
        Driver(session, time).finish()
        assert score(session.exercise) == uninterrupted_cards()[""]
        assert session.exercise.items == uninterrupted().exercise.items
        assert store.session(sid).state == "ended"
