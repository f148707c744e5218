"""The screen under the first screen of ours has no tooltip and no notifications' rack (tui/app/application.py)."""

from __future__ import annotations

from pathlib import Path

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
