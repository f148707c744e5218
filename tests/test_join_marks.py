"""The room's server writes the seats' joins to room.toml, those of a moment in one save (tui/serve/join_marks.py)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.helpers.room import make_room
from tui.room.store import RoomFolder, read_room
from tui.serve.join_marks import JOIN_SAVE_SECONDS, JoinMarks


async def test_the_joins_of_a_moment_are_one_save_and_on_disk_soon(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _ = make_room(tmp_path, seats=5)
    saves: list[None] = []
    save = RoomFolder.save

    def counted(self: RoomFolder) -> None:
        saves.append(None)
        save(self)

    monkeypatch.setattr(RoomFolder, "save", counted)
    joins = JoinMarks(folder)
    for label in "ABCD":
        joins.mark(label)
    assert all(folder.room.seat(label).joined is not None for label in "ABCD")  # at once, in memory
    first = folder.room.seat("A").joined
    joins.mark("A")  # again: its first join stays
    assert folder.room.seat("A").joined == first
    for _ in range(int(JOIN_SAVE_SECONDS * 200)):
        if saves:
            break
        await asyncio.sleep(0.01)
    assert len(saves) == 1
    on_disk = read_room(folder.room_file)
    assert [s.label for s in on_disk.seats if s.joined is not None] == list("ABCD")
    await asyncio.sleep(JOIN_SAVE_SECONDS * 1.5)
    assert len(saves) == 1  # nothing new, nothing written


async def test_joins_not_yet_saved_are_written_when_the_room_stops(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path, seats=2)
    joins = JoinMarks(folder)
    joins.mark("B")
    joins.flush()  # as RoomServer.stop does
    assert read_room(folder.room_file).seat("B").joined is not None
    assert read_room(folder.room_file).seat("A").joined is None
