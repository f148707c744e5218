"""The overview as an Excel workbook (xlsx), and every export format as the bytes of a file.

One sheet per view, named in the report's language: the parts with their scores, the
strengths, the obstacles, every answer with its remark, and the next steps, each from the
overview's description (`tui.render.overview`); the sheets themselves are made safe by
`tui.render.workbook`. No Textual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.render.export import BINARY_FORMATS, export
from tui.render.overview import describe, made_line
from tui.render.overview_csv import answer_rows
from tui.render.parts import step_cells, step_headings
from tui.render.workbook import MEDIUM, NARROW, WIDE, Workbook, local

if TYPE_CHECKING:
    from tui.views.report import Report, SignalRow


def export_bytes(report: Report, fmt: str) -> bytes:
    """The report as the contents of a file in format `fmt` (one of EXPORT_FORMATS): text as UTF-8."""
    if fmt == "xlsx":
        return to_xlsx(report)
    return export(report, fmt).encode("utf-8")


def is_binary(fmt: str) -> bool:
    """Whether `fmt` is bytes that a terminal cannot show."""
    return fmt in BINARY_FORMATS


def to_xlsx(report: Report) -> bytes:
    """The overview as an xlsx workbook: one sheet per view, in the report's language.

    The sheets render the sections of the description (`tui.render.overview`) they share with
    the other formats, found by id: the parts with the title, context and notes below them,
    the strengths, the obstacles, every answer and the next steps.
    """
    strings = report.strings
    book = Workbook(report.session.updated, strings("report.none"))
    shown = {s.id: s for s in describe(report)}

    # The parts, then what the session is about below them.
    parts = shown["parts"].rows
    overview = book.sheet(
        strings("sheet.overview"),
        [
            (strings("report.part"), WIDE),
            (strings("report.score"), NARROW + 4),
            (strings("report.answered"), NARROW),
            (strings("column.not_applicable"), NARROW + 4),
            (strings("column.total"), NARROW),
        ],
        [[p.title, p.mean if p.mean is not None else p.score_text, p.scored, p.not_applicable, p.total] for p in parts],
    )
    r = len(parts) + 2
    book.write(overview, r, 0, shown["head"].rows[0], "bold")
    book.write(overview, r + 1, 0, made_line(report))
    about = [*shown["context"].rows]
    about += [(shown["notes"].title, note) for note in shown["notes"].rows]
    for n, (label, value) in enumerate(about, start=r + 2):
        book.write(overview, n, 0, label)
        book.write(overview, n, 1, value)

    signal_columns = [
        (strings("column.statement"), WIDE),
        (strings("report.part"), MEDIUM),
        (strings("column.answer"), NARROW),
        (strings("column.note"), WIDE),
    ]
    book.sheet(shown["strengths"].title, signal_columns, [_signal(r) for r in shown["strengths"].rows])
    book.sheet(
        shown["obstacles"].title,
        [*signal_columns, (strings("column.suggestion"), WIDE), (strings("report.perspective"), MEDIUM)],
        [
            [
                *_signal(r),
                "\n".join(f"{letter}: {text}" for letter, text in r.suggestions),
                ", ".join(r.perspectives),
            ]
            for r in shown["obstacles"].rows
        ],
    )

    part_titles = {p.id: p.title for p in parts}
    book.sheet(
        strings("sheet.answers"),
        [
            (strings("column.id"), MEDIUM),
            (strings("report.part"), MEDIUM),
            (strings("column.statement"), WIDE),
            (strings("column.answer"), NARROW),
            (strings("column.not_applicable"), NARROW + 4),
            (strings("column.note"), WIDE),
            (strings("column.answered_at"), NARROW + 6),
        ],
        [
            [
                item.id,
                part_titles.get(item.part, item.part),
                item.title,
                item.score,
                item.not_applicable,
                item.remark,
                local(item.answered_at) if item.answered_at else None,
            ]
            for item in answer_rows(report)
        ],
    )

    what, who, when, done = step_headings(strings)
    cells = [(step, step_cells(step, strings, report.today)) for step in shown["steps"].rows]
    book.sheet(
        shown["steps"].title,
        [
            (what, WIDE),
            (who, MEDIUM),
            (when, MEDIUM),
            (strings("steps.col_date"), NARROW),
            (done, NARROW),
            (strings("column.suggestion"), NARROW + 10),
        ],
        [[step.text, step.who, c.when_marked(strings), step.due, step.done, step.suggestion] for step, c in cells],
    )
    return book.close()


def _signal(r: SignalRow) -> list[object]:
    return [r.title, r.part, r.score, r.remark]
