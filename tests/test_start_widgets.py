"""What a start mounts (issue 24): one key bar widget, no phone bar above a phone's width, styles applied once.

A start's cost grows with each widget it mounts and each time the stylesheet is applied to
a screen; these tests keep what was taken away from coming back, and show that what the
user sees and does stayed the same (the snapshots check the drawing itself).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.css.stylesheet import Stylesheet
from textual.widgets import Footer

from tests.helpers.session import until, walk_app
from tui.app.factory import make_app
from tui.app.start import Home
from tui.app.widgets.footer import SteadyFooter
from tui.app.widgets.phone import PhoneBar
from tui.session import SessionStore


def bar_text(app) -> str:
    return str(app.screen.query_one(SteadyFooter).render()).rstrip()


async def test_the_key_bar_is_one_widget_with_the_footers_keys(tmp_path: Path) -> None:
    app = make_app(SessionStore(tmp_path / "sessions"), Home())
    async with app.run_test(size=(100, 24)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen" and bar_text(app) != "")
        bar = app.screen.query_one(SteadyFooter)
        assert not bar.children and not app.screen.query(Footer)
        assert bar_text(app) == " n Nieuw  r Lezen  o Overzicht  v Vergelijken  ? Toetsen  q Stoppen"


async def test_the_key_bar_is_compact_below_80_columns_and_leaves_out_the_narrow_hidden_keys(tmp_path: Path) -> None:
    app, _, _ = walk_app(tmp_path)
    async with app.run_test(size=(100, 24)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen" and bar_text(app) != "")
        assert " l Bron  c Context " in bar_text(app)
        await pilot.resize_terminal(60, 20)
        await until(pilot, lambda: "Bron" not in bar_text(app))
        assert bar_text(app).startswith("1-5 Antwoord n Aantekening ")  # no padding, a space between keys


async def test_a_click_on_a_key_presses_it(tmp_path: Path) -> None:
    app = make_app(SessionStore(tmp_path / "sessions"), Home())
    async with app.run_test(size=(100, 24)) as pilot:
        await until(pilot, lambda: "Toetsen" in bar_text(app))
        await pilot.pause()
        await pilot.click(SteadyFooter, offset=(bar_text(app).index("Toetsen"), 0))
        await until(pilot, lambda: type(app.screen).__name__ == "HelpScreen")


async def test_the_walk_makes_its_phone_bar_only_at_a_phones_width(tmp_path: Path) -> None:
    app, _, _ = walk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
        await pilot.pause()
        assert not app.screen.query(PhoneBar)
        await pilot.resize_terminal(44, 40)
        await until(pilot, lambda: bool(app.screen.query(PhoneBar)) and app.screen.query_one(PhoneBar).region.area > 0)
        await pilot.resize_terminal(80, 24)
        await until(
            pilot, lambda: not app.screen.query_one(PhoneBar).display or app.screen.query_one(PhoneBar).region.area == 0
        )


async def test_a_screen_is_styled_once_when_it_opens(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its widgets get their styles as they mount; no whole-screen restyle follows (breakpoints, first resume)."""
    restyled: list[int] = []
    update_nodes = Stylesheet.update_nodes

    def counted(self: Stylesheet, nodes, animate: bool = False) -> None:
        nodes = list(nodes)
        restyled.append(len(nodes))
        update_nodes(self, nodes, animate=animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", counted)
    app, _, _ = walk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
        await pilot.pause()
        assert app.screen.has_class("-normal", "-tall")
        widgets = len(list(app.screen.walk_children()))
        assert max(restyled, default=0) < widgets / 2, restyled  # single widgets (focus, a class), never the screen


async def test_the_title_bar_is_one_widget_and_its_icon_opens_the_command_palette(tmp_path: Path) -> None:
    from textual.command import CommandPalette

    from tui.app.widgets.header import AppHeader

    app, _, _ = walk_app(tmp_path, title="Een titel die veel te lang is om in de balk te passen " * 2)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
        await pilot.pause()
        header = app.screen.query_one(AppHeader)
        line = str(header.render())
        assert not header.children and len(line) == 80 and line.startswith(" ⭘      Een titel")
        assert line.rstrip().endswith("…")  # cut with an ellipsis before the clock's place
        await pilot.click(AppHeader, offset=(40, 0))
        await until(pilot, lambda: header.size.height == 3)
        await pilot.click(AppHeader, offset=(1, 1))
        await until(pilot, lambda: isinstance(app.screen, CommandPalette))


async def test_the_walk_opens_without_buttons_and_mounts_vervolg_when_first_shown(tmp_path: Path) -> None:
    """The scale is one widget; Vervolg's pane is made when its part is first shown, and kept."""
    from textual.widgets import Button, OptionList

    from tui.app.widgets.steps import StepsPane

    app, _, _ = walk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
        await pilot.pause()
        assert not app.screen.query(Button) and not app.screen.query(StepsPane)
        await pilot.press("shift+tab")
        await until(pilot, lambda: app.focused is not None and app.focused.id == "steps")
        steps = app.screen.query_one("#steps", OptionList)
        assert "Nog geen" in str(steps.get_option_at_index(0).prompt)
        await until(pilot, lambda: steps.region.area > 0)
        assert not app.screen.query_one("#scale-pane").display
        await pilot.press("tab")
        await until(pilot, lambda: app.focused is not None and app.focused.id == "items")
        assert not app.screen.query_one(StepsPane).display
        await until(pilot, lambda: app.screen.query_one("#scale-pane").region.area > 0)  # laid out on the next refresh
        await pilot.press("shift+tab")
        await until(pilot, lambda: app.focused is not None and app.focused.id == "steps")
        assert len(app.screen.query(StepsPane)) == 1
