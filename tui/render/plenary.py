"""A plenary (`tui.views.plenary.Plenary`) rendered: a table for a terminal or a pipe, Markdown, HTML, JSON.

Every word of the tables' files (titles, agreements) is someone else's text: the table
shows control, bidi and invisible characters as visible stand-ins, Markdown and HTML
keep it literal, JSON escapes them. Only counts and figures the plenary may show are
written: a hidden item has none, not even one table's median.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tui.core.text import escape_json, safe_line
from tui.render.compare import MIN_TEXT, fit
from tui.render.group import counts_line, histogram, number
from tui.render.parts import blocks, html_text, md_text
from tui.views.group import ANSWER_KEYS

if TYPE_CHECKING:
    from tui.content.i18n import Strings
    from tui.views.plenary import Plenary, PlenaryItem, Table


def heading(plenary: Plenary, strings: Strings) -> str:
    return strings("plenary.title", n=len(plenary.tables))


def seats_line(plenary: Plenary, strings: Strings) -> str:
    return strings("plenary.seats_line", seats=plenary.seats, joined=plenary.joined, n=len(plenary.tables))


def table_line(table: Table, strings: Strings) -> str:
    seats = table.export.seats
    return strings("plenary.table_line", seats=seats.total, joined=seats.joined, min_group=table.export.room.min_group)


def where(p: PlenaryItem, strings: Strings) -> str:
    """The statement's part and direction, so 'mediaan 5,0' says whether that is good or bad news."""
    direction = strings("room.high_bad" if p.high_is_bad else "room.high_good")
    return f"{p.part.loc('title', strings.language)}, {direction}"


def between_text(p: PlenaryItem, strings: Strings) -> str:
    """'1,5 (3,0–4,5)': the highest table median minus the lowest, and those two; '–' below two tables."""
    if p.between is None or p.lowest is None or p.highest is None:
        return "–"
    return f"{number(p.between, strings)} ({number(p.lowest, strings)}–{number(p.highest, strings)})"


def tables_text(p: PlenaryItem, strings: Strings) -> str:
    """'1: 4,0 · 2: 3,5', and how many tables add nothing to this item."""
    text = " · ".join(f"{strings('plenary.table_n', n=t.table)}: {number(t.median, strings)}" for t in p.tables)
    if p.left_out:
        text += ("; " if text else "") + strings("plenary.tables_left_out", n=p.left_out)
    return text


def notes(plenary: Plenary, strings: Strings) -> list[str]:
    """What the plenary left out and why: items not in every file, reworded between versions, unknown here."""
    out = []
    if plenary.mixed_versions:
        versions = ", ".join(str(v) if v is not None else strings("plenary.version_unknown") for v in plenary.versions)
        out.append(strings("plenary.versions", versions=versions))
    for why in ("not_in_all", "reworded", "unknown"):
        names = [plenary.item_title(x.item_id, strings.language) for x in plenary.left_out if x.why == why]
        if names:
            out.append(strings(f"plenary.left_out.{why}", n=len(names), items="; ".join(names)))
    return out


# a table -----------------------------------------------------------------------


