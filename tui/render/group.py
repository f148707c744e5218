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
from tui.render.parts import blocks, html_block, html_text, md_quote, md_text
from tui.views.group import ANSWER_KEYS, GroupItem, GroupView
from tui.views.numbers import score_number

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


def item_data(g: GroupItem, language: str) -> dict[str, Any]:
    """One item for JSON: its counts, median and spread, or `"hidden": true` and none of them."""
    data: dict[str, Any] = {"id": g.item.id, "title": g.item.loc("text", language), "hidden": g.counts is None}
    if g.counts is not None:
        data.update(counts=dict(g.counts), median=g.median, spread=g.spread)
    return data


def status_data(view: GroupView, language: str) -> dict[str, Any]:
    """What `room status --json` prints: the room, its seats, the items by spread, the agreements."""
    return {
        "room": {"id": view.room.id, "title": view.room.title, "min_group": view.room.min_group},
        "seats": seat_totals(view),
        "items": [item_data(g, language) for g in view.items],
        "agreements": [{"text": a.text, "who": a.who, "when": a.when} for a in view.room.agreements],
    }


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


def to_markdown(view: GroupView, strings: Strings) -> str:
    room, totals = view.room, seat_totals(view)
    head = [
        f"# {md_text(strings('room.report_title', title=room.title), start=True)}",
        "",
        md_text(strings("room.seats_line", **totals)),
    ]
    parts = [f"## {strings('room.parts')}", ""] + [
        f"- {md_text(p.part.loc('title', strings.language))}: "
        + (strings("room.too_few") if p.hidden else number(p.median, strings))
        for p in view.parts
    ]
    items = [f"## {strings('room.items')}", "", md_text(strings("room.min_group_rule", n=room.min_group)), ""]
    for g in view.items:
        if g.counts is None:
            items.append(
                f"- {md_text(_title(g.item, strings))} ({md_text(where(g, strings))}) — {strings('room.too_few')}"
            )
            continue
        items.append(
            f"- {md_text(_title(g.item, strings))} ({md_text(where(g, strings))}) — "
            f"{strings('room.median')} {number(g.median, strings)}, "
            f"{strings('room.spread')} {number(g.spread, strings)} (`{counts_line(g.counts, strings)}`)"
        )
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


_CSS = """
body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.2rem;border-bottom:1px solid #ccc;margin-top:2rem}
table{border-collapse:collapse}
td,th{padding:.2rem .6rem;text-align:left;border-bottom:1px solid #eee;vertical-align:top}
.where{color:#666;font-size:.85em}.num{text-align:right;font-variant-numeric:tabular-nums}.few{color:#666;font-style:italic}.note{font-style:italic;white-space:pre-wrap}
@media print{body{margin:0}}
"""


def to_html(view: GroupView, strings: Strings) -> str:
    """One self-contained page to print or project: no scripts, links or outside resources."""
    room, totals = view.room, seat_totals(view)
    lang = strings.language
    names = [*ANSWER_KEYS[:5], strings("room.nvt")]
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{html_text(room.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{html_text(strings('room.report_title', title=room.title))}</h1>",
        f"<p>{html_text(strings('room.seats_line', **totals))}</p>",
        f"<h2>{html_text(strings('room.parts'))}</h2><table>",
    ]
    too_few = html_text(strings("room.too_few"))
    out += [
        f"<tr><td>{html_text(p.part.loc('title', lang))}</td>"
        + (f"<td class=few>{too_few}</td>" if p.hidden else f"<td class=num>{number(p.median, strings)}</td>")
        + "</tr>"
        for p in view.parts
    ]
    out.append(f"</table><h2>{html_text(strings('room.items'))}</h2>")
    out.append(f"<p>{html_text(strings('room.min_group_rule', n=room.min_group))}</p><table><tr><th></th>")
    out += [f"<th class=num>{html_text(n)}</th>" for n in names]
    out += [f"<th class=num>{html_text(strings(key))}</th>" for key in ("room.median", "room.spread")]
    out.append("</tr>")
    for g in view.items:
        statement = (
            f"<td>{html_text(_title(g.item, strings))}<div class=where>{html_text(where(g, strings))}</div></td>"
        )
        if g.counts is None:
            span = len(ANSWER_KEYS) + 2
            out.append(f"<tr>{statement}<td class=few colspan={span}>{too_few}</td></tr>")
            continue
        cells = "".join(f"<td class=num>{g.counts[k]}</td>" for k in ANSWER_KEYS)
        out.append(
            f"<tr>{statement}{cells}"
            f"<td class=num>{number(g.median, strings)}</td><td class=num>{number(g.spread, strings)}</td></tr>"
        )
    out.append("</table>")
    if view.shared:
        out.append(f"<h2>{html_text(strings('room.shared'))}</h2><ul>")
        out += [
            f"<li>{html_text(_title(r.item, strings))}<div class=note>{html_block(r.text)}</div></li>"
            for r in view.shared
        ]
        out.append("</ul>")
    out.append(f"<h2>{html_text(strings('room.agreements'))}</h2>")
    if room.agreements:
        out.append("<ul>")
        for a in room.agreements:
            extra = " — ".join(x for x in (a.who, a.when) if x)
            out.append(f"<li>{html_text(a.text)}" + (f" ({html_text(extra)})" if extra else "") + "</li>")
        out.append("</ul>")
    else:
        out.append(f"<p>{html_text(strings('room.no_agreements'))}</p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


GROUP_RENDERERS: dict[str, Callable[[GroupView, Strings], str]] = {"md": to_markdown, "html": to_html, "json": to_json}
GROUP_FORMATS: tuple[str, ...] = tuple(GROUP_RENDERERS)
