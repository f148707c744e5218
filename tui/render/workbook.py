"""A safe xlsx workbook for our exports: one sheet per view, headers in view, text always text.

Shared by the overview's workbook (`tui.render.office`) and the comparison's
(`tui.render.compare_office`). Every sheet has a header row that stays in view (frozen panes)
and a filter; numbers are numbers, dates are dates, and every text is written as text
(`write_string`), so a remark that begins with "=" is shown, never run. xlsxwriter is
imported only when a workbook is made: real spreadsheets for Dutch offices, better than
any xlsx code of our own. No Textual.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

CELL_MAX = 32_767
"""The most UTF-16 units Excel keeps in one cell; a longer text is cut there and ends in '…'."""

SHEET_NAME_MAX = 31
_SHEET_NAME_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})
_NOT_XML = str.maketrans({"\ufffe": "\ufffd", "\uffff": "\ufffd"})
"""Characters no XML file may hold; xlsxwriter escapes the C0 controls itself."""

DATE_FORMAT = "dd-mm-yyyy hh:mm"
DAY_FORMAT = "dd-mm-yyyy"
SCORE_FORMAT = "0.0"

WIDE, MEDIUM, NARROW = 60, 24, 12
"""Column widths, in characters."""


class Workbook:
    """An in-memory workbook; `sheet` adds one view, `close` gives the file's bytes."""

    def __init__(self, created: datetime, none_text: str) -> None:
        import xlsxwriter  # type: ignore[import-untyped]

        self._out = io.BytesIO()
        options = {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        }
        self.book = xlsxwriter.Workbook(self._out, options)
        # A fixed date in the file's properties: the same data gives the same bytes.
        self.book.set_properties({"created": local(created)})
        self.none_text = none_text
        self.styles = {
            "header": self.book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1}),
            "text": self.book.add_format({"text_wrap": True, "valign": "top"}),
            "number": self.book.add_format({"valign": "top"}),
            "score": self.book.add_format({"num_format": SCORE_FORMAT, "valign": "top"}),
            "date": self.book.add_format({"num_format": DATE_FORMAT, "valign": "top"}),
            "day": self.book.add_format({"num_format": DAY_FORMAT, "valign": "top"}),
            "bold": self.book.add_format({"bold": True}),
        }
        self._names: set[str] = set()

    def sheet(self, name: str, columns: Sequence[tuple[str, int]], rows: Sequence[Sequence[object]]) -> Any:
        """A sheet with a frozen header row, a filter and one row per entry (or 'None.')."""
        name = sheet_name(name, self._names)
        self._names.add(name.casefold())
        ws = self.book.add_worksheet(name)
        for col, (header, width) in enumerate(columns):
            ws.set_column(col, col, width, self.styles["text"])
            ws.write_string(0, col, cell_text(header), self.styles["header"])
        ws.freeze_panes(1, 0)
        for r, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                self.write(ws, r, col, value)
        if rows:
            ws.autofilter(0, 0, len(rows), len(columns) - 1)
        else:
            ws.write_string(1, 0, cell_text(self.none_text), self.styles["text"])
        return ws

    def write(self, ws: Any, row: int, col: int, value: object, style: str | None = None) -> None:
        """One cell by its type: text always as text, never a formula, a link or a number."""
        styles = self.styles
        if value is None or value == "":
            return
        if isinstance(value, bool):
            ws.write_boolean(row, col, value, styles[style or "number"])
        elif isinstance(value, int):
            ws.write_number(row, col, value, styles[style or "number"])
        elif isinstance(value, float):
            ws.write_number(row, col, value, styles[style or "score"])
        elif isinstance(value, datetime):
            ws.write_datetime(row, col, value, styles[style or "date"])
        elif isinstance(value, date):  # a day without a time: a step's due date
            ws.write_datetime(row, col, datetime(value.year, value.month, value.day), styles[style or "day"])
        else:
            ws.write_string(row, col, cell_text(str(value)), styles[style or "text"])

    def close(self) -> bytes:
        self.book.close()
        return self._out.getvalue()


def cell_text(value: str) -> str:
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


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name: no []:*?/\\, not starting or ending with ', at most 31 characters."""
    name = " ".join(name.translate(_SHEET_NAME_FORBIDDEN).split()).strip("'") or "Sheet"
    name = name[:SHEET_NAME_MAX]
    candidate, n = name, 2
    while candidate.casefold() in taken:
        suffix = f" ({n})"
        candidate, n = name[: SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
    return candidate


def local(moment: datetime) -> datetime:
    """A moment in the local time zone without the zone, as a spreadsheet keeps dates."""
    return moment.astimezone().replace(tzinfo=None)
