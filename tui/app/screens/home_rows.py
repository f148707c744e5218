"""Home's rows as plain data: what a session shows in the list, made once per row that `list` gives.

The rows come from `tui.session.listing` (what `samenwerken list` shows, kept between runs
so unchanged files are not parsed again): a session is read whole only when it is opened.
The list (`VirtualTable`) draws only the lines on screen, so a row keeps what is costly
to work out (the local time, overdue steps) and leaves what depends on the window or the
marks (the title's shortening, the ☑) to the moment its line is drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from rich.cells import cell_len

from tui.core.text import local_time, safe_line, shortened
from tui.session.listing import Row

MARK = "☑ "
"""Before the title of a session chosen to compare."""


def overdue_count(row: Row, today: date) -> int:
    """How many of the session's open steps are past their date."""
    if not row.due:
        return 0
    day = today.isoformat()
    return sum(1 for due in row.due if due < day)


@dataclass(frozen=True, slots=True)
class HomeRow:
    """One session as home lists it."""

    id: str
    key: str
    """The file's path: what a mark and the cursor follow."""
    title: str
    """On one line, control characters made visible."""
    title_cells: int
    progress: str
    """'12/85': answered of all items."""
    when: datetime
    """The last change (shown in local time, as people read it, when drawn)."""
    late: int
    """Open steps past their date (0: none)."""


def row_of(row: Row, items: int, today: date) -> HomeRow:
    """What home shows of `row`, of a tool with `items` items."""
    title = safe_line(row.title)
    when = datetime.fromisoformat(row.updated)
    return HomeRow(
        id=row.id,
        key=row.path,
        title=title,
        title_cells=len(title) if title.isascii() else cell_len(title),
        progress=f"{row.answered}/{items}",
        when=when,
        late=overdue_count(row, today),
    )


def newest_first(rows: list[HomeRow]) -> None:
    """Sort in place as `SessionStore.scan` does: newest change first, ties in the order read."""
    rows.sort(key=lambda row: row.when, reverse=True)


@dataclass(frozen=True)
class Layout:
    """How the rows are drawn now: the columns, their widths, and the words for overdue steps."""

    headers: list[str]
    widths: list[int]
    title_width: int
    """What a title may take before it is shortened."""
    marked: frozenset[str]
    overdue: Callable[[int], str] | None
    """The overdue cell's words for a count; None while no session has an overdue step."""

    def cells(self, row: HomeRow) -> list[str]:
        mark = MARK if row.key in self.marked else ""
        cells = [shortened(mark + row.title, self.title_width), row.progress, local_time(row.when)]
        if self.overdue is not None:
            cells.append(self.overdue(row.late) if row.late else "")
        return cells


def layout(
    rows: Sequence[HomeRow],
    headers: list[str],
    title_width: int,
    marked: frozenset[str],
    overdue: Callable[[int], str] | None,
) -> Layout:
    """Columns as wide as their widest cell (the title's at most `title_width`), as a DataTable sizes them."""
    marks = cell_len(MARK)
    title = max((row.title_cells + (marks if row.key in marked else 0) for row in rows), default=0)
    widths = [
        max(cell_len(headers[0]), min(title, title_width)),
        max(cell_len(headers[1]), max((len(row.progress) for row in rows), default=0)),
        max(cell_len(headers[2]), len(local_time(rows[0].when)) if rows else 0),  # one width for every time
    ]
    if overdue is not None:
        counts = {row.late for row in rows if row.late}
        widths.append(max(cell_len(headers[3]), max((cell_len(overdue(n)) for n in counts), default=0)))
    return Layout(headers, widths, title_width, marked, overdue)
