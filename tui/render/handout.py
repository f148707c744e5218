"""The group handout: `room export ROOM --format html`, one page to print on A4 after (or before) a session.

Title, date and seats; first the statements discussed (with their votes) and the
agreements (what, who, when), what a reader wants on page one; then per part its
statements, each with the distribution of answers as bars (plain CSS, no images)
and its direction, under the part's group median; last the remarks seats shared,
without names. Like every group view it holds counts only: a statement fewer seats
answered than the room's minimum group shows "not enough answers yet" and no bars.

One self-contained page: no scripts, no links, nothing fetched from elsewhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.render.group import earlier_items, earlier_text, number, seat_totals
from tui.render.parts import html_block, html_text
from tui.views.group import ANSWER_KEYS, GroupItem, GroupPart, GroupView

if TYPE_CHECKING:
    from tui.content.i18n import Strings

_CSS = """
@page{size:A4;margin:15mm 14mm}
*{box-sizing:border-box}
body{font-family:system-ui,sans-serif;color:#111;line-height:1.35;font-size:10pt;max-width:182mm;margin:1.5rem auto;
padding:0 .5rem;-webkit-print-color-adjust:exact;print-color-adjust:exact}
h1{font-size:17pt;margin:0 0 1mm}
h2{font-size:12.5pt;margin:6mm 0 2mm;border-bottom:.3mm solid #999;break-after:avoid;page-break-after:avoid}
h2 small{font-weight:normal;color:#444;font-size:9.5pt}
.meta,.rule{color:#444;margin:0 0 1mm}
table{border-collapse:collapse;width:100%}
th,td{padding:1.2mm 1.5mm;text-align:left;vertical-align:top;border-bottom:.2mm solid #ddd}
th{font-size:8.5pt;color:#444;font-weight:normal}
tr{break-inside:avoid;page-break-inside:avoid}
.where{color:#555;font-size:8.5pt}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.few{color:#555;font-style:italic}
.dist{width:48mm}
.bars{display:flex;gap:1mm;align-items:flex-end;height:11mm}
.col{flex:1;display:flex;flex-direction:column;justify-content:flex-end;height:100%;text-align:center}
.bar{display:block;background:#4a6f99;min-height:.3mm}
.n{font-size:7.5pt;color:#333;line-height:1}
.keys{display:flex;gap:1mm;font-size:7pt;color:#666}.keys span{flex:1;text-align:center}
.votes{white-space:nowrap;font-weight:bold}
.note{white-space:pre-wrap;margin:.5mm 0 2mm;font-style:italic}
ul,ol{padding-left:5mm;margin:0}li{margin-bottom:1.5mm;break-inside:avoid}
@media print{body{margin:0;max-width:none;padding:0}}
"""


def votes_of(g: GroupItem) -> int:
    """How many seats marked the item for discussion (counted without names)."""
    return g.votes


def discussed(view: GroupView) -> list[GroupItem]:
    """The items the group discussed or wants to: most votes first, and the one open now."""
    open_now = view.room.discussion.item if view.room.discussion is not None else None
    chosen = [g for g in view.items if votes_of(g) > 0 or g.item.id == open_now]
    return sorted(chosen, key=lambda g: -votes_of(g))  # stable: the view's order (spread) breaks ties


def direction(g: GroupItem, strings: Strings) -> str:
    return strings("room.high_bad" if g.high_is_bad else "room.high_good")


def bars(g: GroupItem, strings: Strings) -> str:
    """One bar per answer (1–5, n.v.t.), as high as its share of the seats that answered, with its count."""
    counts = g.counts or {}
    answered = max(g.answered, 1)
    cols = "".join(
        f'<span class="col"><span class="n">{counts.get(k, 0)}</span>'
        f'<span class="bar" style="height:{round(counts.get(k, 0) / answered * 80)}%"></span></span>'
        for k in ANSWER_KEYS
    )
    names = [*ANSWER_KEYS[:5], strings("room.nvt")]
    keys = "".join(f"<span>{html_text(n)}</span>" for n in names)
    return f'<div class="bars">{cols}</div><div class="keys">{keys}</div>'


def item_row(g: GroupItem, strings: Strings, too_few: str, before: GroupItem | None = None) -> str:
    """A statement's row; with `before` (a room that follows one up) last time's figures under it."""
    last = f'<div class="where">{html_text(earlier_text(before, g, strings))}</div>' if before is not None else ""
    statement = (
        f"<td>{html_text(g.item.loc('text', strings.language))}"
        f'<div class="where">{html_text(direction(g, strings))}</div>{last}</td>'
    )
    if g.counts is None:
        return f'<tr>{statement}<td class="few" colspan="3">{too_few}</td></tr>'
    return (
        f'<tr>{statement}<td class="dist">{bars(g, strings)}</td>'
        f'<td class="num">{number(g.median, strings)}</td><td class="num">{number(g.spread, strings)}</td></tr>'
    )


def part_section(
    p: GroupPart, items: list[GroupItem], strings: Strings, earlier: dict[str, GroupItem] | None = None
) -> list[str]:
    """A part's heading with its group median, then its statements (largest spread first, as the board)."""
    too_few = html_text(strings("room.too_few"))
    median = too_few if p.hidden else html_text(strings("handout.part_median", median=number(p.median, strings)))
    head = (
        f"<tr><th>{html_text(strings('handout.statement'))}</th><th>{html_text(strings('handout.distribution'))}</th>"
        f'<th class="num">{html_text(strings("room.median"))}</th>'
        f'<th class="num">{html_text(strings("room.spread"))}</th></tr>'
    )
    return [
        f"<h2>{html_text(p.part.loc('title', strings.language))} <small>{median}</small></h2>",
        f"<table><thead>{head}</thead><tbody>",
        *(item_row(g, strings, too_few, (earlier or {}).get(g.item.id)) for g in items),
        "</tbody></table>",
    ]


def discussed_section(view: GroupView, strings: Strings) -> list[str]:
    chosen = discussed(view)
    if not chosen:
        return []
    open_now = view.room.discussion.item if view.room.discussion is not None else None
    out = [f"<h2>{html_text(strings('handout.discussed'))}</h2>", "<ol>"]
    for g in chosen:
        n = votes_of(g)
        marks = [strings("handout.votes_one") if n == 1 else strings("handout.votes", n=n)] if n else []
        marks += [strings("handout.in_discussion")] if g.item.id == open_now else []
        extra = f' <span class="votes">{html_text(" · ".join(marks))}</span>' if marks else ""
        out.append(
            f"<li>{html_text(g.item.loc('text', strings.language))}{extra}"
            f'<div class="where">{html_text(g.part.loc("title", strings.language))} · '
            f"{html_text(direction(g, strings))}</div></li>"
        )
    return [*out, "</ol>"]


def shared_section(view: GroupView, strings: Strings) -> list[str]:
    """The remarks seats shared, without names, under their statements."""
    if not view.shared:
        return []
    out = [f"<h2>{html_text(strings('room.shared'))}</h2>", "<ul>"]
    out += [
        f'<li>{html_text(r.item.loc("text", strings.language))}<div class="note">{html_block(r.text)}</div></li>'
        for r in view.shared
    ]
    return [*out, "</ul>"]


def agreements_section(view: GroupView, strings: Strings) -> list[str]:
    """The agreements as a table: what, who, when."""
    out = [f"<h2>{html_text(strings('room.agreements'))}</h2>"]
    agreements = view.room.agreements
    if not agreements:
        return [*out, f"<p>{html_text(strings('room.no_agreements'))}</p>"]
    head = "".join(f"<th>{html_text(strings(k))}</th>" for k in ("handout.what", "handout.who", "handout.when"))
    out.append(f"<table><thead><tr>{head}</tr></thead><tbody>")
    out += [
        f"<tr><td>{html_text(a.text)}</td><td>{html_text(a.who)}</td><td>{html_text(a.when)}</td></tr>"
        for a in agreements
    ]
    return [*out, "</tbody></table>"]


def to_handout(view: GroupView, strings: Strings) -> str:
    """The handout as one HTML page, in the language of `strings`."""
    room = view.room
    date = room.created.astimezone().strftime("%d-%m-%Y")
    meta = f"{strings('handout.date', date=date)} · {strings('room.seats_line', **seat_totals(view))}"
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{strings.language}"><head><meta charset="utf-8">',
        f"<title>{html_text(room.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{html_text(strings('room.report_title', title=room.title))}</h1>",
        f'<p class="meta">{html_text(meta)}</p>',
        f'<p class="rule">{html_text(strings("room.min_group_rule", n=room.min_group))}</p>',
    ]
    if view.earlier is not None:
        out.append(f'<p class="rule">{html_text(strings("room.earlier_rule", title=view.earlier.room.title))}</p>')
    out += discussed_section(view, strings)
    out += agreements_section(view, strings)
    earlier = earlier_items(view)
    for p in view.parts:
        out += part_section(p, [g for g in view.items if g.part.id == p.part.id], strings, earlier)
    out += shared_section(view, strings)
    out.append("</body></html>")
    return "\n".join(out) + "\n"
