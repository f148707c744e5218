"""Textual's hidden widgets a start does without: the stack's bottom screen has no tooltip and no notifications' rack
(tui/app/application.py), the room welcome no tooltip (tui/app/screens/room_welcome.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets._toast import Toast, ToastRack
from textual.widgets._tooltip import Tooltip

from tests.helpers.session import until
from tui.app.factory import make_app
from tui.app.start import Home
from tui.session import SessionStore


async def test_a_warning_said_before_the_first_screen_shows_on_it(tmp_path: Path) -> None:
    """The app's start says an unknown theme before its first screen is up: that screen's rack shows it."""
    app = make_app(SessionStore(tmp_path / "sessions"), Home(), theme="geen-thema", settings_file=tmp_path / "s.toml")
    async with app.run_test(size=(80, 24), notifications=True, tooltips=True) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen" and bool(app.screen.query(Toast)))
        assert "geen-thema" in str(app.screen.query_one(Toast).render())
        bottom = app.screen_stack[0]
        assert bottom.id == "_default" and not bottom.query(ToastRack) and not bottom.query(Tooltip)


async def test_the_room_welcome_has_a_rack_for_notifications_but_no_tooltip(tmp_path: Path) -> None:
    """Nothing on the welcome has a tooltip: Textual's is left out there; its notifications still show."""
    from tests.helpers.room import make_room
    from tests.helpers.room_apps import seat_app

    folder, _ = make_room(tmp_path, seats=2)
    app = seat_app(folder, "A")
    async with app.run_test(size=(80, 24), notifications=True, tooltips=True) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "RoomWelcomeScreen")
        assert app.screen.query(ToastRack) and not app.screen.query(Tooltip)
        app.notify("Koffie is er.")
        await until(pilot, lambda: bool(app.screen.query(Toast)))
        await pilot.hover("#welcome-text")  # a mouse over the words: no tooltip to show, nothing breaks
        await pilot.pause()
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
        assert app.screen.query(Tooltip)  # the walk keeps Textual's own


async def test_the_bottom_screen_is_not_styled_and_laid_out_behind_the_first_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its resume at start comes after the first screen of ours is pushed: Textual's handler (styles, a layout)
    is skipped then. When the bottom comes to the front, its resume is Textual's: laid out to the size then."""
    from tests.helpers.room import make_room
    from tests.helpers.room_apps import seat_app

    resumed: list[Screen] = []
    original = Screen._on_screen_resume

    def noted(self: Screen, event: events.ScreenResume) -> None:
        resumed.append(self)
        original(self, event)

    monkeypatch.setattr(Screen, "_on_screen_resume", noted)
    folder, _ = make_room(tmp_path, seats=2)
    app = seat_app(folder, "A")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "RoomWelcomeScreen" and app.screen.size == Size(80, 24))
        bottom = app.screen_stack[0]
        assert bottom.id == "_default" and bottom not in resumed and app.screen in resumed
        await pilot.resize_terminal(100, 30)
        await until(pilot, lambda: app.screen.size == Size(100, 30))
        app.pop_screen()
        await until(pilot, lambda: app.screen is bottom and bottom in resumed and bottom.size == Size(100, 30))
