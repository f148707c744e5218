"""The walk on a phone: one statement at a time, answered, left and reopened by tapping (`PhoneBar`).

The phone layout itself is app.tcss's (`.-phone`, below `PHONE_BELOW` columns): the list of
items gives way to the statement on screen and the bar's large buttons. This part of the
walk keeps the bar in step with the item on screen and turns its taps into the walk's actions.
The bar (fourteen widgets) is made only in the phone layout: a walk that opens wider mounts
it when its window first narrows to a phone's, and keeps it (hidden) if it widens again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import events, on
from textual.widgets import OptionList

from tui.app.screens.base import breakpoint_classes
from tui.app.screens.walk_room import WalkInRoom
from tui.app.widgets.footer import SteadyFooter
from tui.content import Tool

if TYPE_CHECKING:  # the bar's module is imported only when a phone's width first needs it
    from tui.app.widgets.phone import PhoneBar


class WalkOnPhone(WalkInRoom):
    """Previous and next across the parts, and the bar's answer and ends; `WalkScreen` provides the rest."""

    tool: Tool
    lang: str
    part_index: int

    @property
    def item_list(self) -> OptionList:
        raise NotImplementedError

    def _show_part(self, index: int, item_index: int = 0) -> None:
        raise NotImplementedError

    def action_answer(self, score: int) -> None:
        raise NotImplementedError

    def action_not_applicable(self) -> None:
        raise NotImplementedError

    def action_remark(self) -> None:
        raise NotImplementedError

    def phone_bars(self) -> list[PhoneBar]:
        """For `compose`: the bar when the walk opens in the phone layout, else none (see `_phone_when_narrow`)."""
        return [self._phone_bar()] if self.has_class("-phone") else []

    @on(events.Resize)
    async def _phone_when_narrow(self) -> None:
        """The window narrowed to a phone's: the bar is mounted (once) and follows the item on screen."""
        width, height = self.app.size  # the window's size now (a late Resize may carry an older one)
        if self.query("#phone-bar") or not breakpoint_classes(self, width, height)["-phone"]:
            return
        await self.mount(self._phone_bar(), before=self.query_one(SteadyFooter))
        self._show_phone()

    def _phone_bar(self) -> PhoneBar:
        """The bar, in the walk's language (hidden above the phone layout's width)."""
        from tui.app.widgets.phone import PhoneBar

        return PhoneBar(
            self.tool.scale.loc("not_applicable", self.lang),
            self.strings("phone.previous"),
            self.strings("phone.next"),
            self.strings("phone.remark"),
            id="phone-bar",
        )

    def _show_room(self) -> None:
        """The room panel and the phone bar follow the item on screen (the walk calls this after every move)."""
        super()._show_room()
        self._show_phone()

    def _item_index(self) -> int:
        return (self.item_list.highlighted or 0) if self.part.kind == "scale" else 0

    def _show_phone(self) -> None:
        bars = self.query("#phone-bar")
        if not bars:  # wider than a phone since the walk opened
            return
        bar = cast("PhoneBar", bars.first())
        item = self.item
        bar.set_answerable(item is not None)
        if item is not None:
            bar.set_anchors(self.part.anchor(item, "low", self.lang), self.part.anchor(item, "high", self.lang))
            answer = self.editor.session.answers.get(item.id)
            answered = answer is not None and answer.answered
            bar.value = (0 if answer.not_applicable else answer.score) if answer and answered else None
        index, last_part = self._item_index(), len(self.tool.parts) - 1
        last = self.part_index == last_part and (self.part.kind != "scale" or index == len(self.part.items) - 1)
        bar.set_ends(first=self.part_index == 0 and index == 0, last=last)

    def step_item(self, step: int) -> None:
        """The next (+1) or previous (-1) item, into the next or previous part at a part's end."""
        index = self._item_index() + step
        if self.part.kind == "scale" and 0 <= index < len(self.part.items):
            self.item_list.highlighted = index  # the list's highlight message shows the item
        elif step > 0 and self.part_index + 1 < len(self.tool.parts):
            self._show_part(self.part_index + 1, 0)
        elif step < 0 and self.part_index > 0:
            before = self.tool.parts[self.part_index - 1]
            self._show_part(self.part_index - 1, max(len(before.items) - 1, 0))

    def on_phone_bar_chosen(self, event: PhoneBar.Chosen) -> None:
        if event.value == 0:
            self.action_not_applicable()
        else:
            self.action_answer(event.value)

    def on_phone_bar_moved(self, event: PhoneBar.Moved) -> None:
        self.step_item(event.step)

    def on_phone_bar_remark_asked(self) -> None:
        self.action_remark()
