"""Shown while the terminal is smaller than the app can use."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.i18n import t

MIN_WIDTH = 50
MIN_HEIGHT = 14


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmallScreen(ModalScreen[None]):
    """Disappears by itself when the terminal is large enough again."""

    def compose(self) -> ComposeResult:
        yield Static(t("app.too_small", width=MIN_WIDTH, height=MIN_HEIGHT), id="too-small")

    def on_mount(self) -> None:
        self.app._too_small_pending = False  # type: ignore[attr-defined]
        self.show_size()

    def on_resize(self) -> None:
        self.show_size()

    def on_screen_resume(self) -> None:
        """Uncovered again after a screen above it closed: gone if the window is large enough now."""
        if not too_small(self.app.size.width, self.app.size.height):
            self.dismiss(None)

    def show_size(self) -> None:
        self.query_one(Static).update(
            t("app.too_small", width=MIN_WIDTH, height=MIN_HEIGHT)
            + "\n"
            + t("app.now", width=self.app.size.width, height=self.app.size.height)
        )
