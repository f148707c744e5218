"""A SteadyStatic lays out the screen only when its new text changes its size, and always shows all of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen

from tests.helpers.session import walk_app
from tui.app.widgets.lists import SteadyStatic

SIZE = (40, 12)


class Texts(App[None]):
    CSS = """
    #row { height: 1; }
    #fill { width: 1fr; }
    #auto { width: auto; }
    #wrapped { padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal(id="row"):
            yield SteadyStatic("Deel 1 · stelling 1/8", id="fill")
            yield SteadyStatic("1/40", id="auto")
        yield SteadyStatic("een korte zin", id="wrapped")
        yield SteadyStatic("onder", id="below")


def lines(widget: SteadyStatic) -> list[str]:
    return [line.text.rstrip() for line in widget.render_lines(widget.region.reset_offset)]


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per layout of a screen."""
    counted: list[int] = []
    original = Screen._refresh_layout

    def counting(self: Screen[object], *args: object, **kwargs: object) -> None:
        counted.append(1)
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Screen, "_refresh_layout", counting)
    return counted


async def test_the_same_size_repaints_without_a_layout(layouts: list[int]) -> None:
    app = Texts()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        fill, auto, wrapped = (app.query_one(f"#{name}", SteadyStatic) for name in ("fill", "auto", "wrapped"))
        before = len(layouts)
        fill.update("Deel 2 · stelling 3/8")
        auto.update("2/40")
        wrapped.update("een andere zin")
        await pilot.pause()
        assert len(layouts) == before
        assert lines(fill) == ["Deel 2 · stelling 3/8"]
        assert lines(auto) == ["2/40"]
        assert lines(wrapped) == [" een andere zin"]


async def test_a_text_of_other_size_is_laid_out_and_shown_whole(layouts: list[int]) -> None:
    app = Texts()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        auto, wrapped, below = (app.query_one(f"#{name}", SteadyStatic) for name in ("auto", "wrapped", "below"))
        before = len(layouts)
        wrapped.update("een zin die langer is dan een regel van veertig tekens breed")
        await pilot.pause()
        assert len(layouts) == before + 1
        assert len(lines(wrapped)) == 2
        long = "een zin die langer is dan een regel van veertig tekens breed"
        assert " ".join(lines(wrapped)).split() == long.split(" ")
        assert below.region.y == wrapped.region.bottom  # what follows moved down a line
        auto.update("12/40")
        await pilot.pause()
        assert len(layouts) == before + 2
        assert lines(auto) == ["12/40"]


async def test_answering_lays_out_only_when_the_statement_takes_other_lines(tmp_path: Path, layouts: list[int]) -> None:
    app, _, _ = walk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = app.screen.query_one("#item-text", SteadyStatic)
        heights, before = [], len(layouts)
        for _ in range(8):
            await pilot.press("3")
            await pilot.pause()
            heights.append(text.region.height)
            statement = app.screen.item.loc("text", "nl")
            assert " ".join(line.strip() for line in lines(text)).split() == statement.split()  # all of it
        changes = sum(1 for a, b in zip(heights, heights[1:], strict=False) if a != b)
        assert len(layouts) - before <= 2 * changes  # the list below may lay out again: its scrollbar came or went
        assert len(layouts) - before < 8  # not one per answer


async def test_an_answered_item_shows_its_mark_in_the_list_at_once(tmp_path: Path) -> None:
    app, _, _ = walk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        items = app.screen.query_one("#items")
        before = [line.text for line in items.render_lines(items.region.reset_offset)]
        await pilot.press("3", "5")
        await pilot.pause()
        after = [line.text for line in items.render_lines(items.region.reset_offset)]
        assert after[0].strip().startswith("✓ 3") and after[1].strip().startswith("✓ 5")
        shown = min(len(after), len(before))  # the list may be a line shorter: the next statement is longer
        assert after[0][12:] == before[0][12:] and after[2:shown] == before[2:shown]  # the statements, other rows
