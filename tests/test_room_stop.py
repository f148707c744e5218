"""Stopping a room is clean: every seat saves, says so and closes, and `room serve` exits 0 within 5 s.

A real `room serve` process (headless, or the board on a pseudo-terminal), real seat
apps, and participants on asyncssh's client, each with a terminal of 80×24.
"""

from __future__ import annotations

import asyncio
import signal
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import asyncssh
import pytest

from tests.helpers.room import make_room
from tests.helpers.terminal import PtyApp, answers_in, free_port
from tui.room.store import RoomFolder

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
FIRST_ITEM = "waarom.geen-noodzaak"
STOPPING = b"De regiosessie stopt: elke plek bewaart en sluit."


@dataclass
class Participant:
    """One participant: an SSH connection, the seat's app on a terminal, all it showed."""

    conn: asyncssh.SSHClientConnection
    process: asyncssh.SSHClientProcess[bytes]
    output: bytearray = field(default_factory=bytearray)
    reader: asyncio.Task[None] | None = None

    async def read(self) -> None:
        while chunk := await self.process.stdout.read(65536):
            self.output.extend(chunk)

    def send(self, keys: str) -> None:
        self.process.stdin.write(keys.encode())


async def until(condition, timeout: float = 30.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        await asyncio.sleep(0.05)
    return bool(condition())


async def join(port: int, code: str) -> Participant:
    conn = await asyncssh.connect(
        "127.0.0.1", port, username="regio", password=code, known_hosts=None, preferred_auth="password"
    )
    process = await conn.create_process(term_type="xterm-256color", term_size=(80, 24), encoding=None)
    participant = Participant(conn, process)
    participant.reader = asyncio.create_task(participant.read())
    return participant


async def answer_first_item(participant: Participant, folder: RoomFolder, label: str, key: str) -> None:
    assert await until(lambda: f"plek {label}".encode() in participant.output), bytes(participant.output[-600:])
    participant.send("\r")
    assert await until(lambda: b"Deel 1/5" in participant.output), bytes(participant.output[-600:])
    participant.send(key)
    path = folder.seat_path(label)
    assert await until(lambda: answers_in(path) == {FIRST_ITEM: int(key)}), answers_in(path)


async def ended(participant: Participant) -> bool:
    """The participant's session closed (the server ended it)."""
    try:
        await asyncio.wait_for(participant.process.wait_closed(), 10)
    except TimeoutError:
        return False
    if participant.reader is not None:
        await asyncio.wait_for(participant.reader, 5)
    return True


@pytest.fixture
async def room(tmp_path: Path) -> AsyncIterator[tuple[RoomFolder, list[str], Path]]:
    folder, codes = make_room(tmp_path, seats=3)
    yield folder, codes, tmp_path / "sessions"


async def seated(folder: RoomFolder, codes: list[str], port: int) -> list[Participant]:
    """Three participants in, each with their first item answered (and on disk)."""
    participants = []
    for code in codes:
        for _ in range(100):  # the door may still be opening
            try:
                participants.append(await join(port, code))
                break
            except OSError:
                await asyncio.sleep(0.1)
    assert len(participants) == 3
    await asyncio.gather(
        *(answer_first_item(p, folder, label, key) for p, label, key in zip(participants, "ABC", "425", strict=True))
    )
    return participants


async def everyone_was_told_and_nothing_lost(participants: list[Participant], folder: RoomFolder) -> None:
    for participant, label, key in zip(participants, "ABC", "425", strict=True):
        assert await ended(participant), label
        assert STOPPING in participant.output, (label, bytes(participant.output[-400:]))
        assert answers_in(folder.seat_path(label)) == {FIRST_ITEM: int(key)}
        participant.conn.close()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl+C"])
async def test_headless_serve_stops_every_seat_cleanly_on_a_signal(room, sig: int) -> None:
    folder, codes, sessions = room
    port = free_port()
    serve = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tui", "--sessions-dir", str(sessions),
        "room", "serve", folder.room.id, "--headless", "--port", str(port),
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    assert serve.stdout is not None
    try:
        line = await asyncio.wait_for(serve.stdout.readline(), 30)
        assert f"ssh -p {port}".encode() in line
        participants = await seated(folder, codes, port)
        stopped_at = time.monotonic()
        serve.send_signal(sig)
        code = await asyncio.wait_for(serve.wait(), 5)
        assert code == 0 and time.monotonic() - stopped_at < 5
        await everyone_was_told_and_nothing_lost(participants, folder)
    finally:
        if serve.returncode is None:
            serve.kill()
            await serve.wait()


@pytest.mark.parametrize("how", ["q", "SIGTERM"])
async def test_the_board_stops_every_seat_cleanly(room, how: str) -> None:
    folder, codes, sessions = room
    port = free_port()
    board = PtyApp(["--sessions-dir", str(sessions), "room", "serve", folder.room.id, "--port", str(port)], cwd=ROOT)
    try:
        assert await until(lambda: f"ssh -p {port}".encode() in board.output), bytes(board.output[-600:])
        participants = await seated(folder, codes, port)
        assert await until(lambda: board.output.count("●".encode()) >= 3)
        stopped_at = time.monotonic()
        if how == "q":
            board.send("q")
            assert await until(lambda: b"Stoppen? 3 deelnemer(s)" in board.output, 10), bytes(board.output[-600:])
            stopped_at = time.monotonic()
            board.send("j")
        else:
            board.kill(signal.SIGTERM)
        assert await until(lambda: board.process.poll() is not None, 5), bytes(board.output[-600:])
        assert board.process.returncode == 0 and time.monotonic() - stopped_at < 5, bytes(board.output[-3000:]).decode(
            errors="replace"
        )
        await everyone_was_told_and_nothing_lost(participants, folder)
    finally:
        board.close()
