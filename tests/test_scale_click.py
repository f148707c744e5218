"""The scale under a statement answers a click, as the digit keys do (issue 24 made it one widget).

The row is drawn as `  1    2    3    4    5    0 n.v.t. ` inside the scale's one-cell
padding: each value five cells wide (n.v.t. twelve) with one cell between them. A click
lands at an offset from the widget's left edge, padding included.
"""

from __future__ import annotations

from pathlib import Path

from textual import events

from tests.helpers.session import item_ids, read_session, until, walk_app
from tui.app.widgets.scale import ScaleBar

SIZE = (80, 24)
THREE = (1 + 12 + 2, 0)
"""On the label of 3: the padding, 1 and 2 with their margins, two cells into the value."""
NOT_APPLICABLE = (1 + 30 + 5, 0)
GAP = (1 + 5, 0)
"""The cell between 1 and 2."""


async def opened(pilot, app) -> ScaleBar:
    await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen" and app.screen.query_one(ScaleBar).region)
    await pilot.pause()
    return app.screen.query_one(ScaleBar)


async def test_a_click_on_a_value_answers_the_item_and_moves_on(tmp_path: Path) -> None:
    app, _, stored = walk_app(tmp_path)
    ids = item_ids()
    async with app.run_test(size=SIZE) as pilot:
        scale = await opened(pilot, app)
        await pilot.click(ScaleBar, offset=GAP)  # beside the values, and on the anchors' line: nothing
        await pilot.click(ScaleBar, offset=(3, 1))
        await pilot.pause()
        assert read_session(stored.path)["answers"] == {}

        await pilot.click(ScaleBar, offset=THREE)
        await until(pilot, lambda: read_session(stored.path)["answers"].get(ids[0], {}).get("score") == 3)
        await until(pilot, lambda: app.screen.item.id == ids[1] and scale.value is None)

        await pilot.pause(0.3)  # after the click's tint: a value answers again
        await pilot.click(ScaleBar, offset=NOT_APPLICABLE)
        await until(pilot, lambda: read_session(stored.path)["answers"].get(ids[1], {}).get("not_applicable") is True)

        await pilot.press("up")
        await until(pilot, lambda: scale.value == 0)
        line = scale.render_line(0)
        chosen = [segment for segment in line if segment.text.strip() == "0 n.v.t."]
        assert chosen and chosen[0].style is not None and chosen[0].style.reverse  # the answer shows reversed


async def test_a_double_click_answers_one_item_only(tmp_path: Path) -> None:
    """The second click of a double click lands while the value shows its tint: ignored, as a Button did."""
    app, _, stored = walk_app(tmp_path)
    ids = item_ids()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, app)
        await pilot.click(ScaleBar, offset=THREE, times=2)
        await until(pilot, lambda: ids[0] in read_session(stored.path)["answers"])
        await pilot.pause()
        assert list(read_session(stored.path)["answers"]) == [ids[0]]


async def test_a_double_clicks_second_click_that_comes_late_is_no_answer(tmp_path: Path) -> None:
    """A busy app may get to a double click's second click after the tint: it still answers nothing."""
    app, _, stored = walk_app(tmp_path)
    ids = item_ids()
    async with app.run_test(size=SIZE) as pilot:
        scale = await opened(pilot, app)
        await pilot.click(ScaleBar, offset=THREE)
        await until(pilot, lambda: ids[0] in read_session(stored.path)["answers"])
        await until(pilot, lambda: app.screen.item.id == ids[1] and scale._active is None)  # the tint is over

        x, y = scale.region.x + THREE[0], scale.region.y + THREE[1]
        scale.post_message(events.Click(scale, *THREE, 0, 0, 1, False, False, False, screen_x=x, screen_y=y, chain=2))
        await pilot.pause()
        assert list(read_session(stored.path)["answers"]) == [ids[0]]

        await pilot.click(ScaleBar, offset=THREE)  # a click of its own answers again
        await until(pilot, lambda: ids[1] in read_session(stored.path)["answers"])


async def test_the_value_under_the_mouse_is_drawn_darker(tmp_path: Path) -> None:
    app, _, _ = walk_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        scale = await opened(pilot, app)

        def background(label: str) -> object:
            return next(s.style.bgcolor for s in scale.render_line(0) if s.text.strip() == label and s.style)

        plain = background("3")
        await pilot.hover(ScaleBar, offset=THREE)
        await until(pilot, lambda: background("3") != plain)
        assert background("2") == plain
        await pilot.hover("#items", offset=(2, 1))
        await until(pilot, lambda: background("3") == plain)
