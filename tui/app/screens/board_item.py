"""`v` on the board: one statement in full, on the facilitator's screen only.

The board's table cuts statements to fit; before Enter opens an item for every
seat, the facilitator may want to read it whole, with its part, its direction and
its counts. Nothing here is written to the room file: no seat sees it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.app.screens.base import AppModal


class BoardItemDialog(AppModal[None]):
    """A statement read in full; Escape, Enter, v or space closes."""

    STYLE_FILES = ("dialogs.tcss", "room.tcss")
    """Its rules beside app.tcss's (see `tui.app.screens.base.read_style_files`)."""

    BINDINGS = [Binding("escape,enter,v,space", "close", "key.close", id="board_item.close")]

    def __init__(self, heading: str, body: object) -> None:
        super().__init__()
        self.heading = heading
        self.body = body

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide", id="board-item"):
            yield Static(self.heading, classes="hint", id="board-item-heading")
            yield Static(self.body, id="board-item-text")  # type: ignore[arg-type]

    def action_close(self) -> None:
        self.dismiss(None)
