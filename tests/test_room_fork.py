"""Seats forked from the room's warm parent (tui/cli/zygote.py, tui/serve/fork_seat.py), and its door."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
from pathlib import Path

import pytest

from tests.helpers.room import make_room
from tui.cli.zygote import SEAT_NICENESS
from tui.room.takeover import is_seat_app
from tui.serve import fork_wire as wire
from tui.serve.fork_seat import ForkedSeat, SeatForker, fork_possible

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not fork_possible(), reason="seats are forked on Linux only, with setproctitle"),
]


async def screen_until(master: int, text: bytes, timeout: float = 60) -> bytes:
    """What the seat's app wrote, read until `text` is in it."""
    loop = asyncio.get_running_loop()
    seen = bytearray()
    end = loop.time() + timeout
    while text not in seen and loop.time() < end:
        ready = asyncio.Event()
        loop.add_reader(master, ready.set)
        try:
            await asyncio.wait_for(ready.wait(), max(0.1, end - loop.time()))
        except TimeoutError:
            break
        finally:
            loop.remove_reader(master)
        try:
            seen += os.read(master, 65536)
        except OSError:
            break
    return bytes(seen)


async def welcomed_and_hung_up(forked: tuple[ForkedSeat, int] | None, label: str) -> None:
    """A forked seat shows its welcome on its terminal, then leaves on a hang-up."""
    assert forked is not None
    seat, master = forked
    try:
        assert f"plek {label}".encode() in await screen_until(master, f"plek {label}".encode())
        os.killpg(seat.pid, signal.SIGHUP)
        await asyncio.wait_for(seat.wait(), 30)
    finally:
        os.close(master)


async def ask(forker: SeatForker, message: dict[str, object] | bytes, fds: list[int]) -> dict[str, object] | None:
    """One raw request to the parent, as anything that can write on its socket could send it."""
    assert forker._sock is not None
    packet = message if isinstance(message, bytes) else wire.pack(message)
    answer: asyncio.Future[tuple[dict[str, object], int | None]] = asyncio.get_running_loop().create_future()
    request = message.get("id") if isinstance(message, dict) else None
    if isinstance(request, int):
        forker._answers[request] = answer
    socket.send_fds(forker._sock, [packet], fds)
    try:
        reply, pidfd = await asyncio.wait_for(answer, 1.0)
    except TimeoutError:
        return None
    assert pidfd is None
    return reply


def test_fork_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMENWERKEN_NO_FORK", "1")
    assert not fork_possible()


async def test_a_forked_seat_is_the_seats_app_on_its_own_terminal(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path)
    forker = SeatForker(folder.path, lambda: ("127.0.0.1", 2222))
    await forker.start()
    try:
        forked = await forker.fork("A", 80, 24, "xterm-256color")
        assert forked is not None
        seat, master = forked
        try:
            assert b"plek A" in await screen_until(master, b"plek A")
            assert is_seat_app(seat.pid, folder.path)  # a take-over finds it, `ps` names it
            assert os.getsid(seat.pid) == seat.pid  # a session of its own: a hang-up reaches it alone
            yielding = os.getpriority(os.PRIO_PROCESS, 0) + SEAT_NICENESS  # once its welcome is painted
            for _ in range(100):
                if os.getpriority(os.PRIO_PROCESS, seat.pid) >= yielding:
                    break
                await asyncio.sleep(0.05)
            assert os.getpriority(os.PRIO_PROCESS, seat.pid) >= yielding
            os.killpg(seat.pid, signal.SIGHUP)
            assert await asyncio.wait_for(seat.wait(), 30) == 128 + signal.SIGHUP  # it saved and left
        finally:
            os.close(master)
    finally:
        await forker.close()


async def test_the_parent_refuses_what_is_not_a_seat_request_and_goes_on(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path)
    forker = SeatForker(folder.path)
    await forker.start()
    try:
        await asyncio.wait_for(forker.ready.wait(), 60)
        master, slave = os.openpty()
        try:
            assert await ask(forker, b"\x00\x00\x00\x05{}", [slave]) is None  # a wrong length: no answer
            assert await ask(forker, b"\xff" * 5000, [slave]) is None  # too long
            assert await ask(forker, {"id": 1, "seat": "ZZ", "term": "xterm"}, [slave]) == {"id": 1, "error": "refused"}
            assert await ask(forker, {"id": 2, "seat": "A", "term": "xterm"}, []) == {"id": 2, "error": "refused"}
            assert await ask(forker, {"id": 3, "seat": "A", "port": 99999}, [slave]) == {"id": 3, "error": "refused"}
            hostile = {"id": 4, "seat": "A", "host": "-oProxyCommand=x", "port": 22}
            assert await ask(forker, hostile, [slave]) == {"id": 4, "error": "refused"}
        finally:
            os.close(master)
            os.close(slave)
        await welcomed_and_hung_up(await forker.fork("B", 80, 24, "xterm"), "B")  # still there, still forking
    finally:
        await forker.close()


async def test_a_parent_that_died_is_started_again(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path)
    forker = SeatForker(folder.path)
    await forker.start()
    try:
        assert forker.process is not None
        forker.process.kill()
        await forker.process.wait()
        await welcomed_and_hung_up(await forker.fork("C", 80, 24, "xterm"), "C")
        assert forker.restarts == 1
    finally:
        await forker.close()


async def test_the_warm_parent_starts_with_the_room_and_only_once(tmp_path: Path) -> None:
    """`room serve` warms the parent up before anyone logs in; a seat then forks from that same parent."""
    folder, _ = make_room(tmp_path)
    forker = SeatForker(folder.path)
    try:
        assert await forker.warm_up()
        assert forker.process is not None
        first = forker.process.pid
        await asyncio.wait_for(forker.ready.wait(), 60)  # loaded before any seat asked
        assert await forker.warm_up() and forker.process.pid == first  # warming up again starts nothing
        await welcomed_and_hung_up(await forker.fork("A", 80, 24, "xterm"), "A")
        assert forker.process.pid == first and forker.restarts == 0
    finally:
        await forker.close()
    assert not await forker.warm_up()  # a closed room starts no parent


async def test_the_room_tells_how_to_join_once_its_warm_parent_is_ready(tmp_path: Path) -> None:
    """`warmed` waits for the parent's loading; one that died or never started is not waited for."""
    folder, _ = make_room(tmp_path)
    forker = SeatForker(folder.path)
    try:
        assert not await forker.warmed(1.0)  # not started: nothing to wait for
        assert await forker.warm_up()
        assert await forker.warmed(60.0) and forker.ready.is_set()
        assert forker.process is not None
        forker.process.kill()
        await forker.process.wait()
        loop = asyncio.get_running_loop()
        began = loop.time()
        await forker.start()
        forker.process.kill()  # dies while loading: the wait ends with it, not after its patience
        assert not await forker.warmed(30.0)
        assert loop.time() - began < 10.0
    finally:
        await forker.close()


async def test_a_parent_still_loading_is_stopped_at_once_when_the_room_closes(tmp_path: Path) -> None:
    """Stopping a room right after it opened does not wait for the warm parent's loading."""
    folder, _ = make_room(tmp_path)
    forker = SeatForker(folder.path)
    await forker.start()
    process = forker.process
    assert process is not None and not forker.ready.is_set()
    loop = asyncio.get_running_loop()
    began = loop.time()
    await forker.close()
    assert loop.time() - began < 2.0  # loading alone takes longer than this (1.5 s of CPU or more)
    assert process.returncode == -signal.SIGKILL
    assert forker._sock is None
