"""What the app opens on, as decided by the command line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from tui.render.take_home import Door
from tui.room.store import RoomFolder
from tui.session.store import StoredSession

if TYPE_CHECKING:
    from tui.room.serving import RoomDoors


@dataclass
class RoomSeat:
    """A participant's seat in a regional session: the room and the seat's letter."""

    folder: RoomFolder
    label: str
    door: Door = Door()
    """Where the participant reached the room over SSH, when `room serve` said (for the `bewaar` command)."""

    def votes(self) -> list[str]:
        """The items this seat marked to discuss (its own small file; see tui.room.votes)."""
        from tui.room.votes import read_votes

        return read_votes(self.folder, self.label)

    def toggle_vote(self, item_id: str) -> bool:
        """Mark or unmark an item; True when marked now. Raises TooManyVotes, OSError."""
        from tui.room.votes import toggle_vote

        return toggle_vote(self.folder, self.label, item_id)


@dataclass
class Start:
    """The first screen: home, the reader at a section, a new walk, or a walk to resume."""

    screen: Literal["home", "read", "new", "walk", "overview", "room", "board"]
    section: str | None = None
    title: str | None = None
    stored: StoredSession | None = None
    room: RoomSeat | None = None
    """Set for "room": the app is one seat of a regional session (`stored` is the seat's session)."""
    board: RoomDoors | None = None
    """Set for "board": the facilitator's board of the room this server serves."""
