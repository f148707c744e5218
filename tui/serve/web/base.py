"""What both browser doors share: a foreign page is refused, sizes are clamped, a page's downloads are its own.

textual-serve gives us the app process per websocket (`AppService`) and the
download relay; the routes, the page and the websocket loop are ours, so that:

- every request from a page of another origin (another port of the same host
  included: cookies and `SameSite` do not tell ports apart) is refused, and so
  is a subresource request another site's page makes without an `Origin`
  (`Sec-Fetch-Site`);
- a terminal size from the browser, at the start or in a resize, is clamped
  (`MAX_COLUMNS` × `MAX_ROWS`): a 65535×65535 tab made one app grow past 800 MB;
- a page's own requests carry their secret in the URL, never in a cookie.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager
from textual_serve.server import Server

from tui.serve.terminal_size import clamp_size

STATIC_FILES = ("css/xterm.css", "js/textual.js")
"""All the page needs from textual-serve's static folder; nothing else is served from it."""

MAX_MESSAGE = 64 * 1024
"""The largest websocket message a tab may send (keys, a resize, a ping)."""

EXIT_WAIT = 5.0
"""Seconds a tab waits, once its app's output has ended, for the app's exit code (which says why it went)."""

log = logging.getLogger("samenwerken.web")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def origin_of(url: str) -> str:
    """`scheme://host[:port]` of a URL, as browsers send it in `Origin`."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class OwnedDownloads(DownloadManager):
    """textual-serve's download relay, remembering which app (tab) each download key belongs to."""

    def __init__(self) -> None:
        super().__init__()
        self.owner: dict[str, str] = {}

    async def create_download(self, *, app_service: AppService, delivery_key: str, **meta: Any) -> None:
        self.owner[delivery_key] = app_service.app_service_id
        await super().create_download(app_service=app_service, delivery_key=delivery_key, **meta)

    async def cancel_app_downloads(self, app_service_id: str) -> None:
        for key in [k for k, owner in self.owner.items() if owner == app_service_id]:
            del self.owner[key]
        await super().cancel_app_downloads(app_service_id)


