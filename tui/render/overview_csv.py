"""The overview's answers as CSV: one renderer of the description in `tui.render.overview`.

The CSV is a table of items, so it renders the sections whose rows are answers (kind
'answers'): one row per item of the tool, answered or not, with the columns of CSV_COLUMNS.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.core.text import local_time
from tui.render.overview import describe
from tui.views.numbers import one_decimal

if TYPE_CHECKING:
    from tui.views.report import ItemRow, Report

CSV_COLUMNS = ["id", "part", "text", "score", "not_applicable", "note", "answered_at", "part_score"]

_FORMULA = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""What makes a spreadsheet read a cell as a formula (with the full-width look-alikes)."""
_FORMULA_BLANKS = "\t\r\n\0"


def _cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula (OWASP CSV injection).

    A cell that begins with = + - @, a tab, CR, LF or NUL, also after leading blanks, gets a
    single quote in front; every other cell is written exactly as it is.
    """
    if not isinstance(value, str) or not value:
        return value
    if value[0] in _FORMULA_BLANKS or value.lstrip().startswith(_FORMULA):
        return "'" + value
    return value


CSV_HEADERS = (
    "column.id",
    "report.part",
    "column.statement",
    "column.answer",
    "column.not_applicable",
    "column.note",
    "column.answered_at",
    "column.part_score",
)
"""The header of `to_csv` as keys of content/strings.toml: CSV_COLUMNS in the report's language."""


def answer_rows(report: Report) -> list[ItemRow]:
    """Every row of the description's sections of answers, in order: what a table of items holds."""
    return [row for shown in describe(report) if shown.kind == "answers" for row in shown.rows]


def to_csv(report: Report) -> str:
    """CSV that Excel in a Dutch office opens in columns: `;` between cells, a UTF-8 BOM, headers in its language.

    One row per item of the tool, answered or not, with the columns of CSV_COLUMNS. Text is
    kept as typed, except formula starts. For scripts, see `to_csv_rfc`.
    """
    strings = report.strings
    scores = {p.id: p.score_text for p in report.parts}
    rows = _csv_rows(report, strings("column.yes"), strings("column.no"), scores, for_people=True)
    return "\ufeff" + _write_csv([strings(key) for key in CSV_HEADERS], rows, ";", "\n")


def to_csv_rfc(report: Report) -> str:
    """Plain RFC 4180 CSV for scripts: commas, no BOM, the fixed column names of CSV_COLUMNS, true/false."""
    scores = {p.id: one_decimal(p.mean) if p.mean is not None else "" for p in report.parts}
    return _write_csv(CSV_COLUMNS, _csv_rows(report, "true", "false", scores, for_people=False), ",", "\r\n")


def _csv_rows(report: Report, yes: str, no: str, part_scores: dict[str, str], for_people: bool) -> list[list[object]]:
    """One row per item; the last column repeats its part's score, rounded as every view rounds it.

    `for_people` (the CSV for Excel): the part's title and the local time as people read it
    ('10-03-2024 15:00'); otherwise (for scripts) the part's id and the exact moment in ISO 8601.
    """
    titles = {p.id: p.title for p in report.parts}
    rows: list[list[object]] = []
    for item in answer_rows(report):
        moment = ""
        if item.answered_at is not None:
            moment = local_time(item.answered_at) if for_people else item.answered_at.isoformat()
        rows.append(
            [
                item.id,
                titles.get(item.part, item.part) if for_people else item.part,
                item.title,
                "" if item.score is None else item.score,
                yes if item.not_applicable else no,
                item.remark,
                moment,
                part_scores.get(item.part, ""),
            ]
        )
    return rows


def _write_csv(header: Sequence[str], rows: list[list[object]], delimiter: str, line_end: str) -> str:
    """The rows under `header`, every cell through `_cell`, each row ending in `line_end`."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=line_end)
    # With "\n" as line end the csv module leaves a lone CR unquoted, and a reader then ends the
    # row there: rows with a CR are written fully quoted.
    quoted = csv.writer(out, delimiter=delimiter, lineterminator=line_end, quoting=csv.QUOTE_ALL)
    writer.writerow([_cell(value) for value in header])
    for row in rows:
        cells = [_cell(value) for value in row]
        (quoted if any(isinstance(c, str) and "\r" in c for c in cells) else writer).writerow(cells)
    return out.getvalue()
