"""The app process of one browser tab (`python -m tabletop.cli.serve.child run ...`): the
`tabletop` command line, ending when the server that started it ends, however it ends.

The server ends the app's process group when it stops; if the server is killed (SIGKILL) it
cannot, so the app watches for it: on Linux the kernel sends SIGTERM when the parent dies
(`prctl(PR_SET_PDEATHSIG)`), and everywhere a thread notices the parent is gone (the process
is handed to another parent) and ends the app. Textual's web driver quits on SIGTERM.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

PARENT_ENV = "TABLETOP_SERVE_PARENT"
"""The server's process id, which the app process must outlive by no more than a moment."""

POLL_SECONDS = 0.25
"""How often the watch thread looks for its parent."""

GRACE_SECONDS = 2.0
"""How long the app has to quit on SIGTERM before the watch thread ends the process."""

PR_SET_PDEATHSIG = 1
"""prctl's option number (linux/prctl.h)."""


def ask_kernel_for_signal(signum: int) -> bool:
    """On Linux, have the kernel send `signum` to this process when its parent dies."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def watch_parent(parent: int) -> None:
    """Return when `parent` is no longer this process's parent; then end this process."""
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(GRACE_SECONDS)
    os._exit(1)


def end_with(parent: int) -> None:
    """Make this process end when `parent` does (see the module's docstring)."""
    ask_kernel_for_signal(signal.SIGTERM)
    if os.getppid() != parent:  # it died before we asked
        os._exit(1)
    threading.Thread(target=watch_parent, args=(parent,), name="parent-watch",
                     daemon=True).start()


def main() -> int:
    """Run `tabletop` with this process's arguments, ending with the server."""
    parent = os.environ.get(PARENT_ENV, "")
    if parent.isdigit():
        end_with(int(parent))
    # After the watch on the parent is set: a parent gone during start-up ends this one too.
    from tabletop.cli import main as tabletop

    return tabletop(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
