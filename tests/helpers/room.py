"""Rooms for tests: made through the store, seats answered through the editor, as the app does."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tui.content import load_code_words
from tui.room.store import RoomFolder, RoomStore
from tui.session.editor import SessionEditor


def make_room(tmp_path: Path, seats: int = 3, title: str = "Regio Test", language: str = "nl"):
    """A room in `tmp_path/sessions/rooms`; returns (folder, codes)."""
    return RoomStore(tmp_path / "sessions").create(title, seats, load_code_words(), language, welcome="Welkom!")


def answer(
    folder: RoomFolder,
    label: str,
    scores: dict[str, int | str],
    remarks: dict[str, str] | None = None,
    shared: set[str] | None = None,
) -> None:
    """Seat `label` answers: a score 1–5, or "nvt"; remarks (shared where named)."""
    store = folder.seat_store()
    editor = SessionEditor(store, store.load(folder.seat_path(label)))
    try:
        for item_id, score in scores.items():
            if score == "nvt":
                editor.not_applicable(item_id)
            else:
                editor.answer(item_id, int(score))
        for item_id, text in (remarks or {}).items():
            editor.remark(item_id, text)
            if item_id in (shared or set()):
                editor.share(item_id, True)
    finally:
        editor.close()


@dataclass
class FakeServer:
    """What the board asks of the SSH server, without a network."""

    folder: RoomFolder
    host: str = "127.0.0.1"
    port: int = 2299
    fingerprint: str = "SHA256:test"
    seats: set[str] = field(default_factory=set)
    on_change: object = None
    web_url: str | None = None
    beamer_url: str | None = None

    def connected(self) -> set[str]:
        return self.seats
