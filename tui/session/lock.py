"""One writer per session: an advisory lock on a separate lock file.

The lock is on `.locks/<id>.lock`, not on the session file, because the atomic
rename that saves a session replaces the file's inode. `flock` is released by
the kernel when its holder dies, so a lock left by a crashed or killed process
is stale by construction: the next instance simply gets it.
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
from pathlib import Path

from tui.session.files import PRIVATE_FILE, ensure_private_dir

try:
    import fcntl
except ImportError:  # Windows: no flock; every instance may write (last save wins)
    fcntl = None  # type: ignore[assignment]

LOCKS = ".locks"


class SessionLock:
    """Held while a session is open for writing in this process."""

    def __init__(self, root: Path, session_id: str) -> None:
        self.path = root / LOCKS / f"{session_id}.lock"
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock if nobody else holds it; True on success."""
        if self._fd is not None or fcntl is None:
            return True
        ensure_private_dir(self.path.parent)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()} {socket.gethostname()} {int(time.time())}\n".encode())
        self._fd = fd
        return True

    def holder(self) -> str:
        """Who holds the lock, as 'pid N on HOST' (best effort)."""
        try:
            pid, host, *_ = self.path.read_text(encoding="utf-8").split()
        except (OSError, ValueError):
            return "?"
        return f"pid {pid} on {host}"

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            fcntl.flock(self._fd, fcntl.LOCK_UN)  # type: ignore[union-attr]
        os.close(self._fd)
        self._fd = None
