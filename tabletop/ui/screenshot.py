"""The palette's Screenshot: saved where it can be, and the room told where."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import platformdirs
from textual.app import App


def save_and_tell(app: App[Any]) -> None:
    """Save an SVG of the screen in ~/Downloads, as Textual does, or, without that folder, in
    the folder tabletop was started in, where the debrief's report goes too (creating a folder
    in someone's home is not a screenshot's business); then say where, or why it could not."""
    downloads = platformdirs.user_downloads_path()
    folder = downloads if downloads.is_dir() else Path(".")
    try:
        saved = Path(app.save_screenshot(path=str(folder))).absolute()
    except OSError as err:
        where = downloads if folder == downloads else "the folder tabletop was started in"
        app.notify(f"Could not save the screenshot in {where}: {err.strerror or err}",
                   title="Screenshot", severity="error", markup=False)
        return
    app.notify(f"Saved to {saved}", title="Screenshot", markup=False)
