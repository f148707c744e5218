"""One app per seat: a new login with a seat's code asks the app that has the seat to leave.

Whether the seat is held over SSH or in a browser tab, its app holds the seat
file's lock. The new app reads the holder's process id from the lock, checks
that it is this room's seat app on this machine, and sends it a hang-up: it
saves what is pending and exits, like a dropped connection. Then the new app
takes the seat.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import time
from pathlib import Path

from tui.room.store import RoomFolder
from tui.session.lock import SessionLock


def is_seat_app(pid: int, folder: Path) -> bool:
    """True when `pid` runs `samenwerken room …seat` for this room folder (never signal anything else)."""
    try:
        args = [arg for arg in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0") if arg]
    except OSError:
        return False
    if len(args) == 1:  # a seat forked by the room's warm parent names itself in one title (setproctitle)
        with contextlib.suppress(ValueError, UnicodeDecodeError):
            args = [arg.encode() for arg in shlex.split(args[0].decode())]
    return b"room" in args and b"seat" in args and str(folder).encode() in args


def free_seat(folder: RoomFolder, label: str, wait: float = 10.0) -> bool:
    """Make the seat's file free for this process; True when it is (the caller then opens it)."""
    lock = SessionLock(folder.seat_path(label))
    if lock.acquire():
        lock.release()
        return True
    pid = lock.holder_pid()
    if pid is None or pid == os.getpid() or not is_seat_app(pid, folder.path):
        return False
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGHUP)
    end = time.monotonic() + wait
    while time.monotonic() < end:
        if lock.acquire():
            lock.release()
            return True
        time.sleep(0.05)
    return False
