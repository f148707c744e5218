"""One writer per session file: an advisory lock beside the file, wherever it is opened from.

The lock is `.locks/<file name>.lock` in the session file's own (real) folder,
so two instances that reach one file through different sessions folders or
paths share one lock. It is a separate file because the atomic rename that
saves a session replaces the session file's inode. `flock` is released by the
kernel when its holder dies, so a lock left by a crashed process is stale by
construction: the next instance simply gets it.

The lock file is opened without following links and must be a regular file of
the user's own: a link planted there is refused, never followed or truncated.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import stat
import time
from pathlib import Path

from tui.core.errors import UnsafePath
from tui.core.files import CLOEXEC, NOFOLLOW, PRIVATE_FILE, ensure_private_dir
from tui.core.paths import owned_by_user
from tui.core.reason import Reason

try:
    import fcntl
except ImportError:  # Windows: no flock; every instance may write (saves still check for changes)
    fcntl = None  # type: ignore[assignment]

LOCKS = ".locks"


def lock_path(session_path: Path) -> Path:
    """Where the lock of a session file lives: in the file's real folder."""
    folder = Path(os.path.realpath(session_path.parent))
    return folder / LOCKS / f"{session_path.name}.lock"


class SessionLock:
    """Held while a session is open for writing in this process."""

    def __init__(self, session_path: Path) -> None:
        self.path = lock_path(session_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock if nobody else holds it; True on success.

        Raises UnsafePath when the lock or its folder is a link or not the user's;
        OSError when the folder cannot be written (a read-only sessions folder).
        """
        if self._fd is not None or fcntl is None:
            return True
        ensure_private_dir(self.path.parent)
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | NOFOLLOW | CLOEXEC, PRIVATE_FILE)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise UnsafePath(self.path, "", Reason("file.lock_link")) from None
            raise
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or not owned_by_user(info):
                raise UnsafePath(self.path, "", Reason("file.lock_not_yours"))
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        except BaseException:
            os.close(fd)
            raise
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()} {socket.gethostname()} {int(time.time())}\n".encode())
        self._fd = fd
        return True

    def _holder_fields(self) -> tuple[str, str] | None:
        """(pid, host) as the holder wrote them, or None (best effort, never through a link)."""
        try:
            fd = os.open(self.path, os.O_RDONLY | NOFOLLOW | CLOEXEC)
            try:
                pid, host, *_ = os.read(fd, 200).decode("utf-8", "replace").split()
            finally:
                os.close(fd)
        except (OSError, ValueError):
            return None
        return pid, host

    def holder(self) -> str:
        """Who holds the lock, as 'pid N on HOST' (for logs; the interface says 'in another window')."""
        fields = self._holder_fields()
        return f"pid {fields[0]} on {fields[1]}" if fields else "?"

    def holder_pid(self) -> int | None:
        """The process that holds the lock, when it runs on this machine (else None)."""
        fields = self._holder_fields()
        if fields is None or fields[1] != socket.gethostname() or not fields[0].isdigit():
            return None
        return int(fields[0])

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> SessionLock:
        return self

    def __exit__(self, *_: object) -> None:
        self.release()
