"""What the serving process keeps current in room.toml for the seats: the counts their phase lets them see.

The board does this twice a second; a headless room (no board) runs `keep_room` as a task.
Seats read only room.toml, so an item's counts reach them only when written here:
never while answering, in reveal only for the revealed parts, and never below min_group.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING

from tui.room.phases import seats_see, take_request
from tui.session.model import now
from tui.views.group import GroupItem, GroupView, SeatReader

if TYPE_CHECKING:
    from tui.content.tool import Tool
    from tui.room.store import RoomFolder


def seat_counts(view: GroupView, g: GroupItem) -> dict[str, int]:
    """An item's counts as the seats may read them now: {} while hidden or not theirs to see yet."""
    if g.counts is None or not seats_see(view.room, g.part.id):
        return {}
    return dict(g.counts)


def revealed_counts(view: GroupView) -> dict[str, dict[str, int]]:
    """In reveal: the counts of every shown item of the revealed parts; otherwise none."""
    if view.room.phase != "reveal":
        return {}
    return {g.item.id: dict(g.counts) for g in view.items if g.counts is not None and seats_see(view.room, g.part.id)}


def keep_counts(view: GroupView) -> bool:
    """Bring the room's counts for the seats up to date with `view`; True when the room changed (save it)."""
    room, changed = view.room, False
    revealed = revealed_counts(view)
    if room.revealed != revealed:
        room.revealed = revealed
        changed = True
    discussion = room.discussion
    if discussion is not None:
        counts = seat_counts(view, view.item(discussion.item))
        if discussion.counts != counts:
            discussion.counts = counts
            changed = True
    return changed


async def keep_room(folder: RoomFolder, tool: Tool, seconds: float = 1.0) -> None:
    """A headless room's keeper: what the board does as it looks at the seats, every second, until cancelled."""
    reader = SeatReader(folder)
    part_ids = [p.id for p in tool.scale_parts]
    while True:
        with contextlib.suppress(OSError):
            take_request(folder, now(), part_ids)  # in the loop: the server writes the room here too
            view = await asyncio.to_thread(reader.view, tool)  # the seats' files, read off the loop
            if keep_counts(view):
                folder.save()
        await asyncio.sleep(seconds)
