"""A regional session in browser tabs, beside the SSH door and in its event loop: the code first, then the app.

A tab starts on a small form of our own (`page.code_page`), which costs the
server nothing but a few bytes (`Lobby`: capped per address and in total,
forgotten after a few minutes). The code it posts is checked here, in this
process, under the same `Gate` as the SSH door: counted before it is compared,
the comparison off the event loop. A right code gives a ticket (random, one
seat, once, for a minute) and sends the tab to `/seat?ticket=…`, textual.js's
page, whose websocket `/ws/TICKET` starts that seat's app (`room seat`, as over
SSH; a seat open over SSH is taken over by it, a tab already on the seat is
closed first). A websocket or page without a valid ticket starts nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import shlex
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from aiohttp import web
from textual_serve.app_service import AppService

from tui.content.i18n import strings_for
from tui.core.net import shown_host
from tui.room.codes import seat_for_code
from tui.room.store import RoomFolder
from tui.serve.gate import Gate, Refusal, admitted, checks
from tui.serve.web.base import GuardedServer
from tui.serve.web.beamer import Beamer
from tui.serve.web.lobby import Lobby
from tui.serve.web.page import app_page, code_page, note_page

Command = Callable[[RoomFolder, str], list[str]]

TAKEN_OVER = 4001
"""The websocket's close code for a seat taken over by a login with its code elsewhere (4000–4999: an
application's own). The tab's page then says so in the room's language (`page.app_page`)."""


@dataclass
class _Tab:
    websocket: web.WebSocketResponse
    ended: asyncio.Event = field(default_factory=asyncio.Event)


