"""The overview as an Excel workbook (xlsx), and every export format as the bytes of a file.

One sheet per view, named in the report's language: the parts with their scores, the
strengths, the obstacles, every answer with its remark, and the next steps; the sheets
themselves are made safe by `tui.render.workbook`. No Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tui.render.export import BINARY_FORMATS, export, made_line
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
    """The overview as an xlsx workbook: one sheet per view, in the report's language."""
    strings = report.strings
    book = Workbook(report.session.updated, strings("report.none"))

    def sheet(name_key: str, columns: Sequence[tuple[str, int]], rows: Sequence[Sequence[object]]) -> Any:
        return book.sheet(strings(name_key), columns, rows)

    # The parts, then what the session is about below them.
    parts = sheet(
        "sheet.overview",
        [
            (strings("report.part"), WIDE),
            (strings("report.score"), NARROW + 4),
            (strings("report.answered"), NARROW),
            (strings("column.not_applicable"), NARROW + 4),
            (strings("column.total"), NARROW),
        ],
        [
            [p.title, p.mean if p.mean is not None else p.score_text, p.scored, p.not_applicable, p.total]
            for p in report.parts
        ],
    )
    r = len(report.parts) + 2
    book.write(parts, r, 0, report.session.title, "bold")
    book.write(parts, r + 1, 0, made_line(report))
    about = [*report.context]
    if report.session.remarks:
        about.append((strings("report.notes"), report.session.remarks))
    for n, (label, value) in enumerate(about, start=r + 2):
        book.write(parts, n, 0, label)
        book.write(parts, n, 1, value)

    signal_columns = [
        (strings("column.statement"), WIDE),
        (strings("report.part"), MEDIUM),
        (strings("column.answer"), NARROW),
        (strings("column.note"), WIDE),
    ]
    sheet("report.strengths", signal_columns, [_signal(r) for r in report.strengths])
    sheet(
        "report.obstacles",
        [*signal_columns, (strings("column.suggestion"), WIDE), (strings("report.perspective"), MEDIUM)],
        [
            [
                *_signal(r),
                "\n".join(f"{letter}: {text}" for letter, text in r.suggestions),
                ", ".join(r.perspectives),
            ]
            for r in report.obstacles
        ],
    )

    part_titles = {p.id: p.title for p in report.parts}
    sheet(
        "sheet.answers",
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
            for item in report.items
        ],
    )

    what, who, when, done = step_headings(strings)
    cells = [(step, step_cells(step, strings, report.today)) for step in report.steps]
    sheet(
        "report.steps",
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
