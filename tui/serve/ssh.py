"""The room's SSH door: asyncssh serves, each seat runs its own app on its own pseudo-terminal.

A participant types `ssh -p PORT anything@HOST` and their personal code as the
password. What they reach is one `samenwerken room seat` process on a fresh
pseudo-terminal, and nothing else: no shell, no file transfer, no forwarding of
any kind; the one command beside it is the read-only `bewaar` (tui.room.takeaway).
One seat's crash or hang-up touches no other seat.

The door is hostile ground: wrong codes go through the room's gate (also the
browser door's), connections that have not logged in are capped per address and
in total (as OpenSSH's MaxStartups) and closed after LOGIN_GRACE seconds, window
sizes are clamped, one seat runs one app (logins of a seat are serialised), and
every pseudo-terminal is closed on every path.

This module imports asyncssh; only `room serve` loads it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING

import asyncssh

from tui.core.errors import SessionFileError
from tui.room.model import Room
from tui.room.scrypt import kdf
from tui.room.store import RoomFolder
from tui.serve.door import SeatConnection
from tui.serve.gate import Gate
from tui.serve.host_key import ensure_host_key, fingerprint
from tui.serve.join_marks import JoinMarks
from tui.serve.seat_pty import SeatLink, seat_command, set_size, start_app

if TYPE_CHECKING:
    from tui.serve.fork_seat import SeatForker

LOGIN_GRACE = 30
"""Seconds a connection may take to give a right code."""
WAITING_PER_ADDRESS = 24
"""Connections not yet logged in, from one address (a venue's shared address: a room's worth typing at once)."""
WAITING_TOTAL = 128
"""Connections not yet logged in, from anywhere."""
STOP_GRACE = 3.0
"""Seconds a seat's app has to save and leave when the room stops, before it is killed."""


