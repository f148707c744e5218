"""Starting: the first screen for each way to start, and a room seat's following of the room."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from tui.app.navigation import NavigationApp
from tui.app.start import Board, Home, New, Overview, Read, RoomSeat, Seat, Start, Walk
from tui.session import StoredSession

if TYPE_CHECKING:
    from textual import events


class StartingApp(NavigationApp):
    """The one dispatch on the way the app was started (see `tui.app.start`)."""

    room_check_seconds = 1.0
    """How often a seat or the board looks at the room's files again (only changed files are read)."""
    _room_loop: asyncio.AbstractEventLoop
    """The event loop a seat's look at its room runs on (kept: asking for it each second costs a getpid)."""

    async def _on_resize(self, event: events.Resize) -> None:
        """A terminal size the screens already have is not handled again (Textual's `App._on_resize` skipped).

        The terminal's driver tells its size once more after the app has told it to the first
        screen. Textual 8.2 keeps that unchanged size and, when the app is next idle, sends it to
        every screen again: a second layout and two more full paints of the first screen (for a
        forked seat's welcome about a quarter of its CPU, and 7 KB more for the room's server to
        carry). Our own `on_resize` (the too-small cover) has run before this, as for any resize.
        """
        if self._size is not None and self._size == event.size:
            event.prevent_default()  # Textual's handler would only keep the event for the next idle

    def open_first_screen(self, start: Start) -> None:
        """The first screen of `start`: one case per way to start (each imports only its own screen)."""
        match start:
            case Seat(seat, stored):
                self.enter_room(seat, stored)
            case Board(doors):
                from tui.app.screens.board import BoardScreen

                self.push_screen(BoardScreen(doors))
            case Read(section):
                from tui.app.screens.reader import ReaderScreen

                self.push_screen(ReaderScreen(section, is_root=True))
            case Walk(stored):
                self.open_walk(stored)
            case Overview(stored):
                self.open_overview(stored)
            case New(title) if title:
                self.create_session(title)
            case New():
                from tui.app.screens.home import HomeScreen

                home = HomeScreen()
                self.push_screen(home)
                self.call_after_refresh(home.action_new)
            case Home():
                from tui.app.screens.home import HomeScreen

                self.push_screen(HomeScreen())

    def enter_room(self, seat: RoomSeat, stored: StoredSession) -> None:
        """Be one seat of a regional session: its welcome first, the room's changes followed every second."""
        from tui.app.screens.room_welcome import RoomWelcomeScreen
        from tui.room.watch import RoomWatch

        self.room_seat = seat
        watch = seat.watch
        if watch is None or watch.folder is not seat.folder or watch.joins_matter:
            watch = RoomWatch(seat.folder, joins_matter=False)  # a seat shows nobody's join
        self.room_watch = watch
        self._room_loop = asyncio.get_running_loop()
        self._room_loop.call_later(self.room_check_seconds, self._look_at_room)
        self.push_screen(RoomWelcomeScreen(stored))

    def _look_at_room(self) -> None:
        """Once every `room_check_seconds`, right on the event loop: a stat of the room's file, and its reading
        (`_check_room`, the app's usual way) only when it changed. A Textual timer would also send the app a
        message every second, and a waiting seat runs this all day (sixty of them in a room); it stops with the app."""
        watch = self.room_watch
        if watch is None or not self.is_running:
            return
        if watch.touched():
            self.call_later(self._check_room)
        self._room_loop.call_later(self.room_check_seconds, self._look_at_room)

    def _check_room(self) -> None:
        if self.room_watch is not None and self.room_watch.changed():
            self.room_signal.publish(None)
