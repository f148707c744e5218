"""Choices that read without colour: [x]/[ ] for ticked lists, ●/○ for the one choice of a set.

Textual's own draw the same mark for on and off and tell them apart by colour
only; under NO_COLOR, or for a colour-blind user, the choice was invisible and
the cursor could look like it.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import RadioButton, SelectionList
from textual.widgets.option_list import OptionDoesNotExist


class MarkedSelectionList(SelectionList[str]):
    """A SelectionList whose boxes say [x] when chosen and [ ] when not."""

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        segments = list(line)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return line
        if len(segments) < 3:
            return line
        mark = "x" if selection.value in self.selected else " "
        left, inner, right = segments[:3]
        boxed = [Segment("[", left.style), Segment(mark, inner.style), Segment("]", right.style)]
        return Strip([*boxed, *segments[3:]], line.cell_length)


class MarkedRadioButton(RadioButton):
    """A RadioButton that shows ● when chosen and ○ when not."""

    BUTTON_LEFT = "("
    BUTTON_RIGHT = ")"

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 - Textual's name, made to follow the value
        return "●" if self.value else "○"
