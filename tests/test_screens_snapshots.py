"""Every screen, as stored SVGs: at 80×24 and 120×40, in the dark theme, the light theme and without colour.

What is shown is fixed: titles, answers, dates (in UTC), a relative sessions
folder. A changed snapshot is a changed screen: look at the report before
updating (`pytest tests/test_screens_snapshots.py --snapshot-update`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from tests.helpers.room import FakeServer, answer, make_room
from tui.app.factory import make_app
from tui.app.start import Board, Home, Overview, Read, RoomSeat, Seat, Walk
from tui.room.store import RoomFolder, read_room
from tui.session import SessionStore
from tui.session.editor import SessionEditor

pytestmark = pytest.mark.slow

CREATED = datetime(2024, 2, 5, 9, 15, tzinfo=UTC)
UPDATED = datetime(2024, 2, 6, 14, 30, tzinfo=UTC)
TODAY = date(2024, 2, 6)
"""The day of UPDATED: the day the due dates of the steps are judged on."""
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
LOOKS = ["dark", "light", "no-color"]


def fixed_session(store: SessionStore, title: str, scores: Callable[[int], int] | None = None, steps: int = 0):
    """A session with fixed dates; answered with `scores(n)` for the n-th item, and `steps` next steps."""
    stored = store.create(title)
    if scores or steps:
        from tui.content import load_tool

        editor = SessionEditor(store, stored)
        for n, item in enumerate(load_tool().items if scores else []):
            editor.answer(item.id, scores(n) if scores else 3)
        for n in range(steps):  # the first is overdue on TODAY, the next ones ahead
            when = "1 februari 2024" if n == 0 else "mei"
            editor.add_step(f"Stap {n + 1}: overleg plannen met de besturen", who="Anna", when=when)
        editor.close()
        stored = store.load(stored.path)
    stored.session.created, stored.session.updated = CREATED, UPDATED
    for answer_ in stored.session.answers.values():
        answer_.at = UPDATED
    store.save(stored, touch=False)
    return store.load(stored.path)


def home(store: SessionStore):
    fixed_session(store, "RPO Noord-Veluwe", lambda n: 1 + n % 5, steps=1)
    fixed_session(store, "Samenwerkingsverband Zuid")
    return make_app(store, Home()), []


def reader(store: SessionStore):
    return make_app(store, Read("factoren")), []


def walk(store: SessionStore):
    stored = fixed_session(store, "Regio Test")
    return make_app(store, Walk(stored)), ["4", "2", "5"]


def vervolg(store: SessionStore):
    stored = fixed_session(store, "Regio Test", steps=2)
    return make_app(store, Walk(stored)), ["shift+tab"]


def step_dialog(store: SessionStore):
    """A new step whose 'when' is no date: the dialog says, gently, that it keeps the text."""
    stored = fixed_session(store, "Regio Test", steps=1)
    return make_app(store, Walk(stored)), ["shift+tab", "a", *"Plan", "enter", "enter", *"na de zomer"]


def overview(store: SessionStore):
    stored = fixed_session(store, "Regio Overzicht", lambda n: 1 + (n * 3) % 5, steps=1)
    return make_app(store, Overview(stored)), []


def compare(store: SessionStore):
    fixed_session(store, "Regio A", lambda n: 1 + n % 5)
    fixed_session(store, "Regio B", lambda n: 5 - n % 5)
    return make_app(store, Home()), ["space", "down", "space", "v"]


def context(store: SessionStore):
    stored = fixed_session(store, "Regio Context")
    return make_app(store, Walk(stored)), ["c"]


def help_screen(store: SessionStore):
    stored = fixed_session(store, "Regio Hulp")
    return make_app(store, Walk(stored)), ["question_mark"]


def room_welcome(store: SessionStore):
    folder, _ = make_room(store.root.parent, seats=3)
    stored = folder.seat_store().load(folder.seat_path("A"))
    return make_app(folder.seat_store(), Seat(RoomSeat(folder, "A"), stored)), []


def room_take_home(store: SessionStore):
    """A seat's export over SSH: the bewaar commands instead of a file on the facilitator's machine."""
    from tui.render.take_home import Door

    folder, _ = make_room(store.root.parent, seats=3)
    stored = folder.seat_store().load(folder.seat_path("A"))
    seat = RoomSeat(folder, "A", door=Door("regio.example.org", 2222))
    return make_app(folder.seat_store(), Seat(seat, stored)), ["enter", "o", "e"]


def board(store: SessionStore):
    folder, _ = make_room(store.root.parent, seats=3)
    answer(folder, "A", {"waarom.geen-noodzaak": 1, "helpt.urgentie": 4})
    answer(folder, "B", {"waarom.geen-noodzaak": 5, "helpt.urgentie": 4})
    answer(folder, "C", {"waarom.geen-noodzaak": 4})  # three answers: shown; two: not enough yet
    server = FakeServer(
        RoomFolder(folder.path, read_room(folder.room_file)),
        port=2222,
        fingerprint="SHA256:vaste-sleutel-voor-de-test",
        seats={"A"},
    )
    return make_app(server.folder.seat_store(), Board(server)), []  # type: ignore[arg-type]


SCREENS = {
    "home": home,
    "reader": reader,
    "walk": walk,
    "vervolg": vervolg,
    "step-dialog": step_dialog,
    "overview": overview,
    "compare": compare,
    "context": context,
    "help": help_screen,
    "room-welcome": room_welcome,
    "room-take-home": room_take_home,
    "board": board,
}


@pytest.mark.parametrize("look", LOOKS)
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, fixed_place: SessionStore, monkeypatch, screen: str, size: str, look: str) -> None:
    if look == "no-color":
        monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr("tui.session.due.today", lambda: TODAY)  # overdue steps stay overdue in every year
    app, keys = SCREENS[screen](fixed_place)
    if look == "light":
        app.theme = "textual-light"
    assert snap_compare(app, terminal_size=SIZES[size], press=keys)
