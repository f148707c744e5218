"""The beamer's door: `/beamer/KEY` (the page) and `/beamer/KEY/state` (what it shows now), read-only.

The key is made per `room serve` (random, 192 bits, see `tui.room.serving.new_beamer_key`) and printed
only to the facilitator; it is the whole of the beamer's access. Every request
under `/beamer` without it gets 403, compared in constant time. Guessing is not
counted as codes are: a 192-bit key cannot be guessed, and a counter would only
let a stranger lock the projector out.

The beamer opens no seat and starts no process. It reads what the seats read:
room.toml (as written by whoever holds the room's lock: the board, or a later
`room phase`) and the seats' files, off the event loop, at most twice a second
however many tabs ask.
"""

from __future__ import annotations

import asyncio
import hmac
import time
from collections.abc import Callable

from aiohttp import web

from tui.content.i18n import Strings
from tui.content.tool import Tool
from tui.room.serving import BEAMER_PREFIX as PREFIX
from tui.room.store import RoomFolder
from tui.room.watch import RoomWatch
from tui.serve.web.beamer_page import FRAGMENT_POLICY, PAGE_POLICY, beamer_page, fragment
from tui.views.group import SeatReader

MAX_KEY = 100
"""A longer key in a request is not even compared."""
FRESH_SECONDS = 0.5
"""Tabs asking within this time of each other get the same answer (one read of the files)."""


class Beamer:
    """The beamer's routes, behind its key; the room read from disk, shared between tabs for `FRESH_SECONDS`."""

    def __init__(
        self,
        folder: RoomFolder,
        key: str,
        strings: Strings,
        tool: Tool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if len(key) < 16:
            raise ValueError("a beamer key needs at least 128 bits")
        self.key = key.encode("ascii")
        self.strings = strings
        self.own = RoomFolder(folder.path, folder.room)
        """A folder of its own: reading room.toml again never touches the board's room in memory."""
        self.watch = RoomWatch(self.own)
        self.reader = SeatReader(self.own)
        self._tool = tool
        self.clock = clock
        self._made = -1e9
        self._shown = ""
        self._turn = asyncio.Lock()
        self.refused = 0
        """Requests refused for a missing or wrong key (for tests and curiosity)."""

    @property
    def tool(self) -> Tool:
        if self._tool is None:
            from tui.content import load_tool

            self._tool = load_tool()
        return self._tool

    def routes(self) -> list[web.RouteDef]:
        return [web.get(PREFIX + "{rest:.*}", self.handle)]

    def is_page(self, path: str) -> bool:
        """The page itself (a person's link arrives here); not its state."""
        rest = path[len(PREFIX) :] if path.startswith(PREFIX + "/") else ""
        return rest.strip("/").count("/") == 0 and bool(rest.strip("/"))

    def admits(self, given: str) -> bool:
        if len(given) > MAX_KEY:
            return False
        return hmac.compare_digest(given.encode("utf-8", "replace"), self.key)

    async def handle(self, request: web.Request) -> web.Response:
        parts = request.match_info["rest"].strip("/").split("/")
        if not self.admits(parts[0]):
            self.refused += 1
            raise web.HTTPForbidden(text="403: the beamer needs its own link (see where the room was served)")
        if parts[1:] == ["state"]:
            return web.Response(
                text=await self.shown(), content_type="text/html", headers={"Content-Security-Policy": FRAGMENT_POLICY}
            )
        if parts[1:]:
            raise web.HTTPNotFound()
        page = beamer_page(await self.shown(), self.strings, self.own.room.title)
        return web.Response(text=page, content_type="text/html", headers={"Content-Security-Policy": PAGE_POLICY})

    async def shown(self) -> str:
        """The fragment as the room is now; made again at most every `FRESH_SECONDS`, off the event loop."""
        async with self._turn:
            if self.clock() - self._made >= FRESH_SECONDS:
                self._shown = await asyncio.get_running_loop().run_in_executor(None, self.make)
                self._made = self.clock()
            return self._shown

    def make(self) -> str:
        """Read room.toml if it changed and the seats' files that changed; the fragment."""
        self.watch.changed()
        view = self.reader.view(self.tool)
        return fragment(view, self.own.room, self.strings)
