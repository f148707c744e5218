"""A seat's app and the facilitator's board for Pilot tests, and what tests read off them."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from tests.helpers.room import FakeServer
from tests.helpers.session import widget_text
from tui.app.factory import make_app
from tui.app.start import Board, RoomSeat, Seat
from tui.room.store import RoomFolder, read_room

ROOM_CHECK_SECONDS = 0.05
"""The apps look at the room's files this often here (1 s in use): the tests wait on what they see."""


def seat_app(folder: RoomFolder, label: str = "A"):
    store = folder.seat_store()
    stored = store.load(folder.seat_path(label))
    app = make_app(store, Seat(RoomSeat(folder, label), stored))
    app.room_check_seconds = ROOM_CHECK_SECONDS
    return app


def as_facilitator(folder: RoomFolder) -> RoomFolder:
    """The room as the board's process holds it: its own copy, written to the same file."""
    return RoomFolder(folder.path, read_room(folder.room_file))


def screen_text(app) -> str:
    """The texts of the screen's Statics, after its title bar's line (one widget of its own, not a Static)."""
    from tui.app.widgets.header import AppHeader

    titles = [str(header.render()).strip() for header in app.screen.query(AppHeader)]
    return "\n".join(titles + [widget_text(w) for w in app.screen.query(Static) if w.display])


def board_app(folder: RoomFolder, seats: set[str] | None = None):
    server = FakeServer(as_facilitator(folder), seats=seats or set())
    app = make_app(server.folder.seat_store(), Board(server))  # type: ignore[arg-type]
    app.room_check_seconds = ROOM_CHECK_SECONDS
    return app


def highlighted(app) -> str:
    table = app.screen.query_one("#board-items", DataTable)
    return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)


def row_ids(app) -> list[str]:
    table = app.screen.query_one("#board-items", DataTable)
    return [str(table.coordinate_to_cell_key((i, 0)).row_key.value) for i in range(table.row_count)]
