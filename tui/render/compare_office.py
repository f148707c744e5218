"""A comparison as an Excel workbook: the parts side by side, then every item by spread, then the remarks.

The same data as the comparison's other formats (`tui.render.compare`), in the
comparison's language, with scores as numbers shown with one decimal. No Textual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.render.compare import answer_text, columns, compare_export, moved_cell, moved_head, remarked
from tui.render.workbook import MEDIUM, NARROW, WIDE, Workbook

if TYPE_CHECKING:
    from tui.views.compare import Comparison


def compare_xlsx(comparison: Comparison) -> bytes:
    """The comparison as the bytes of an xlsx file."""
    c, strings = comparison, comparison.strings
    heads = columns(c)
    legend = [f"{head}: {text}" for head, text in zip(heads, c.legend, strict=True)]
    book = Workbook(max(s.updated for s in c.sessions), strings("compare.none"))
    moved = len(heads) >= 2
    parts = book.sheet(
        strings("compare.sheet_parts"),
        [(strings("report.part"), WIDE), *((head, NARROW) for head in heads)]
        + ([(moved_head(c), NARROW)] if moved else []),
        [[p.title, *p.means] + ([moved_cell(p, strings)] if moved else []) for p in c.parts],
    )
    below = len(c.parts) + 2
    for n, line in enumerate([strings("compare.heading", n=len(c.sessions)), *legend]):
        book.write(parts, below + n, 0, line, "bold" if n == 0 else None)
    book.sheet(
        strings("compare.sheet_items"),
        [(strings("column.statement"), WIDE), (strings("report.part"), MEDIUM), *((head, NARROW) for head in heads)]
        + [(strings("compare.spread"), NARROW)],
        [[i.title, i.part_title, *i.scores, i.spread] for i in c.items],
    )
    book.sheet(
        strings("compare.remarks"),
        [(strings("column.statement"), WIDE), (strings("compare.column"), NARROW), (strings("column.answer"), MEDIUM)]
        + [(strings("column.note"), WIDE)],
        [
            [item.title, head, answer_text(c, item, index), remark]
            for item in remarked(c)
            for index, (head, remark) in enumerate(zip(heads, item.remarks, strict=True))
            if remark.strip()
        ],
    )
    return book.close()


def compare_bytes(comparison: Comparison, fmt: str) -> bytes:
    """The comparison as the contents of a file in format `fmt` (one of COMPARE_FORMATS): text as UTF-8."""
    if fmt == "xlsx":
        return compare_xlsx(comparison)
    return compare_export(comparison, fmt).encode("utf-8")
