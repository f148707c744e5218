"""Durable, private file writes: the only place that writes session bytes to disk.

The app writes only into folders it checked: real folders (not links), owned
by the user. It never follows a link it did not make, and never changes the
mode of anything through one.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from tui.core.errors import UnsafePath
from tui.core.paths import owned_by_user
from tui.core.reason import Reason

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def ensure_private_dir(path: str | Path, *, may_be_link: bool = False) -> None:
    """Create the folder (and parents) and make it readable by its owner only.

    Raises UnsafePath when it is a link (unless `may_be_link`: the sessions folder
    itself may be one the user made), not a folder, or owned by someone else.
    Its mode is changed only when it is a real folder of the user's own.
    (A string for `path` is asked about as it is: every autosave asks, and making a Path cost.)
    """
    try:
        info = os.lstat(path)  # there already (every save after the first): no mkdir to refuse
    except FileNotFoundError:
        with contextlib.suppress(FileExistsError):
            Path(path).mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
        info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        if not may_be_link:
            raise UnsafePath(Path(path), "", Reason("file.dir_link"))
        info = os.stat(path)
        if not stat.S_ISDIR(info.st_mode):
            raise UnsafePath(Path(path), "", Reason("file.not_a_folder"))
        return  # the user's own link: used as is, its mode left alone
    if not stat.S_ISDIR(info.st_mode):
        raise UnsafePath(Path(path), "", Reason("file.not_a_folder_move"))
    if not owned_by_user(info):
        raise UnsafePath(Path(path), "", Reason("file.other_user"))
    if info.st_mode & 0o777 != PRIVATE_DIR:
        with contextlib.suppress(OSError):
            fd = os.open(path, os.O_RDONLY | NOFOLLOW | getattr(os, "O_DIRECTORY", 0) | CLOEXEC)
            try:
                os.fchmod(fd, PRIVATE_DIR)
            finally:
                os.close(fd)


def check_replaceable(path: Path) -> bool:
    """True when `path` is a regular file (it may be replaced), False when it does not exist.

    Raises UnsafePath for a link, folder, device, FIFO or socket: never written over.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    refuse_unless_regular(path, info)
    return True


def refuse_unless_regular(path: Path, info: os.stat_result) -> None:
    """UnsafePath unless `info` (of `path`, taken without following a link) is a regular file's."""
    if stat.S_ISLNK(info.st_mode):
        raise UnsafePath(path, "", Reason("file.link"))
    if stat.S_ISDIR(info.st_mode):
        raise UnsafePath(path, "", Reason("file.folder"))
    if not stat.S_ISREG(info.st_mode):
        raise UnsafePath(path, "", Reason("file.special"))


def _write_new(path: str | Path, data: bytes) -> os.stat_result:
    """Create `path` (it must not exist), private, never through a link; write, fsync, close.

    On any failure the half-written file is removed. Returns its status.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | CLOEXEC, PRIVATE_FILE)
    try:
        # Private whatever the umask (which can only take bits away from PRIVATE_FILE). Asked first: a
        # change of mode is written to the disk's journal, which an autosave would wait for.
        if os.fstat(fd).st_mode & 0o777 != PRIVATE_FILE:
            os.fchmod(fd, PRIVATE_FILE)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
        info = os.fstat(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    os.close(fd)
    return info


def write_atomic(path: Path, data: bytes) -> os.stat_result:
    """Replace `path` with `data` so that a crash at any moment leaves old or new, never half.

    Temporary file in the same folder, flush and fsync, rename over, fsync the folder.
    Returns the new file's status (its inode, size and time), for change detection.
    (Plain strings for the paths: an autosave is timed against a bare write, and making
    Paths for the temporary file and the folder cost as much as a system call each.)
    """
    target = os.fspath(path)
    folder, name = os.path.split(target)
    tmp = os.path.join(folder, f".{name}.{os.urandom(4).hex()}.tmp")
    info = _write_new(tmp, data)
    try:
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(folder or os.curdir)
    return info


def write_new_private(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet (a rescue copy, a log), private, never through a link."""
    _write_new(path, data)
    fsync_dir(path.parent)


def read_limited(path: Path, limit: int) -> tuple[bytes, os.stat_result]:
    """At most `limit` bytes of a regular file, and its status; a larger file raises ValueError.

    Opened without blocking, so a FIFO put in place of a file cannot hang the app.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | CLOEXEC)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file")
        if info.st_size > limit:
            raise ValueError(f"too large ({info.st_size // 1024} KB)")
        chunks = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        raw = b"".join(chunks)
        if len(raw) > limit:
            raise ValueError(f"too large (over {limit // 1024} KB)")
        return raw, info
    finally:
        os.close(fd)


def fsync_dir(path: str | Path) -> None:
    """Make a rename in `path` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
