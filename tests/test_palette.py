"""The command palette reaches every section of the note and, in a walk, every item."""

from __future__ import annotations

from pathlib import Path

from tests.session_helpers import walk_app
from tui.factory import make_app
from tui.session import SessionStore
from tui.start import Start


async def test_palette_opens_a_section_from_home(tmp_path: Path) -> None:
    app = make_app(SessionStore(tmp_path / "sessions"), Start("home"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"kortom")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReaderScreen"
        assert app.screen.section_id == "kortom"


async def test_palette_jumps_to_an_item_in_the_walk(tmp_path: Path) -> None:
    app, _, _ = walk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Ga naar deel: Wat hindert")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.part.id == "hindert"
        await pilot.press("4")
        await pilot.pause()
        assert app.screen.editor.session.answers["hindert.wet-en-regelgeving"].score == 4
