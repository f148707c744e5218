"""What the group answered, as counts: the board, `room status` and the group report read this.

No seat's answers leave here by name: items carry counts, medians and spreads;
shared remarks carry their text only, sorted so their order says nothing of
who wrote them.

Small numbers stay hidden: an item answered by fewer seats than the room's
`min_group` carries no counts, median or spread at all (`hidden`), so no screen
or report can show them by mistake. A part's median is taken over the scores of
its shown items only: a part figure never holds an answer its item does not show
(a part with one item answered by one seat would otherwise be that seat's answer).
"""

from __future__ import annotations

import os
import statistics
from dataclasses import dataclass, field

from tui.content.tool import Item, Part, Tool
from tui.core.errors import SessionFileError
from tui.room.model import Room
from tui.room.store import RoomFolder
from tui.room.votes import count_votes
from tui.session.model import Session
from tui.views.scoring import oriented

ANSWER_KEYS = ("1", "2", "3", "4", "5", "nvt")


@dataclass(frozen=True)
class SeatProgress:
    label: str
    answered: int
    total: int
    joined: bool
    connected: bool = False

    @property
    def finished(self) -> bool:
        return self.answered == self.total


@dataclass(frozen=True)
class GroupItem:
    item: Item
    part: Part
    counts: dict[str, int] | None
    """'1'…'5' and 'nvt' → how many seats gave that answer; None while fewer than the room's
    minimum group answered it (then median and spread are None too)."""
    median: float | None = None
    spread: float | None = None
    """Standard deviation of the scores given (n.v.t. left out); None below two scores."""
    votes: int = 0
    """How many seats marked this item to discuss (a total, never who)."""

    @property
    def hidden(self) -> bool:
        return self.counts is None

    @property
    def high_is_bad(self) -> bool:
        """A high answer is unfavourable here ("direction"): a median of 5,0 is then bad news."""
        return self.part.item_direction(self.item) == "negative"

    @property
    def scores(self) -> int:
        return sum(self.counts[k] for k in ANSWER_KEYS[:5]) if self.counts is not None else 0

    @property
    def answered(self) -> int:
        """How many seats answered (0 while hidden: the count itself is not shown either)."""
        return self.scores + self.counts["nvt"] if self.counts is not None else 0


@dataclass(frozen=True)
class GroupPart:
    part: Part
    median: float | None
    """Median of the scores of the part's shown items, after direction: higher is better for every part.
    None while none of its items is shown."""
    scores: int

    @property
    def hidden(self) -> bool:
        return self.scores == 0


@dataclass(frozen=True)
class SharedRemark:
    item: Item
    text: str


@dataclass
class GroupView:
    room: Room
    seats: list[SeatProgress]
    items: list[GroupItem]
    """Most votes first, then the largest spread; within those, items nobody scored twice, then hidden
    items, come last, in the tool's order."""
    parts: list[GroupPart]
    shared: list[SharedRemark] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    """Seats whose file could not be read just now (their answers are left out)."""
    earlier: GroupView | None = None
    """Last year's group, when this room follows one up (`room new --from`; see tui.views.room_compare)."""

    def item(self, item_id: str) -> GroupItem:
        return next(g for g in self.items if g.item.id == item_id)

    @property
    def votes(self) -> dict[str, int]:
        """Item id → how many seats marked it to discuss (every item, 0 when none)."""
        return {g.item.id: g.votes for g in self.items}


def counts_for(item_id: str, sessions: list[Session]) -> dict[str, int]:
    counts = dict.fromkeys(ANSWER_KEYS, 0)
    for session in sessions:
        answer = session.answers.get(item_id)
        if answer is None:
            continue
        if answer.not_applicable:
            counts["nvt"] += 1
        elif answer.score is not None:
            counts[str(answer.score)] += 1
    return counts


def _median(values: list[int]) -> float | None:
    return round(float(statistics.median(values)), 1) if values else None


