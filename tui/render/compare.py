"""A comparison (`tui.views.compare.Comparison`) rendered: a table for a terminal or a pipe, Markdown, HTML, JSON.

The table and the JSON are written to a terminal as often as to a pipe, so both are
terminal-safe: the table shows control, bidi and invisible characters as visible
stand-ins, the JSON writes them as \\uXXXX escapes (the same data after parsing).
Markdown and HTML are for a file, literal like the overview's. No Textual, light to import.

Every rendering starts with the legend: which reflection is column A, B, …
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from tui.core.text import safe_line, shortened, terminal_json
from tui.render.parts import blocks, html_block, html_text, md_quote, md_text
from tui.views.numbers import one_decimal, score_number

if TYPE_CHECKING:
    from tui.content.i18n import Strings
    from tui.views.compare import Comparison, ComparisonItem, ComparisonPart

CELL = 4
"""Columns per session in the table."""

TABLE_SECTIONS = ("heading", "parts", "items")
"""The sections of the table, in order; `compare_table` can render any of them."""


MIN_TEXT = 12
"""The narrowest the table's text column gets, however narrow the terminal."""


def score_cell(value: float | None, strings: Strings) -> str:
    """A part score (one decimal, as every view shows it) or an answer, or – for none."""
    if value is None:
        return "–"
    return score_number(value, strings) if isinstance(value, float) else str(value)


def moved_cell(part: ComparisonPart, strings: Strings) -> str:
    """How the part moved from the first reflection to the last: '▲ +0,5', '▼ −0,3', '= 0,0', or ''.

    Said from the rounded figures the table shows, so '2,8 → 3,3' always reads as '+0,5'.
    """
    if part.difference is None:
        return ""
    first, last = part.means[0], part.means[-1]
    assert first is not None and last is not None
    shown = float(one_decimal(last)) - float(one_decimal(first))
    size = score_number(abs(shown), strings)
    if round(shown, 1) == 0:
        return f"= {size}"
    return f"▲ +{size}" if shown > 0 else f"▼ −{size}"


def moved_head(comparison: Comparison) -> str:
    """The heading over `moved_cell`: from the first column to the last, 'A→B'."""
    heads = columns(comparison)
    return f"{heads[0]}→{heads[-1]}" if len(heads) >= 2 else ""


def columns(comparison: Comparison) -> list[str]:
    """The sessions' column heads: A, B, C… (the legend says which reflection each is)."""
    from tui.views.compare import column_letters

    return column_letters(len(comparison.sessions))


def fit(text: str, width: int | None, first: str = "", indent: str = "") -> list[str]:
    """`text` (one line, already safe) wrapped between words to `width`, or one whole line when `width` is None.

    Words are never broken; a word too long for a line of its own is shortened with '…'.
    """
    if width is None:
        return [first + text]
    lines = textwrap.wrap(
        text,
        max(width, len(first) + 1, len(indent) + 1),
        initial_indent=first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first]
    return [line if len(line) <= width else shortened(line, max(width, len(indent) + 2)) for line in lines]


