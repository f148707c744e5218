"""The welcome's paragraphs in one widget, spaced as widgets with margins were (tui/app/screens/room_welcome.py)."""

from __future__ import annotations

from textual.content import Content

from tui.app.screens.room_welcome import Part, joined_parts


def lines(*parts: Part) -> list[str]:
    return joined_parts(list(parts)).plain.split("\n")


def test_between_two_paragraphs_the_larger_margin_not_both() -> None:
    assert lines(Part(Content("a"), below=1), Part(Content("b"), above=1)) == ["a", "", "b"]
    assert lines(Part(Content("a"), below=2), Part(Content("b"), above=1)) == ["a", "", "", "b"]
    assert lines(Part(Content("a")), Part(Content("b"))) == ["a", "b"]


def test_the_first_margin_above_and_the_last_below_are_kept() -> None:
    assert lines(Part(Content("a"), above=1), Part(Content("b"), below=1)) == ["", "a", "b", ""]
    assert lines() == [""]


def _progress_colour(app) -> object:
    """The colour the welcome draws its progress line ("Enter: …") in."""
    words = app.screen.query_one("#welcome-text")
    for y in range(words.size.height):
        line = words.render_line(y)
        if "Enter" in line.text:
            return next(s.style.color for s in line if "Enter" in s.text)
    raise AssertionError("no progress line on the welcome")


async def test_the_welcomes_muted_lines_follow_a_theme_chosen_while_it_shows(tmp_path) -> None:
    """Their colour is worked out against the background (as `.hint` was): a new theme works it out again."""
    from tests.helpers.room import make_room
    from tests.helpers.room_apps import seat_app
    from tests.helpers.session import until
    from tui.app.screens.room_welcome import Paragraphs, hint_style

    folder, _ = make_room(tmp_path, seats=2)
    app = seat_app(folder, "A")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "RoomWelcomeScreen")
        dark = _progress_colour(app)
        app.theme = "textual-light"
        words = app.screen.query_one("#welcome-text", Paragraphs)
        await until(pilot, lambda: _progress_colour(app) != dark)
        muted = words.background_colors[1] + hint_style(words).foreground  # the muted text over the new background
        assert _progress_colour(app) == muted.rich_color
