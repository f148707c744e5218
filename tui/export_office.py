"""The overview as an Excel workbook (xlsx), and every export format as the bytes of a file.

One sheet per view, named in the report's language: the parts with their scores, the
strengths, the obstacles, every answer with its remark, and the next steps. Each sheet has
a header row that stays in view (frozen panes) and a filter; numbers are numbers, dates are
dates, and every text is written as text (`write_string`), so a remark that begins with
"=" is shown, never run. xlsxwriter is imported only when a workbook is made. No Textual.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from tui.export import BINARY_FORMATS, export, made_line

if TYPE_CHECKING:
    from tui.report import Report, SignalRow

CELL_MAX = 32_767
"""The most UTF-16 units Excel keeps in one cell; a longer text is cut there and ends in '…'."""

SHEET_NAME_MAX = 31
_SHEET_NAME_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})
_NOT_XML = str.maketrans({"\ufffe": "\ufffd", "\uffff": "\ufffd"})
"""Characters no XML file may hold; xlsxwriter escapes the C0 controls itself."""

DATE_FORMAT = "dd-mm-yyyy hh:mm"
SCORE_FORMAT = "0.0"

WIDE, MEDIUM, NARROW = 60, 24, 12
"""Column widths, in characters."""


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
    # Real spreadsheets for Dutch offices: better than any xlsx code of our own.
    import xlsxwriter  # type: ignore[import-untyped]

    strings = report.strings
    out = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    workbook = xlsxwriter.Workbook(out, options)
    # A fixed date in the file's properties: the same session gives the same bytes.
    workbook.set_properties({"created": _local(report.session.updated)})
    styles = {
        "header": workbook.add_format({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1}),
        "text": workbook.add_format({"text_wrap": True, "valign": "top"}),
        "number": workbook.add_format({"valign": "top"}),
        "score": workbook.add_format({"num_format": SCORE_FORMAT, "valign": "top"}),
        "date": workbook.add_format({"num_format": DATE_FORMAT, "valign": "top"}),
        "bold": workbook.add_format({"bold": True}),
    }
    names: set[str] = set()

    def sheet(name_key: str, columns: Sequence[tuple[str, int]], rows: Sequence[Sequence[object]]) -> Any:
        """A sheet with a frozen header row, a filter and one row per entry (or 'None.')."""
        name = _sheet_name(strings(name_key), names)
        names.add(name.casefold())
        ws = workbook.add_worksheet(name)
        for col, (header, width) in enumerate(columns):
            ws.set_column(col, col, width, styles["text"])
            ws.write_string(0, col, _text(header), styles["header"])
        ws.freeze_panes(1, 0)
        for r, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                _write(ws, r, col, value, styles)
        if rows:
            ws.autofilter(0, 0, len(rows), len(columns) - 1)
        else:
            ws.write_string(1, 0, _text(strings("report.none")), styles["text"])
        return ws

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
    parts.write_string(r, 0, _text(report.session.title), styles["bold"])
    parts.write_string(r + 1, 0, _text(made_line(report)))
    about = [*report.context]
    if report.session.remarks:
        about.append((strings("report.notes"), report.session.remarks))
    for n, (label, value) in enumerate(about, start=r + 2):
        parts.write_string(n, 0, _text(label), styles["text"])
        parts.write_string(n, 1, _text(value), styles["text"])

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
                _local(item.answered_at) if item.answered_at else None,
            ]
            for item in report.items
        ],
    )

    sheet(
        "report.steps",
        [
            (strings("column.step"), WIDE),
            (strings("column.who"), MEDIUM),
            (strings("column.when"), MEDIUM - 8),
            (strings("column.done"), NARROW),
            (strings("column.suggestion"), NARROW + 10),
        ],
        [[step.text, step.who, step.when, step.done, step.suggestion] for step in report.steps],
    )
    workbook.close()
    return out.getvalue()


def _signal(r: SignalRow) -> list[object]:
    return [r.title, r.part, r.score, r.remark]


def _write(ws: Any, row: int, col: int, value: object, styles: dict[str, Any]) -> None:
    """One cell by its type: text always as text, never a formula, a link or a number."""
    if value is None or value == "":
        return
    if isinstance(value, bool):
        ws.write_boolean(row, col, value, styles["number"])
    elif isinstance(value, int):
        ws.write_number(row, col, value, styles["number"])
    elif isinstance(value, float):
        ws.write_number(row, col, value, styles["score"])
    elif isinstance(value, datetime):
        ws.write_datetime(row, col, value, styles["date"])
    else:
        ws.write_string(row, col, _text(str(value)), styles["text"])


def _text(value: str) -> str:
    """A text as Excel can keep it: characters no XML may hold replaced, cut at CELL_MAX with '…'."""
    value = value.translate(_NOT_XML)
    if len(value) <= CELL_MAX // 2 or len(value.encode("utf-16-le")) // 2 <= CELL_MAX:
        return value
    units, kept = 0, []
    for char in value:
        units += 2 if ord(char) > 0xFFFF else 1
        if units > CELL_MAX - 1:
            break
        kept.append(char)
    return "".join(kept) + "…"


def _sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name: no []:*?/\\, not starting or ending with ', at most 31 characters."""
    name = " ".join(name.translate(_SHEET_NAME_FORBIDDEN).split()).strip("'") or "Sheet"
    name = name[:SHEET_NAME_MAX]
    candidate, n = name, 2
    while candidate.casefold() in taken:
        suffix = f" ({n})"
        candidate, n = name[: SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
    return candidate


def _local(moment: datetime) -> datetime:
    """A moment in the local time zone without the zone, as a spreadsheet keeps dates (like `made_line`)."""
    return moment.astimezone().replace(tzinfo=None)
