"""A regional session in browser tabs: textual-serve beside the SSH door, one seat app per tab.

No token here: the app's first screen asks for the personal code, with the
same limit on failed tries as over SSH. Each tab's app is told the address it
was opened from (for that limit) through its command line.
"""

from __future__ import annotations

import contextvars
import shlex
import sys
from collections.abc import Awaitable, Callable

from aiohttp import web
from textual_serve.server import Server

from tui.net import shown_host
from tui.room.store import RoomFolder

PEER: contextvars.ContextVar[str] = contextvars.ContextVar("peer", default="?")
"""The address of the browser whose websocket is being handled (aiohttp runs each request in its own task)."""


class RoomWebServer(Server):
    """textual-serve's server, starting `room web-seat` for each tab, inside the room's event loop."""

    def __init__(self, folder: RoomFolder, host: str, port: int, public_url: str | None = None) -> None:
        self.folder = folder
        super().__init__(
            "",
            host=host,
            port=port,
            title=folder.room.title,
            public_url=public_url or f"http://{shown_host(host)}:{port}",
        )
        self._runner: web.AppRunner | None = None

    @property
    def command(self) -> str:
        """The seat app for the tab being opened, with the address it comes from."""
        language = self.folder.room.language
        args = [sys.executable, "-m", "tui", "--lang", language, "room", "web-seat", str(self.folder.path)]
        return shlex.join([*args, "--peer", PEER.get()])

    @command.setter
    def command(self, _: str) -> None:
        """textual-serve sets a fixed command; ours is made per tab."""

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._note_peer)
        return app

    @web.middleware
    async def _note_peer(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        PEER.set(request.remote or "?")
        response = await handler(request)
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    def initialize_logging(self) -> None:
        """Quiet, like the SSH door."""

    async def on_startup(self, app: web.Application) -> None:
        """Nothing to print: `room serve` says how to join."""

    async def start(self) -> None:
        self._runner = web.AppRunner(await self._make_app())
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
