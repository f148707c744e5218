"""A widget that draws a row of clickable parts itself (the key bar, the scale) and lights the one under the mouse."""

from __future__ import annotations

from textual import events
from textual.widget import Widget


class HoverParts(Widget):
    """Keeps `_hover`, the index of the part under the mouse (None: none), and redraws when it changes.

    The widget says which part an event is over (`_part_at`) and draws `_hover` lit.
    """

    _hover: int | None = None

    def _part_at(self, event: events.MouseEvent) -> int | None:
        raise NotImplementedError

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hover = self._part_at(event)
        if hover != self._hover:
            self._hover = hover
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()
