"""A session as read from its file: the file it lives in, what the file was then, and a file that could not be read."""

from __future__ import annotations

import os
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.digest import sha256
from tui.core.errors import SessionFileError
from tui.core.plain import record
from tui.core.reason import Reason
from tui.session.model import Session

if TYPE_CHECKING:
    from tui.content.i18n import Strings


KEEP_BYTES = 256 * 1024
"""A file written up to this size is remembered by its bytes (a session file is some kilobytes), a larger one by its
hash."""


class Fingerprint:
    """What a session file was when this copy read or wrote it: its status, and a hash of its bytes.

    A file this copy wrote keeps its bytes instead (`written`): the next save finds the file
    unchanged by its status alone, and compares bytes where the status moved, so an autosave
    hashes nothing. A file read by a scan keeps only the hash (thousands of them are kept).
    """

    __slots__ = ("_data", "_digest", "status")

    def __init__(
        self, status: tuple[int, int, int, int], digest: bytes | None = None, data: bytes | None = None
    ) -> None:
        if digest is None and data is None:
            raise ValueError("a fingerprint needs the bytes or their hash")
        self.status = status
        """Device, inode, size and modification time (ns): when equal, the bytes need no rereading."""
        self._digest = digest
        self._data = data

    @classmethod
    def of(cls, info: os.stat_result, data: bytes) -> Fingerprint:
        """The file's status and the hash of its bytes (the bytes are not kept)."""
        return cls((info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns), sha256(data).digest())

    @classmethod
    def written(cls, info: os.stat_result, data: bytes) -> Fingerprint:
        """The file's status and its bytes, kept: hashed only if ever compared with a hash (a large file: hashed now,
        its bytes not kept)."""
        if len(data) > KEEP_BYTES:
            return cls.of(info, data)
        return cls((info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns), data=data)

    @property
    def digest(self) -> bytes:
        if self._digest is None:
            assert self._data is not None  # one of the two is always there (see __init__)
            self._digest = sha256(self._data).digest()
        return self._digest

    def __repr__(self) -> str:
        kept = "bytes" if self._data is not None else "hash"
        return f"Fingerprint(status={self.status!r}, {kept})"

    def same_bytes(self, other: Fingerprint) -> bool:
        """Both are of the same bytes: compared as bytes where both kept them, else by their hashes."""
        if other is self:
            return True
        if self._data is not None and other._data is not None:
            return self._data == other._data
        return self.digest == other.digest


@record
class StoredSession:
    """A session together with the file it lives in."""

    session: Session
    path: Path
    migrated_from: int | None = None
    """The older format the file had; its first save keeps the original as a backup."""
    fingerprint: Fingerprint | None = field(default=None, compare=False)
    """The file as last read or written here; None for a file not written yet."""
    is_link: bool = False
    """The file is a symbolic link: shown, never replaced."""
    pieces: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)
    """The texts last saved (tui.session.save_text): a save writes only what changed."""


@record
class BadFile:
    """A file in the sessions folder that could not be read, and why (one line)."""

    path: Path
    reason: str
    """In English, for logs; `text(strings)` words it in the interface's language."""
    why: Reason | None = None

    @classmethod
    def of(cls, path: Path, error: SessionFileError) -> BadFile:
        return cls(path, error.problem if not error.where else f"{error.where}: {error.problem}", error.why())

    def text(self, strings: Strings) -> str:
        """Why the file cannot be read, in the language of `strings`."""
        return self.why.text(strings) if self.why is not None else self.reason


Status = tuple[int, int, int, int, int]
"""A file's device, inode, size, mtime and ctime (ns): what tells it apart from its earlier self."""


Listing = tuple[list[tuple[str, Status | None]], list[BadFile]]
"""A folder's session files as (name, status of a regular file, else None), and the folder if it cannot be read."""


def status_of(info: os.stat_result) -> Status:
    """ctime too: a rewrite within one mtime tick changes it."""
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def read_as(stored: StoredSession, status: Status) -> bool:
    """The file `stored` was read from is the one that had `status` (not a link, not replaced meanwhile)."""
    fingerprint = stored.fingerprint
    return not stored.is_link and fingerprint is not None and fingerprint.status == status[:4]