def compare_table(comparison: Comparison, width: int | None = None, sections: Sequence[str] = TABLE_SECTIONS) -> str:
    """The legend, the parts, then the items with a spread of 2 or more first: the conversations to have.

    Fitted to `width` columns (a terminal): wrapped between words, shortened with '…' only where
    a column cannot wrap. Without `width` (a pipe, a file) every line stays whole, so grep and
    editors see each item on one line. `sections` (names from TABLE_SECTIONS, always in that
    order) picks a part of it: the compare screen shows the items in a table of its own.
    """
    unknown = set(sections) - set(TABLE_SECTIONS)
    if unknown:
        raise ValueError(f"unknown sections {sorted(unknown)}; choose from {', '.join(TABLE_SECTIONS)}")
    c, strings = comparison, comparison.strings
    heads = columns(c)
    header = "".join(f"{x:>{CELL}}" for x in heads)

    heading = fit(safe_line(strings("compare.heading", n=len(c.sessions))), width)
    head_width = max(len(h) for h in heads)
    for head, text in zip(heads, c.legend, strict=True):
        prefix = f"  {head:<{head_width}}  "
        heading += fit(safe_line(text), width, prefix, " " * len(prefix))

    titles = [safe_line(p.title) for p in c.parts]
    moved = [moved_cell(p, strings) for p in c.parts]
    moved_width = max([len(m) for m in moved] + [len(moved_head(c))]) + 2 if any(moved) else 0
    part_header = header + (f"{moved_head(c):>{moved_width}}" if moved_width else "")
    title_width = max((len(t) for t in titles), default=0) + 2
    if width is not None:
        title_width = min(title_width, max(MIN_TEXT, width - 2 - len(part_header)))
    parts = [*fit(safe_line(strings("compare.parts")), width), f"  {'':<{title_width}}{part_header}"]
    for p, title, change in zip(c.parts, titles, moved, strict=True):
        values = "".join(f"{score_cell(m, strings):>{CELL}}" for m in p.means)
        values += f"{change:>{moved_width}}" if moved_width else ""
        parts.append(f"  {shortened(title, title_width - 2):<{title_width}}{values}".rstrip())

    spread_word = safe_line(strings("compare.spread"))
    spread_width = max(6, len(spread_word) + 2)
    items = fit(safe_line(strings("compare.items", spread=c.disagreement)), width)
    if width is None:  # numbers first, then the whole statement: nothing to pad, every line whole
        column_heads = f"  {header}{spread_word:>{spread_width}}"
    else:
        text_width = max(MIN_TEXT, width - 2 - len(header) - spread_width)
        column_heads = f"  {'':<{text_width}}{header}{spread_word:>{spread_width}}"
    apart = bool(c.items) and c.items[0].spread is not None and c.items[0].spread >= c.disagreement
    items.append(column_heads if apart else "  " + safe_line(strings("compare.none")))
    shown_divider = False
    for item in c.items:
        if not shown_divider and (item.spread is None or item.spread < c.disagreement):
            items += ["", *fit(safe_line(strings("compare.rest")), width)]
            items += [] if apart else [column_heads]
            shown_divider = True
        numbers = (
            "".join(f"{score_cell(s, strings):>{CELL}}" for s in item.scores)
            + f"{score_cell(item.spread, strings):>{spread_width}}"
        )
        if width is None:
            items.append(f"  {numbers}  {safe_line(item.title)}")
            if item.reworded:
                items.append(f"  {'':<{len(numbers)}}    {safe_line(item.reworded_note)}")
            continue
        wrapped = fit(safe_line(item.title), text_width)
        items.append(f"  {wrapped[0]:<{text_width}}{numbers}")
        items += [f"  {w}" for w in wrapped[1:]]
        if item.reworded:
            items += fit(safe_line(item.reworded_note), text_width + 2, "    ", "    ")

    chosen = {"heading": heading, "parts": parts, "items": items}
    return blocks(*(chosen[name] for name in TABLE_SECTIONS if name in sections))


def answer_text(comparison: Comparison, item: ComparisonItem, index: int) -> str:
    """Session `index`'s answer to `item` in words: the score, n.v.t., or no answer."""
    strings = comparison.strings
    score = item.scores[index]
    if score is not None:
        return strings("compare.answer", score=score)
    if item.not_applicable and item.not_applicable[index]:
        return strings("compare.not_applicable")
    return strings("compare.no_answer")


def remarked(comparison: Comparison) -> list[ComparisonItem]:
    """The items with a remark from at least one session, in the comparison's order."""
    return [item for item in comparison.items if item.has_remarks]


