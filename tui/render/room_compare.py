"""Two rooms' groups compared (`tui.views.room_compare.RoomComparison`): table, Markdown, HTML, JSON.

Per item each group's distribution and median side by side and how far the median
moved; per part the same. Only group figures are written: an item a side hides has no
counts or median on that side, and nothing pairs one seat's answers across the rooms.
Titles are the facilitators' words: the table shows control characters as visible
stand-ins, Markdown and HTML keep them literal, JSON escapes them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tui.core.text import escape_json, safe_line
from tui.render.compare import MIN_TEXT, fit
from tui.render.group import counts_line, histogram, moved_text, number, seat_totals, where
from tui.render.parts import blocks, html_text, md_text
from tui.views.group import ANSWER_KEYS, GroupItem

if TYPE_CHECKING:
    from tui.content.i18n import Strings
    from tui.views.group import GroupView
    from tui.views.room_compare import ItemShift, RoomComparison


def shift_text(shift: float | None, strings: Strings) -> str:
    """'▲ +0,5', '▼ −0,5', '= 0,0', or '–' when a side shows no median."""
    return "–" if shift is None else moved_text(shift, strings)


def judged(s: ItemShift, strings: Strings) -> str:
    """The shift and, when it moved, whether that is good news after the item's direction."""
    text = shift_text(s.shift, strings)
    if s.better is None:
        return text
    return f"{text} ({strings('room_compare.better' if s.better else 'room_compare.worse')})"


def side_line(view: GroupView, key: str, strings: Strings) -> str:
    """'Eerder: Regio Noord 2025 — 6 plekken, 5 bezet, 5 klaar.'"""
    return strings(key, title=view.room.title, seats=strings("room.seats_line", **seat_totals(view)))


def group_text(g: GroupItem, strings: Strings) -> str:
    """'mediaan 3,0 (1:0 2:1 …)', or 'te weinig antwoorden'."""
    if g.counts is None:
        return strings("room.too_few")
    return f"{strings('room.median')} {number(g.median, strings)} ({counts_line(g.counts, strings)})"


def _heads(strings: Strings) -> tuple[str, str, str]:
    return strings("room_compare.before"), strings("room_compare.after"), strings("room_compare.shift")


# a table -----------------------------------------------------------------------


def to_table(c: RoomComparison, strings: Strings, width: int | None = None) -> str:
    """Plain lines for a terminal or a pipe; fitted to `width` columns when given, else each line whole."""

    def lines(text: str, first: str = "", indent: str = "") -> list[str]:
        if width is not None and width - len(first) < MIN_TEXT:
            return [first.rstrip(), *fit(safe_line(text), width, indent, indent)]
        return fit(safe_line(text), width, first, indent)

    before, after, moved = _heads(strings)
    head = lines(strings("room_compare.title"))
    head += lines(side_line(c.before, "room_compare.before_line", strings))
    head += lines(side_line(c.after, "room_compare.after_line", strings))
    rule = lines(strings("room_compare.rule", n=c.min_group))
    columns = f"  {before:>6}  {after:>6}  {moved:<12}"
    parts = lines(strings("room_compare.parts")) + lines(columns.rstrip())
    for p in c.parts:
        figures = f"  {number(p.before.median, strings):>6}  {number(p.after.median, strings):>6}  "
        parts += lines(
            p.part.loc("title", strings.language), f"{figures}{shift_text(p.shift, strings):<12}  ", " " * 30
        )
    columns = f"  {before:<12}  {after:<12}  {moved:<12}"
    items = lines(strings("room_compare.items")) + lines(columns.rstrip())
    for s in c.items:
        figures = f"  {_cell(s.before, strings)}  {_cell(s.after, strings)}  {shift_text(s.shift, strings):<12}  "
        items += lines(s.item.loc("text", strings.language), figures, " " * 44)
    return blocks(head, rule, parts, items)


def _cell(g: GroupItem, strings: Strings) -> str:
    """'▁▃█··· 3,0' in 12 characters, or '······ –' while hidden."""
    if g.counts is None:
        return f"{'·' * len(ANSWER_KEYS)} {'–':>5}"
    return f"{histogram(g.counts)} {number(g.median, strings):>5}"


# Markdown -----------------------------------------------------------------------


def to_markdown(c: RoomComparison, strings: Strings) -> str:
    before, after, moved = _heads(strings)
    head = [f"# {md_text(strings('room_compare.title'), start=True)}", ""]
    head += [f"- {md_text(side_line(c.before, 'room_compare.before_line', strings))}"]
    head += [f"- {md_text(side_line(c.after, 'room_compare.after_line', strings))}"]
    rule = [md_text(strings("room_compare.rule", n=c.min_group))]
    parts = [f"## {md_text(strings('room_compare.parts'))}", ""]
    parts += [
        f"- {md_text(p.part.loc('title', strings.language))}: {md_text(before)} {number(p.before.median, strings)}, "
        f"{md_text(after)} {number(p.after.median, strings)}, {md_text(moved)} {shift_text(p.shift, strings)}"
        for p in c.parts
    ]
    items = [f"## {md_text(strings('room_compare.items'))}", ""]
    for s in c.items:
        items.append(f"- {md_text(s.item.loc('text', strings.language))} ({md_text(where(s.after, strings))})")
        items.append(f"  - {md_text(before)}: {md_text(group_text(s.before, strings))}")
        items.append(f"  - {md_text(after)}: {md_text(group_text(s.after, strings))}")
        items.append(f"  - {md_text(moved)}: {md_text(judged(s, strings))}")
    return blocks(head, rule, parts, items)


