"""The palette's Screenshot command saves where it can and says where, or why it could not."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import SystemCommand
from textual.pilot import Pilot

from tests.ui.helpers import SIZE, paused_at, record_notifications


def screenshot_command(pilot: Pilot[None]) -> SystemCommand:
    """The palette's Screenshot command on the current screen."""
    return next(c for c in pilot.app.get_system_commands(pilot.app.screen)
                if c.title == "Screenshot")


async def take_screenshot(pilot: Pilot[None]) -> list[str]:
    """Run the palette's Screenshot command; the notifications it gave."""
    notes = record_notifications(pilot.app)  # from here: not the resumed session's greeting
    screenshot_command(pilot).callback()
    # It waits a tenth of a second for the palette to close; on a busy machine, longer.
    for _ in range(100):
        await pilot.pause(0.05)
        if notes:
            break
    return [n.message for n in notes]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home whose Downloads folder is `home/Downloads` (not made), started in `home/work`."""
    monkeypatch.setattr("platformdirs.user_downloads_path", lambda: tmp_path / "Downloads")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    return tmp_path


async def test_without_a_downloads_folder_the_screenshot_is_saved_where_tabletop_started(
        home: Path) -> None:
    async with paused_at(-5).app.run_test(size=SIZE) as pilot:
        said = await take_screenshot(pilot)
    saved = list((home / "work").glob("*.svg"))
    assert len(saved) == 1
    assert saved[0].read_text(encoding="utf-8").startswith("<svg")
    assert said == [f"Saved to {saved[0]}"]
    assert not (home / "Downloads").exists()


async def test_with_a_downloads_folder_the_screenshot_is_saved_there(home: Path) -> None:
    (home / "Downloads").mkdir()
    async with paused_at(-5).app.run_test(size=SIZE) as pilot:
        said = await take_screenshot(pilot)
    saved = list((home / "Downloads").glob("*.svg"))
    assert len(saved) == 1
    assert said == [f"Saved to {saved[0]}"]


async def test_a_screenshot_that_cannot_be_saved_says_where_and_why(home: Path) -> None:
    async with paused_at(-5).app.run_test(size=SIZE) as pilot:
        (home / "work").rmdir()  # the folder tabletop was started in is gone
        said = await take_screenshot(pilot)
    assert said == ["Could not save the screenshot in the folder tabletop was started in: "
                    "No such file or directory"]
