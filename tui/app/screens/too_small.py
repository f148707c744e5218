"""Shown while the terminal is smaller than the app can use."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from tui.app.screens.base import AppModal

MIN_WIDTH = 40
"""A phone in portrait gets 40 to 48 columns (see `tui.serve.web.page`); the walk has a layout for it."""
MIN_HEIGHT = 14


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmallScreen(AppModal[None]):
    """Disappears by itself when the terminal is large enough again."""

    def compose(self) -> ComposeResult:
        yield Static(self.strings("app.too_small", width=MIN_WIDTH, height=MIN_HEIGHT), id="too-small")

    def on_mount(self) -> None:
        self.show_size()

    def on_resize(self) -> None:
        self.show_size()

    def on_screen_resume(self) -> None:
        """Uncovered again after a screen above it closed: gone if the window is large enough now."""
        if not too_small(self.samenwerken.size.width, self.samenwerken.size.height):
            self.dismiss(None)

    def show_size(self) -> None:
        self.query_one(Static).update(
            self.strings("app.too_small", width=MIN_WIDTH, height=MIN_HEIGHT)
            + "\n"
            + self.strings("app.now", width=self.samenwerken.size.width, height=self.samenwerken.size.height)
        )
