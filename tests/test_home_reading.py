"""A folder with many new files: the home screen is there at once and fills in when they are read."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from tests.helpers.session import until, widget_text
from tui.app.factory import make_app
from tui.app.screens.home import HomeScreen, SessionList
from tui.session import SessionStore, listing


@pytest.fixture
def three_sessions(tmp_path: Path) -> Path:
    store = SessionStore(tmp_path / "sessions")
    for n in range(3):
        store.create(f"Regio {n}")
    return store.root


@pytest.fixture
def gated_reads(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, list[Path]]:
    """Reading a session file (tui.session.row_read, then the full way if need be) waits until the test opens the gate.

    The files read are listed.
    """
    gate, read = threading.Event(), []
    quick = listing.read_entry

    def gated(path: str, *args: Any) -> Any:
        read.append(Path(path))
        assert gate.wait(10), "the gate was never opened"
        return quick(path, *args)

    monkeypatch.setattr(listing, "read_entry", gated)
    monkeypatch.setattr(HomeScreen, "read_beside_from", 2)
    return gate, read


async def test_the_screen_is_there_while_the_files_are_read_then_fills_in(
    three_sessions: Path, gated_reads: tuple[threading.Event, list[Path]]
) -> None:
    gate, read = gated_reads
    app = make_app(SessionStore(three_sessions))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: bool(read))
        table = app.screen.query_one("#sessions", SessionList)
        hint = app.screen.query_one("#home-empty", Static)
        assert "De reflecties in deze map worden gelezen (3 bestanden)" in widget_text(hint)
        assert not table.display
        await pilot.press("question_mark")  # the keys work meanwhile
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        gate.set()
        await until(pilot, lambda: table.row_count == 3)
        assert table.display and widget_text(hint) == ""
        await pilot.resize_terminal(100, 30)  # unchanged files are not read again
        await pilot.pause()
        assert len(read) == 3 and table.row_count == 3


async def test_quitting_while_the_files_are_read_stops_reading(
    three_sessions: Path, gated_reads: tuple[threading.Event, list[Path]]
) -> None:
    gate, read = gated_reads
    app = make_app(SessionStore(three_sessions))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: bool(read))
        await pilot.press("q")
        gate.set()
    assert app.return_code == 0
    assert len(read) == 1  # the file being read when q came; no more


async def test_a_few_new_files_are_read_before_the_screen_shows(three_sessions: Path) -> None:
    app = make_app(SessionStore(three_sessions))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#sessions", SessionList).row_count == 3


async def test_a_big_folder_first_shown_asks_no_file_for_its_status_before_the_screen(
    three_sessions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even each file's status (tens of ms for 10,000) is asked for beside the screen, not before its first paint."""
    monkeypatch.setattr(HomeScreen, "read_beside_from", 2)
    asked: list[bool] = []
    files = SessionStore.files

    def watched(self: SessionStore):
        asked.append(threading.current_thread() is threading.main_thread())
        return files(self)

    monkeypatch.setattr(SessionStore, "files", watched)
    app = make_app(SessionStore(three_sessions))
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#sessions", SessionList)
        await until(pilot, lambda: table.row_count == 3)
        assert asked and not any(asked)  # asked, and only beside the screen
