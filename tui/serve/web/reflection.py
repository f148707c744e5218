"""`samenwerken serve`: the app in a browser tab, behind a secret token that stays with its owner.

The URL printed at start holds a random token (as Jupyter's does). No cookie is
ever set: cookies are not separated by port, so a page on any other port of the
same machine would carry it. Instead the page carries the token in its own
links: the app's websocket (`/ws/TOKEN`), its scripts (`/static/TOKEN/…`) and
its downloads (`/download/KEY?token=TOKEN`). A request without it gets 403, and
so does any request from another origin's page, token or not (`base`).
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
import signal
from collections.abc import Callable

from aiohttp import web

from tui.content.i18n import strings_for
from tui.core.net import shown_host
from tui.serve.web.base import GuardedServer
from tui.serve.web.page import app_page


def new_token() -> str:
    return secrets.token_urlsafe(24)


class TokenServer(GuardedServer):
    """One person's app, every route behind the token."""

    def __init__(
        self, command: str, host: str, port: int, token: str, title: str, public_url: str | None, language: str = "nl"
    ) -> None:
        super().__init__(host, port, title, public_url or f"http://{shown_host(host)}:{port}")
        self.app_command = command
        self.token = token
        self.strings = strings_for(language)
        self.started_lines: list[str] = []
        """Printed once the server listens (the URL to open, and any warning)."""

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/", self.handle_index),
            web.get("/ws/{secret}", self.handle_websocket),
            web.get("/static/{secret}/{name:.+}", self.handle_static),
            web.get("/download/{key}", self.handle_download),
        ]

    def admitted(self, request: web.Request) -> bool:
        given = request.match_info.get("secret") or request.query.get("token") or ""
        return hmac.compare_digest(given.encode(), self.token.encode())

    def may_download(self, request: web.Request, key: str) -> bool:
        return True  # the token was checked for every route (`admitted`)

    async def handle_index(self, request: web.Request) -> web.Response:
        page = app_page(
            self.strings,
            self.title,
            static=f"static/{self.token}/",
            socket_path=f"ws/{self.token}",
            secret=("token", self.token),
            again=f"./?token={self.token}",
        )
        return web.Response(text=page, content_type="text/html")

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        return await self.run_app(request, await self.open_socket(request), self.app_command)

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C or SIGTERM, printing `started_lines` once the port listens.

        aiohttp's `print` callback comes after the sites started: a URL opened at once
        (by a script, by a test under load) finds the server there.
        """
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
          public_url: str | None = None, token: str | None = None, language: str = "nl") -> int:  # fmt: skip
    """Serve until Ctrl+C; `lines(url)` says what to print once listening."""
    server = TokenServer(command, host, port, token or new_token(), title, public_url, language)
    server.started_lines = lines(server.url())
    server.serve()
    return 0
