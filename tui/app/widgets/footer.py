"""The key bar at the bottom of every screen: one widget that draws the keys Textual's Footer would show.

Textual's Footer mounts one widget per key (and removes and mounts them all again whenever
the screen's bindings may have changed). A widget costs as much to start as a key is worth:
mounting seven keys was about a quarter of what a bare Textual app costs to start (issue 24).
This bar is one widget. It draws the same keys, in the same order, in the same colours (the
Footer's own theme variables) and with the same spacing, and answers a click on a key as
the Footer's key does: as if the key was pressed.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen

from tui.app.widgets.hover import HoverParts


class _Key(NamedTuple):
    """One key on the bar, as drawn: where it starts and ends on the line, what it presses."""

    start: int
    end: int
    key: str
    enabled: bool


class SteadyFooter(HoverParts, can_focus=False):
    """The screen's shown bindings, one `key description` after the other (a screen's `NARROW_HIDDEN` left out
    below `COMPACT_BELOW` columns), redrawn only when what it shows changed."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "steady-footer--item",
        "steady-footer--key",
        "steady-footer--description",
        "steady-footer--hover",
    }
    DEFAULT_CSS = """
    SteadyFooter {
        dock: bottom; height: 1; width: 1fr;
        color: $footer-foreground; background: $footer-background;
        text-wrap: nowrap; text-overflow: clip;
        & > .steady-footer--item { background: $footer-item-background; }
        & > .steady-footer--key {
            color: $footer-key-foreground; background: $footer-key-background; text-style: bold;
        }
        & > .steady-footer--description {
            color: $footer-description-foreground; background: $footer-description-background;
        }
        & > .steady-footer--hover { color: $footer-key-foreground; background: $block-hover-background; }
    }
    """
    """Textual's Footer and FooterKey styles, for the parts of one line."""

    COMPACT_BELOW = 80
    """Narrower than this (a phone, a split pane, 60×20), the keys lose their padding and a screen's
    `NARROW_HIDDEN` actions leave the bar (? still lists them), so every label on it is whole."""

    _screen_told = False
    """Whether the screen has said which bindings it has (before that, the bar shows nothing)."""

    def __init__(self) -> None:
        super().__init__()
        self._keys: list[_Key] = []
        self._drawn: Hashable = None

    @property
    def compact(self) -> bool:
        return self.app.size.width < self.COMPACT_BELOW

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """The screen's bindings may have changed (a focus change, a reactive): drawn again if the bar would differ."""
        self._screen_told = True
        if not screen.app.app_focus:  # as Textual's Footer: the keys stay as they were while the app is in the back
            return
        if self.is_attached and screen is self.screen and self._shown() != self._drawn:
            self.refresh()

    def on_resize(self) -> None:
        if self._shown() != self._drawn:
            self.refresh()

    def _shown_bindings(self) -> list[tuple[Binding, bool]]:
        """The keys Textual's Footer would show: each action's first shown binding, and whether it is enabled."""
        if not self._screen_told:
            return []
        hidden: frozenset[str] = getattr(self.screen, "NARROW_HIDDEN", frozenset()) if self.compact else frozenset()
        first: dict[str, tuple[Binding, bool]] = {}
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in first and binding.action not in hidden:
                first[binding.action] = (binding, enabled)
        return list(first.values())

    def _shown(self) -> Hashable:
        """What the bar would show now: each key's label, description and state, the compact layout, the hover."""
        return (
            tuple(
                (binding.key, self.app.get_key_display(binding), binding.description, enabled)
                for binding, enabled in self._shown_bindings()
            ),
            self.compact,
            self._hover,
        )

    def render(self) -> Text:
        self._drawn = self._shown()
        compact = self.compact
        line = Text(no_wrap=True, overflow="crop", end="")
        keys: list[_Key] = []
        item = self.get_component_rich_style("steady-footer--item")
        key_style = self.get_component_rich_style("steady-footer--key")
        description_style = self.get_component_rich_style("steady-footer--description")
        hover = self.get_component_rich_style("steady-footer--hover")
        for index, (binding, enabled) in enumerate(self._shown_bindings()):
            base = hover if index == self._hover else item
            over = Style(bgcolor=hover.bgcolor) if index == self._hover else Style()  # the key's parts on the hover
            if not enabled:
                base += Style(dim=True)
            key_text = self.app.get_key_display(binding) if compact else f" {self.app.get_key_display(binding)} "
            part = Text.assemble((key_text, key_style + over))
            if binding.description:
                part.append(
                    f" {binding.description}" if compact else f"{binding.description} ", description_style + over
                )
            part.stylize_before(base)
            start = len(line)
            line.append_text(part)
            keys.append(_Key(start, len(line), binding.key, enabled))
            if compact:
                line.append(" ")  # the Footer's margin between compact keys
        self._keys = keys
        return line

    def _part_at(self, event: events.MouseEvent) -> int | None:
        """The key under the mouse (its index), None between keys."""
        return next((index for index, key in enumerate(self._keys) if key.start <= event.x < key.end), None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """A click on a key presses it, as on Textual's Footer; on a disabled key it rings the bell."""
        index = self._part_at(event)
        if index is None:
            return
        key = self._keys[index]
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
