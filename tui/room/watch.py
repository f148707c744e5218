"""A seat's view of its room file: read again when it changed (the facilitator opened an item, wrote an agreement)."""

from __future__ import annotations

import os

from tui.core.errors import SessionFileError
from tui.room.model import Room
from tui.room.store import RoomFolder, read_room


class RoomWatch:
    """Checks room.toml's status; cheap enough to ask every second."""

    def __init__(self, folder: RoomFolder) -> None:
        self.folder = folder
        self._status: tuple[int, int, int, int] | None = None
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

    def changed(self) -> bool:
        """True when the room file changed and was read again (a broken one keeps the last good room)."""
        status = self._stat()
        if status is None or status == self._status:
            return False
        self._status = status
        try:
            self.folder.room = read_room(self.folder.room_file)
        except SessionFileError:
            return False
        return True
