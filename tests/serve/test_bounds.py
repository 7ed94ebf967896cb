"""`tabletop serve` bounds what a tab may ask for (issue 18): its terminal's size, in the page's
address and in every `resize` message, and how many apps run at once (`MAX_APPS`), the next
tab told to wait. The web side runs in-process; each tab's app is a stand-in process that
sleeps (a real app is a Textual app, a second of CPU to start), so only the server is tested."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest

pytest.importorskip("textual_serve", reason="the serve extra is not installed")

from aiohttp import ClientWebSocketResponse, WSMsgType
from textual_serve.app_service import AppService

from tabletop.cli.serve import server as serve_server
from tabletop.cli.serve.server import (
    COLUMNS,
    MAX_APPS,
    RETRY_SECONDS,
    ROWS,
    AppProcess,
    TabletopServer,
    terminal_size,
)
from tests.serve.serving import TOKEN, Client, serving


@dataclass
class Served:
    """The server under test, its client, and what its stand-in apps were asked."""

    server: TabletopServer
    client: Client
    started: list[tuple[int, int]] = field(default_factory=list)
    """Each app's terminal size when it started."""
    meta: list[dict[str, Any]] = field(default_factory=list)
    """Every meta message sent to an app (resize, quit)."""

    async def open_tab(self, query: str = "") -> ClientWebSocketResponse:
        """A tab's websocket, from the server's own page."""
        return await self.client.ws_connect(
            f"/{TOKEN}/ws{query}", headers={"Origin": f"http://127.0.0.1:{self.client.port}"})

    async def until(self, apps: int) -> None:
        """Wait (at most about 5 s) until `apps` apps run."""
        for _ in range(500):
            if len(self.server.apps) == apps:
                return
            await asyncio.sleep(0.01)
        raise AssertionError(f"{len(self.server.apps)} apps run, not {apps}")


@pytest.fixture
async def served(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Served]:
    async with serving() as (server, client):
        state = Served(server, client)

        async def stand_in(self: AppProcess, width: int = 80, height: int = 24
                           ) -> asyncio.subprocess.Process:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-c", "import sys; sys.stdin.buffer.read()",
                stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE, start_new_session=True)
            assert process.stdin is not None
            self._process, self._stdin = process, process.stdin
            self.apps.add(self)
            state.started.append((width, height))
            return process

        async def recorded(self: AppService, data: dict[str, Any]) -> bool:
            state.meta.append(data)
            return True

        monkeypatch.setattr(AppProcess, "_open_app_process", stand_in)
        monkeypatch.setattr(AppService, "send_meta", recorded)
        monkeypatch.setattr(serve_server, "QUIT_GRACE", 0.05)
        yield state


@pytest.mark.parametrize(("asked", "given"), [
    ((100_000, 100_000), (COLUMNS[1], ROWS[1])),
    ((-5, 0), (COLUMNS[0], ROWS[0])),
    (("120", "36"), (120, 36)),
    ((132.9, 40.0), (132, 40)),
    (("1e9", None), (80, 24)),
    ((True, float("inf")), (80, 24)),
    (([], {"rows": 9}), (80, 24)),
])
def test_a_terminal_size_is_a_whole_number_within_bounds(asked: tuple[object, object],
                                                         given: tuple[int, int]) -> None:
    assert terminal_size(*asked) == given


async def test_a_resize_message_is_clamped_like_the_page_address(served: Served) -> None:
    tab = await served.open_tab("?width=100000&height=100000")
    await served.until(1)
    await tab.send_str(json.dumps(["resize", {"width": 100_000, "height": 100_000}]))
    await tab.send_str(json.dumps(["resize", {"width": 132, "height": 40}]))
    for _ in range(500):
        if len([m for m in served.meta if m["type"] == "resize"]) == 2:
            break
        await asyncio.sleep(0.01)
    assert served.started == [(COLUMNS[1], ROWS[1])]
    assert [(m["width"], m["height"]) for m in served.meta if m["type"] == "resize"] == [
        (COLUMNS[1], ROWS[1]), (132, 40)]
    await tab.close()


async def test_the_tab_after_the_last_slot_is_told_to_wait_and_gets_one_when_a_tab_closes(
        served: Served) -> None:
    tabs = [await served.open_tab() for _ in range(MAX_APPS)]
    await served.until(MAX_APPS)
    page = await served.client.get(f"/{TOKEN}/?fontsize=24")
    assert page.status == 503
    assert page.headers["Retry-After"] == str(RETRY_SECONDS)
    text = await page.text()
    assert f"at most {MAX_APPS} apps at once" in text
    assert f'http-equiv="refresh" content="{RETRY_SECONDS}"' in text  # it tries again
    late = await served.open_tab()  # its page loaded while a slot was free
    told = await late.receive(timeout=5)
    assert told.type == WSMsgType.BINARY
    assert "Reload this page to try again" in told.data.decode()
    assert len(served.server.apps) == MAX_APPS  # no ninth app
    await late.close()
    await tabs[0].close()
    await served.until(MAX_APPS - 1)
    for _ in range(500):
        if served.server.tabs < MAX_APPS:
            break
        await asyncio.sleep(0.01)
    assert (await served.client.get(f"/{TOKEN}/")).status == 200
    again = await served.open_tab()
    await served.until(MAX_APPS)
    for tab in [*tabs[1:], again]:
        await tab.close()
    await served.until(0)
    assert served.server.tabs == 0
