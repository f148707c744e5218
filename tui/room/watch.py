"""A seat's view of its room file: read again when it changed (the facilitator opened an item, wrote an agreement)."""

from __future__ import annotations

import os
from pathlib import Path

from tui.core.errors import SessionFileError
from tui.room.model import Room
from tui.room.store import ROOM_FILE, RoomFolder, read_room_bytes, room_from_bytes

JOINED = b"joined = "
"""How a seat's join time starts its line in room.toml (tomli_w writes every string on one line)."""


def without_joins(raw: bytes) -> bytes:
    """A room file's bytes but the seats' join times: what a seat's screens can show of it."""
    if JOINED not in raw:
        return raw
    return b"\n".join(line for line in raw.split(b"\n") if not line.startswith(JOINED))


def _status_of(path: Path) -> tuple[int, int, int, int] | None:
    """What tells a file changed: its device, inode, size and modification time (None: no such file now)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


class RoomWatch:
    """Checks room.toml's status; cheap enough to ask every second.

    With `joins_matter=False` (a seat's app: none of its screens shows who joined), a change of
    the seats' join times alone is not a change: the room's server writes one for every seat that
    logs in, and sixty seats would otherwise each read and parse the room, and repaint, about once a
    second while the others join. Such a room keeps the join times it had.
    """

    def __init__(
        self,
        folder: RoomFolder,
        joins_matter: bool = True,
        start: tuple[tuple[int, int, int, int] | None, bytes] | None = None,
    ) -> None:
        """`start`: the file's status and the bytes `folder.room` was parsed from, that status taken
        before those bytes were read (`RoomWatch.read`); without it, the file is read again now."""
        self.folder = folder
        self.joins_matter = joins_matter
        self._status: tuple[int, int, int, int] | None = None
        self._seen: bytes | None = None
        if start is None:
            self.changed()  # start from the file as it is now
        else:
            self._status, raw = start
            self._seen = raw if joins_matter else without_joins(raw)

    @classmethod
    def read(cls, path: Path, joins_matter: bool = True) -> RoomWatch:
        """The room in the folder at `path`, read and parsed once, and watched from that reading on.

        A seat read its room.toml once to start and its watch a second time at once (about 2 ms of
        a 60-seat room's file in every seat's start). The status is taken before the bytes are read,
        as `changed` does: a change in between is seen at the first check. A SessionFileError when
        the file cannot be read or is not a room.
        """
        room_file = path / ROOM_FILE
        status = _status_of(room_file)
        raw = read_room_bytes(room_file)
        return cls(RoomFolder(path, room_from_bytes(raw, room_file)), joins_matter, start=(status, raw))

    def _stat(self) -> tuple[int, int, int, int] | None:
        return _status_of(self.folder.room_file)

    @property
    def room(self) -> Room:
        return self.folder.room

    def touched(self) -> bool:
        """Whether `changed` has anything to read: the file's status differs from the last one read.

        Only a stat, nothing read; a file that is gone is not touched (`changed` keeps the last room).
        """
        status = self._stat()
        return status is not None and status != self._status

    def changed(self) -> bool:
        """True when the room file changed and was read again (a broken one keeps the last good room)."""
        status = self._stat()
        if status is None or status == self._status:
            return False
        self._status = status
        path = self.folder.room_file
        try:
            raw = read_room_bytes(path)
            seen = raw if self.joins_matter else without_joins(raw)
            if seen == self._seen:
                return False
            self.folder.room = room_from_bytes(raw, path)
        except SessionFileError:
            return False
        self._seen = seen
        return True
