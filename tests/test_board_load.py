"""The board under load: its seats' files are read in a thread, so keys act while a reading is under way."""

from __future__ import annotations

import threading
from pathlib import Path

from tests.helpers.pilot import SIZE, screen_name
from tests.helpers.room import answer, make_room
from tests.helpers.room_apps import board_app
from tests.helpers.session import until

WHY = "waarom.geen-noodzaak"


class SlowReading:
    """Wraps the board's reading: each one waits until the test lets it go, and says how many ran at once."""

    def __init__(self, read) -> None:
        self.read = read
        self.gate = threading.Event()
        self.started = threading.Event()
        self.lock = threading.Lock()
        self.running = 0
        self.most = 0
        self.count = 0

    def __call__(self, seats: set[str]):
        with self.lock:
            self.running += 1
            self.count += 1
            self.most = max(self.most, self.running)
        self.started.set()
        try:
            assert self.gate.wait(30), "the test never let the reading go"
            return self.read(seats)
        finally:
            with self.lock:
                self.running -= 1


async def test_keys_act_while_the_seats_files_are_read(tmp_path: Path) -> None:
    """A slow reading (sixty seats joining on a busy machine) holds no key: `a` opens the agreement dialog."""
    folder, _ = make_room(tmp_path, seats=6)
    app = board_app(folder)  # reads every 0.05 s
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        board = app.screen
        slow = SlowReading(board.reading.read)
        board.reading.read = slow
        for label in "ABC":
            answer(folder, label, {WHY: 2})
        board.seats_changed()
        await until(pilot, slow.started.is_set)
        await pilot.press("a")
        await until(pilot, lambda: screen_name(app) == "StepDialog")
        assert board.reading.running and slow.running == 1  # the reading is still under way
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "BoardScreen")
        await pilot.pause(0.3)  # the board's own check asks again and again meanwhile
        assert slow.count == 1 and slow.most == 1  # …but never a second reading beside the first
        slow.gate.set()
        await until(pilot, lambda: (board.view.item(WHY).counts or {}).get("2") == 3)
        assert slow.most == 1


async def test_a_change_made_during_a_reading_is_read_after_it(tmp_path: Path) -> None:
    """The latest wins: a seat that answers while a reading runs is shown by the reading that follows."""
    folder, _ = make_room(tmp_path, seats=6)
    app = board_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        board = app.screen
        slow = SlowReading(board.reading.read)
        board.reading.read = slow
        for label in "AB":
            answer(folder, label, {WHY: 5})
        board.seats_changed()
        await until(pilot, slow.started.is_set)
        answer(folder, "C", {WHY: 5})  # after the reading began
        board.seats_changed()
        slow.gate.set()
        await until(pilot, lambda: (board.view.item(WHY).counts or {}).get("5") == 3)
        assert slow.most == 1