class GuardedServer(Server):
    """textual-serve's server with our routes, our page and our websocket loop behind the guards above."""

    def __init__(self, host: str, port: int, title: str, public_url: str) -> None:
        super().__init__("", host=host, port=port, title=title, public_url=public_url.rstrip("/"))
        self.download_manager: OwnedDownloads = OwnedDownloads()
        self.sockets: dict[web.WebSocketResponse, float] = {}
        """Open tabs and when each last had a key, closed when the server stops (their apps then save and exit)."""

    # the application ----------------------------------------------------------

    def routes(self) -> list[web.RouteDef]:
        """The routes of this door (subclasses)."""
        raise NotImplementedError

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard], client_max_size=MAX_MESSAGE)
        app.add_routes(self.routes())
        app.on_response_prepare.append(_protect)
        app.on_shutdown.append(self.on_shutdown)
        return app

    def allowed_origins(self, request: web.Request) -> set[str]:
        """This server's own origins: its public URL, and the host the request was sent to."""
        own = {origin_of(self.public_url)}
        if request.host:
            own |= {f"http://{request.host}".lower(), f"https://{request.host}".lower()}
        return own

    def foreign(self, request: web.Request) -> bool:
        """True for a request another origin's page made (its `Origin`, or the browser's `Sec-Fetch-Site`)."""
        origin = request.headers.get("Origin")
        if origin is not None and origin.lower() not in self.allowed_origins(request):
            return True
        site = request.headers.get("Sec-Fetch-Site")
        if site in ("cross-site", "same-site"):
            # Following a link to the first page is how people arrive; nothing else comes from elsewhere.
            arriving = request.method == "GET" and request.headers.get("Sec-Fetch-Mode") == "navigate"
            return not (arriving and self.is_entry(request))
        return False

    def is_entry(self, request: web.Request) -> bool:
        """The page a person's link points at (subclasses)."""
        return request.path == "/"

    def admitted(self, request: web.Request) -> bool:
        """Whether this request may reach its route at all (the token door says no without the token)."""
        return True

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if self.foreign(request):
            raise web.HTTPForbidden(text="403: not from another site")
        if not self.admitted(request):
            raise web.HTTPForbidden(text="403: this address needs the link with its token (see where it was started)")
        return await handler(request)

    # what every door serves ---------------------------------------------------

    async def handle_static(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        if name not in STATIC_FILES:
            raise web.HTTPNotFound()
        return web.FileResponse(Path(self.statics_path) / name)

    def may_download(self, request: web.Request, key: str) -> bool:
        """Whether this request may fetch download `key` (subclasses)."""
        return False

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        key = request.match_info["key"]
        if key not in self.download_manager.owner or not self.may_download(request, key):
            raise web.HTTPNotFound()
        return await super().handle_download(request)

    async def open_socket(self, request: web.Request) -> web.WebSocketResponse:
        """The tab's websocket, open (and closed with the server)."""
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        await websocket.prepare(request)
        self.sockets[websocket] = time.monotonic()
        return websocket

    async def run_app(
        self,
        request: web.Request,
        websocket: web.WebSocketResponse,
        command: str,
        started: Callable[[AppService], None] | None = None,
    ) -> web.WebSocketResponse:
        """One tab's app: started at a clamped size, its keys and resizes passed on, stopped when the tab goes."""
        if websocket.closed:  # closed while it waited its turn: start nothing
            self.sockets.pop(websocket, None)
            return websocket
        width, height = clamp_size(request.query.get("width"), request.query.get("height"))

        async def close() -> None:
            """The app says it exits: let its input end too; the tab closes once it has gone, with why it went."""
            await service.send_meta({"type": "quit"})  # (`_close_when_gone`: the exit code says why)

        service = AppService(
            command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=self.download_manager,
        )
        watcher: asyncio.Task[None] | None = None
        try:
            await service.start(width, height)
            watcher = asyncio.create_task(_close_when_gone(service, websocket, self.farewell))
            if started is not None:
                started(service)
            async for message in websocket:
                if message.type == WSMsgType.TEXT and await _relay(message.data, service, websocket):
                    self.sockets[websocket] = time.monotonic()
        except Exception:  # a broken tab or app ends this tab only
            log.exception("browser tab")
        finally:
            if watcher is not None:
                watcher.cancel()
            self.sockets.pop(websocket, None)
            await service.stop()
            await _ended(service)
            await websocket.close()
        return websocket

    def farewell(self, returncode: int | None) -> int:
        """The close code a tab gets when its app went by itself, from the app's exit code (subclasses say why)."""
        return int(WSCloseCode.OK)

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every tab: its loop ends, its app is told to quit (and saves), the server can stop at once."""
        await asyncio.gather(
            *(s.close(code=WSCloseCode.GOING_AWAY) for s in list(self.sockets)), return_exceptions=True
        )

    def initialize_logging(self) -> None:
        """Quiet: the person who started it sees the URL, not every request."""

    async def on_startup(self, app: web.Application) -> None:
        """Nothing to print here (see the subclasses)."""


async def _close_when_gone(
    service: AppService, websocket: web.WebSocketResponse, farewell: Callable[[int | None], int]
) -> None:
    """Close the tab once its app has gone and its last output is passed on (taken over, crashed, quit).

    The close code says why, when the server knows (`farewell` of the app's exit code): the page words it.
    """
    relaying: asyncio.Task[None] | None = getattr(service, "_task", None)
    if relaying is not None:
        await asyncio.wait({relaying})
        process: asyncio.subprocess.Process | None = getattr(service, "_process", None)
        returncode = None
        if process is not None:
            with contextlib.suppress(TimeoutError):
                returncode = await asyncio.wait_for(process.wait(), EXIT_WAIT)
        await websocket.close(code=farewell(returncode))


async def _ended(service: AppService, grace: float = 10.0) -> None:
    """Wait until the tab's app process has exited (it closes its output a moment before); kill it after `grace`."""
    process: asyncio.subprocess.Process | None = getattr(service, "_process", None)
    if process is None or process.returncode is not None:
        return
    try:
        await asyncio.wait_for(process.wait(), grace)
    except TimeoutError:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()


async def _relay(data: str, service: AppService, websocket: web.WebSocketResponse) -> bool:
    """One message from the page, checked: only the kinds the page sends, a resize clamped. True for a key."""
    try:
        envelope = json.loads(data)
    except ValueError:
        return False
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        return False
    kind, payload = envelope[0], envelope[1] if len(envelope) > 1 else None
    if kind == "stdin" and isinstance(payload, str):
        await service.send_bytes(payload.encode("utf-8", "replace"))
        return True
    if kind == "resize" and isinstance(payload, dict):
        await service.set_terminal_size(*clamp_size(payload.get("width"), payload.get("height")))
    elif kind == "ping" and isinstance(payload, str):
        await websocket.send_json(["pong", payload[:100]])
    elif kind == "blur":
        await service.blur()
    elif kind == "focus":
        await service.focus()
    return False


async def _protect(request: web.Request, response: web.StreamResponse) -> None:
    """Headers on every answer (pages, errors, downloads, websockets): nothing cached, no address passed on,
    not inside another site's frame. No cookie is ever set."""
    response.headers.setdefault("Cache-Control", "no-store")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Content-Security-Policy", "frame-ancestors 'none'")
