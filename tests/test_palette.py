"""The command palette reaches every section of the note and, in a walk, every item."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandList

from tests.helpers.session import until, walk_app
from tui.app.factory import make_app
from tui.app.start import Home
from tui.session import SessionStore


def first_hit(app) -> str | None:
    """The palette's first result as shown, once the search has found one."""
    hits = app.screen.query(CommandList)
    if not hits or hits.first().option_count == 0:
        return None
    return str(hits.first().get_option_at_index(0).prompt)


async def test_palette_opens_a_section_from_home(tmp_path: Path) -> None:
    app = make_app(SessionStore(tmp_path / "sessions"), Home())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"kortom")
        await until(pilot, lambda: first_hit(app) is not None)
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
        await until(pilot, lambda: "Wat hindert" in (first_hit(app) or ""))
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.part.id == "hindert"
        await pilot.press("4")
        await pilot.pause()
        assert app.screen.editor.session.answers["hindert.wet-en-regelgeving"].score == 4


async def test_the_palette_speaks_the_apps_language(tmp_path: Path) -> None:
    from textual.command import CommandInput

    app = make_app(SessionStore(tmp_path / "sessions"), Home())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await until(pilot, lambda: first_hit(app) is not None)
        assert app.screen.query_one(CommandInput).placeholder == "Zoek een opdracht, onderdeel of item…"
        await pilot.press(*"kleuren")
        await until(pilot, lambda: "Kleurenschema" in (first_hit(app) or ""))
        await pilot.press("enter")
        await until(
            pilot,
            lambda: (
                app.screen.query(CommandInput)
                and app.screen.query_one(CommandInput).placeholder == "Zoek een kleurenschema…"
            ),
        )


async def test_the_help_names_the_palettes_key_in_dutch(tmp_path: Path) -> None:
    from tui.app.screens.base import AppScreen
    from tui.app.screens.help import help_rows

    app = make_app(SessionStore(tmp_path / "sessions"), Home())
    async with app.run_test(size=(80, 40)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        assert isinstance(app.screen, AppScreen)
        rows = dict(help_rows(app.screen))
        assert rows.get("^p") == "Opdrachten zoeken"
        assert "palette" not in " ".join(rows.values())