def compare_json(comparison: Comparison) -> str:
    """Everything, for a script; terminal-safe (see the module's doc)."""
    c = comparison
    data = {
        "sessions": [
            {
                "column": head,
                "label": label,
                "title": s.title,
                "legend": text,
                **({"id": s.id, "role": s.context.role} if c.names else {}),
            }
            for head, label, text, s in zip(columns(c), c.labels, c.legend, c.sessions, strict=True)
        ],
        "parts": [{"id": p.id, "title": p.title, "means": p.means, "difference": p.difference} for p in c.parts],
        "items": [
            {
                "id": i.id,
                "part": i.part,
                "title": i.title,
                "scores": i.scores,
                "not_applicable": i.not_applicable,
                "low": i.low,
                "high": i.high,
                "spread": i.spread,
                "reworded": i.reworded,
                **({"earlier_wording": i.earlier_wording} if i.reworded else {}),
                "remarks": i.remarks,
            }
            for i in c.items
        ],
    }
    return terminal_json(data) + "\n"


def compare_markdown(comparison: Comparison) -> str:
    """The table as Markdown for a meeting's papers: the legend, parts, items by spread, then the remarks."""
    c, strings, md = comparison, comparison.strings, md_text
    heads = columns(c)
    lines = [f"# {md(strings('compare.heading', n=len(c.sessions)))}", ""]
    lines += [f"- {head} — {md(text)}" for head, text in zip(heads, c.legend, strict=True)]
    moved = [moved_cell(p, strings) for p in c.parts] if len(heads) >= 2 else []
    extra = [moved_head(c)] if moved else []
    lines += ["", f"## {md(strings('compare.parts'))}", "", "| | " + " | ".join(heads + extra) + " |"]
    lines.append("|---|" + "---|" * (len(heads) + len(extra)))
    for n, p in enumerate(c.parts):
        cells = [score_cell(m, strings) for m in p.means] + ([moved[n]] if moved else [])
        lines.append(f"| {md(p.title)} | " + " | ".join(cells) + " |")
    header = ["| | " + " | ".join(heads) + f" | {md(strings('compare.spread'))} |", "|---|" + "---|" * (len(heads) + 1)]
    apart = [i for i in c.items if i.spread is not None and i.spread >= c.disagreement]
    for title, items in (
        (strings("compare.items", spread=c.disagreement), apart),
        (strings("compare.rest"), c.items[len(apart) :]),
    ):
        lines += ["", f"## {md(title)}", ""]
        lines += header if items else [md(strings("compare.none"), start=True)]
        for item in items:
            text = md(item.title) + (f" — {md(item.reworded_note)}" if item.reworded else "")
            scores = " | ".join(score_cell(s, strings) for s in item.scores)
            lines.append(f"| {text} | {scores} | {score_cell(item.spread, strings)} |")
    with_remarks = remarked(c)
    if with_remarks:
        lines += ["", f"## {md(strings('compare.remarks'))}"]
        for item in with_remarks:
            lines += ["", f"- {md(item.title, start=True)}"]
            for index, (head, remark) in enumerate(zip(heads, item.remarks, strict=True)):
                if remark.strip():
                    lines += [f"  - {head} ({md(answer_text(c, item, index))}):", *md_quote(remark, "    ")]
    return "\n".join(lines) + "\n"


_CSS = """
body{font-family:system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.5rem}h2{font-size:1.2rem;border-bottom:1px solid #ccc;margin-top:2rem}
table{border-collapse:collapse}td,th{padding:.2rem .6rem;text-align:left;border-bottom:1px solid #eee}
td.n{text-align:right;font-variant-numeric:tabular-nums}.apart{font-weight:bold}
.note{font-style:italic;white-space:pre-wrap}.reworded{color:#555;font-size:.9em}
li{margin:.3rem 0}@media print{body{margin:0}}
"""


