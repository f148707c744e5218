"""When each seat first joined, written to room.toml by the room's server: the joins of a moment in one save.

Sixty participants who log in at once took sixty saves of the whole room file, each about 4 ms of
the server's CPU and 10-25 ms of its event loop waiting for the disk (fsync), while it also had to
carry every login. The join time itself is set at once (the board shows it); the file follows
within JOIN_SAVE_SECONDS, and at the latest when the room stops.
"""

from __future__ import annotations

import asyncio
import contextlib

from tui.room.store import RoomFolder
from tui.session.model import now

JOIN_SAVE_SECONDS = 0.5


class JoinMarks:
    """The room's seats' first joins, and the one save that writes those of the last moment."""

    def __init__(self, folder: RoomFolder) -> None:
        self.folder = folder
        self._save: asyncio.TimerHandle | None = None

    def mark(self, label: str) -> None:
        """The seat's first join (a later one changes nothing); saved with the others of this moment."""
        seat = self.folder.room.seat(label)
        if seat.joined is None:
            seat.joined = now()
            if self._save is None:
                self._save = asyncio.get_running_loop().call_later(JOIN_SAVE_SECONDS, self.flush)

    def flush(self) -> None:
        """Write the joins not yet saved, now."""
        if self._save is None:
            return
        self._save.cancel()
        self._save = None
        with contextlib.suppress(OSError):
            self.folder.save()
