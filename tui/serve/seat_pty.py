"""A seat's app on its own pseudo-terminal: the process, its size, and what links it to a connection.

The seat's process is this same Python and app (`seat_command`), in a new session whose
controlling terminal is the fresh pseudo-terminal; every descriptor is closed on every path.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import pty
import struct
import sys
import termios
import time
from dataclasses import dataclass, field
from typing import Protocol

import asyncssh

from tui.room.store import RoomFolder
from tui.serve.terminal_size import clamp_size


def seat_command(folder: RoomFolder, label: str) -> list[str]:
    """The process a seat runs: this same Python, this same app, the seat's session."""
    return [sys.executable, "-m", "tui", "--lang", folder.room.language, "room", "seat", str(folder.path), label]


def _make_controlling_terminal() -> None:  # runs in the child, after setsid
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def set_size(fd: int, columns: int, rows: int) -> None:
    columns, rows = clamp_size(columns, rows)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


class SeatProcess(Protocol):
    """A seat's app as the server watches it: spawned (asyncio's Process) or forked (`tui.serve.fork_seat`)."""

    @property
    def pid(self) -> int: ...

    @property
    def returncode(self) -> int | None: ...

    async def wait(self) -> int: ...


def seat_env(term: str) -> dict[str, str]:
    """The environment of a seat's app: the server's, less the SSH client's and any fixed size, with its TERM."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SSH_", "COLUMNS", "LINES"))}
    env["TERM"] = term if term and term.isprintable() and len(term) < 64 else "xterm-256color"
    return env


@dataclass
class SeatLink:
    """One connected seat: its SSH channel, its pseudo-terminal and its app process."""

    label: str
    channel: asyncssh.SSHServerChannel[bytes]
    master: int | None = None
    process: SeatProcess | None = None
    last_key: float = field(default_factory=time.monotonic)
    farewell: str = ""
    """Said on the participant's screen after the app has gone (why the connection ends)."""
    ended: asyncio.Event = field(default_factory=asyncio.Event)
    gone: bool = False
    """The connection dropped: an app not started yet never starts."""


async def start_app(command: list[str], columns: int, rows: int, term: str) -> tuple[asyncio.subprocess.Process, int]:
    """The seat's app on a fresh pseudo-terminal; on any failure both of its ends are closed again."""
    master, slave = pty.openpty()
    try:
        set_size(slave, columns, rows)
        env = seat_env(term)
        process = await asyncio.create_subprocess_exec(
            *command,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            start_new_session=True,
            preexec_fn=_make_controlling_terminal,
            env=env,
        )
    except BaseException:
        os.close(master)
        raise
    finally:
        os.close(slave)
    return process, master
