"""Tables for a plenary: real rooms on separate 'machines' (folders), answered and exported as JSON."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.room import answer
from tui.content import load_code_words, load_tool
from tui.room.model import Agreement
from tui.room.store import RoomFolder, RoomStore


def table_room(tmp_path: Path, name: str, title: str, seats: int, min_group: int = 3) -> RoomFolder:
    folder, _ = RoomStore(tmp_path / name / "sessions").create(
        title, seats, load_code_words(), "nl", welcome="", min_group=min_group
    )
    return folder


def export_room(run, folder: RoomFolder, target: Path) -> Path:
    """The table's report as its facilitator makes it: `room export ROOM --format json -o FILE`."""
    sessions = folder.path.parent.parent
    result = run(
        "--sessions-dir", str(sessions), "room", "export", folder.room.id, "--format", "json", "-o", str(target)
    )
    assert result.code == 0, result.err
    return target


def answered_tables(tmp_path: Path, run, grids: list[tuple[str, dict[str, list[int]], list[Agreement]]]) -> list[Path]:
    """One exported table per (title, {item: the seats' scores}, agreements); seat n answers score n of each item."""
    files = []
    for n, (title, scores, agreements) in enumerate(grids, start=1):
        seats = max(len(s) for s in scores.values())
        folder = table_room(tmp_path, f"machine-{n}", title, seats)
        for index, label in enumerate("ABCDEFGH"[:seats]):
            answer(folder, label, {item: s[index] for item, s in scores.items() if index < len(s)})
        folder.room.agreements.extend(agreements)
        folder.save()
        files.append(export_room(run, folder, tmp_path / f"tafel-{n}.json"))
    return files


def first_items() -> tuple[list[str], list[str]]:
    """The item ids of the first two parts of the questions."""
    parts = load_tool().scale_parts
    return [i.id for i in parts[0].items], [i.id for i in parts[1].items]
