"""A browser tab's first screen in a regional session: the personal code opens one's seat.

The same rules as the SSH door: the code is checked in constant time, five
wrong codes from one address make that address wait a minute, and a seat that
is open elsewhere is taken over (its app saves and leaves).
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Header, Input, Static

from tui.room.codes import seat_for_code
from tui.room.shared_door import SharedDoor
from tui.room.takeover import free_seat
from tui.screens.base import AppScreen
from tui.start import RoomSeat
from tui.widgets.footer import SteadyFooter
from tui.widgets.plain import plain_text, visible

DOOR_FILE = ".door.json"


class RoomCodeScreen(AppScreen[None]):
    """An input for the code; Enter checks it."""

    BINDINGS = [Binding("ctrl+q", "quit", "key.quit", id="code.quit", show=False)]

    def __init__(self, room: RoomSeat) -> None:
        super().__init__()
        self.room = room
        self.door = SharedDoor(room.folder.path / DOOR_FILE)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="welcome"):
            yield Static(plain_text(self.room.folder.room.title, "bold"), id="welcome-title")
            yield Static(self.strings("room.code_ask"))
            yield Input(id="room-code", password=True, max_length=100, placeholder="kaas-molen-42")
            yield Static(id="room-code-said", classes="warning")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.title = visible(self.room.folder.room.title)
        self.sub_title = self.strings("room.subtitle")
        self.query_one("#room-code", Input).focus()

    @on(Input.Submitted, "#room-code")
    def _submitted(self, event: Input.Submitted) -> None:
        code = event.value
        event.input.value = ""
        if code.strip():
            event.input.disabled = True
            self._check(code)

    @work(thread=True, exclusive=True)
    def _check(self, code: str) -> None:
        """Off the event loop: the hash takes a moment by design, and a take-over waits for the old app."""
        peer, room = self.room.peer or "?", self.room.folder.room
        if self.door.closed_for(peer):
            self.app.call_from_thread(self._said, self.strings("room.code_wait"))
            return
        label = seat_for_code(room, code)
        if label is None:
            self.door.failed(peer)
            self.app.call_from_thread(self._said, self.strings("room.code_wrong"))
            return
        self.door.succeeded(peer)
        if not free_seat(self.room.folder, label):
            self.app.call_from_thread(self._said, self.strings("room.seat_held"))
            return
        self.app.call_from_thread(self._open, label)

    def _said(self, text: str) -> None:
        self.query_one("#room-code-said", Static).update(plain_text(text))
        field = self.query_one("#room-code", Input)
        field.disabled = False
        field.focus()

    def _open(self, label: str) -> None:
        folder = self.room.folder
        stored = folder.seat_store().load(folder.seat_path(label))
        self.samenwerken.enter_room(RoomSeat(folder, label, self.room.peer), stored)

    def action_quit(self) -> None:
        self.samenwerken.exit()
