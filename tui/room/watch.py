"""A seat's view of its room file: read again when it changed (the facilitator opened an item, wrote an agreement)."""

from __future__ import annotations

import os

from tui.core.errors import SessionFileError
from tui.room.model import Room
from tui.room.store import RoomFolder, read_room_bytes, room_from_bytes

JOINED = b"joined = "
"""How a seat's join time starts its line in room.toml (tomli_w writes every string on one line)."""


def without_joins(raw: bytes) -> bytes:
    """A room file's bytes but the seats' join times: what a seat's screens can show of it."""
    if JOINED not in raw:
        return raw
    return b"\n".join(line for line in raw.split(b"\n") if not line.startswith(JOINED))


class RoomWatch:
    """Checks room.toml's status; cheap enough to ask every second.

    With `joins_matter=False` (a seat's app: none of its screens shows who joined), a change of
    the seats' join times alone is not a change: the room's server writes one for every seat that
    logs in, and sixty seats would otherwise each read and parse the room, and repaint, about once a
    second while the others join. Such a room keeps the join times it had.
    """

    def __init__(self, folder: RoomFolder, joins_matter: bool = True) -> None:
        self.folder = folder
        self.joins_matter = joins_matter
        self._status: tuple[int, int, int, int] | None = None
        self._seen: bytes | None = None
        self.changed()  # start from the file as it is now

    def _stat(self) -> tuple[int, int, int, int] | None:
        try:
            info = os.stat(self.folder.room_file)
        except OSError:
            return None
        return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)

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