def shown_counts(counts: dict[str, int], min_group: int) -> dict[str, int] | None:
    """The counts, or None when fewer than `min_group` seats gave an answer (a score or n.v.t.)."""
    return dict(counts) if sum(counts.get(k, 0) for k in ANSWER_KEYS) >= min_group else None


def build_group(
    tool: Tool,
    room: Room,
    sessions: dict[str, Session],
    connected: set[str] | None = None,
    votes: dict[str, int] | None = None,
) -> GroupView:
    """The group's view of a room from its seats' sessions (label → session; absent seats left out).

    `votes`: item id → how many seats marked it (see tui.room.votes); the board sorts by them first.

    Items fewer than `room.min_group` seats answered are hidden (see the module's docstring).
    """
    item_ids = [item.id for item in tool.items]
    present = list(sessions.values())
    seats = [
        SeatProgress(
            seat.label,
            sessions[seat.label].answered_count(item_ids) if seat.label in sessions else 0,
            len(item_ids),
            joined=seat.joined is not None,
            connected=seat.label in (connected or set()),
        )
        for seat in room.seats
    ]
    items: list[GroupItem] = []
    parts: list[GroupPart] = []
    for part in tool.scale_parts:
        part_values: list[int] = []
        for item in part.items:
            counts = shown_counts(counts_for(item.id, present), room.min_group)
            voted = (votes or {}).get(item.id, 0)
            if counts is None:
                items.append(GroupItem(item, part, None, votes=voted))
                continue
            scores = [int(k) for k in ANSWER_KEYS[:5] for _ in range(counts[k])]
            part_values += [oriented(s, part.item_direction(item)) for s in scores]
            spread = round(statistics.pstdev(scores), 2) if len(scores) >= 2 else None
            items.append(GroupItem(item, part, counts, _median(scores), spread, voted))
        parts.append(GroupPart(part, _median(part_values), len(part_values)))
    order = {item_id: n for n, item_id in enumerate(item_ids)}
    items.sort(key=lambda g: (-g.votes, g.hidden, g.spread is None, -(g.spread or 0.0), order[g.item.id]))
    shared = sorted(
        (
            SharedRemark(tool.item(item_id), answer.remark)
            for session in present
            for item_id, answer in session.answers.items()
            if answer.shared and answer.remark.strip() and item_id in order
        ),
        key=lambda r: (order[r.item.id], r.text),
    )
    return GroupView(room, seats, items, parts, shared)


class SeatReader:
    """Reads the seats' files, again only when a file's status changed (the board asks twice a second)."""

    def __init__(self, folder: RoomFolder) -> None:
        self.folder = folder
        self._cache: dict[str, tuple[tuple[int, int, int, int], Session]] = {}
        self.unreadable: list[str] = []
        self._earlier: tuple[GroupView | None] | None = None
        """Last year's group, read once: its files are copies nobody changes."""

    def sessions(self) -> dict[str, Session]:
        store = self.folder.seat_store()
        out: dict[str, Session] = {}
        self.unreadable = []
        for seat in self.folder.room.seats:
            path = self.folder.seats_dir / seat.file
            try:
                info = os.stat(path)
            except OSError:
                continue
            status = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
            cached = self._cache.get(seat.label)
            if cached is not None and cached[0] == status:
                out[seat.label] = cached[1]
                continue
            try:
                session = store.read(path)
            except SessionFileError:
                self.unreadable.append(seat.label)
                continue
            self._cache[seat.label] = (status, session)
            out[seat.label] = session
        return out

    def view(self, tool: Tool, connected: set[str] | None = None) -> GroupView:
        votes = count_votes(self.folder, [item.id for item in tool.items])
        view = build_group(tool, self.folder.room, self.sessions(), connected, votes)
        view.unreadable = list(self.unreadable)
        view.earlier = self.earlier(tool)
        return view

    def earlier(self, tool: Tool) -> GroupView | None:
        """Last year's group (see tui.views.room_compare.earlier_group), None for a room that follows no other."""
        if self._earlier is None:
            from tui.views.room_compare import earlier_group

            self._earlier = (earlier_group(self.folder, tool),)
        return self._earlier[0]
