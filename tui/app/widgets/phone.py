"""Large buttons for a touch screen: a seat on a phone answers, moves and opens a remark by tapping.

Shown only in the phone layout (app.tcss: `.-phone`): a browser tab on a phone gets
40 to 48 columns, too few for the list of items, and no keyboard to type digits with.
A tap arrives through textual-serve's xterm.js as a mouse click, so these are plain
Textual Buttons; none takes the focus, so the walk's keys keep working as before.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button, Static

from tui.app.widgets.literal import plain_text


def _button(label: str, button_id: str, classes: str = "") -> Button:
    button = Button(label, id=button_id, classes=classes)
    button.can_focus = False  # the walk's list keeps the focus, and with it the keys
    return button


class PhoneBar(Vertical):
    """1–5 and n.v.t. for the item on screen, a remark, and previous and next (posts the messages below)."""

    DEFAULT_CSS = """
    PhoneBar { height: auto; padding: 0 1; }
    PhoneBar Horizontal { height: 3; }
    PhoneBar Button { width: 1fr; min-width: 4; height: 3; margin: 0; }
    PhoneBar .phone-score { margin-right: 1; }
    PhoneBar #phone-5 { margin-right: 0; }
    PhoneBar #phone-0, PhoneBar #phone-previous { margin-right: 1; }
    PhoneBar .-chosen { text-style: bold; }
    PhoneBar #phone-anchors { height: auto; color: $text-muted; }
    """

    class Chosen(Message):
        """An answer was tapped: 1–5, or 0 for not applicable."""

        def __init__(self, value: int) -> None:
            super().__init__()
            self.value = value

    class Moved(Message):
        """Previous (-1) or next (+1) was tapped."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    class RemarkAsked(Message):
        """The remark button was tapped (the one thing that needs the phone's keyboard)."""

    value: reactive[int | None] = reactive(None)
    """The answer on screen: 1–5, 0 for not applicable, None when unanswered."""

    def __init__(self, not_applicable: str, previous: str, next_: str, remark: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.labels = {"0": not_applicable, "previous": previous, "next": next_, "remark": remark}
        self._anchors: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="phone-anchors")
        with Horizontal(id="phone-scores"):
            for score in range(1, 6):
                yield _button(str(score), f"phone-{score}", "phone-score")
        with Horizontal(id="phone-other"):
            yield _button(self.labels["0"], "phone-0")
            yield _button(self.labels["remark"], "phone-remark")
        with Horizontal(id="phone-moves"):
            yield _button(self.labels["previous"], "phone-previous")
            yield _button(self.labels["next"], "phone-next")

    def set_anchors(self, low: str, high: str) -> None:
        """What 1 and 5 mean for this item, one to a line (a phone's width holds no more)."""
        text = f"1 = {low}\n5 = {high}"
        if text != self._anchors:
            self._anchors = text
            self.query_one("#phone-anchors", Static).update(plain_text(text))

    def set_answerable(self, answerable: bool) -> None:
        """Only scale items are answered; the steps of the last part show previous and next only."""
        for row in ("#phone-anchors", "#phone-scores", "#phone-other"):
            self.query_one(row).display = answerable

    def set_ends(self, first: bool, last: bool) -> None:
        """No previous before the first item, no next after the last part."""
        self.query_one("#phone-previous", Button).disabled = first
        self.query_one("#phone-next", Button).disabled = last

    def watch_value(self, value: int | None) -> None:
        for button in self.query(Button):
            chosen = button.id == f"phone-{value}"
            button.set_class(chosen, "-chosen")
            button.variant = "primary" if chosen else "default"  # Textual's own colours: legible in every theme

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        name = (event.button.id or "").removeprefix("phone-")
        if name == "previous":
            self.post_message(self.Moved(-1))
        elif name == "next":
            self.post_message(self.Moved(1))
        elif name == "remark":
            self.post_message(self.RemarkAsked())
        elif name.isdigit():
            self.post_message(self.Chosen(int(name)))
