"""What a participant's SSH connection may do: log in with a personal code, open one seat's terminal.

Everything else a client can ask for (commands, subsystems such as SFTP, port,
agent or X11 forwarding) is refused. Failed logins are counted per address.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import asyncssh

from tui.room.codes import seat_for_code

if TYPE_CHECKING:
    from tui.room.server import RoomServer, SeatLink


class Door:
    """Failed logins per address: after `limit` failures the address waits `wait` seconds."""

    def __init__(self, limit: int = 5, wait: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.wait, self.clock = limit, wait, clock
        self._failures: dict[str, list[float]] = {}

    def closed_for(self, address: str) -> bool:
        recent = [t for t in self._failures.get(address, []) if self.clock() - t < self.wait]
        self._failures[address] = recent
        return len(recent) >= self.limit

    def failed(self, address: str) -> None:
        self._failures.setdefault(address, []).append(self.clock())

    def succeeded(self, address: str) -> None:
        self._failures.pop(address, None)


class SeatConnection(asyncssh.SSHServer):
    """One SSH connection: the password is a personal code; it opens one seat's session, nothing more."""

    def __init__(self, server: RoomServer) -> None:
        self.server = server
        self.address = "?"
        self.label: str | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        peer = conn.get_extra_info("peername")
        self.address = str(peer[0]) if peer else "?"

    def begin_auth(self, username: str) -> bool:
        return True  # every name is fine; the code decides

    def password_auth_supported(self) -> bool:
        return True

    async def validate_password(self, username: str, password: str) -> bool:
        door = self.server.door
        if door.closed_for(self.address):
            await asyncio.sleep(1.0)
            return False
        loop = asyncio.get_running_loop()
        label = await loop.run_in_executor(None, seat_for_code, self.server.room, password)
        if label is None:
            door.failed(self.address)
            return False
        door.succeeded(self.address)
        self.label = label
        return True

    def session_requested(self) -> asyncssh.SSHServerSession[bytes] | bool:
        if self.label is None:
            return False
        return SeatSession(self.server, self.label)

    # Everything else a client may ask for is refused (asyncssh's defaults, made explicit).
    def connection_requested(self, *args: object) -> bool:
        return False

    def server_requested(self, *args: object) -> bool:
        return False

    def unix_connection_requested(self, *args: object) -> bool:
        return False

    def unix_server_requested(self, *args: object) -> bool:
        return False


class SeatSession(asyncssh.SSHServerSession[bytes]):
    """The seat's channel: a terminal and the app in it; commands and subsystems are refused."""

    def __init__(self, server: RoomServer, label: str) -> None:
        self.server = server
        self.label = label
        self.link: SeatLink | None = None
        self.size = (80, 24)
        self.term = ""
        self.has_pty = False

    def connection_made(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:
        self.link = self.server.new_link(self.label, chan)

    def pty_requested(self, term_type: str, term_size: tuple[int, int, int, int], term_modes: object) -> bool:
        self.has_pty = True
        self.term = term_type
        self.size = (term_size[0] or 80, term_size[1] or 24)
        return True

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        return False

    def subsystem_requested(self, subsystem: str) -> bool:
        return False

    def session_started(self) -> None:
        assert self.link is not None
        if not self.has_pty:
            self.link.channel.write(f"{self.server.strings('room.needs_terminal')}\r\n".encode())
            self.link.channel.exit(1)
            return
        asyncio.create_task(self.server.open_seat(self.link, *self.size, self.term))

    def data_received(self, data: bytes, datatype: object) -> None:
        if self.link is not None:
            self.server.typed(self.link, data)

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        if self.link is not None:
            self.server.resized(self.link, width, height)

    def eof_received(self) -> bool:
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        if self.link is not None:
            self.server.dropped(self.link)
