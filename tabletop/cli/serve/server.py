"""The web side of `tabletop serve`: textual-serve's server, closed to everyone but the person
who started it.

- Every page lives under a random token (`http://127.0.0.1:8000/TOKEN/`); any other path is
  refused, and the browser's downloads (which textual.js asks for at `/download/KEY`, without
  the token) need the cookie the page set.
- The websocket that drives the app opens only for a page of the server's own origin (its
  `Origin` header is `http://` + the host it asked for), so no other web page can drive it even
  if it learnt the token; and, bound to a loopback address, only under this machine's names, so a
  DNS name rebound to 127.0.0.1 is refused too.
- The page is our template: its font, script and styles are files of textual-serve's package,
  so it works with the network off, and its Content-Security-Policy lets it load nothing else.
- Each tab's app runs in its own process group (`start_new_session`), which the server ends
  when the tab closes or the server stops; `child` ends the app if the server is killed.
- What a tab may ask for is bounded: its terminal's size, in the page's address and in every
  `resize` message alike (`terminal_size`), and how many apps run at once (`MAX_APPS`); the
  next tab is told to wait, on a page that tries again by itself or, if the slots went while
  its page loaded, in its terminal.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import hmac
import ipaddress
import logging
import math
import os
import secrets
import signal
import sys
import textwrap
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp_jinja2
import jinja2
import textual_serve
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from tabletop.base.text import printable
from tabletop.cli.serve.child import PARENT_ENV

TEMPLATES = Path(__file__).parent / "templates"
"""Our page template (textual-serve's links a web font from the internet)."""

STATIC = Path(textual_serve.__file__).parent / "static"
"""textual-serve's bundled files: textual.js, xterm.css, the Roboto Mono fonts."""

QUIT_GRACE = 2.0
"""Seconds an app has to quit when asked before its process group is ended."""

TERM_GRACE = 1.0
"""Seconds between SIGTERM and SIGKILL to an app's process group."""

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")

MAX_APPS = 8
"""Apps (one per browser tab) a server runs at once. A room needs the projector's tab and a
few of the facilitators': 8 is plenty. Each app is a Python process of 40 MB at its first
frame, 48 MB running, 60 MB at the largest terminal (bench/bench_serve.py), so 8 stay under
0.5 GB; 50 tabs opened at once started 50 apps, 2 GB, with a first paint of 6.7 s. A ninth
tab is told to wait instead."""

RETRY_SECONDS = 10
"""How often the page telling a tab to wait tries again."""

COLUMNS = (20, 500)
"""The least and the most columns a tab's terminal may have (a wall screen's is under 400)."""
ROWS = (10, 300)
"""The least and the most rows: a `resize` of 100000x100000 grew one app to 2.1 GB."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

log = logging.getLogger("tabletop.serve")


def signal_group(process: asyncio.subprocess.Process, signum: int) -> None:
    """Send `signum` to the app's process group (the app and anything it started)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signum)


async def reap(process: asyncio.subprocess.Process) -> None:
    """End the app's process group: SIGTERM, then SIGKILL after `TERM_GRACE` seconds."""
    signal_group(process, signal.SIGTERM)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(process.wait(), TERM_GRACE)
    signal_group(process, signal.SIGKILL)
    with contextlib.suppress(TimeoutError):  # reaped, so no zombie stays behind
        await asyncio.wait_for(process.wait(), TERM_GRACE)


def cells(value: object, default: int, bounds: tuple[int, int]) -> int:
    """One side of a terminal as a tab asked for it (the page address's text, or a `resize`
    message's JSON value): a whole number within `bounds`; the default when it is none."""
    if isinstance(value, str):
        number = to_int(value, default)
    elif isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and math.isfinite(value):
        number = int(value)
    else:
        number = default
    return min(max(number, bounds[0]), bounds[1])


def terminal_size(width: object, height: object) -> tuple[int, int]:
    """The terminal a tab asked for, in columns and rows, within `COLUMNS` and `ROWS`."""
    return cells(width, 80, COLUMNS), cells(height, 24, ROWS)


def waiting_notice(retry: bool) -> str:
    """What a tab is told when `MAX_APPS` apps are running; `retry`: its page tries again."""
    again = (f"This page tries again every {RETRY_SECONDS} seconds." if retry
             else "Reload this page to try again.")
    return (f"tabletop serve runs at most {MAX_APPS} apps at once, one per browser tab, and "
            f"{MAX_APPS} tabs have it open. Close one of them, or wait for one to close. "
            f"{again}")


class AppProcess(AppService):
    """One tab's app: `python -m tabletop.cli.serve.child ARGS` in its own process group."""

    def __init__(self, argv: list[str], apps: set[AppProcess],
                 **service: object) -> None:
        super().__init__(" ".join(argv), **service)  # type: ignore[arg-type]
        self.argv = argv
        self.apps = apps

    async def _open_app_process(self, width: int = 80, height: int = 24
                                ) -> asyncio.subprocess.Process:
        environment = self._build_environment(width=width, height=height)
        environment[PARENT_ENV] = str(os.getpid())
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tabletop.cli.serve.child", *self.argv,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=environment, start_new_session=True)
        assert process.stdin is not None
        self._process, self._stdin = process, process.stdin
        self.apps.add(self)
        return process

    async def stop(self) -> None:
        """Ask the app to quit, then end its process group whatever it did."""
        try:
            await asyncio.wait_for(super().stop(), QUIT_GRACE)
        except TimeoutError:
            log.warning("the app did not quit within %s s; ending it", QUIT_GRACE)
        if self._process is not None:
            await reap(self._process)
        self.apps.discard(self)

    async def set_terminal_size(self, width: int, height: int) -> None:
        """Resize the app's terminal, within `COLUMNS` and `ROWS` whatever the tab sent."""
        await super().set_terminal_size(*terminal_size(width, height))


def is_loopback(host: str) -> bool:
    """Whether `host` is this machine only (127.0.0.1, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str, port: int) -> frozenset[str] | None:
    """The `Host` headers a request may carry: this machine's names for a loopback address,
    that address too for another one; None (any) when bound to every address."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        address = None
    if address is not None and address.is_unspecified:
        return None
    shown = f"[{host.strip('[]')}]" if address is not None and address.version == 6 else host
    names = {shown.lower(), *LOOPBACK_NAMES}
    with_port = {f"{name}:{port}" for name in names}
    return frozenset(with_port | (names if port == 80 else set()))


class TabletopServer(Server):
    """textual-serve's `Server` behind a token, an origin check and an offline page."""

    def __init__(self, argv: list[str], *, host: str, port: int, title: str,
                 token: str | None = None) -> None:
        # The page's <title> and the start-up line show it: text, never a control sequence.
        super().__init__(" ".join(argv), host=host, port=port, title=printable(title),
                         statics_path=STATIC, templates_path=TEMPLATES)
        self.argv = argv
        self.token = token or secrets.token_urlsafe(24)
        self.prefix = f"/{self.token}"
        self.apps: set[AppProcess] = set()
        self.hosts = allowed_hosts(host, port)
        """The Host headers we answer (None: any); set again once the port is bound."""
        self.tabs = 0
        """Tabs holding one of the `MAX_APPS` slots: from their websocket's opening until
        their app's process has ended."""

    @property
    def cookie(self) -> str:
        """The cookie's name: one per port, since cookies do not tell ports apart."""
        return f"tabletop-serve-{self.port}"

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
        app.add_routes([
            web.get("/", self.handle_root),
            web.get(f"{self.prefix}/", self.handle_index),
            web.get(f"{self.prefix}/ws", self.handle_websocket),
            web.static(f"{self.prefix}/static", STATIC),
            web.get("/download/{key}", self.handle_download),
        ])
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse a request under a host name that is not ours, and a download without the
        page's cookie; keep the token out of Referer headers and pages out of frames."""
        if self.hosts is not None and request.host.lower() not in self.hosts:
            raise web.HTTPForbidden(text="tabletop serve: unknown host name\n")
        if request.path.startswith("/download/"):
            given = request.cookies.get(self.cookie, "")
            if not hmac.compare_digest(given.encode(), self.token.encode()):
                raise web.HTTPForbidden(text="tabletop serve: open the app's URL first\n")
        response = await handler(request)
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cache-Control"] = "no-store"
        return response

    async def handle_root(self, request: web.Request) -> web.Response:
        """The address without the token: say where the URL is."""
        raise web.HTTPForbidden(
            text="tabletop serve: open the URL that `tabletop serve` printed; it carries "
                 "a token\n")

    async def handle_index(self, request: web.Request) -> web.Response:
        """The page: our offline template, its websocket under the token, the cookie set; or,
        when every slot is taken, a page saying so that tries again by itself."""
        if self.tabs >= MAX_APPS:
            busy = aiohttp_jinja2.render_template(
                "busy.html", request, {"title": self.title, "notice": waiting_notice(True),
                                       "retry": RETRY_SECONDS}, status=503)
            busy.headers["Retry-After"] = str(RETRY_SECONDS)
            busy.headers["Content-Security-Policy"] = (
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                "frame-ancestors 'none'")
            return busy
        font_size = min(max(to_int(request.query.get("fontsize", "16"), 16), 6), 96)
        context = {"title": self.title, "font_size": font_size,
                   "static": f"{self.prefix}/static/",
                   "websocket_url": f"ws://{request.host}{self.prefix}/ws"}
        response = aiohttp_jinja2.render_template("index.html", request, context)
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; script-src 'self' 'unsafe-inline'; "
            "style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; "
            f"connect-src 'self' ws://{request.host}; frame-ancestors 'none'")
        response.set_cookie(self.cookie, self.token, httponly=True, samesite="Strict",
                            path="/")
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """The app's websocket, for a page of our own origin only."""
        if request.headers.get("Origin") != f"http://{request.host}":
            raise web.HTTPForbidden(text="tabletop serve: not from the app's own page\n")
        websocket = web.WebSocketResponse(heartbeat=15)
        width, height = terminal_size(request.query.get("width"), request.query.get("height"))
        await websocket.prepare(request)
        if self.tabs >= MAX_APPS:
            await self.tell_to_wait(websocket)
            return websocket
        self.tabs += 1
        try:
            await self.run_app(websocket, width, height)
        finally:
            self.tabs -= 1
        return websocket

    async def run_app(self, websocket: web.WebSocketResponse, width: int, height: int
                      ) -> None:
        """One tab's app, relayed over its websocket until either ends."""
        app = AppProcess(self.argv, self.apps, write_bytes=websocket.send_bytes,
                         write_str=websocket.send_str, close=websocket.close,
                         download_manager=self.download_manager)
        try:
            await app.start(width, height)
            await self._process_messages(websocket, app)
        except (asyncio.CancelledError, ConnectionError):
            pass
        except Exception as error:  # a malformed message ends this tab's app, not the server
            log.warning("the browser's session ended: %s", error)
        finally:
            await asyncio.shield(app.stop())
            await websocket.close()

    @staticmethod
    async def tell_to_wait(websocket: web.WebSocketResponse) -> None:
        """Write why no app starts into the tab's terminal, and hold the tab until it closes
        (closing the websocket would cover the words with "Session ended")."""
        lines = textwrap.wrap(waiting_notice(False), 60)
        await websocket.send_bytes(("\x1b[2J\x1b[H\r\n" + "".join(
            f"  {line}\r\n" for line in lines)).encode("utf-8"))
        async for _ in websocket:  # what the tab sends is not for any app
            pass

    async def on_shutdown(self, app: web.Application) -> None:
        """End every app still running: the server is stopping."""
        await asyncio.gather(*(tab.stop() for tab in list(self.apps)),
                             return_exceptions=True)

    def url(self, port: int) -> str:
        """The address to open, with the token."""
        host = "127.0.0.1" if self.hosts is None else self.host
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"
        return f"http://{host}:{port}{self.prefix}/"

    async def run(self) -> int:
        """Serve until SIGINT, SIGTERM or SIGHUP; 2 when the address cannot be had."""
        runner = web.AppRunner(await self._make_app(), handle_signals=False, access_log=None)
        await runner.setup()
        try:
            await web.TCPSite(runner, self.host, self.port).start()
        except OSError as err:
            await runner.cleanup()
            why = "it is in use" if err.errno == errno.EADDRINUSE else err.strerror or err
            print(f"tabletop serve: cannot listen on {self.host} port {self.port}: {why} "
                  "(--port 0 picks a free port)", file=sys.stderr)
            return 2
        port = runner.addresses[0][1]
        self.port, self.hosts = port, allowed_hosts(self.host, port)
        self.announce(self.url(port))
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for each in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(each, stop.set)
        await stop.wait()
        await runner.cleanup()
        return 0

    def announce(self, url: str) -> None:
        """Print where to open the app, first line the URL alone (scripts read it)."""
        print(url, flush=True)
        print(f"Serving {self.title!r}: open the address above in a browser on this machine "
              f"(larger text: {url}?fontsize=24). Ctrl+C stops.", flush=True)
        if not is_loopback(self.host):
            print("Listening beyond this machine: anyone who has the address can use the app.",
                  flush=True)


def serve(argv: list[str], *, host: str, port: int, title: str) -> int:
    """Serve `tabletop ARGV` to browsers until interrupted; the exit status."""
    logging.basicConfig(level=logging.WARNING, format="tabletop serve: %(message)s")
    server = TabletopServer(argv, host=host, port=port, title=title)
    return asyncio.run(server.run())
