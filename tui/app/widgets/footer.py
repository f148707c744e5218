"""The key bar at the bottom of every screen, rebuilt only when what it shows changed."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # private: Textual gives the bar's key widget no public name


class SteadyFooter(Footer):
    """A Footer that keeps its keys while the screen's shown bindings stay the same.

    Textual's Footer removes and mounts all its keys whenever the screen publishes that its
    bindings may have changed: on every focus change, every reactive that refreshes
    bindings, every return to the screen. Mounting a key applies the whole stylesheet to
    it, and the new keys ask for a layout of the screen: a frame of work (and bytes sent
    to the terminal) for a bar that usually looks exactly as before.
    """

    _composed_for: Hashable = None
    _screen_told = False
    """Whether the screen has said which bindings it has (before that, the bar shows nothing)."""

    def __init__(self) -> None:
        super().__init__(show_command_palette=False)

    def _shown(self) -> Hashable:
        """What the bar would show now: each shown binding's key, label, state and group."""
        if not self._screen_told:
            return ()
        return tuple(
            (
                binding.key,
                binding.key_display,
                binding.action,
                binding.description,
                binding.group.description if binding.group else None,
                enabled,
                tooltip,
            )
            for (_node, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        ) + (self.compact,)

    COMPACT_BELOW = 80
    """Narrower than this (a phone, a split pane, 60×20), the keys lose their padding and a screen's
    `NARROW_HIDDEN` actions leave the bar (? still lists them), so every label on it is whole."""

    def on_resize(self) -> None:
        compact = self.app.size.width < self.COMPACT_BELOW
        if compact != self.compact:
            self.compact = compact
            self.call_later(self.recompose)

    def compose(self) -> ComposeResult:
        self._composed_for = self._shown()
        hidden: frozenset[str] = getattr(self.screen, "NARROW_HIDDEN", frozenset()) if self.compact else frozenset()
        keys = [key for key in super().compose() if not (isinstance(key, FooterKey) and key.action in hidden)]
        if hidden:
            self.styles.grid_size_columns = len(keys)
        yield from keys

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """The screen's bindings are known from now on (Footer's own flag for that is private)."""
        self._screen_told = True
        super().bindings_changed(screen)

    async def recompose(self) -> None:
        if self.is_attached and self.children and self._shown() == self._composed_for:
            return
        await super().recompose()
