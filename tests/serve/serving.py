"""A `tabletop serve` server on a test port, for the tests that talk to it without a browser
(import it after `pytest.importorskip("textual_serve")`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from tabletop.cli.serve.server import TabletopServer, allowed_hosts

TOKEN = "t0ken-for-tests"
"""The token every test server is made with."""

Client = TestClient[web.Request, web.Application]


@asynccontextmanager
async def serving(title: str = "Mini") -> AsyncIterator[tuple[TabletopServer, Client]]:
    """The server of `tabletop serve mini` with `title`, on a free local port, and a client."""
    server = TabletopServer(["run", "mini"], host="127.0.0.1", port=0, title=title,
                            token=TOKEN)
    test_server = TestServer(await server._make_app(), host="127.0.0.1")
    async with TestClient(test_server) as client:
        server.port = client.port or 0
        server.hosts = allowed_hosts("127.0.0.1", server.port)
        yield server, client
