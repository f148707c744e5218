"""What the board writes: its rule, the seats line, the parts, a statement read in full, the item under discussion."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from tui.app.widgets.literal import visible
from tui.core.text import shortened
from tui.render.group import number
from tui.render.parts import bar
from tui.room.phases import reveal_mark
from tui.views.group import ANSWER_KEYS, GroupItem, GroupView

if TYPE_CHECKING:
    from tui.content.i18n import Strings

FOCUS_BAR = 20
"""The cells of the longest bar of the item under discussion."""


def row_signature(g: GroupItem) -> str:
    return f"{g.counts}{g.median}{g.spread}{g.votes}"


def rule_text(view: GroupView, strings: Strings) -> Text:
    """The rule for small numbers, said on the board, with how many items it hides now."""
    hidden = sum(1 for g in view.items if g.hidden)
    return Text(strings("board.rule", n=view.room.min_group, hidden=hidden, too_few=strings("room.too_few")))


def seat_line(view: GroupView, strings: Strings, width: int = 80, present: str = "") -> Text:
    """'A ● 12/48  B ○ 48/48 ✓  C · 0/48': connected, joined before, not yet joined.

    Laid out here, a line at a time within `width`: an entry is never split across lines.
    """
    entries: list[Text] = [Text(present)] if present else []
    for seat in view.seats:
        mark = "●" if seat.connected else "○" if seat.joined else "·"
        entry = Text()
        entry.append(f"{seat.label} ", style="bold")
        entry.append(mark, style="green" if seat.connected else "dim")
        entry.append(f" {seat.answered}/{seat.total}" + (" ✓" if seat.finished else ""))
        entries.append(entry)
    text, used = Text(), 0
    for entry in entries:
        needed = entry.cell_len + (2 if used else 0)
        if used and used + needed > width:
            text.append("\n")
            used, needed = 0, entry.cell_len
        elif used:
            text.append("  ")
        text.append_text(entry)
        used += needed
    if view.unreadable:
        text.append("\n" + strings("board.unreadable", seats=", ".join(view.unreadable)), style="red")
    return text


def part_tag(number: int, g: GroupItem) -> str:
    """'2↑' or '3↓': the statement's part (numbered as under 'Per deel') and where a high answer points."""
    return f"{number}{'↓' if g.high_is_bad else '↑'}"


def read_text(g: GroupItem, number: int, view: GroupView, strings: Strings) -> Text:
    """The statement whole, its part and direction, and its counts (or why there are none yet)."""
    text = Text(visible(g.item.loc("text", strings.language)) + "\n", style="bold")
    direction = strings("room.high_bad" if g.high_is_bad else "room.high_good")
    part = visible(g.part.loc("title", strings.language))
    text.append(strings("board.part_direction", n=number, part=part, direction=direction) + "\n\n")
    if g.counts is None:
        text.append(strings("room.too_few") + " " + strings("board.too_few_why", n=view.room.min_group), style="italic")
    else:
        _focus_counts(text, g, g.counts, strings)
    return text


def parts_text(view: GroupView, strings: Strings) -> Text:
    """'Per deel': each part's number (the statements' tags carry it), title and group median."""
    text = Text(strings("room.parts") + "   " + strings("board.direction"), style="bold")
    for n, part in enumerate(view.parts, 1):
        title = shortened(visible(part.part.loc("title", strings.language)), 30)
        text.append(f"\n{reveal_mark(view.room, part.part.id)}{n} {title:<30} ")
        if part.hidden:
            text.append(strings("room.too_few"), style="dim")
        else:
            text.append(f"{bar(part.median, 20)} {number(part.median, strings):>4}")
    return text


def focus_text(g: GroupItem, view: GroupView, strings: Strings) -> Text:
    """The item under discussion, large: its text, a bar per answer, and the remarks shared on it."""
    text = Text()
    text.append(strings("room.in_discussion") + " ", style="bold reverse")
    text.append(" " + visible(g.item.loc("text", strings.language)), style="bold")
    text.append(f"  ({visible(g.part.loc('title', strings.language))}, {'↓' if g.high_is_bad else '↑'})\n")
    if g.counts is None:
        text.append(strings("room.too_few") + " " + strings("board.too_few_why", n=view.room.min_group), style="italic")
    else:
        _focus_counts(text, g, g.counts, strings)
    for remark in (r for r in view.shared if r.item.id == g.item.id):
        text.append("\n“" + visible(remark.text) + "”", style="italic")
    return text


def _focus_counts(text: Text, g: GroupItem, counts: dict[str, int], strings: Strings) -> None:
    top = max(counts.values(), default=0) or 1
    for left, right in zip(ANSWER_KEYS[:3], ANSWER_KEYS[3:], strict=True):
        for key, end in ((left, "   "), (right, "\n")):
            name = strings("room.nvt") if key == "nvt" else key
            cells = round(counts[key] / top * FOCUS_BAR)
            text.append(f"{name:<7}")
            text.append("█" * cells, style="bold")
            text.append(f"{' ' * (FOCUS_BAR - cells)} {counts[key]:>2}{end}")
    text.append(
        f"{strings('room.median')} {number(g.median, strings)} · {strings('room.spread')} {number(g.spread, strings)}"
    )
