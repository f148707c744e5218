"""What the app opens on, as decided by the command line: one small type per way to start.

The app dispatches on the type once (`tui.app.starting`); a new way to start is a new
type here and one case there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from tui.core.plain import record
from tui.render.take_home import Door
from tui.session.store import StoredSession

if TYPE_CHECKING:
    from tui.room.serving import RoomDoors
    from tui.room.store import RoomFolder
    from tui.room.watch import RoomWatch


@record
class RoomSeat:
    """A participant's seat in a regional session: the room and the seat's letter."""

    folder: RoomFolder
    label: str
    door: Door = Door()
    """Where the participant reached the room over SSH, when `room serve` said (for the `bewaar` command)."""
    watch: RoomWatch | None = None
    """The watch of `folder` when the command line read the room with one (`RoomWatch.read`): the app
    follows the room from that reading, not from a second one (None: the app reads it again)."""

    def votes(self) -> list[str]:
        """The items this seat marked to discuss (its own small file; see tui.room.votes)."""
        from tui.room.votes import read_votes

        return read_votes(self.folder, self.label)

    def toggle_vote(self, item_id: str) -> bool:
        """Mark or unmark an item; True when marked now. Raises TooManyVotes, OSError."""
        from tui.room.votes import toggle_vote

        return toggle_vote(self.folder, self.label, item_id)


@record(frozen=True)
class Home:
    """The home screen: the sessions in the folder."""


@record(frozen=True)
class Read:
    """The reader at a section of the note."""

    section: str


@record(frozen=True)
class New:
    """A new session: titled at once, or (no title) the home screen asking for one."""

    title: str | None = None


@record(frozen=True)
class Walk:
    """The guided walk on a stored session, at its first unanswered item."""

    stored: StoredSession


@record(frozen=True)
class Overview:
    """The overview of a stored session."""

    stored: StoredSession


@record(frozen=True)
class Seat:
    """One seat of a regional session: `stored` is the seat's own session."""

    seat: RoomSeat
    stored: StoredSession


@record(frozen=True)
class Board:
    """The facilitator's board of the room these doors serve."""

    doors: RoomDoors


Start: TypeAlias = Home | Read | New | Walk | Overview | Seat | Board
"""Every way the app can start."""
