"""Last year's room and this year's, for the tests of `room new --from` and `room compare`."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.room import answer
from tui.content import load_code_words, load_tool
from tui.room.model import Agreement
from tui.room.store import RoomFolder, RoomStore
from tui.room.succession import follow_room, read_last_year
from tui.session.editor import SessionEditor

FIRST = "waarom.geen-noodzaak"
"""The first statement of the walk: a seat of the new room lands on it."""
OPEN_STEP = "Agenda regio-overleg opstellen"
DONE_STEP = "Kennismaking afgerond"
AGREEMENT = "Gezamenlijke scholingsdag"


def item_ids() -> list[str]:
    return [item.id for item in load_tool().items]


def sessions_dir(tmp_path: Path) -> Path:
    return tmp_path / "sessions"


def last_year(tmp_path: Path, seats: int = 4, min_group: int = 3, title: str = "Regio Noord 2026") -> RoomFolder:
    """A room whose seats answered every statement (seat n answers (k + n) % 5 + 1), with steps and an agreement.

    Seat A also has an open step and a done one; the room agreed on one thing and was never closed.
    """
    folder, _ = RoomStore(sessions_dir(tmp_path)).create(
        title, seats, load_code_words(), "nl", welcome="", min_group=min_group
    )
    ids = item_ids()
    for n, label in enumerate("ABCDEFGH"[:seats]):
        answer(folder, label, {item_id: (k + n) % 5 + 1 for k, item_id in enumerate(ids)})
    store = folder.seat_store()
    editor = SessionEditor(store, store.load(folder.seat_path("A")))
    try:
        editor.add_step(OPEN_STEP, "Anna", "")
        done = editor.add_step(DONE_STEP, "", "")
        editor.toggle_step(done.id)
    finally:
        editor.close()
    folder.room.agreements.append(Agreement(text=AGREEMENT, who="allen", when="juni"))
    folder.save()
    return folder


def this_year(tmp_path: Path, earlier: RoomFolder, seats: int = 4, title: str = "Regio Noord 2027"):
    """Next year's room made as `room new --from` makes it; returns (folder, codes)."""
    return follow_room(
        RoomStore(sessions_dir(tmp_path)),
        read_last_year(earlier),
        title,
        seats,
        load_code_words(),
        min_group=earlier.room.min_group,
    )