class RoomServer:
    """The SSH server of one room and the seats connected to it."""

    def __init__(
        self,
        folder: RoomFolder,
        host: str = "127.0.0.1",
        port: int = 2222,
        idle_minutes: float = 60.0,
        on_change: Callable[[], None] | None = None,
        command: Callable[[RoomFolder, str], list[str]] = seat_command,
        forker: SeatForker | None = None,
    ) -> None:
        from tui.content.i18n import strings_for

        self.strings = strings_for(folder.room.language)
        """The words the door says itself (the room's language)."""
        self.folder = folder
        self.host, self.port = host, port
        self.idle_seconds = idle_minutes * 60
        self.on_change = on_change or (lambda: None)
        self.command = command
        self.forker = forker
        """The seats' warm parent (`tui.serve.fork_seat`); without it, or when it cannot, seats are spawned."""
        self.gate = Gate()
        """The limit on wrong codes for every door of this room (the browser's too)."""
        self.web_url: str | None = None
        """Where browser tabs join, when the room also serves them (`room serve --web`)."""
        self.beamer_url: str | None = None
        """The read-only page to project, with its key (`room serve --web`)."""
        self.links: dict[str, SeatLink] = {}
        self.browser_seats: set[str] = set()
        """Seats taken in a browser tab (the room's web door tells us, see `browser_seat`)."""
        self.connections: set[SeatConnection] = set()
        self.waiting: dict[str, int] = {}
        """Connections not yet logged in, per address."""
        self.stopping = False
        self.host_key = ensure_host_key(folder.host_key)
        self._acceptor: asyncssh.SSHAcceptor | None = None
        self._idle_task: asyncio.Task[None] | None = None
        self._seat_locks: dict[str, asyncio.Lock] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self.joins = JoinMarks(folder)

    @property
    def room(self) -> Room:
        return self.folder.room

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.host_key)

    def connected(self) -> set[str]:
        """Seats with an app running now, over SSH or in a browser tab."""
        return set(self.links) | self.browser_seats

    def browser_seat(self, label: str, present: bool) -> None:
        """The web door opened (or closed) a tab's app on `label`: joined and connected as over SSH."""
        if present:
            self.browser_seats.add(label)
            self.joins.mark(label)
        else:
            self.browser_seats.discard(label)
        self._changed()

    async def start(self) -> None:
        kdf()  # the codes' scrypt is loaded before the first login rather than during it
        self._acceptor = await asyncssh.create_server(
            lambda: SeatConnection(self),
            self.host,
            self.port,
            server_host_keys=[self.host_key],
            encoding=None,
            line_editor=False,
            allow_scp=False,
            sftp_factory=None,
            agent_forwarding=False,
            x11_forwarding=False,
            public_key_auth=False,
            kbdint_auth=False,
            password_auth=True,
            login_timeout=LOGIN_GRACE,
            keepalive_interval=30,
        )
        sockets = self._acceptor.sockets
        if sockets and self.port == 0:
            self.port = sockets[0].getsockname()[1]
        self._idle_task = asyncio.create_task(self._close_idle())

    async def stop(self) -> None:
        """Every seat ends the same way (it saves, says the room stops, its connection closes); then the door."""
        self.stopping = True
        if self._idle_task is not None:
            self._idle_task.cancel()
        if self._acceptor is not None:
            self._acceptor.close()
        self.joins.flush()
        goodbye = self.strings("room.stopping")
        labels = set(self.links) | set(self._seat_locks)
        await asyncio.gather(*(self._stop_seat(label, goodbye) for label in labels), return_exceptions=True)
        if self.forker is not None:
            await self.forker.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for connection in list(self.connections):
            if connection.conn is not None:
                connection.conn.close()
        if self._acceptor is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._acceptor.wait_closed(), 1.0)

    async def _stop_seat(self, label: str, goodbye: str) -> None:
        async with self._seat_lock(label):  # a login of this seat under way finishes first
            link = self.links.get(label)
            if link is not None:
                await self.end(link, goodbye, grace=STOP_GRACE)

    def _changed(self) -> None:
        """Tell the board; a board that has gone (stopping) must not stop the seats from ending."""
        with contextlib.suppress(Exception):
            self.on_change()

    def _spawn(self, coroutine: Coroutine[object, object, None]) -> None:
        task = asyncio.create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # connections -------------------------------------------------------------

    def welcome(self, connection: SeatConnection) -> bool:
        """Take a new connection, or refuse it: too many not yet logged in, from its address or in all."""
        address = connection.address
        if self.stopping or self.waiting.get(address, 0) >= WAITING_PER_ADDRESS:
            return False
        if sum(self.waiting.values()) >= WAITING_TOTAL:
            return False
        self.waiting[address] = self.waiting.get(address, 0) + 1
        connection.waiting = True
        self.connections.add(connection)
        return True

    def authenticated(self, connection: SeatConnection) -> None:
        self._stop_waiting(connection)

    def gone(self, connection: SeatConnection) -> None:
        self._stop_waiting(connection)
        self.connections.discard(connection)

    def _stop_waiting(self, connection: SeatConnection) -> None:
        if not connection.waiting:
            return
        connection.waiting = False
        left = self.waiting.get(connection.address, 0) - 1
        if left > 0:
            self.waiting[connection.address] = left
        else:
            self.waiting.pop(connection.address, None)

    # seats -----------------------------------------------------------------

    def new_link(self, label: str, channel: asyncssh.SSHServerChannel[bytes]) -> SeatLink:
        return SeatLink(label, channel)

    def _seat_lock(self, label: str) -> asyncio.Lock:
        return self._seat_locks.setdefault(label, asyncio.Lock())

    def start_seat(self, link: SeatLink, columns: int, rows: int, term: str) -> None:
        self._spawn(self.open_seat(link, columns, rows, term))

    async def open_seat(self, link: SeatLink, columns: int, rows: int, term: str) -> None:
        """Start the seat's app on a new pseudo-terminal; a connection already on this seat is ended first.

        One login of a seat at a time: two at the same moment start one app after the other
        (the later takes the seat over), never two apps side by side.
        """
        async with self._seat_lock(link.label):
            if link.gone:
                return
            if self.stopping or self.room.closed is not None:
                why = "room.stopping" if self.stopping else "room.room_closed"
                self._say_and_close(link, self.strings(why), 1)
                return
            old = self.links.get(link.label)
            if old is not None:
                await self.end(old, self.strings("room.taken_over"))
            if link.gone:
                return
            try:
                forked = await self.forker.fork(link.label, columns, rows, term) if self.forker else None
                if forked is not None:
                    link.process, link.master = forked
                else:
                    link.process, link.master = await start_app(
                        self.command(self.folder, link.label), columns, rows, term
                    )
            except (OSError, ValueError, subprocess.SubprocessError):
                self._say_and_close(link, self.strings("room.seat_failed"), 1)
                return
            link.last_key = time.monotonic()  # idle from the moment its app is there, not from the login
            self.links[link.label] = link
            self.joins.mark(link.label)
            asyncio.get_running_loop().add_reader(link.master, self._forward_output, link)
            self._changed()
            self._spawn(self._wait_for_exit(link))
            if link.gone:  # the connection dropped while the app was starting: it leaves at once
                self._spawn(self.end(link))

    def _say_and_close(self, link: SeatLink, message: str, status: int) -> None:
        with contextlib.suppress(Exception):
            link.channel.write(f"{message}\r\n".encode())
            link.channel.exit(status)

    def _forward_output(self, link: SeatLink) -> None:
        assert link.master is not None
        try:
            data = os.read(link.master, 65536)
        except OSError:  # EIO: the app closed its terminal (it exited)
            data = b""
        if not data:
            self._close_master(link)
            return
        self._send(link, data)

    def _close_master(self, link: SeatLink) -> None:
        if link.master is None:
            return
        with contextlib.suppress(Exception):
            asyncio.get_running_loop().remove_reader(link.master)
        with contextlib.suppress(OSError):
            os.close(link.master)
        link.master = None

    @staticmethod
    def _send(link: SeatLink, data: bytes) -> None:
        """To the participant's screen; when the connection is gone, the bytes are dropped (the app may exit)."""
        with contextlib.suppress(Exception):
            link.channel.write(data)

    async def _wait_for_exit(self, link: SeatLink) -> None:
        assert link.process is not None
        try:
            code = await link.process.wait()
            # What the app wrote last (restoring the terminal) is still in the pty: pass it on.
            while link.master is not None:
                try:
                    data = os.read(link.master, 65536)
                except OSError:
                    data = b""
                if not data:
                    break
                self._send(link, data)
            self._close_master(link)
            still_connected = self.links.get(link.label) is link
            if still_connected:
                del self.links[link.label]
                self._changed()
            if still_connected and not link.farewell and code == 128 + signal.SIGHUP:
                link.farewell = self.strings("room.taken_over")  # another login (a browser tab) asked it to leave
            with contextlib.suppress(Exception):
                if link.farewell:
                    link.channel.write(f"\r\n{link.farewell}\r\n".encode())
                asked_to_leave = link.farewell and code == 128 + signal.SIGHUP  # it saved and left as asked
                link.channel.exit(0 if asked_to_leave else code if code >= 0 else 1)
        finally:
            self._close_master(link)
            link.ended.set()

    def typed(self, link: SeatLink, data: bytes) -> None:
        link.last_key = time.monotonic()
        if link.master is not None:
            with contextlib.suppress(OSError):
                os.write(link.master, data)

    def resized(self, link: SeatLink, columns: int, rows: int) -> None:
        if link.master is not None:
            with contextlib.suppress(OSError):
                set_size(link.master, columns, rows)

    async def end(self, link: SeatLink, message: str = "", grace: float = 10.0) -> None:
        """Stop a seat's app as a hang-up does (it saves and exits), then say why and close."""
        link.farewell = message
        if link.process is not None and link.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(link.process.pid, signal.SIGHUP)
            try:
                await asyncio.wait_for(link.ended.wait(), grace)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(link.process.pid, signal.SIGKILL)
                await link.ended.wait()
        elif link.process is None:  # no app was started: close the channel here
            self._say_and_close(link, f"\r\n{message}" if message else "", 0)
        if self.links.get(link.label) is link:
            del self.links[link.label]
            self._changed()

    def dropped(self, link: SeatLink) -> None:
        """The connection is gone: the app gets its hang-up, and is killed if it does not leave."""
        link.gone = True
        if link.process is not None and link.process.returncode is None and not self.stopping:
            self._spawn(self.end(link))
        elif self.links.get(link.label) is link:
            del self.links[link.label]
            self._changed()

    async def _close_idle(self) -> None:
        while True:
            await asyncio.sleep(min(30.0, max(self.idle_seconds / 4, 0.5)))
            limit = time.monotonic() - self.idle_seconds
            for link in list(self.links.values()):
                if link.last_key < limit and not link.farewell:  # not already being ended
                    minutes = round(self.idle_seconds / 60)
                    self._spawn(self.end(link, self.strings("room.idle", minutes=minutes)))

    # the one command ---------------------------------------------------------

    def run_command(self, link: SeatLink, command: str) -> None:
        self._spawn(self._answer_command(link, command))

    async def _answer_command(self, link: SeatLink, command: str) -> None:
        """`bewaar` (`bewaar md`): the seat's reflection on stdout; anything else: one line on stderr, status 1."""
        from tui.render.take_home import takeaway, takeaway_format

        fmt = takeaway_format(command)
        if fmt is None:
            self._fail(link, self.strings("room.command_refused"))
            return
        loop = asyncio.get_running_loop()
        try:
            data = await loop.run_in_executor(None, takeaway, self.folder, link.label, fmt)
        except (OSError, SessionFileError):
            self._fail(link, self.strings("room.takeaway_failed"))
            return
        with contextlib.suppress(Exception):
            link.channel.write(data)
        with contextlib.suppress(Exception):
            link.channel.exit(0)

    @staticmethod
    def _fail(link: SeatLink, message: str) -> None:
        with contextlib.suppress(Exception):
            link.channel.write_stderr(f"{message}\n".encode())
        with contextlib.suppress(Exception):
            link.channel.exit(1)
