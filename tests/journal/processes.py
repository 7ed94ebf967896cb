"""Child processes that drive a session on a real store, to be killed with SIGKILL at a chosen
moment (tests/journal/test_crash.py, tests/faults/test_kill_and_resume.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from tests.journal.helpers import REPO


@contextmanager
def child(script: str, *args: str) -> Iterator[subprocess.Popen[str]]:
    """A Python child running `script` with `args`, killed with SIGKILL on the way out."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
    proc = subprocess.Popen([sys.executable, "-c", script, *args], cwd=REPO, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        yield proc
    finally:
        kill(proc)
        assert proc.stdin is not None
        assert proc.stdout is not None
        assert proc.stderr is not None
        proc.stdin.close()
        proc.stdout.close()
        proc.stderr.close()


def kill(proc: subprocess.Popen[str]) -> None:
    """SIGKILL the child if it still runs, and reap it (a zombie's pid still answers)."""
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def read_line(proc: subprocess.Popen[str]) -> str:
    """The child's next line of output; AssertionError with its stderr if it exited."""
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line:
        assert proc.stderr is not None
        raise AssertionError(f"child exited early: {proc.stderr.read()}")
    return line.strip()
