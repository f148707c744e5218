"""A table that holds its rows as data and draws only the lines on screen (Textual's Line API).

A DataTable measures and stores every cell it is given: 10,000 sessions took seconds
to fill and kept the screen busy meanwhile. Here a row is any object; its cells are
asked for (`cells(row)`) only when its line is drawn, and the columns' widths are given
by the owner, who knows them from the data. Looks and keys follow DataTable with a row
cursor: a header line that stays put, the cursor across the whole width, up/down,
page up/down, home/end to the first and last row, Enter or a click on the cursor's row
to choose it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar, Generic, TypeVar

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

T = TypeVar("T")


class VirtualTable(ScrollView, Generic[T], can_focus=True):
    """Rows as data, one line each, under a header line; only the visible lines are drawn."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-table--header",
        "virtual-table--cursor",
        "virtual-table--hover",
    }

    DEFAULT_CSS = """
    VirtualTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .virtual-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .virtual-table--header {
                background-tint: $foreground 5%;
            }
        }
        & > .virtual-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .virtual-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .virtual-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .virtual-table--hover {
            background: $block-hover-background;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,ctrl+home", "first", "First", show=False),
        Binding("end,ctrl+end", "last", "Last", show=False),
    ]

    PADDING = 1
    """Cells of room on either side of each cell, as DataTable's cell_padding."""

    class Selected(Message):
        """A row was chosen: Enter, or a click on the cursor's row."""

        def __init__(self, table: VirtualTable[object], row: int) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> VirtualTable[object]:
            return self.table

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._cells: Callable[[T], Sequence[str]] = lambda _: ()
        self._rows: Sequence[T] = ()
        self._headers: list[str] = []
        self._widths: list[int] = []
        self._cursor = 0
        self._hover: int | None = None

    # the data ---------------------------------------------------------------

    def show(
        self,
        headers: list[str],
        widths: list[int],
        rows: Sequence[T],
        cells: Callable[[T], Sequence[str]],
        cursor: int | None = None,
    ) -> None:
        """Show `rows` under `headers`, each column `widths[n]` cells wide (without padding).

        `cells(row)` gives a row's texts when its line is drawn; `cursor` moves the cursor.
        """
        grew = len(rows) != len(self._rows)
        self._headers, self._widths, self._rows, self._cells = headers, widths, rows, cells
        if cursor is not None:
            self._cursor = cursor
        self._cursor = max(0, min(self._cursor, len(rows) - 1))
        self.virtual_size = Size(self._line_width(), len(rows) + 1)
        self.refresh(layout=grew)
        self._scroll_cursor_into_view()
        self.call_after_refresh(self._scroll_cursor_into_view)  # once the height is known

    @property
    def rows(self) -> Sequence[T]:
        return self._rows

    @property
    def headers(self) -> list[str]:
        return list(self._headers)

    @property
    def render_widths(self) -> list[int]:
        """Each column's width on screen, its padding included."""
        return [width + 2 * self.PADDING for width in self._widths]

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def cursor_row(self) -> int:
        return self._cursor

    def get_row_at(self, row: int) -> list[str]:
        """The cells of row `row` as they are drawn (before fitting to the column)."""
        return list(self._cells(self._rows[row]))

    def move_cursor(self, row: int) -> None:
        """Put the cursor on `row` (kept within the rows) and scroll it into view."""
        row = max(0, min(row, len(self._rows) - 1))
        if row != self._cursor:
            self._cursor = row
            self.refresh()
        self._scroll_cursor_into_view()

    # drawing ----------------------------------------------------------------

    def _line_width(self) -> int:
        return sum(width + 2 * self.PADDING for width in self._widths)

    def _page(self) -> int:
        """Rows the widget shows at once, under its header."""
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_cursor_into_view(self) -> None:
        top = round(self.scroll_y)
        page = self._page()
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False, force=True)
        elif self._cursor >= top + page:
            self.scroll_to(y=self._cursor - page + 1, animate=False, force=True)

    def _line(self, cells: Sequence[str], style: Style) -> list[Segment]:
        pad = " " * self.PADDING
        text = "".join(pad + set_cell_size(cell, width) + pad for cell, width in zip(cells, self._widths, strict=False))
        return [Segment(text, style)]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        scroll_x = round(self.scroll_x)
        if y == 0:
            style = base + self.get_component_rich_style("virtual-table--header")
            segments = self._line(self._headers, style)
        else:
            row = round(self.scroll_y) + y - 1
            if not 0 <= row < len(self._rows):
                return Strip.blank(width, base)
            style = base
            if row == self._hover and row != self._cursor:
                style += self.get_component_rich_style("virtual-table--hover")
            if row == self._cursor:
                style += self.get_component_rich_style("virtual-table--cursor")
            segments = self._line(self._cells(self._rows[row]), style)
        strip = Strip(segments)
        if scroll_x:
            strip = strip.crop(scroll_x, scroll_x + width)
        return strip.extend_cell_length(width, style).crop(0, width)

    def _row_at(self, y: int) -> int | None:
        """The row drawn on line `y` of the widget, if any (None for the header and below the rows)."""
        if y < 1:
            return None
        row = round(self.scroll_y) + y - 1
        return row if 0 <= row < len(self._rows) else None

    # keys and the mouse -----------------------------------------------------

    def action_select_cursor(self) -> None:
        if self._rows:
            self.post_message(self.Selected(self, self._cursor))  # type: ignore[arg-type]

    def action_cursor_up(self) -> None:
        self.move_cursor(self._cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self._cursor + 1)

    def action_page_up(self) -> None:
        self.move_cursor(self._cursor - self._page())

    def action_page_down(self) -> None:
        self.move_cursor(self._cursor + self._page())

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self._rows) - 1)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        row = self._row_at(offset.y) if offset is not None else None
        if row is None:
            return
        event.stop()
        if row == self._cursor:
            self.action_select_cursor()
        else:
            self.move_cursor(row)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        offset = event.get_content_offset(self)
        row = self._row_at(offset.y) if offset is not None else None
        if row != self._hover:
            self._hover = row
            self.refresh()

    def on_leave(self, _: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()
