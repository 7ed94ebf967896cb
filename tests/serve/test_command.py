"""`tabletop serve` on the command line: what each tab runs, the extra's absence, a light
plain install, and an app process that ends with its server however the server ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tabletop.cli import main
from tabletop.cli import serve as serve_package
from tabletop.cli.parser import parse
from tabletop.cli.serve import MISSING_EXTRA, app_command


def test_each_tab_runs_the_scenario_with_the_options_given() -> None:
    args = parse(["serve", "mini.yaml", "--teams", "Red,Blue", "--speed", "2", "--no-pause",
                  "--data-dir", "/tmp/x", "--port", "0"])
    assert app_command(args) == ["run", "mini.yaml", "--data-dir", "/tmp/x", "--no-pause",
                                 "--speed=2.0", "--teams=Red,Blue"]


def test_present_serves_the_rooms_view_of_a_session_or_the_latest() -> None:
    assert app_command(parse(["serve", "--present", "7"])) == ["present", "7"]
    assert app_command(parse(["serve", "--present"])) == ["present"]
    assert app_command(parse(["serve", "--present", "--theme", "projector"])) == [
        "present", "--theme=projector"]


def test_a_port_out_of_range_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as refused:
        parse(["serve", "--port", "70000"])
    assert refused.value.code == 2
    assert "a port" in capsys.readouterr().err


def test_without_the_extra_serve_says_so_in_one_line_and_exits_2(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(serve_package, "extra_installed", lambda: False)
    assert main(["serve", "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert err == MISSING_EXTRA + "\n"
    assert "pip install 'tabletop[serve]'" in err


def test_the_plain_commands_never_import_the_web_server() -> None:
    code = ("import sys, tabletop.cli, tabletop.ui.app, tabletop.cli.serve; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('aiohttp', 'textual_serve', 'jinja2', 'aiohttp_jinja2')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=60).stdout
    assert loaded.strip() == "[]"


# A parent that starts an app-like child (which asks to end with it) and then waits, so the
# test can kill the parent with SIGKILL, as a server can be killed.
PARENT = """
import os, subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", sys.argv[1]], start_new_session=True,
                         env={**os.environ, "TABLETOP_SERVE_PARENT": str(os.getpid())})
print(child.pid, flush=True)
time.sleep(60)
"""

CHILD = """
import os, sys, time
from tabletop.cli.serve import child
if KERNEL_ONLY:
    child.watch_parent = lambda parent: None
else:
    child.ask_kernel_for_signal = lambda signum: False
child.end_with(int(os.environ["TABLETOP_SERVE_PARENT"]))
time.sleep(60)
"""


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by its new parent) is gone for our purpose.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")


def child_outlives_killed_parent(child_code: str) -> float | None:
    """Kill the parent with SIGKILL; seconds until its child ended (None: still alive at 5)."""
    parent = subprocess.Popen([sys.executable, "-c", PARENT, child_code],
                              stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    time.sleep(0.5)  # the child's imports and its watch thread
    assert alive(child)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    start = time.monotonic()
    while time.monotonic() - start < 5:
        if not alive(child):
            return time.monotonic() - start
        time.sleep(0.05)
    os.kill(child, signal.SIGKILL)
    return None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_the_kernel_ends_the_app_when_the_server_is_killed() -> None:
    ended = child_outlives_killed_parent(CHILD.replace("KERNEL_ONLY", "True"))
    assert ended is not None
    assert ended < 0.5


def test_the_watch_thread_ends_the_app_where_the_kernel_does_not() -> None:
    ended = child_outlives_killed_parent(CHILD.replace("KERNEL_ONLY", "False"))
    assert ended is not None
    assert ended < 1.5


async def test_ending_an_app_ends_its_whole_process_group(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    pytest.importorskip("textual_serve", reason="the serve extra is not installed")
    import asyncio

    from tabletop.cli.serve import server
    from tabletop.cli.serve.server import reap

    monkeypatch.setattr(server, "TERM_GRACE", 0.2)

    # An app that ignores SIGTERM and has started a process of its own.
    script = ("import signal, subprocess, sys, time; signal.signal(signal.SIGTERM, "
              "signal.SIG_IGN); p = subprocess.Popen(['sleep', '30']); print(p.pid, "
              "flush=True); time.sleep(30)")
    app = await asyncio.create_subprocess_exec(sys.executable, "-c", script,
                                               stdout=asyncio.subprocess.PIPE,
                                               start_new_session=True)
    assert app.stdout is not None
    grandchild = int(await app.stdout.readline())
    await reap(app)
    assert app.returncode == -signal.SIGKILL
    deadline = time.monotonic() + 2
    while alive(grandchild) and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    assert not alive(grandchild)
