"""Lists that behave as people expect: Down at the last line stays there (Textual's lists wrap around).

And widgets that repaint once per change (see `SteadyStatic`).
"""

from __future__ import annotations

from textual import events
from textual.geometry import Size
from textual.widgets import OptionList, Static


class StayingOptionList(OptionList):
    """An OptionList whose cursor stops at both ends instead of jumping to the other end.

    Wrapping made a step at the top get ticked when the user meant the bottom one.
    """

    def action_cursor_down(self) -> None:
        if self.highlighted is None or self.highlighted < self.option_count - 1:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.highlighted is None or self.highlighted > 0:
            super().action_cursor_up()

    _painted_width: int | None = None

    def on_resize(self, event: events.Resize) -> None:
        """Clear the rendered lines only when the width changed: they depend on nothing else.

        A list that only grew or shrank in height (the text below it took a line more or
        less) was repainted at its new size in the same frame; clearing and refreshing it
        again drew every answer twice.
        """
        event.prevent_default()  # instead of OptionList's own, which always clears and repaints
        if self.size.width != self._painted_width:
            self._painted_width = self.size.width
            self._clear_caches()


class SteadyStatic(Static):
    """A Static that does not ask for a second layout after it changed size.

    Textual lays out the screen, then sets each widget's virtual size, and for a widget
    whose height followed its new text that asks for the whole layout again: a second
    paint of the same screen. A Static never scrolls, so its virtual size needs no layout.
    """

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)
