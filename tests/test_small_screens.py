"""At 60×20 the screens fit: home shortens titles instead of cutting columns, the reader's contents narrow."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import VerticalScroll

from tests.helpers.session import until
from tui.app.factory import make_app
from tui.app.screens.home import SessionList
from tui.app.start import Home, Read
from tui.session import SessionStore

SMALL = (60, 20)
LONG_TITLE = "Samenwerkingsverband Noord-Veluwe en omstreken, voorjaar 2026"


async def test_home_at_60_columns_shows_every_column_and_shortens_the_title(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions")
    store.create(LONG_TITLE)
    app = make_app(store, Home())
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#sessions", SessionList)
        widths = table.render_widths
        assert sum(widths) <= 58, widths  # all three columns inside the window
        assert str(table.get_row_at(0)[0]) == "Samenwerkingsverband…"
        assert not app.screen.query_one("#home-about").display  # the introduction makes room
        await pilot.resize_terminal(120, 40)
        wide = "Samenwerkingsverband Noord-Veluwe en omstreken, voorjaar…"  # at most 60 cells, cut at a word
        await until(pilot, lambda: str(table.get_row_at(0)[0]) == wide)
        assert app.screen.query_one("#home-about").display


async def test_the_readers_contents_narrow_and_hiding_them_keeps_the_place(tmp_path: Path) -> None:
    app = make_app(SessionStore(tmp_path / "sessions"), Read("factoren"))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#toc").outer_size.width == 18
        page = app.screen.query_one("#page", VerticalScroll)
        page.scroll_to(y=page.max_scroll_y // 2, animate=False)
        await pilot.pause()
        before = page.scroll_y / page.max_scroll_y
        await pilot.press("t")
        await until(pilot, lambda: not app.screen.query_one("#toc").display)
        await until(pilot, lambda: abs(page.scroll_y / page.max_scroll_y - before) < 0.05)


def contrast(a, b) -> float:
    """WCAG's contrast ratio of two colours."""

    def luminance(colour) -> float:
        def channel(byte: int) -> float:
            c = byte / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = colour.rgb
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", ["textual-light", "catppuccin-latte", "solarized-light", "textual-dark", "nord"])
async def test_the_question_heading_meets_wcag_aa_contrast(tmp_path: Path, theme: str) -> None:
    from tests.helpers.session import walk_app

    app, _, _ = walk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await pilot.pause()
        heading = app.screen.query_one("#walk-question")
        assert contrast(heading.styles.color, heading.background_colors[1]) >= 4.5, theme
