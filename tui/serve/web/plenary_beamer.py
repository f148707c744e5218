"""`plenary FILE… --serve PORT`: the plenary on the beamer's page, read-only, behind its own key.

The plenary is made once from the tables' files; this door only shows it. As the room's
beamer (`tui.serve.web.beamer`): the page is `/beamer/KEY` (part `--part`), `/beamer/KEY/N`
shows part N, and `…/state` is what the page's script asks for; every request without the
key gets 403, compared in constant time. A plain aiohttp server: no seats, no processes.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import signal
from collections.abc import Callable

from aiohttp import web
from aiohttp.typedefs import Handler

from tui.content.i18n import Strings
from tui.core.net import shown_host
from tui.room.serving import BEAMER_PREFIX as PREFIX
from tui.serve.web.beamer import MAX_KEY
from tui.serve.web.beamer_page import FRAGMENT_POLICY, PAGE_POLICY, beamer_page
from tui.serve.web.plenary_page import plenary_fragment, plenary_parts
from tui.views.plenary import Plenary

HEADERS = {"Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}
"""The key is in the address: no page may pass it on, no cache keep it."""


class PlenaryBeamer:
    """The plenary's beamer routes behind `key`; the fragments made once per part (the files do not change)."""

    def __init__(self, plenary: Plenary, key: str, strings: Strings, part: int = 1) -> None:
        if len(key) < 16:
            raise ValueError("a beamer key needs at least 128 bits")
        self.plenary = plenary
        self.key = key.encode("ascii")
        self.base = f"{PREFIX}/{key}"
        self.strings = strings
        self.part = part
        self.parts = len(plenary_parts(plenary))
        self._made: dict[int, str] = {}
        self.refused = 0
        """Requests refused for a missing or wrong key (for tests)."""

    def routes(self) -> list[web.RouteDef]:
        return [web.get(PREFIX + "{rest:.*}", self.handle)]

    def app(self) -> web.Application:
        app = web.Application(middlewares=[_headers], client_max_size=1024)
        app.add_routes(self.routes())
        return app

    def admits(self, given: str) -> bool:
        if len(given) > MAX_KEY:
            return False
        return hmac.compare_digest(given.encode("utf-8", "replace"), self.key)

    def fragment(self, part: int) -> str:
        if part not in self._made:
            self._made[part] = plenary_fragment(self.plenary, self.strings, part, self.base)
        return self._made[part]

    async def handle(self, request: web.Request) -> web.Response:
        parts = request.match_info["rest"].strip("/").split("/")
        if not self.admits(parts[0]):
            self.refused += 1
            raise web.HTTPForbidden(text="403: the beamer needs its own link (see where the plenary was served)")
        rest = parts[1:]
        part = self.part
        if rest and rest[0].isdigit() and len(rest[0]) <= 3:
            part, rest = int(rest[0]), rest[1:]
            if not 1 <= part <= max(self.parts, 1):
                raise web.HTTPNotFound()
        if rest == ["state"]:
            headers = {"Content-Security-Policy": FRAGMENT_POLICY}
            return web.Response(text=self.fragment(part), content_type="text/html", headers=headers)
        if rest:
            raise web.HTTPNotFound()
        page = beamer_page(self.fragment(part), self.strings, self.strings("plenary.title", n=len(self.plenary.tables)))
        return web.Response(text=page, content_type="text/html", headers={"Content-Security-Policy": PAGE_POLICY})


@web.middleware
async def _headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as error:
        error.headers.update(HEADERS)
        raise
    response.headers.update(HEADERS)
    return response


async def serve_plenary(
    beamer: PlenaryBeamer, host: str, port: int, say: Callable[[str], None], stop: asyncio.Event | None = None
) -> None:
    """Serve `beamer` on host:port until Ctrl+C, SIGTERM or `stop`; say the page's address once it listens."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, stop.set)
    runner = web.AppRunner(beamer.app(), access_log=None, handle_signals=False)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        await site.start()
        bound = port
        for address in runner.addresses:
            if isinstance(address, tuple) and len(address) >= 2:
                bound = int(address[1])
                break
        say(beamer.strings("room.beamer", url=f"http://{shown_host(host)}:{bound}{beamer.base}"))
        await stop.wait()
    finally:
        await runner.cleanup()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.remove_signal_handler(sig)
