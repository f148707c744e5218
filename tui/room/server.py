"""The room's SSH door: asyncssh serves, each seat runs its own app on its own pseudo-terminal.

A participant types `ssh -p PORT anything@HOST` and their personal code as the
password. What they reach is one `samenwerken room seat` process on a fresh
pseudo-terminal, and nothing else: no shell, no commands, no file transfer, no
forwarding of any kind. One seat's crash or hang-up touches no other seat.

This module imports asyncssh; only `room serve` loads it.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import pty
import signal
import struct
import sys
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import asyncssh

from tui.room.door import Door, SeatConnection
from tui.room.model import Room
from tui.room.store import RoomFolder
from tui.session.files import write_new_private
from tui.session.model import now


def ensure_host_key(path: Path) -> asyncssh.SSHKey:
    """The room's host key: made on the first serve, kept 0600 beside room.toml."""
    if not path.exists():
        key = asyncssh.generate_private_key("ssh-ed25519")
        write_new_private(path, key.export_private_key())
    return asyncssh.read_private_key(str(path))


def fingerprint(key: asyncssh.SSHKey) -> str:
    return str(key.get_fingerprint("sha256"))


def seat_command(folder: RoomFolder, label: str) -> list[str]:
    """The process a seat runs: this same Python, this same app, the seat's session."""
    return [sys.executable, "-m", "tui", "--lang", folder.room.language, "room", "seat", str(folder.path), label]


def _make_controlling_terminal() -> None:  # runs in the child, after setsid
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def _set_size(fd: int, columns: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", max(rows, 1), max(columns, 1), 0, 0))


@dataclass
class SeatLink:
    """One connected seat: its SSH channel, its pseudo-terminal and its app process."""

    label: str
    channel: asyncssh.SSHServerChannel[bytes]
    master: int | None = None
    process: asyncio.subprocess.Process | None = None
    last_key: float = field(default_factory=time.monotonic)
    farewell: str = ""
    """Said on the participant's screen after the app has gone (why the connection ends)."""
    ended: asyncio.Event = field(default_factory=asyncio.Event)


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
    ) -> None:
        from tui.i18n import strings_for

        self.strings = strings_for(folder.room.language)
        """The words the door says itself (the room's language)."""
        self.folder = folder
        self.host, self.port = host, port
        self.idle_seconds = idle_minutes * 60
        self.on_change = on_change or (lambda: None)
        self.command = command
        self.door = Door()
        self.web_url: str | None = None
        """Where browser tabs join, when the room also serves them (`room serve --web`)."""
        self.links: dict[str, SeatLink] = {}
        self.host_key = ensure_host_key(folder.host_key)
        self._acceptor: asyncssh.SSHAcceptor | None = None
        self._idle_task: asyncio.Task[None] | None = None

    @property
    def room(self) -> Room:
        return self.folder.room

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.host_key)

    def connected(self) -> set[str]:
        return set(self.links)

    async def start(self) -> None:
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
            login_timeout=60,
            keepalive_interval=30,
        )
        sockets = self._acceptor.sockets
        if sockets and self.port == 0:
            self.port = sockets[0].getsockname()[1]
        self._idle_task = asyncio.create_task(self._close_idle())

    async def stop(self) -> None:
        if self._idle_task is not None:
            self._idle_task.cancel()
        goodbye = self.strings("room.stopping")
        await asyncio.gather(*(self.end(link, goodbye) for link in list(self.links.values())), return_exceptions=True)
        if self._acceptor is not None:
            self._acceptor.close()
            await self._acceptor.wait_closed()

    # seats -----------------------------------------------------------------

    def new_link(self, label: str, channel: asyncssh.SSHServerChannel[bytes]) -> SeatLink:
        return SeatLink(label, channel)

    async def open_seat(self, link: SeatLink, columns: int, rows: int, term: str) -> None:
        """Start the seat's app on a new pseudo-terminal; a connection already on this seat is ended first."""
        if self.room.closed is not None:
            link.channel.write(f"{self.strings('room.room_closed')}\r\n".encode())
            link.channel.exit(1)
            return
        old = self.links.get(link.label)
        if old is not None:
            await self.end(old, self.strings("room.taken_over"))
        self.links[link.label] = link
        self._mark_joined(link.label)
        master, slave = pty.openpty()
        _set_size(slave, columns, rows)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SSH_", "COLUMNS", "LINES"))}
        env["TERM"] = term or "xterm-256color"
        try:
            link.process = await asyncio.create_subprocess_exec(
                *self.command(self.folder, link.label),
                stdin=slave,
                stdout=slave,
                stderr=slave,
                start_new_session=True,
                preexec_fn=_make_controlling_terminal,
                env=env,
            )
        finally:
            os.close(slave)
        link.master = master
        asyncio.get_running_loop().add_reader(master, self._forward_output, link)
        self.on_change()
        asyncio.create_task(self._wait_for_exit(link))

    def _mark_joined(self, label: str) -> None:
        seat = self.room.seat(label)
        if seat.joined is None:
            seat.joined = now()
            with contextlib.suppress(OSError):
                self.folder.save()

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
            self.on_change()
        if still_connected and not link.farewell and code == 128 + signal.SIGHUP:
            link.farewell = self.strings("room.taken_over")  # another login (a browser tab) asked it to leave
        with contextlib.suppress(Exception):
            if link.farewell:
                link.channel.write(f"\r\n{link.farewell}\r\n".encode())
            link.channel.exit(code if code >= 0 else 1)
        link.ended.set()

    def typed(self, link: SeatLink, data: bytes) -> None:
        link.last_key = time.monotonic()
        if link.master is not None:
            with contextlib.suppress(OSError):
                os.write(link.master, data)

    def resized(self, link: SeatLink, columns: int, rows: int) -> None:
        if link.master is not None:
            with contextlib.suppress(OSError):
                _set_size(link.master, columns, rows)

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
            with contextlib.suppress(Exception):
                link.channel.write(f"\r\n{message}\r\n".encode() if message else b"")
                link.channel.exit(0)
        if self.links.get(link.label) is link:
            del self.links[link.label]
            self.on_change()

    def dropped(self, link: SeatLink) -> None:
        """The connection is gone: close the terminal, so the app gets its hang-up and exits."""
        if link.process is not None and link.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(link.process.pid, signal.SIGHUP)
        if self.links.get(link.label) is link:
            del self.links[link.label]
            self.on_change()

    async def _close_idle(self) -> None:
        while True:
            await asyncio.sleep(min(30.0, max(self.idle_seconds / 4, 0.5)))
            limit = time.monotonic() - self.idle_seconds
            for link in list(self.links.values()):
                if link.last_key < limit:
                    minutes = round(self.idle_seconds / 60)
                    await self.end(link, self.strings("room.idle", minutes=minutes))
