"""Files kept between runs in the user's cache folder: data only, private, never through a link.

What lives there can always be made again (see `tui.core.paths.cache_dir`), so a file that
cannot be read is treated as absent, and a folder that cannot be written or trusted as no
cache. What is kept is data (JSON): a file someone else managed to put there can mislead a
start at worst, never run code.

A kept file is opened by name only relative to its folder, and that folder is reached by
opening every folder from `/` down, one at a time, without following links, checking each
as it was opened (`open_kept`). A name swapped for a link, or a folder renamed away in
between, is then refused instead of read. Which folders are trusted is said in `_trusted`.
Where the system cannot open relative to a folder (no `dir_fd`), nothing is kept.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from types import TracebackType

from tui.core.paths import cache_dir, owned_by_user

LIMIT = 64 * 1024 * 1024
"""A kept file larger than this is not read (the list of a folder of 100,000 sessions is about 20 MB)."""

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_LOOK_ONLY = getattr(os, "O_PATH", os.O_RDONLY)
"""Folders above the cache are only looked at and walked through (O_PATH needs no read permission)."""
_SUPPORTED = bool(_NOFOLLOW and _DIRECTORY) and {os.open, os.mkdir, os.rename, os.unlink} <= os.supports_dir_fd

_OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH
ROOT_UID = 0

_unsafe: dict[Path, Path] = {}
"""The folder found unsafe, per cache folder asked for (one in a real process; one per test in the tests)."""
_said: set[Path] = set()


class Unsafe(Exception):
    """A folder on the way to the cache that someone else could change: no cache this time."""

    def __init__(self, folder: str) -> None:
        super().__init__(folder)
        self.folder = folder


def unsafe_folder() -> Path | None:
    """The folder that made this process keep nothing, the first time it is asked: to say it once.

    The cache is found unsafe while the interface's words are being loaded (they are kept
    too), so this module cannot word it; the command line does, in the user's language.
    """
    cache = cache_dir()
    if cache is None or cache not in _unsafe or cache in _said:
        return None
    _said.add(cache)
    return _unsafe[cache]


def _trusted(info: os.stat_result, inside: bool) -> bool:
    """Whether a folder on the way to a kept file is one only this user (or the system) can change.

    Inside the cache (the cache folder and its subfolders) a folder must be the user's own
    and writable by nobody else: others could otherwise put or rename files in it.

    Above the cache, every folder up to `/` must belong to the user or to root (an owner
    can always rename what is inside), and nobody else may write in it, or someone could
    rename our folder away and put theirs in its place. The one exception is a folder with
    the sticky bit, such as `/tmp`: there only an entry's owner (or root) may rename or
    remove it, so it is safe as long as the next folder down is the user's or root's, and
    that folder is checked in its turn. A group-writable folder without the sticky bit is
    not trusted even when the group is the user's own: the app cannot cheaply know who else
    is in it. ACLs are not looked at.
    """
    if not stat.S_ISDIR(info.st_mode):
        return False
    if inside:
        return owned_by_user(info) and not info.st_mode & _OTHERS_WRITE
    if not (owned_by_user(info) or info.st_uid == ROOT_UID):
        return False
    return not info.st_mode & _OTHERS_WRITE or bool(info.st_mode & stat.S_ISVTX)


def _open_folder(parent: int, name: str, flags: int, create: bool) -> int | None:
    """`name` in the folder `parent`, opened without following a link; None when it is missing."""
    try:
        return os.open(name, flags | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=parent)
    except FileNotFoundError:
        if not create:
            return None
    with contextlib.suppress(FileExistsError):
        os.mkdir(name, 0o700, dir_fd=parent)
    return os.open(name, flags | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=parent)


def _walk(root: str, parts: tuple[str, ...], create: bool) -> int | None:
    """The last folder of `root`/`parts`, opened from `/` down and checked on the way.

    Raises Unsafe for a folder others could change (before anything is made inside it),
    OSError when a folder cannot be opened or made; None when one is missing and not `create`.
    """
    above = [name for name in root.split(os.sep) if name]
    names = [*above, *parts]
    fd = os.open(os.sep, _LOOK_ONLY | _DIRECTORY | _CLOEXEC)
    where = os.sep
    try:
        for depth in range(len(names) + 1):
            if not _trusted(os.fstat(fd), inside=depth >= len(above)):
                raise Unsafe(where)
            if depth == len(names):
                return fd
            name = names[depth]
            flags = os.O_RDONLY if depth + 1 >= len(above) else _LOOK_ONLY
            child = _open_folder(fd, name, flags, create)
            os.close(fd)
            fd = -1
            if child is None:
                return None
            fd = child
            where = os.path.join(where, name)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        raise
    raise AssertionError("unreachable")


def open_kept(*parts: str, create: bool = True) -> KeptFolder | None:
    """The cache folder (or its subfolder `parts`), opened once and checked; None for no cache.

    None when the user switched the cache off, the system cannot open files relative to a
    folder, a folder is missing (and not `create`) or cannot be made, or a folder on the way
    could be changed by someone else (that folder is remembered, to be said once: see
    `unsafe_folder`). Nothing is made inside a folder before it was checked.
    """
    folder = cache_dir()
    if folder is None or not _SUPPORTED:
        return None
    try:
        fd = _walk(os.path.realpath(folder), parts, create)
    except Unsafe as problem:
        _unsafe.setdefault(folder, Path(problem.folder))
        return None
    except OSError:
        return None
    return KeptFolder(fd) if fd is not None else None


class KeptFolder:
    """One checked cache folder, open: its files are read, written and removed by name inside it."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def __enter__(self) -> KeptFolder:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def read(self, name: str) -> bytes | None:
        """The file's bytes; None when it is missing, a link, not a regular file, too large,
        or not the user's own file that only they may write."""
        try:
            fd = os.open(name, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC, dir_fd=self.fd)
        except OSError:
            return None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or not owned_by_user(info) or info.st_mode & _OTHERS_WRITE:
                return None
            if info.st_size > LIMIT:
                return None
            chunks: list[bytes] = []
            remaining = LIMIT + 1
            while remaining > 0:
                chunk = os.read(fd, min(remaining, 1 << 20))
                if not chunk:
                    break
                chunks.append(chunk)
                remaining -= len(chunk)
            return b"".join(chunks) if remaining > 0 else None
        except OSError:
            return None
        finally:
            os.close(fd)

    def write(self, name: str, data: bytes) -> bool:
        """Replace the file `name` with `data` atomically (a new 0600 file renamed over it); False when it cannot.

        No fsync: a file lost or cut short by a crash is only read as broken, and made again.
        """
        temporary = f".{name}.{os.urandom(4).hex()}.tmp"
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600, dir_fd=self.fd)
        except OSError:
            return False
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temporary, name, src_dir_fd=self.fd, dst_dir_fd=self.fd)
            return True
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=self.fd)
            return False

    def names(self) -> list[str]:
        """The names in the folder (empty when it cannot be listed)."""
        try:
            return os.listdir(self.fd)
        except OSError:
            return []

    def remove(self, name: str) -> None:
        """Remove the file `name` if it is there (a link is removed, not followed)."""
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=self.fd)
