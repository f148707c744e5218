"""Two rooms' groups side by side: per item each group's distribution and how far its median moved.

Used for `room compare ROOM ROOM` and for a room that follows last year's (`room new
--from`), whose group report shows last year's distribution beside this year's.

Only groups are compared, never a seat with itself: no figure here pairs one seat's
answer last year with its answer now, so a seat's own change stays hidden. Both sides
hide an item below the larger minimum group of the two rooms (and each side's counts
are its own group's counts, shown or hidden as everywhere); a shift is given only when
both sides show the item.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.content.tool import Item, Part, Tool
from tui.core.errors import SessionFileError
from tui.room.model import Seat
from tui.room.store import RoomFolder
from tui.session.model import Session
from tui.views.group import GroupItem, GroupPart, GroupView, SeatReader, build_group


@dataclass(frozen=True)
class ItemShift:
    """One item in both groups."""

    before: GroupItem
    after: GroupItem

    @property
    def item(self) -> Item:
        return self.after.item

    @property
    def part(self) -> Part:
        return self.after.part

    @property
    def shift(self) -> float | None:
        """This median minus the earlier one (on the answer scale); None unless both groups show a median."""
        if self.before.median is None or self.after.median is None:
            return None
        return round(self.after.median - self.before.median, 1)

    @property
    def better(self) -> bool | None:
        """Whether the move is good news after the item's direction; None when nothing moved or nothing is shown."""
        shift = self.shift
        if not shift:
            return None
        return (shift < 0) if self.after.high_is_bad else (shift > 0)


@dataclass(frozen=True)
class PartShift:
    """One part in both groups: medians after direction, so a rise is good news for every part."""

    part: Part
    before: GroupPart
    after: GroupPart

    @property
    def shift(self) -> float | None:
        if self.before.median is None or self.after.median is None:
            return None
        return round(self.after.median - self.before.median, 1)


@dataclass
class RoomComparison:
    before: GroupView
    after: GroupView
    min_group: int
    """What both sides had to reach to show an item (the larger minimum group of the two rooms)."""
    items: list[ItemShift]
    """Largest move first; items without a shift next, items hidden on both sides last, in the tool's order."""
    parts: list[PartShift]

    def item(self, item_id: str) -> ItemShift:
        return next(s for s in self.items if s.item.id == item_id)


def compare_views(before: GroupView, after: GroupView) -> RoomComparison:
    """Pair two groups' items and parts (both built from the same tool)."""
    earlier = {g.item.id: g for g in before.items}
    order = {g.item.id: n for n, g in enumerate(sorted(after.items, key=lambda g: _tool_order(after, g)))}
    items = [ItemShift(earlier[g.item.id], g) for g in after.items if g.item.id in earlier]
    items.sort(
        key=lambda s: (
            s.before.hidden and s.after.hidden,
            s.shift is None,
            -abs(s.shift or 0.0),
            order[s.item.id],
        )
    )
    earlier_parts = {p.part.id: p for p in before.parts}
    parts = [PartShift(p.part, earlier_parts[p.part.id], p) for p in after.parts if p.part.id in earlier_parts]
    return RoomComparison(before, after, max(before.room.min_group, after.room.min_group), items, parts)


def _tool_order(view: GroupView, g: GroupItem) -> tuple[int, int]:
    part_ids = [p.part.id for p in view.parts]
    return part_ids.index(g.part.id), g.part.items.index(g.item)


def _raised(folder: RoomFolder, min_group: int) -> RoomFolder:
    """The room as read, its minimum group raised to `min_group` for this comparison (nothing is written)."""
    return RoomFolder(folder.path, folder.room.model_copy(update={"min_group": max(min_group, folder.room.min_group)}))


def compare_rooms(tool: Tool, before: RoomFolder, after: RoomFolder) -> RoomComparison:
    """Two rooms' groups, each hiding what the larger of their minimum groups hides."""
    min_group = max(before.room.min_group, after.room.min_group)
    views = []
    for folder in (_raised(before, min_group), _raised(after, min_group)):
        reader = SeatReader(folder)
        view = build_group(tool, folder.room, reader.sessions())
        view.unreadable = list(reader.unreadable)
        views.append(view)
    return compare_views(views[0], views[1])


def earlier_group(folder: RoomFolder, tool: Tool) -> GroupView | None:
    """Last year's group of a room made with `room new --from`, from the copies of its seats' sessions.

    It hides what this room hides and what last year's room hid (the larger minimum group).
    None for a room that follows no other.
    """
    room, earlier = folder.room, folder.room.earlier
    if earlier is None:
        return None
    store = folder.seat_store()
    sessions: dict[str, Session] = {}
    unreadable: list[str] = []
    for seat in earlier.seats:
        try:
            sessions[seat.label] = store.read(folder.seats_dir / seat.file)
        except SessionFileError:
            unreadable.append(seat.label)
    seats = [
        Seat.model_construct(
            label=s.label, code_hash="", file=s.file, joined=None if s.label not in sessions else earlier.created
        )
        for s in earlier.seats
    ]
    then = room.model_copy(
        update={
            "id": earlier.id,
            "title": earlier.title,
            "created": earlier.created,
            "min_group": max(room.min_group, earlier.min_group),
            "seats": seats,
            "agreements": [],
            "discussion": None,
            "earlier": None,
        }
    )
    view = build_group(tool, then, sessions)
    view.unreadable = unreadable
    return view
