"""The group report of a room: JSON (also `room status --json`), Markdown and HTML.

Counts, medians, spreads, shared remarks without names and the agreements:
nothing here can tell one seat's answers from another's. An item fewer seats
answered than the room's minimum group reads "not enough answers yet", and its
JSON says `"hidden": true` with no counts, median or spread.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tui.core.text import escape_json
from tui.render.parts import blocks, md_quote, md_text
from tui.views.group import ANSWER_KEYS, GroupItem, GroupView
from tui.views.numbers import score_number
from tui.views.room_compare import ItemShift

if TYPE_CHECKING:
    from tui.content.i18n import Strings
    from tui.content.tool import Item

SPARKS = " ▁▂▃▄▅▆▇█"


def histogram(counts: dict[str, int]) -> str:
    """One character per answer (1–5, n.v.t.), as high as its share of the largest count."""
    top = max(counts.values(), default=0)
    if top == 0:
        return "·" * len(ANSWER_KEYS)
    return "".join(SPARKS[round(counts[k] / top * 8)] if counts[k] else "·" for k in ANSWER_KEYS)


def counts_line(counts: dict[str, int], strings: Strings) -> str:
    """'1:0 2:1 3:4 4:2 5:0 n.v.t.:1'."""
    names = {**{k: k for k in ANSWER_KEYS[:5]}, "nvt": strings("room.nvt")}
    return " ".join(f"{names[k]}:{counts[k]}" for k in ANSWER_KEYS)


def number(value: float | None, strings: Strings) -> str:
    """A group figure (a median of seats, a spread) as every view shows a figure: '3,5' in Dutch, '–' for none."""
    return "–" if value is None else score_number(value, strings)


def seat_totals(view: GroupView) -> dict[str, int]:
    return {
        "total": len(view.seats),
        "joined": sum(1 for s in view.seats if s.joined),
        "finished": sum(1 for s in view.seats if s.finished),
    }


def item_data(g: GroupItem, language: str, before: GroupItem | None = None) -> dict[str, Any]:
    """One item for JSON: its counts, median and spread, or `"hidden": true` and none of them.

    With `before` (last year's group, in a room that follows one up): its counts and median, or
    hidden, and how far the median moved (`moved`, None unless both years show it).
    """
    data: dict[str, Any] = {"id": g.item.id, "title": g.item.loc("text", language), "hidden": g.counts is None}
    if g.counts is not None:
        data.update(counts=dict(g.counts), median=g.median, spread=g.spread)
    data["votes"] = g.votes
    if before is not None:
        shifted = ItemShift(before, g)
        data["earlier"] = (
            {"hidden": True}
            if before.counts is None
            else {"hidden": False, "counts": dict(before.counts), "median": before.median}
        )
        data["moved"] = shifted.shift
        data["better"] = shifted.better
    return data


def earlier_items(view: GroupView) -> dict[str, GroupItem]:
    """Last year's group's items by id ({} in a room that follows no other)."""
    return {g.item.id: g for g in view.earlier.items} if view.earlier is not None else {}


def status_data(view: GroupView, language: str) -> dict[str, Any]:
    """What `room status --json` prints: the room, its seats, the items by spread, the agreements."""
    earlier = earlier_items(view)
    data: dict[str, Any] = {
        "room": {"id": view.room.id, "title": view.room.title, "min_group": view.room.min_group},
        "phase": view.room.phase,
        "phase_ends": view.room.phase_ends.isoformat() if view.room.phase_ends else None,
        "revealed_parts": list(view.room.revealed_parts),
        "shown_part": view.room.shown_part,
        "seats": seat_totals(view),
        "items": [item_data(g, language, earlier.get(g.item.id)) for g in view.items],
        "agreements": [{"text": a.text, "who": a.who, "when": a.when} for a in view.room.agreements],
    }
    if view.earlier is not None:
        last = view.earlier.room
        data["earlier"] = {"id": last.id, "title": last.title, "min_group": last.min_group}
    return data


def to_json(view: GroupView, strings: Strings) -> str:
    """The status plus the parts' medians and the shared remarks."""
    data = status_data(view, strings.language)
    data["parts"] = [
        {"id": p.part.id, "title": p.part.loc("title", strings.language), "hidden": p.hidden}
        | ({} if p.hidden else {"median": p.median})
        for p in view.parts
    ]
    data["shared_remarks"] = [{"item": r.item.id, "text": r.text} for r in view.shared]
    data["made_with"] = made_with()
    return escape_json(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def made_with() -> dict[str, Any]:
    """The app and the version of the questions: a plenary merges only what every table asked alike."""
    import tui
    from tui.content import load_tool

    return {"samenwerken": tui.__version__, "tool_version": load_tool().version}


def _title(item: Item, strings: Strings) -> str:
    return item.loc("text", strings.language)


def where(g: GroupItem, strings: Strings) -> str:
    """The statement's part and direction, so 'mediaan 5,0' says whether that is good or bad news."""
    direction = strings("room.high_bad" if g.high_is_bad else "room.high_good")
    return f"{g.part.loc('title', strings.language)}, {direction}"


def earlier_text(before: GroupItem, g: GroupItem, strings: Strings) -> str:
    """'vorige keer: mediaan 3,0 (1:0 2:1 …); verschuiving ▲ +0,5 (beter)', or 'vorige keer: te weinig antwoorden'."""
    if before.counts is None:
        last = strings("room.too_few")
    else:
        last = f"{strings('room.median')} {number(before.median, strings)} ({counts_line(before.counts, strings)})"
    shifted = ItemShift(before, g)
    if shifted.shift is None:
        return f"{strings('room.last_time')}: {last}"
    moved = moved_text(shifted.shift, strings)
    if shifted.better is not None:
        moved += f" ({strings('room_compare.better' if shifted.better else 'room_compare.worse')})"
    return f"{strings('room.last_time')}: {last}; {strings('room.moved')} {moved}"


def earlier_cells(g: GroupItem, before: GroupItem | None, strings: Strings) -> list[str]:
    """The board's two cells of last time: its median ('–' while hidden) and the move ('+0,5', '−0,5', '0,0')."""
    if before is None:
        return ["–", ""]
    shift = ItemShift(before, g).shift
    size = "" if shift is None else score_number(abs(shift), strings)
    moved = "" if shift is None else (size if shift == 0 else ("+" if shift > 0 else "−") + size)
    return [number(before.median, strings), moved]


def moved_text(shift: float, strings: Strings) -> str:
    """'▲ +0,5', '▼ −0,5' or '= 0,0'."""
    size = score_number(abs(shift), strings)
    if shift == 0:
        return f"= {size}"
    return f"▲ +{size}" if shift > 0 else f"▼ −{size}"


def to_markdown(view: GroupView, strings: Strings) -> str:
    room, totals = view.room, seat_totals(view)
    head = [
        f"# {md_text(strings('room.report_title', title=room.title), start=True)}",
        "",
        md_text(strings("room.seats_line", **totals)),
    ]
    last_parts = {p.part.id: p for p in view.earlier.parts} if view.earlier is not None else {}
    parts = [f"## {strings('room.parts')}", ""] + [
        f"- {md_text(p.part.loc('title', strings.language))}: "
        + (strings("room.too_few") if p.hidden else number(p.median, strings))
        + (
            f" ({strings('room.last_time')}: {number(last.median, strings)})"
            if (last := last_parts.get(p.part.id))
            else ""
        )
        for p in view.parts
    ]
    items = [f"## {strings('room.items')}", "", md_text(strings("room.min_group_rule", n=room.min_group)), ""]
    earlier = earlier_items(view)
    if view.earlier is not None:
        items += [md_text(strings("room.earlier_rule", title=view.earlier.room.title)), ""]
    for g in view.items:
        if g.counts is None:
            items.append(
                f"- {md_text(_title(g.item, strings))} ({md_text(where(g, strings))}) — {strings('room.too_few')}"
            )
        else:
            items.append(
                f"- {md_text(_title(g.item, strings))} ({md_text(where(g, strings))}) — "
                f"{strings('room.median')} {number(g.median, strings)}, "
                f"{strings('room.spread')} {number(g.spread, strings)} (`{counts_line(g.counts, strings)}`)"
            )
        if g.item.id in earlier:
            items.append("  - " + md_text(earlier_text(earlier[g.item.id], g, strings)))
    shared = [f"## {strings('room.shared')}", ""]
    for remark in view.shared:
        shared.append(f"- {md_text(_title(remark.item, strings))}:")
        shared += md_quote(remark.text, "  ")
    agreements = [f"## {strings('room.agreements')}", ""]
    agreements += [
        f"- {md_text(a.text)}"
        + (f" ({md_text(' — '.join(x for x in (a.who, a.when) if x))})" if a.who or a.when else "")
        for a in room.agreements
    ] or [strings("room.no_agreements")]
    return blocks(head, parts, items, shared if view.shared else [], agreements)


def to_html(view: GroupView, strings: Strings) -> str:
    """The print-ready group handout (tui/render/handout.py): no scripts, links or outside resources."""
    from tui.render.handout import to_handout

    return to_handout(view, strings)


GROUP_RENDERERS: dict[str, Callable[[GroupView, Strings], str]] = {"md": to_markdown, "html": to_html, "json": to_json}
GROUP_FORMATS: tuple[str, ...] = tuple(GROUP_RENDERERS)
