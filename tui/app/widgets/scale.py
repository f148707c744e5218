"""The answer row of a scale item: 1–5 and n.v.t., clickable, with its anchors."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button, Static

from tui.app.widgets.literal import plain_text


class ScaleBar(Vertical):
    """Shows the current answer and posts `Chosen` when a value is clicked."""

    DEFAULT_CSS = """
    ScaleBar { height: auto; }
    ScaleBar Horizontal { height: 1; }
    ScaleBar Button {
        height: 1; min-width: 5; width: auto; border: none; margin: 0 1 0 0; padding: 0 1;
    }
    ScaleBar Button.-chosen { text-style: bold reverse; }
    ScaleBar .anchors { height: 1; color: $text-muted; }
    """

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
        self._anchors: str | None = None

    def compose(self) -> ComposeResult:
        with Horizontal():
            for score in range(1, 6):
                button = Button(str(score), id=f"scale-{score}", compact=True)
                button.can_focus = False
                yield button
            button = Button(f"0 {self.not_applicable}", id="scale-0", compact=True)
            button.can_focus = False
            yield button
        yield Static(classes="anchors", id="scale-anchors")

    def set_anchors(self, low: str, high: str) -> None:
        text = f"1 = {low}   ·   5 = {high}"
        if text != self._anchors:  # the same words again: no refresh, no second paint
            self._anchors = text
            self.query_one("#scale-anchors", Static).update(plain_text(text))

    def watch_value(self, value: int | None) -> None:
        for button in self.query(Button):
            button.set_class(button.id == f"scale-{value}", "-chosen")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Chosen(int((event.button.id or "scale-0").split("-")[1])))
