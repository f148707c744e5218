"""Seats forked at once start in turns (tui/cli/seat_turns.py); a seat's first screen lets the next go (tui/app/shown.py)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.helpers.room import make_room
from tests.helpers.room_apps import seat_app
from tests.helpers.session import until
from tui.app import shown
from tui.cli import seat_turns
from tui.cli.seat_turns import Turns, close_all_but, wait_turn


def test_a_seat_waits_for_the_one_turns_places_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(seat_turns, "TURNS", 2)
    turns = Turns()
    places = []
    for _ in range(4):
        ahead, read, write = turns.next()
        places.append((ahead, read, write))
        turns.forked(read, write)  # the child's write end is the child's: closed here
    firsts = [ahead for ahead, _, _ in places]
    assert firsts[:2] == [None, None]
    assert firsts[2] is not None
    turns.close()


def test_the_wait_ends_when_the_seat_ahead_closes_its_pipe() -> None:
    read, write = os.pipe()
    os.close(write)  # the seat ahead painted its screen, or exited
    started = time.monotonic()
    wait_turn(read)
    assert time.monotonic() - started < 1.0
    with pytest.raises(OSError):
        os.fstat(read)  # the child closes what it waited on


def test_a_seat_that_hangs_holds_the_next_up_for_turn_wait_from_its_begin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(seat_turns, "TURN_WAIT", 0.1)
    read, write = os.pipe()
    seat_turns.begin(write)  # the seat ahead began, and then hangs
    started = time.monotonic()
    wait_turn(read)
    assert 0.05 < time.monotonic() - started < 2.0
    os.close(write)


def test_a_seat_waits_while_the_one_ahead_is_still_in_the_queue(monkeypatch: pytest.MonkeyPatch) -> None:
    """The turn's clock starts when the seat ahead begins: a long queue does not run out all at once."""
    monkeypatch.setattr(seat_turns, "TURN_WAIT", 0.05)
    monkeypatch.setattr(seat_turns, "QUEUE_WAIT", 0.4)
    read, write = os.pipe()
    started = time.monotonic()
    wait_turn(read)  # the one ahead never began: only QUEUE_WAIT ends this wait
    assert time.monotonic() - started >= 0.35
    os.close(write)


def test_close_all_but_keeps_what_is_asked() -> None:
    fds = [os.open(os.devnull, os.O_RDONLY) for _ in range(3)]
    pid = os.fork()
    if pid == 0:  # the child closes; its exit code tells what it found
        close_all_but({fds[1]})
        alive = []
        for fd in fds:
            try:
                os.fstat(fd)
                alive.append(fd)
            except OSError:
                pass
        os._exit(0 if alive == [fds[1]] else 1)
    _, status = os.waitpid(pid, 0)
    for fd in fds:
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0


async def test_a_seat_welcome_painted_calls_what_waits(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path)
    called: list[str] = []
    shown.waiting.append(lambda: called.append("next seat"))
    try:
        app = seat_app(folder)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: called == ["next seat"])
            assert "plek A" in app.screen.query_one("#welcome-text").render().plain
    finally:
        shown.waiting.clear()