def to_table(plenary: Plenary, strings: Strings, width: int | None = None) -> str:
    """Plain lines for a terminal or a pipe: each item's figures and statement, its tables on the next line.

    Fitted to `width` columns (a terminal), wrapped between words; without it (a pipe, a
    file) every line stays whole, so grep and editors see each item on one line.
    """

    def lines(text: str, first: str = "", indent: str = "") -> list[str]:
        if width is not None and width - len(first) < MIN_TEXT:  # the figures fill the line: text below them
            return [first.rstrip(), *fit(safe_line(text), width, indent, indent)]
        return fit(safe_line(text), width, first, indent)

    head = lines(heading(plenary, strings)) + lines(seats_line(plenary, strings))
    for t in plenary.tables:
        head += lines(f"{t.title} — {table_line(t, strings)}", f"  {t.number:>2}. ", " " * 6)
    rule = lines(strings("plenary.min_group_rule", n=plenary.min_group)) + lines(strings("plenary.between_rule"))
    for line in notes(plenary, strings):
        rule += lines(line)
    columns = f"  {'':6}  {strings('room.median'):>7}  {strings('room.spread'):>9}  {strings('plenary.between')}"
    blank = columns[: len(columns) - len(columns.lstrip())]
    items = lines(strings("plenary.items")) + lines(columns.lstrip(), blank, blank)
    under = " " * 10
    for p in plenary.items:
        title = plenary.title(p.item, strings.language)
        if p.counts is None:
            items += lines(title, f"  {'·' * 6}  {safe_line(strings('room.too_few'))}  ", under)
            continue
        figures = f"  {histogram(p.counts)}  {number(p.median, strings):>7}  {number(p.spread, strings):>9}  "
        items += lines(title, f"{figures}{between_text(p, strings)}  ", under)
        tables = f"{counts_line(p.counts, strings)}  {strings('plenary.per_table')}: {tables_text(p, strings)}"
        items += lines(tables, under, under)
    agreements = lines(strings("plenary.agreements"))
    for t in plenary.tables:
        agreements += lines(t.title, f"  {t.number}. ", "     ")
        for a in t.agreements:
            agreements += lines(a.text + _extra(str, a.who, a.when), "     - ", "       ")
        if not t.agreements:
            agreements += lines(strings("room.no_agreements"), "     ", "     ")
    return blocks(head, rule, items, agreements)


def _who_when(who: str, when: str) -> str:
    """'who — when', or '' when the agreement names neither."""
    return " — ".join(x for x in (who, when) if x)


def _extra(escape: Callable[[str], str], who: str, when: str) -> str:
    """' (who — when)' escaped for its format, or ''."""
    extra = _who_when(who, when)
    return f" ({escape(extra)})" if extra else ""


# Markdown -----------------------------------------------------------------------


def to_markdown(plenary: Plenary, strings: Strings) -> str:
    head = [f"# {md_text(heading(plenary, strings), start=True)}", "", md_text(seats_line(plenary, strings)), ""]
    head += [f"{t.number}. {md_text(t.title)} — {md_text(table_line(t, strings))}" for t in plenary.tables]
    items = [f"## {md_text(strings('plenary.items'))}", ""]
    items += [md_text(strings("plenary.min_group_rule", n=plenary.min_group)), ""]
    items += [md_text(strings("plenary.between_rule")), ""]
    for line in notes(plenary, strings):
        items += [md_text(line), ""]
    for p in plenary.items:
        title = f"- {md_text(plenary.title(p.item, strings.language))} ({md_text(where(p, strings))}) — "
        if p.counts is None:
            items.append(title + strings("room.too_few"))
        else:
            items.append(
                title + f"{strings('room.median')} {number(p.median, strings)}, "
                f"{strings('room.spread')} {number(p.spread, strings)}, "
                f"{md_text(strings('plenary.between'))} {between_text(p, strings)} "
                f"(`{counts_line(p.counts, strings)}`)"
            )
        if p.counts is not None:
            items.append(f"  - {md_text(strings('plenary.per_table'))}: {md_text(tables_text(p, strings))}")
    agreements = [f"## {md_text(strings('plenary.agreements'))}"]
    for t in plenary.tables:
        agreements += ["", f"### {t.number}. {md_text(t.title)}", ""]
        agreements += [f"- {md_text(a.text)}{_extra(md_text, a.who, a.when)}" for a in t.agreements] or [
            md_text(strings("room.no_agreements"))
        ]
    return blocks(head, items, agreements)


