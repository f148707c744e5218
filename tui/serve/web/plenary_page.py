"""The plenary on the beamer's page: per item of one part the bars over all seats, the spread between tables.

The page itself (its style, its content security policy, its script) is the room's
beamer page (`beamer_page`); only what `<main>` holds is made here. Counts of an item
the plenary hides (fewer answers across tables than its minimum group) are not in the
HTML at all, nor is any table's median of it. Every title and agreement is a table's
own text and is escaped.

One part is shown at a time; a row of links in the header chooses another
(`/beamer/KEY/N`), as the arrow keys of a clicker do on a link bar.
"""

from __future__ import annotations

from tui.content.i18n import Strings
from tui.content.tool import Part
from tui.core.text import one_line
from tui.render.group import number
from tui.render.plenary import between_text, heading, seats_line
from tui.serve.web.beamer_page import _bars, part_section, text
from tui.views.plenary import Plenary, PlenaryItem

AGREEMENTS = 12
"""The agreements the side shows at most (the tables' first ones; the rest are in the exports)."""


def plenary_parts(plenary: Plenary) -> list[Part]:
    """The parts that have at least one merged item, in the questions' order."""
    shown = {p.part.id for p in plenary.items}
    return [part for part in plenary.tool.scale_parts if part.id in shown]


def shown_index(plenary: Plenary, part: int) -> int:
    """`part` (1, 2, …) as an index into `plenary_parts`, clamped to the parts there are."""
    count = len(plenary_parts(plenary))
    return min(max(part, 1), max(count, 1)) - 1


def plenary_fragment(plenary: Plenary, strings: Strings, part: int, base: str) -> str:
    """What `<main>` holds for part `part` (1-based): header with the part links, the items, agreements, rule.

    `base` is the page's own path (`/beamer/KEY`): the part links are under it.
    """
    language = strings.language
    parts = plenary_parts(plenary)
    index = shown_index(plenary, part)
    links = "".join(
        f'<a href="{text(base)}/{n}"{" class=here" if n - 1 == index else ""}>{n}</a>' for n in range(1, len(parts) + 1)
    )
    label = text(strings("plenary.beamer.parts"))
    out = [
        "<header>",
        f"<h1>{text(heading(plenary, strings))}</h1>",
        f'<p class="done">{text(seats_line(plenary, strings))}</p>',
        f'<nav class="parts" aria-label="{label}">{links}</nav>' if len(parts) > 1 else "",
        "</header>",
        '<div class="body">',
    ]
    if parts:
        shown = parts[index]
        items = [p for p in plenary.items if p.part.id == shown.id]
        title = strings("beamer.part", n=index + 1, count=len(parts), part=one_line(shown.loc("title", language)))
        shown_items = [_item(plenary, p, index + 1, strings) for p in items]
        out += part_section(strings, title, {p.high_is_bad for p in items}, shown_items)
    side = _agreements(plenary, strings)
    if side:
        out.append(f'<div class="side">{side}</div>')
    out.append("</div>")
    hidden = sum(1 for p in plenary.items if p.hidden)
    rule = strings("board.rule", n=plenary.min_group, hidden=hidden, too_few=strings("room.too_few"))
    out.append(f'<p class="rule">{text(rule)} {text(strings("plenary.beamer.between_rule"))}</p>')
    return "\n".join(line for line in out if line)


def _item(plenary: Plenary, p: PlenaryItem, part: int, strings: Strings) -> str:
    tag = f"{part}{'↓' if p.high_is_bad else '↑'}"
    title = plenary.title(p.item, strings.language)
    if p.counts is None:
        shown = f'<p class="few">{text(strings("room.too_few"))}</p>'
    else:
        figures = strings("plenary.beamer.figures", median=number(p.median, strings), between=between_text(p, strings))
        shown = f'<p class="was">{text(figures)}</p>' + _bars(p.counts, strings)
    return (
        f'<li class="{"hidden" if p.hidden else ""}" data-item="{text(p.item.id)}"><span class="tag">{tag}</span>'
        f'<p class="text">{text(title)}</p>{shown}</li>'
    )


def _agreements(plenary: Plenary, strings: Strings) -> str:
    """The tables' agreements, each with its table's number; at most `AGREEMENTS`, the total in the heading."""
    every = [(t.number, a) for t in plenary.tables for a in t.agreements]
    if not every:
        return ""
    rows = [
        f'<li>{text(a.text)} <span class="who">({text(strings("plenary.table_n", n=n))})</span></li>'
        for n, a in every[:AGREEMENTS]
    ]
    title = strings("plenary.agreements") + f" ({len(every)})"
    return f'<section class="agreements"><h2>{text(title)}</h2><ul>{"".join(rows)}</ul></section>'
