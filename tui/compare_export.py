"""A comparison (`tui.compare.Comparison`) rendered: a table for a terminal or the screen, JSON, Markdown.

The table and the JSON are written to a terminal as often as to a pipe, so both are
terminal-safe: the table shows control, bidi and invisible characters as visible
stand-ins, the JSON writes them as \\uXXXX escapes (the same data after parsing).
Markdown is for a file, literal like the overview's. No Textual, light to import.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from tui.render import blocks, md_text
from tui.text import safe_line, terminal_json, visible

if TYPE_CHECKING:
    from tui.compare import Comparison

CELL = 4
"""Columns per session in the table."""

TABLE_SECTIONS = ("heading", "parts", "items")
"""The sections of the table, in order; `compare_table` can render any of them."""


def score_cell(value: float | None) -> str:
    """A mean (one decimal) or an answer, or – for none."""
    if value is None:
        return "–"
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def columns(comparison: Comparison) -> list[str]:
    """The sessions' column heads: A, B, C… (whose is whose stands in the heading)."""
    return [label[:CELL] for label in (chr(ord("A") + i) for i in range(len(comparison.sessions)))]


def compare_table(comparison: Comparison, width: int = 100, sections: Sequence[str] = TABLE_SECTIONS) -> str:
    """Parts, then items with a spread of 2 or more first: the conversations to have.

    `sections` (names from TABLE_SECTIONS, always in that order) picks a part of it: the
    compare screen shows the items in a table of its own.
    """
    unknown = set(sections) - set(TABLE_SECTIONS)
    if unknown:
        raise ValueError(f"unknown sections {sorted(unknown)}; choose from {', '.join(TABLE_SECTIONS)}")
    c, strings = comparison, comparison.strings
    header = "".join(f"{x:>{CELL}}" for x in columns(c))
    who = [safe_line(label) for label in c.labels]

    heading = [safe_line(strings("compare.heading", n=len(c.sessions)))]
    heading += [
        f"  {column}  {w}: {safe_line(s.title)}" if c.names else f"  {column}"
        for column, w, s in zip(columns(c), who, c.sessions, strict=True)
    ]

    parts = [safe_line(strings("compare.parts")), f"  {'':<34}{header}"]
    for p in c.parts:
        values = "".join(f"{score_cell(m):>{CELL}}" for m in p.means)
        parts.append(f"  {safe_line(p.title)[:34]:<34}{values}")

    text_width = max(20, width - 2 - len(header) - 8)
    items = [safe_line(strings("compare.items", spread=c.disagreement))]
    items.append(f"  {'':<{text_width}}{header}  {safe_line(strings('compare.spread'))}")
    shown_divider = False
    for item in c.items:
        if not shown_divider and (item.spread is None or item.spread < c.disagreement):
            items += ["", safe_line(strings("compare.rest"))]
            shown_divider = True
        wrapped = textwrap.wrap(visible(item.title), text_width) or [""]
        scores = "".join(f"{score_cell(s):>{CELL}}" for s in item.scores)
        items.append(f"  {wrapped[0]:<{text_width}}{scores}{score_cell(item.spread):>6}")
        items += [f"  {w}" for w in wrapped[1:]]
        if item.reworded:
            items += [f"    {w}" for w in textwrap.wrap(visible(item.reworded_note), text_width)]

    chosen = {"heading": heading, "parts": parts, "items": items}
    return blocks(*(chosen[name] for name in TABLE_SECTIONS if name in sections))


def compare_json(comparison: Comparison) -> str:
    """Everything, for a script; terminal-safe (see the module's doc)."""
    c = comparison
    data = {
        "sessions": [
            {"label": label, **({"id": s.id, "title": s.title} if c.names else {})}
            for label, s in zip(c.labels, c.sessions, strict=True)
        ],
        "parts": [{"id": p.id, "title": p.title, "means": p.means} for p in c.parts],
        "items": [
            {
                "id": i.id,
                "part": i.part,
                "title": i.title,
                "scores": i.scores,
                "low": i.low,
                "high": i.high,
                "spread": i.spread,
                "reworded": i.reworded,
                **({"earlier_wording": i.earlier_wording} if i.reworded else {}),
            }
            for i in c.items
        ],
    }
    return terminal_json(data) + "\n"


def compare_markdown(comparison: Comparison) -> str:
    """The table as Markdown for a meeting's papers: parts, then items by spread."""
    c, strings, md = comparison, comparison.strings, md_text
    heads = columns(c)
    lines = [f"# {md(strings('compare.heading', n=len(c.sessions)))}", ""]
    lines += [
        f"- {head} — {md(label)}: {md(s.title)}" if c.names else f"- {head}"
        for head, label, s in zip(heads, c.labels, c.sessions, strict=True)
    ]
    lines += ["", f"## {md(strings('compare.parts'))}", "", "| | " + " | ".join(heads) + " |"]
    lines.append("|---|" + "---|" * len(heads))
    lines += [f"| {md(p.title)} | " + " | ".join(score_cell(m) for m in p.means) + " |" for p in c.parts]
    header = ["| | " + " | ".join(heads) + f" | {md(strings('compare.spread'))} |", "|---|" + "---|" * (len(heads) + 1)]
    apart = [i for i in c.items if i.spread is not None and i.spread >= c.disagreement]
    for title, items in (
        (strings("compare.items", spread=c.disagreement), apart),
        (strings("compare.rest"), c.items[len(apart) :]),
    ):
        lines += ["", f"## {md(title)}", "", *header]
        for item in items:
            text = md(item.title) + (f" — {md(item.reworded_note)}" if item.reworded else "")
            scores = " | ".join(score_cell(s) for s in item.scores)
            lines.append(f"| {text} | {scores} | {score_cell(item.spread)} |")
    return "\n".join(lines) + "\n"


COMPARE_RENDERERS: dict[str, Callable[[Comparison], str]] = {
    "table": compare_table,
    "json": compare_json,
    "md": compare_markdown,
}
"""Every format of a comparison: `samenwerken compare --format`."""

COMPARE_FORMATS: tuple[str, ...] = tuple(COMPARE_RENDERERS)
