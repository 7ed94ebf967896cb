"""`tabletop serve` opens to its own page only: the token, the host names, the websocket's
origin, the cookie for downloads, and a page that loads nothing from the internet. These run
the web side in-process (no app is started: every refusal comes before one would be)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import pytest

pytest.importorskip("textual_serve", reason="the serve extra is not installed")

from aiohttp import WSServerHandshakeError

from tabletop.cli.serve.server import allowed_hosts, is_loopback
from tests.serve.serving import TOKEN, Client, serving


@pytest.fixture
async def client() -> AsyncIterator[Client]:
    async with serving("A <b> title") as (_, test_client):
        yield test_client


async def test_the_page_is_served_under_the_token_only(client: Client
                                                        ) -> None:
    assert (await client.get(f"/{TOKEN}/")).status == 200
    root = await client.get("/")
    assert root.status == 403
    assert "token" in await root.text()
    assert (await client.get("/not-the-token/")).status == 404
    assert (await client.get("/static/js/textual.js")).status == 404
    assert (await client.get(f"/{TOKEN}/static/js/textual.js")).status == 200


async def test_the_page_loads_nothing_from_elsewhere(client: Client) -> None:
    page = await client.get(f"/{TOKEN}/?fontsize=24")
    html = await page.text()
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assert "fonts/RobotoMono-VariableFont_wght.ttf" in html
    assert 'data-font-size="24"' in html
    assert "A &lt;b&gt; title" in html  # escaped
    policy = page.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert page.headers["Referrer-Policy"] == "no-referrer"
    for asset in re.findall(r"(?:src|href|url\()=?\"([^\"]+)\"", html):
        if asset.startswith("/"):
            assert (await client.get(asset)).status == 200, asset


async def test_a_page_of_another_origin_cannot_open_the_websocket(
        client: Client) -> None:
    for origin in ("http://elsewhere.test", "null", f"http://localhost:{client.port}"):
        with pytest.raises(WSServerHandshakeError) as refused:
            await client.ws_connect(f"/{TOKEN}/ws", headers={"Origin": origin})
        assert refused.value.status == 403, origin
    with pytest.raises(WSServerHandshakeError) as no_origin:
        await client.ws_connect(f"/{TOKEN}/ws")
    assert no_origin.value.status == 403


async def test_a_host_name_that_is_not_ours_is_refused(client: Client
                                                       ) -> None:
    # A DNS name rebound to 127.0.0.1 reaches the port, but under its own name.
    rebound = await client.get(f"/{TOKEN}/", headers={"Host": f"rebound.test:{client.port}"})
    assert rebound.status == 403
    by_name = await client.get(f"/{TOKEN}/", headers={"Host": f"localhost:{client.port}"})
    assert by_name.status == 200


async def test_a_download_needs_the_cookie_the_page_set(client: Client
                                                        ) -> None:
    assert (await client.get("/download/some-key")).status == 403
    await client.get(f"/{TOKEN}/")  # sets the cookie
    assert (await client.get("/download/some-key")).status == 404  # past the guard


def test_the_host_names_answered_depend_on_the_address() -> None:
    assert allowed_hosts("127.0.0.1", 8000) == frozenset(
        {"127.0.0.1:8000", "localhost:8000", "[::1]:8000"})
    assert allowed_hosts("0.0.0.0", 8000) is None
    assert allowed_hosts("::", 8000) is None
    assert "[::1]:8000" in (allowed_hosts("::1", 8000) or ())
    assert "192.168.1.5:80" in (allowed_hosts("192.168.1.5", 80) or ())
    assert is_loopback("localhost")
    assert is_loopback("::1")
    assert not is_loopback("0.0.0.0")
    assert not is_loopback("192.168.1.5")


async def test_the_page_shows_a_title_with_escapes_as_text() -> None:
    async with serving("Mini\x1b]0;pwned\x07 \x9b2J \u202erelease") as (_, test_client):
        page = await (await test_client.get(f"/{TOKEN}/")).text()
    assert "Mini\\x1b]0;pwned" in page
    assert not any((ord(c) < 0x20 and c not in "\n\t") or 0x7f <= ord(c) <= 0x9f
                   or c == "\u202e" for c in page)
