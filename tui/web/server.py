"""textual-serve with a door: only a request that carries the secret token gets the page or the app.

The URL printed at start holds a random token (as Jupyter's does). Opening it
sets a cookie (HttpOnly, SameSite=Strict) so the page's own requests (its
scripts, the app's websocket, downloads) carry the token too; a request with
neither gets 403. Another user of the same machine cannot open someone's
reflections by guessing the port.
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
import signal
from collections.abc import Awaitable, Callable

from aiohttp import web
from textual_serve.server import Server

from tui.net import shown_host

COOKIE = "samenwerken_token"


def new_token() -> str:
    return secrets.token_urlsafe(24)


class TokenServer(Server):
    """textual-serve's server, every route behind the token."""

    def __init__(self, command: str, host: str, port: int, token: str, title: str, public_url: str | None) -> None:
        super().__init__(
            command,
            host=host,
            port=port,
            title=title,
            public_url=public_url or f"http://{shown_host(host)}:{port}",
        )
        self.token = token
        self.started_lines: list[str] = []
        """Printed once the server listens (the URL to open, and any warning)."""

    def allowed(self, request: web.Request) -> bool:
        given = request.query.get("token") or request.cookies.get(COOKIE) or ""
        return hmac.compare_digest(given.encode(), self.token.encode())

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._require_token)
        return app

    @web.middleware
    async def _require_token(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        if not self.allowed(request):
            raise web.HTTPForbidden(text="403: this address needs the link with its token (see where it was started)")
        response = await handler(request)
        if request.query.get("token") and not response.prepared:
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict", path="/")
        response.headers.setdefault("Cache-Control", "no-store")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    def initialize_logging(self) -> None:
        """Quiet: the person who started it sees the URL, not every request."""

    async def on_startup(self, app: web.Application) -> None:
        """Nothing yet: aiohttp calls this before the port listens (see `serve`)."""

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C or SIGTERM, printing `started_lines` once the port listens.

        textual-serve prints from `on_startup`, which aiohttp runs before it binds the
        port: a URL opened at once (by a script, by a test under load) found nothing there.
        aiohttp's `print` callback comes after the sites started.
        """
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        loop.add_signal_handler(signal.SIGINT, self.request_exit)
        loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        web.run_app(
            self._make_app(), host=self.host, port=self.port, handle_signals=False, loop=loop, print=self._listening
        )

    def _listening(self, *_: object) -> None:
        for line in self.started_lines:
            print(line, flush=True)

    def url(self) -> str:
        return f"{self.public_url}/?token={self.token}"


def serve(command: str, host: str, port: int, title: str, lines: Callable[[str], list[str]],
          public_url: str | None = None, token: str | None = None) -> int:  # fmt: skip
    """Serve until Ctrl+C; `lines(url)` says what to print once listening."""
    server = TokenServer(command, host, port, token or new_token(), title, public_url)
    server.started_lines = lines(server.url())
    server.serve()
    return 0