class RoomWebServer(GuardedServer):
    """The room's browser door: the code form, the gate, tickets, and one seat app per ticket."""

    def __init__(
        self,
        folder: RoomFolder,
        gate: Gate,
        host: str,
        port: int,
        public_url: str | None = None,
        command: Command | None = None,
        lobby: Lobby | None = None,
        idle_minutes: float = 60.0,
        on_seat: Callable[[str, bool], None] | None = None,
        beamer_key: str | None = None,
    ) -> None:
        super().__init__(host, port, folder.room.title, public_url or f"http://{shown_host(host)}:{port}")
        self.folder = folder
        self.gate = gate
        self.lobby = lobby or Lobby()
        self.strings = strings_for(folder.room.language)
        """The form's words: the room's language."""
        if command is None:
            from tui.serve.seat_pty import seat_command

            command = seat_command
        self.seat_command = command
        self.tabs: dict[str, AppService] = {}
        """Seat apps running for a redeemed ticket (its downloads are that ticket's)."""
        self.seats: dict[str, _Tab] = {}
        """The tab on each seat (at most one)."""
        self.on_seat = on_seat or (lambda label, present: None)
        """Told when a seat's tab opens or closes: the SSH server counts it joined and connected."""
        self._turns: dict[str, asyncio.Lock] = {}
        self.idle_seconds = idle_minutes * 60
        """A tab without a key for this long is closed (its app saves and exits), as over SSH."""
        self.beamer = Beamer(folder, beamer_key, self.strings) if beamer_key else None
        """The read-only projector page, behind its own key (`tui.serve.web.beamer`); None: no such page."""
        self.stopping = False
        self._runner: web.AppRunner | None = None
        self._idle_task: asyncio.Task[None] | None = None

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/", self.handle_form),
            web.post("/", self.handle_code),
            web.get("/seat", self.handle_seat),
            web.get("/ws/{ticket}", self.handle_websocket),
            web.get("/static/{name:.+}", self.handle_static),
            web.get("/download/{key}", self.handle_download),
            *(self.beamer.routes() if self.beamer is not None else []),
        ]

    def is_entry(self, request: web.Request) -> bool:
        """The code form, and the beamer's page (a link to it may come from the facilitator's mail)."""
        return super().is_entry(request) or (self.beamer is not None and self.beamer.is_page(request.path))

    # the code -----------------------------------------------------------------

    def foreign(self, request: web.Request) -> bool:
        """As for every route, except the code form's own post, which browsers send with `Origin: null`.

        Under `Referrer-Policy: no-referrer` a form's POST carries no origin. It is
        still ours when the browser says so (`Sec-Fetch-Site`), or, over plain http
        where it says nothing, by the page id: only a page served to this address
        has one, and another site's page cannot read ours.
        """
        if (
            request.method == "POST"
            and request.path == "/"
            and request.headers.get("Origin") == "null"
            and request.headers.get("Sec-Fetch-Site", "same-origin") == "same-origin"
        ):
            return False
        return super().foreign(request)

    def _form(self, page_id: str, said: str = "", status: int = 200) -> web.Response:
        page = code_page(self.strings, self.title, page_id, said)
        return web.Response(text=page, content_type="text/html", status=status)

    def _note(self, said: str, status: int) -> web.Response:
        return web.Response(text=note_page(self.strings, self.title, said), content_type="text/html", status=status)

    async def handle_form(self, request: web.Request) -> web.Response:
        page_id = self.lobby.open_page(_address(request))
        if page_id is None:
            return self._note(self.strings("web.code.busy"), 429)
        return self._form(page_id)

    async def handle_code(self, request: web.Request) -> web.StreamResponse:
        """A code posted from a code page: counted by the gate, then compared off the event loop."""
        address = _address(request)
        form = await request.post()
        page_id, code = str(form.get("page", "")), str(form.get("code", ""))
        if not self.lobby.page_open(page_id, address):
            fresh = self.lobby.open_page(address)
            if fresh is None:
                return self._note(self.strings("web.code.busy"), 429)
            return self._form(fresh, self.strings("web.code.expired"), 400)
        if self.folder.room.closed is not None:
            return self._form(page_id, self.strings("room.room_closed"), 403)
        if not code.strip():
            return self._form(page_id)
        attempt = await admitted(self.gate, address)
        if isinstance(attempt, Refusal):
            return self._form(page_id, self.strings("web.code.wait", seconds=attempt.seconds), 429)
        label: str | None = None
        try:
            label = await asyncio.get_running_loop().run_in_executor(checks(), seat_for_code, self.folder.room, code)
        finally:
            attempt.settle(label is not None)
        if label is None:
            return self._form(page_id, self.strings("room.code_wrong"), 403)
        self.lobby.close_page(page_id)
        raise web.HTTPSeeOther(f"seat?ticket={self.lobby.issue(label)}")

    # the seat -----------------------------------------------------------------

    async def handle_seat(self, request: web.Request) -> web.Response:
        """textual.js's page for a ticket; without a valid one, back to the form."""
        ticket = request.query.get("ticket", "")
        if not self.lobby.valid(ticket):
            raise web.HTTPSeeOther(".")
        page = app_page(
            self.strings,
            self.title,
            static="static/",
            socket_path=f"ws/{ticket}",
            secret=("ticket", ticket),
            again=".",
            taken_over=TAKEN_OVER,
        )
        return web.Response(text=page, content_type="text/html")

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """A ticket's seat app; anything else is refused before any process starts."""
        ticket = request.match_info["ticket"]
        label = self.lobby.redeem(ticket)
        if label is None:
            raise web.HTTPForbidden(text="403: no valid ticket")
        command = shlex.join(self.seat_command(self.folder, label))
        websocket = await self.open_socket(request)
        tab = _Tab(websocket)
        try:
            async with self._turns.setdefault(label, asyncio.Lock()):
                # One seat, one app: a tab already on this seat closes (its app quits) before this one starts.
                old = self.seats.get(label)
                if old is not None:
                    await old.websocket.close(code=TAKEN_OVER)
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(old.ended.wait(), 15)
                self.seats[label] = tab
                self.on_seat(label, True)
            return await self.run_app(
                request, websocket, command, started=lambda service: self.tabs.update({ticket: service})
            )
        finally:
            self.sockets.pop(websocket, None)
            self.tabs.pop(ticket, None)
            tab.ended.set()
            if self.seats.get(label) is tab:
                del self.seats[label]
                self.on_seat(label, False)

    def farewell(self, returncode: int | None) -> int:
        """A seat's app that left on a hang-up while its tab was open was asked to by a login elsewhere.

        (`tui.room.takeover`: nothing else hangs up a browser seat's app; the SSH door reads it the same way.)
        """
        if returncode == 128 + signal.SIGHUP and not self.stopping:
            return TAKEN_OVER
        return super().farewell(returncode)

    def may_download(self, request: web.Request, key: str) -> bool:
        """Only the tab whose app offered the download may fetch it."""
        service = self.tabs.get(request.query.get("ticket", ""))
        return service is not None and self.download_manager.owner.get(key) == service.app_service_id

    # running ------------------------------------------------------------------

    async def start(self) -> None:
        self._runner = web.AppRunner(await self._make_app())
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        self._idle_task = asyncio.create_task(self._close_idle())

    async def _close_idle(self) -> None:
        while True:
            await asyncio.sleep(min(30.0, max(self.idle_seconds / 4, 0.5)))
            limit = time.monotonic() - self.idle_seconds
            idle = [socket for socket, last_key in self.sockets.items() if last_key < limit]
            await asyncio.gather(*(socket.close() for socket in idle), return_exceptions=True)

    async def stop(self) -> None:
        self.stopping = True
        if self._idle_task is not None:
            self._idle_task.cancel()
        if self._runner is not None:
            await self._runner.cleanup()


def _address(request: web.Request) -> str:
    return request.remote or "?"