def compare_html(comparison: Comparison) -> str:
    """One self-contained page to print: no scripts, no links, no outside resources."""
    c, strings, h = comparison, comparison.strings, html_text
    heads = columns(c)
    heading = h(strings("compare.heading", n=len(c.sessions)))
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{strings.language}"><head><meta charset="utf-8">',
        f"<title>{heading}</title><style>{_CSS}</style></head><body>",
        f"<h1>{heading}</h1>",
        "<ul>" + "".join(f"<li><b>{h(head)}</b> — {h(text)}</li>" for head, text in zip(heads, c.legend, strict=True)),
        "</ul>",
        f"<h2>{h(strings('compare.parts'))}</h2><table>",
        "<tr><th></th>"
        + "".join(f"<th>{h(head)}</th>" for head in heads)
        + (f"<th>{h(moved_head(c))}</th>" if len(heads) >= 2 else "")
        + "</tr>",
    ]
    for p in c.parts:
        cells = "".join(f"<td class='n'>{score_cell(m, strings)}</td>" for m in p.means)
        cells += f"<td class='n'>{h(moved_cell(p, strings))}</td>" if len(heads) >= 2 else ""
        out.append(f"<tr><td>{h(p.title)}</td>{cells}</tr>")
    out.append("</table>")
    apart = [i for i in c.items if i.spread is not None and i.spread >= c.disagreement]
    for title, items, css in (
        (strings("compare.items", spread=c.disagreement), apart, " class='apart'"),
        (strings("compare.rest"), c.items[len(apart) :], ""),
    ):
        if not items:
            out.append(f"<h2>{h(title)}</h2><p>{h(strings('compare.none'))}</p>")
            continue
        out.append(f"<h2>{h(title)}</h2><table>")
        out.append(
            "<tr><th></th>"
            + "".join(f"<th>{h(head)}</th>" for head in heads)
            + f"<th>{h(strings('compare.spread'))}</th></tr>"
        )
        for item in items:
            note = f"<div class='reworded'>{h(item.reworded_note)}</div>" if item.reworded else ""
            cells = "".join(f"<td class='n'>{score_cell(s, strings)}</td>" for s in item.scores)
            out.append(
                f"<tr{css}><td>{h(item.title)}{note}</td>{cells}"
                f"<td class='n'>{score_cell(item.spread, strings)}</td></tr>"
            )
        out.append("</table>")
    with_remarks = remarked(c)
    if with_remarks:
        out.append(f"<h2>{h(strings('compare.remarks'))}</h2><ul>")
        for item in with_remarks:
            out.append(f"<li>{h(item.title)}<ul>")
            for index, (head, remark) in enumerate(zip(heads, item.remarks, strict=True)):
                if remark.strip():
                    answer = h(answer_text(c, item, index))
                    out.append(f"<li><b>{h(head)}</b> ({answer}):<div class='note'>{html_block(remark)}</div></li>")
            out.append("</ul></li>")
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


COMPARE_RENDERERS: dict[str, Callable[[Comparison], str]] = {
    "table": compare_table,
    "md": compare_markdown,
    "html": compare_html,
    "json": compare_json,
}
"""Every format of a comparison: `samenwerken compare --format` and `e` on the compare screen."""

COMPARE_BINARY_FORMATS: tuple[str, ...] = ("xlsx",)
"""Formats of a comparison that are bytes (`compare_office.compare_bytes` renders them), never for a terminal."""

COMPARE_FORMATS: tuple[str, ...] = (*COMPARE_RENDERERS, *COMPARE_BINARY_FORMATS)
"""The one list of a comparison's formats, for the command line and the compare screen."""


def compare_export(comparison: Comparison, fmt: str) -> str:
    """The comparison as a file in format `fmt` (one of COMPARE_FORMATS); the table with whole lines."""
    if fmt not in COMPARE_RENDERERS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(COMPARE_FORMATS)}")
    return COMPARE_RENDERERS[fmt](comparison)


def export_name(comparison: Comparison, fmt: str) -> str:
    """'vergelijking-regio-2024-regio-2025-2025-05-01.md': the titles, oldest first, and the newest one's day."""
    from tui.session.naming import export_file_name

    newest = max(s.updated for s in comparison.sessions).astimezone().date()
    titles = [comparison.strings("compare.file_stem"), *(s.title for s in comparison.sessions)]
    return export_file_name(titles, newest, fmt)
