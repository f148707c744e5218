"""The answer row of a scale item: 1–5 and n.v.t., clickable, with its anchors.

One widget draws both lines (issue 24). It was six compact Buttons in a Horizontal and a
Static: nine widgets, and Button's 57 CSS rules parsed and matched at every start, for a
row the walk draws once. This draws the same cells (each value as Textual's compact
button draws it: a padding cell each side of the label, bold on `$surface`, a cell of
margin after it; the chosen value bold and reversed; `$surface-darken-1` under the mouse;
a 0.2 s tint when clicked) and answers a click on a value as the button did.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.color import Color
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from tui.app.widgets.hover import HoverParts
from tui.core.text import visible

ACTIVE_SECONDS = 0.2
"""How long a clicked value shows its tint (Button's `active_effect_duration`); a second click meanwhile is ignored."""

ACTIVE_TINT = 0.3
"""How far the tint goes toward the background (Button's `tint: $background 30%`)."""


class _Value(NamedTuple):
    """One value on the line, as drawn: its cells from `start` up to `end` (padding included)."""

    start: int
    end: int
    value: int
    label: str


class ScaleBar(HoverParts, can_focus=False):
    """Shows the current answer and posts `Chosen` when a value is clicked."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "scale-bar--value",
        "scale-bar--hover",
        "scale-bar--chosen",
        "scale-bar--active",
        "scale-bar--anchors",
    }
    DEFAULT_CSS = """
    ScaleBar {
        height: 2;
        & > .scale-bar--value { color: $button-foreground; background: $surface; text-style: bold; }
        & > .scale-bar--hover { background: $surface-darken-1; }
        & > .scale-bar--chosen { text-style: bold reverse; }
        & > .scale-bar--active { background: $background; }
        & > .scale-bar--anchors { color: $text-muted; }
    }
    """
    """Textual's compact Button (default variant) and the row's own rules, for the parts of the two lines."""

    class Chosen(Message):
        """The user clicked an answer: 1–5, or 0 for not applicable."""

        def __init__(self, value: int) -> None:
            super().__init__()
            self.value = value

    value: reactive[int | None] = reactive(None)
    """1–5, 0 for not applicable, None when unanswered."""

    def __init__(self, not_applicable: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.not_applicable = not_applicable
        self._anchors = ""
        self._active: int | None = None
        self._clicked: int | None = None
        """The value clicked last: the second click of a double click on it is not an answer."""
        self._values = self._layout()

    def _layout(self) -> list[_Value]:
        """Where each value is drawn: a button's minimum width of 5 cells, a margin cell after each."""
        values: list[_Value] = []
        start = 0
        for value, text in [*[(n, str(n)) for n in range(1, 6)], (0, f"0 {visible(self.not_applicable)}")]:
            label = f" {text} "  # a Button's content: its label with a cell each side
            values.append(_Value(start, start + cell_len(label) + 2, value, label))
            start += cell_len(label) + 3
        return values

    def set_anchors(self, low: str, high: str) -> None:
        text = visible(f"1 = {low}   ·   5 = {high}")
        if text != self._anchors:  # the same words again: no refresh, no second paint
            self._anchors = text
            self.refresh()

    def watch_value(self) -> None:
        self.refresh()

    # drawing ---------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = Style(bgcolor=self.rich_style.bgcolor)
        if y == 1:
            text = self._anchors[:width]
            style = base + Style(color=self.get_component_rich_style("scale-bar--anchors").color)
            return Strip([Segment(text, style), Segment(" " * (width - len(text)), base)]).crop(0, width)
        if y != 0:
            return Strip.blank(width, base)
        segments: list[Segment] = []
        for index, value in enumerate(self._values):
            label = self.get_component_rich_style("scale-bar--value")
            if index == self._hover and value.value != self._active:
                label += self.get_component_rich_style("scale-bar--hover", partial=True)
            if value.value == self.value:
                label += self.get_component_rich_style("scale-bar--chosen", partial=True)
            if value.value == self._active:
                label = self._tinted(label)
            pad = Style(bgcolor=label.bgcolor)
            gap = width - value.end if index == len(self._values) - 1 else 1  # the last margin and the rest
            segments += [Segment(" ", pad), Segment(value.label, label), Segment(" ", pad), Segment(" " * gap, base)]
        return Strip(segments).crop(0, width)

    def _tinted(self, style: Style) -> Style:
        """The clicked value's colours moved toward the background, as a Button's `-active` tint."""
        toward = Color.from_rich_color(self.get_component_rich_style("scale-bar--active", partial=True).bgcolor)

        def tint(color: RichColor | None) -> RichColor | None:
            return Color.from_rich_color(color).blend(toward, ACTIVE_TINT).rich_color if color else None

        return style + Style(color=tint(style.color), bgcolor=tint(style.bgcolor))

    # the mouse -------------------------------------------------------------

    def _part_at(self, event: events.MouseEvent) -> int | None:
        """The index of the value under the mouse, None beside them or on the anchors' line."""
        offset = event.get_content_offset(self)
        if offset is None or offset.y != 0:
            return None
        return next((i for i, value in enumerate(self._values) if value.start <= offset.x < value.end), None)

    def on_click(self, event: events.Click) -> None:
        """A click on a value answers with it, once: a second click while it shows its tint is ignored.

        So is the second click of a double click on the same value (the terminal counts it as a
        chain), however late a busy app gets to it: a double click answers one item only.
        """
        index = self._part_at(event)
        if index is None:
            return
        event.stop()
        value = self._values[index].value
        clicked, self._clicked = self._clicked, value
        if value == self._active or (event.chain > 1 and value == clicked):
            return
        self._active = value
        self.refresh()
        self.set_timer(ACTIVE_SECONDS, lambda: self._end_active(value))
        self.post_message(self.Chosen(value))

    def _end_active(self, value: int) -> None:
        if self._active == value:
            self._active = None
            self.refresh()
