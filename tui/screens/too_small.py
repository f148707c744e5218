"""Shown while the terminal is smaller than the app can use."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.i18n import t

MIN_WIDTH = 50
MIN_HEIGHT = 14


class TooSmallScreen(ModalScreen[None]):
    """Disappears by itself when the terminal is large enough again."""

    def compose(self) -> ComposeResult:
        yield Static(t("app.too_small", width=MIN_WIDTH, height=MIN_HEIGHT), id="too-small")

    def on_mount(self) -> None:
        self.query_one(Static).update(
            t("app.too_small", width=MIN_WIDTH, height=MIN_HEIGHT)
            + "\n"
            + t("app.now", width=self.app.size.width, height=self.app.size.height)
        )