# HTML ---------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.2rem;border-bottom:1px solid #ccc;margin-top:2rem}h3{font-size:1rem}
table{border-collapse:collapse}
td,th{padding:.2rem .6rem;text-align:left;border-bottom:1px solid #eee;vertical-align:top}
.where,.tables{color:#666;font-size:.85em}.num{text-align:right;font-variant-numeric:tabular-nums}
.few{color:#666;font-style:italic}
@media print{body{margin:0}}
"""


def to_html(plenary: Plenary, strings: Strings) -> str:
    """One self-contained page to print or project: no scripts, links or outside resources."""
    lang = strings.language
    names = [*ANSWER_KEYS[:5], strings("room.nvt")]
    title = html_text(heading(plenary, strings))
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{title}</title><style>{_CSS}</style></head><body>",
        f"<h1>{title}</h1>",
        f"<p>{html_text(seats_line(plenary, strings))}</p><ol>",
    ]
    out += [f"<li>{html_text(t.title)} — {html_text(table_line(t, strings))}</li>" for t in plenary.tables]
    out.append(f"</ol><h2>{html_text(strings('plenary.items'))}</h2>")
    out.append(f"<p>{html_text(strings('plenary.min_group_rule', n=plenary.min_group))}</p>")
    out.append(f"<p>{html_text(strings('plenary.between_rule'))}</p>")
    out += [f"<p>{html_text(line)}</p>" for line in notes(plenary, strings)]
    out.append("<table><tr><th></th>")
    out += [f"<th class=num>{html_text(n)}</th>" for n in names]
    out += [f"<th class=num>{html_text(strings(k))}</th>" for k in ("room.median", "room.spread", "plenary.between")]
    out.append("</tr>")
    too_few = html_text(strings("room.too_few"))
    for p in plenary.items:
        tables = tables_text(p, strings) if p.counts is not None else ""
        per_table = (
            f"<div class=tables>{html_text(strings('plenary.per_table'))}: {html_text(tables)}</div>" if tables else ""
        )
        statement = (
            f"<td>{html_text(plenary.title(p.item, lang))}"
            f"<div class=where>{html_text(where(p, strings))}</div>{per_table}</td>"
        )
        if p.counts is None:
            out.append(f"<tr>{statement}<td class=few colspan={len(ANSWER_KEYS) + 3}>{too_few}</td></tr>")
            continue
        cells = "".join(f"<td class=num>{p.counts[k]}</td>" for k in ANSWER_KEYS)
        out.append(
            f"<tr>{statement}{cells}<td class=num>{number(p.median, strings)}</td>"
            f"<td class=num>{number(p.spread, strings)}</td>"
            f"<td class=num>{html_text(between_text(p, strings))}</td></tr>"
        )
    out.append(f"</table><h2>{html_text(strings('plenary.agreements'))}</h2>")
    for t in plenary.tables:
        out.append(f"<h3>{t.number}. {html_text(t.title)}</h3>")
        if t.agreements:
            out.append("<ul>")
            out += [f"<li>{html_text(a.text)}{_extra(html_text, a.who, a.when)}</li>" for a in t.agreements]
            out.append("</ul>")
        else:
            out.append(f"<p>{html_text(strings('room.no_agreements'))}</p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


# JSON ---------------------------------------------------------------------------


def item_data(plenary: Plenary, p: PlenaryItem, language: str) -> dict[str, Any]:
    """One item: merged counts, median, spread, the tables' medians and the difference between them, or hidden."""
    data: dict[str, Any] = {
        "id": p.item.id,
        "title": plenary.title(p.item, language),
        "hidden": p.hidden,
        "tables_left_out": p.left_out,
    }
    if p.counts is not None:
        data.update(
            counts=dict(p.counts),
            median=p.median,
            spread=p.spread,
            tables=[{"table": t.table, "median": t.median} for t in p.tables],
            between_tables={"lowest": p.lowest, "highest": p.highest, "difference": p.between},
        )
    return data


def to_json(plenary: Plenary, strings: Strings) -> str:
    data = {
        "plenary": {
            "tables": len(plenary.tables),
            "seats": plenary.seats,
            "joined": plenary.joined,
            "min_group": plenary.min_group,
            "tool_versions": plenary.versions,
        },
        "tables": [
            {
                "table": t.number,
                "title": t.title,
                "min_group": t.export.room.min_group,
                "seats": t.export.seats.total,
                "joined": t.export.seats.joined,
                "agreements": [{"text": a.text, "who": a.who, "when": a.when} for a in t.agreements],
            }
            for t in plenary.tables
        ],
        "items": [item_data(plenary, p, strings.language) for p in plenary.items],
        "left_out": [{"id": x.item_id, "why": x.why} for x in plenary.left_out],
    }
    return escape_json(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


PLENARY_RENDERERS: dict[str, Callable[[Plenary, Strings], str]] = {
    "table": to_table,
    "md": to_markdown,
    "html": to_html,
    "json": to_json,
}
PLENARY_FORMATS: tuple[str, ...] = tuple(PLENARY_RENDERERS)
