"""The board's table of items, which keeps the facilitator's place while its rows re-sort."""

from __future__ import annotations

from textual.widgets import DataTable


class BoardTable(DataTable[object]):
    """The board's items; remembers the item the facilitator moved to, so a re-sort cannot move them off it.

    Until the facilitator moves the cursor it stays on the top row, whatever item is there.
    """

    chosen: str | None = None

    def _remember(self) -> None:
        if self.row_count:
            self.chosen = str(self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value)

    def action_cursor_up(self) -> None:
        super().action_cursor_up()
        self._remember()

    def action_cursor_down(self) -> None:
        super().action_cursor_down()
        self._remember()

    def action_page_up(self) -> None:
        super().action_page_up()
        self._remember()

    def action_page_down(self) -> None:
        super().action_page_down()
        self._remember()

    def action_scroll_top(self) -> None:
        super().action_scroll_top()
        self._remember()

    def action_scroll_bottom(self) -> None:
        super().action_scroll_bottom()
        self._remember()
