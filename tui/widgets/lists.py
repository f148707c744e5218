"""Lists that behave as people expect: Down at the last line stays there (Textual's lists wrap around)."""

from __future__ import annotations

from textual.widgets import OptionList


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
