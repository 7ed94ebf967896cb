"""Running a screen from the command line: what is refused before the first frame, and what
an app has to say once it has closed (printed through `output.say`)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Protocol

from tabletop.cli.errors import UsageError
from tabletop.cli.output import say


def refuse_a_file_in_the_way(args: argparse.Namespace) -> None:
    """A --data-dir with a file where its folder should be is refused before the first frame:
    the store itself opens once the frame is on screen, so the briefing would flash first."""
    folder = getattr(args, "data_dir", None)
    if not folder:
        return
    path = Path(folder)
    there = next((p for p in (path, *path.parents) if p.exists()), None)
    if there is not None and not there.is_dir():
        from tabletop.journal.faults import folder_fault  # the refusal's words, only then

        raise UsageError(str(folder_fault(NotADirectoryError(folder), path)))


class LeavingApp(Protocol):
    """What running an app asks of it (`ui.text.TextApp`): the screens stay the UI's."""

    farewell: str

    @property
    def return_code(self) -> int | None:
        """The exit status it left."""

    def run(self) -> object:
        """Run to the end."""


def run_app(app: LeavingApp) -> int:
    """Run an app to its end; what it has to say on leaving is printed (`output.say`) once its
    screen has closed; its exit status."""
    app.run()
    if app.farewell:
        say(app.farewell, error=True)
    return app.return_code or 0
