"""A plenary: the group reports of many tables merged into one picture for the hall.

Each table (a room, perhaps on another machine) exported its group report; the
plenary adds up, per item, the counts of every table that showed them, and shows
how far the tables' medians lie apart.

Small numbers stay hidden across tables: an item's merged counts show only when at
least the largest `min_group` of the tables answered it in total, and a table adds
its counts only when it reached its own `min_group` (its export hid them otherwise).
Below the plenary's minimum nothing of the item is shown, not even one table's
median. Medians and spreads are computed here from the counts, never taken from
the files.

Items are matched by id and worded from this machine's tool. An item is merged only
when every table's file holds it and its meaning did not change between the versions
of the questions the tables used; the rest is named in `left_out`.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Literal

from tui.content.tool import Item, Part, Tool
from tui.core.reason import Reason
from tui.views.group import ANSWER_KEYS
from tui.views.table_export import TableAgreement, TableExport

LeftOutWhy = Literal["not_in_all", "reworded", "unknown"]


@dataclass(frozen=True)
class Table:
    """One table of the plenary: its number (1, 2, … in the order the files were given) and its export."""

    number: int
    export: TableExport

    @property
    def title(self) -> str:
        return self.export.room.title

    @property
    def agreements(self) -> list[TableAgreement]:
        return list(self.export.agreements)


@dataclass(frozen=True)
class TableFigure:
    """One table's median of one item; None when it showed counts but no scores (only n.v.t.)."""

    table: int
    median: float | None


@dataclass(frozen=True)
class PlenaryItem:
    item: Item
    part: Part
    counts: dict[str, int] | None
    """Summed over the tables that showed theirs; None below the plenary's minimum group."""
    median: float | None = None
    spread: float | None = None
    """Standard deviation over every seat's score (n.v.t. left out); None below two scores."""
    tables: list[TableFigure] = field(default_factory=list)
    """The tables' own medians, for tables that showed the item (none while the item is hidden)."""
    left_out: int = 0
    """Tables whose export hid this item (too few answers there): they add nothing to it."""

    @property
    def hidden(self) -> bool:
        return self.counts is None

    @property
    def answered(self) -> int:
        return sum(self.counts.values()) if self.counts is not None else 0

    @property
    def high_is_bad(self) -> bool:
        return self.part.item_direction(self.item) == "negative"

    @property
    def medians(self) -> list[float]:
        return [t.median for t in self.tables if t.median is not None]

    @property
    def lowest(self) -> float | None:
        return min(self.medians) if len(self.medians) >= 2 else None

    @property
    def highest(self) -> float | None:
        return max(self.medians) if len(self.medians) >= 2 else None

    @property
    def between(self) -> float | None:
        """The spread between tables: the highest table median minus the lowest (two tables or more)."""
        medians = self.medians
        return round(max(medians) - min(medians), 1) if len(medians) >= 2 else None


@dataclass(frozen=True)
class LeftOutItem:
    item_id: str
    why: LeftOutWhy


@dataclass
class Plenary:
    tables: list[Table]
    min_group: int
    """The largest `min_group` of the tables: what the merged counts must reach."""
    items: list[PlenaryItem]
    """Largest difference between tables first; items without one, then hidden items, last."""
    left_out: list[LeftOutItem]
    versions: list[int | None]
    """Each table's version of the questions, as its file says (None: an export that does not say)."""
    wording: int
    """The version whose wording the merged items are shown in (the same in every version the tables used)."""
    tool: Tool
    """This machine's questions: the items' wording, parts and direction come from here, never from the files."""

    def title(self, item: Item, language: str) -> str:
        return item.wording_at(self.wording, language)

    def item_title(self, item_id: str, language: str) -> str:
        """An item's statement by its id; an id this machine does not know, as it is."""
        try:
            return self.title(self.tool.item(item_id), language)
        except KeyError:
            return item_id

    @property
    def seats(self) -> int:
        return sum(t.export.seats.total for t in self.tables)

    @property
    def joined(self) -> int:
        return sum(t.export.seats.joined for t in self.tables)

    @property
    def mixed_versions(self) -> bool:
        return len(set(self.versions)) > 1


def _median(values: list[int]) -> float | None:
    return round(float(statistics.median(values)), 1) if values else None


def _scores(counts: dict[str, int]) -> list[int]:
    return [int(k) for k in ANSWER_KEYS[:5] for _ in range(counts[k])]


class PlenaryError(ValueError):
    """The tables cannot be merged (one is given twice, one used newer questions); `reason` says why."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(str(reason))
        self.reason = reason


def build_plenary(tool: Tool, exports: list[TableExport]) -> Plenary:
    """The plenary of `exports` (one per table, in the order given); see the module's docstring.

    Raises PlenaryError when one room is given twice (its seats would count double) or a
    table's file names a version of the questions newer than `tool`.
    """
    tables = [Table(n, export) for n, export in enumerate(exports, start=1)]
    seen: dict[str, int] = {}
    for t in tables:
        if t.export.room.id in seen:
            raise PlenaryError(Reason("plenary.error.twice", {"a": seen[t.export.room.id], "b": t.number}))
        seen[t.export.room.id] = t.number
    versions = [t.export.tool_version for t in tables]
    for table, version in zip(tables, versions, strict=True):
        if version is not None and version > tool.version:
            raise PlenaryError(
                Reason("plenary.error.newer", {"n": table.number, "version": version, "known": tool.version})
            )
    # An export that does not say its version may be of any version up to this one.
    used = {v if v is not None else 1 for v in versions} | ({tool.version} if None in versions else set())
    min_group = max(t.export.room.min_group for t in tables)
    per_table = [{item.id: item for item in t.export.items} for t in tables]
    known = {item.id for item in tool.items}
    left_out = [
        LeftOutItem(item_id, "unknown") for item_id in sorted({i for table in per_table for i in table} - known)
    ]
    items: list[PlenaryItem] = []
    for part in tool.scale_parts:
        for item in part.items:
            if not all(item.id in table for table in per_table):
                left_out.append(LeftOutItem(item.id, "not_in_all"))
                continue
            if len({item.wording_at(v) for v in used}) > 1:
                left_out.append(LeftOutItem(item.id, "reworded"))
                continue
            shown = [(t, table[item.id].counts) for t, table in zip(tables, per_table, strict=True)]
            counts = dict.fromkeys(ANSWER_KEYS, 0)
            for _, table_counts in shown:
                for key in ANSWER_KEYS:
                    counts[key] += table_counts[key] if table_counts is not None else 0
            hidden_at = sum(1 for _, c in shown if c is None)
            if sum(counts.values()) < min_group:
                items.append(PlenaryItem(item, part, None, left_out=hidden_at))
                continue
            scores = _scores(counts)
            figures = [TableFigure(t.number, _median(_scores(c))) for t, c in shown if c is not None]
            spread = round(statistics.pstdev(scores), 2) if len(scores) >= 2 else None
            items.append(PlenaryItem(item, part, counts, _median(scores), spread, figures, hidden_at))
    order = {item.id: n for n, item in enumerate(tool.items)}
    items.sort(key=lambda p: (p.hidden, p.between is None, -(p.between or 0.0), order[p.item.id]))
    return Plenary(tables, min_group, items, left_out, versions, min(used), tool)