# HTML ---------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.2rem;border-bottom:1px solid #ccc;margin-top:2rem}
table{border-collapse:collapse}
td,th{padding:.2rem .5rem;text-align:left;border-bottom:1px solid #eee;vertical-align:top}
.where{color:#666;font-size:.85em}.num{text-align:right;font-variant-numeric:tabular-nums}
.few{color:#666;font-style:italic}.side{border-left:1px solid #ccc}
@media print{body{margin:0}}
"""


def _html_side(g: GroupItem, strings: Strings, first: bool) -> str:
    side = ' class="num side"' if first else " class=num"
    if g.counts is None:
        return f'<td class="few side" colspan={len(ANSWER_KEYS) + 1}>{html_text(strings("room.too_few"))}</td>'
    cells = "".join(f"<td{side if n == 0 else ' class=num'}>{g.counts[k]}</td>" for n, k in enumerate(ANSWER_KEYS))
    return cells + f"<td class=num>{number(g.median, strings)}</td>"


def to_html(c: RoomComparison, strings: Strings) -> str:
    """One self-contained page to print or project: no scripts, links or outside resources."""
    before, after, moved = _heads(strings)
    names = [*ANSWER_KEYS[:5], strings("room.nvt"), strings("room.median")]
    title = html_text(strings("room_compare.title"))
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{strings.language}"><head><meta charset="utf-8">',
        f"<title>{title}</title><style>{_CSS}</style></head><body>",
        f"<h1>{title}</h1><ul>",
        f"<li>{html_text(side_line(c.before, 'room_compare.before_line', strings))}</li>",
        f"<li>{html_text(side_line(c.after, 'room_compare.after_line', strings))}</li></ul>",
        f"<p>{html_text(strings('room_compare.rule', n=c.min_group))}</p>",
        f"<h2>{html_text(strings('room_compare.parts'))}</h2>",
        f"<table><tr><th></th><th class=num>{html_text(before)}</th><th class=num>{html_text(after)}</th>"
        f"<th>{html_text(moved)}</th></tr>",
    ]
    for p in c.parts:
        out.append(
            f"<tr><td>{html_text(p.part.loc('title', strings.language))}</td>"
            f"<td class=num>{number(p.before.median, strings)}</td><td class=num>{number(p.after.median, strings)}</td>"
            f"<td>{html_text(shift_text(p.shift, strings))}</td></tr>"
        )
    out.append(f"</table><h2>{html_text(strings('room_compare.items'))}</h2>")
    span = len(names)
    out.append(
        f"<table><tr><th></th><th class=side colspan={span}>{html_text(before)}</th>"
        f"<th class=side colspan={span}>{html_text(after)}</th><th>{html_text(moved)}</th></tr><tr><th></th>"
    )
    for _ in range(2):
        out += [f"<th class=num>{html_text(n)}</th>" for n in names]
    out.append("<th></th></tr>")
    for s in c.items:
        out.append(
            f"<tr><td>{html_text(s.item.loc('text', strings.language))}"
            f"<div class=where>{html_text(where(s.after, strings))}</div></td>"
            f"{_html_side(s.before, strings, True)}{_html_side(s.after, strings, True)}"
            f"<td>{html_text(judged(s, strings))}</td></tr>"
        )
    out.append("</table></body></html>")
    return "\n".join(out) + "\n"


# JSON ---------------------------------------------------------------------------


def side_data(g: GroupItem) -> dict[str, Any]:
    """One group's figures of one item: counts and median, or only `"hidden": true`."""
    if g.counts is None:
        return {"hidden": True}
    return {"hidden": False, "counts": dict(g.counts), "median": g.median}


def room_data(view: GroupView) -> dict[str, Any]:
    return {"id": view.room.id, "title": view.room.title, "min_group": view.room.min_group, "seats": seat_totals(view)}


def to_json(c: RoomComparison, strings: Strings) -> str:
    data = {
        "before": room_data(c.before),
        "after": room_data(c.after),
        "min_group": c.min_group,
        "parts": [
            {
                "id": p.part.id,
                "title": p.part.loc("title", strings.language),
                "before": p.before.median,
                "after": p.after.median,
                "shift": p.shift,
            }
            for p in c.parts
        ],
        "items": [
            {
                "id": s.item.id,
                "title": s.item.loc("text", strings.language),
                "before": side_data(s.before),
                "after": side_data(s.after),
                "shift": s.shift,
                "better": s.better,
            }
            for s in c.items
        ],
    }
    return escape_json(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


ROOM_COMPARE_RENDERERS: dict[str, Callable[[RoomComparison, Strings], str]] = {
    "table": to_table,
    "md": to_markdown,
    "html": to_html,
    "json": to_json,
}
ROOM_COMPARE_FORMATS: tuple[str, ...] = tuple(ROOM_COMPARE_RENDERERS)
