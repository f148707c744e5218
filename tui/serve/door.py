"""What a participant's SSH connection may do: log in with a personal code, open one seat's terminal.

Beside the seat's app the door accepts one fixed, read-only command, `bewaar`
(`bewaar md`): the seat's reflection to take home. Everything else a client can
ask for (other commands, subsystems such as SFTP, port, agent or X11 forwarding)
is refused. Every code is counted by the room's gate before it is compared.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING

import asyncssh

from tui.room.codes import seat_for_code
from tui.serve.gate import Refusal, checks
from tui.serve.gate import admitted as admitted_by
from tui.serve.terminal_size import clamp_size

if TYPE_CHECKING:
    from tui.serve.seat_pty import SeatLink
    from tui.serve.ssh import RoomServer


class SeatConnection(asyncssh.SSHServer):
    """One SSH connection: the password is a personal code; it opens one seat's session, nothing more."""

    def __init__(self, server: RoomServer) -> None:
        self.server = server
        self.address = "?"
        self.label: str | None = None
        self.conn: asyncssh.SSHServerConnection | None = None
        self.waiting = False
        """Counted among the unauthenticated connections (see `RoomServer.welcome`)."""

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        peer = conn.get_extra_info("peername")
        self.address = str(peer[0]) if peer else "?"
        if not self.server.welcome(self):
            # Over the cap: closed before the key exchange costs anything (asyncssh is mid-setup here).
            asyncio.get_running_loop().call_soon(conn.abort)

    def connection_lost(self, exc: Exception | None) -> None:
        self.server.gone(self)

    def auth_completed(self) -> None:
        self.server.authenticated(self)

    def begin_auth(self, username: str) -> bool:
        return True  # every name is fine; the code decides

    def password_auth_supported(self) -> bool:
        return True

    async def validate_password(self, username: str, password: str) -> bool:
        """Counted by the gate first; the slow comparison runs off the event loop."""
        if self.server.stopping:
            return False
        admitted = await admitted_by(self.server.gate, self.address, stopping=lambda: self.server.stopping)
        if isinstance(admitted, Refusal):
            self._say_wait(admitted)
            return False
        label: str | None = None
        try:
            loop = asyncio.get_running_loop()
            label = await loop.run_in_executor(checks(), seat_for_code, self.server.room, password)
        finally:
            admitted.settle(label is not None)
        if label is None:
            return False
        self.label = label
        return True

    def _say_wait(self, refusal: Refusal) -> None:
        """An SSH banner (OpenSSH shows it before asking again): when to try again, in the room's language."""
        key = "room.code_wait_second" if refusal.seconds == 1 else "room.code_wait_seconds"
        text = self.server.strings(key, seconds=refusal.seconds)
        if self.conn is None:
            return
        with contextlib.suppress(OSError, AttributeError):
            self.conn.send_auth_banner(text + "\r\n")

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
    """The seat's channel: a terminal and the app in it, or the one `bewaar` command; nothing else."""

    def __init__(self, server: RoomServer, label: str) -> None:
        self.server = server
        self.label = label
        self.link: SeatLink | None = None
        self.size = (80, 24)
        self.term = ""
        self.has_pty = False
        self.command: str | None = None

    def connection_made(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:
        self.link = self.server.new_link(self.label, chan)

    def pty_requested(self, term_type: str, term_size: tuple[int, int, int, int], term_modes: object) -> bool:

        self.has_pty = True
        self.term = term_type
        self.size = clamp_size(term_size[0] or 80, term_size[1] or 24)
        return True

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        # Accepted only to answer it: `bewaar` is served, anything else gets one line and exit status 1.
        self.command = command
        return True

    def subsystem_requested(self, subsystem: str) -> bool:
        return False

    def session_started(self) -> None:
        assert self.link is not None
        if self.command is not None:
            self.server.run_command(self.link, self.command)
            return
        if not self.has_pty:
            self.link.channel.write(f"{self.server.strings('room.needs_terminal')}\r\n".encode())
            self.link.channel.exit(1)
            return
        self.server.start_seat(self.link, *self.size, self.term)

    def data_received(self, data: bytes, datatype: object) -> None:
        if self.link is not None and self.command is None:
            self.server.typed(self.link, data)

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        if self.link is not None:
            self.server.resized(self.link, width, height)

    def eof_received(self) -> bool:
        # A command's stdin ends at once (`ssh HOST bewaar < /dev/null`): its answer is still to be sent.
        return self.command is not None

    def connection_lost(self, exc: Exception | None) -> None:
        if self.link is not None:
            self.server.dropped(self.link)
