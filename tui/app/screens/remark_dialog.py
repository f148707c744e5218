"""`n` in the walk: a free-text note on an item, saved as it is typed.

On a phone (app.tcss: `.-phone`) a button closes it: a phone's keyboard has no Escape. In a
regional session a checkbox shares the remark with the group (the walk's `g`), which a phone
has no other way to reach.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Checkbox, Static, TextArea

from tui.app.screens.base import AppModal
from tui.app.widgets.literal import plain_text


class RemarkDialog(AppModal[str]):
    """Edits one text; every change goes to `on_change` at once; Escape closes."""

    BINDINGS = [Binding("escape", "close", "key.close_saved", id="note.close")]

    def __init__(
        self,
        heading: str,
        text: str,
        on_change: Callable[[str], None],
        share: Callable[[bool], bool] | None = None,
        shared: bool = False,
    ) -> None:
        """`share` (in a room): asked to share the remark or take it back; returns whether it is shared now."""
        super().__init__()
        self.heading = heading
        self.text = text
        self.on_change = on_change
        self.share = share
        self.shared = shared

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(plain_text(self.heading), classes="dialog-question")
            yield TextArea(self.text, id="note-text", soft_wrap=True, show_line_numbers=False)
            if self.share is not None:
                box = Checkbox(self.strings("note.share"), self.shared, id="note-share", compact=True)
                box.can_focus = False  # a click or a tap; the text keeps the keys
                yield box
            yield Static(self.strings("note.hint"), classes="hint", id="note-hint")
            yield Static(self.strings("note.hint_phone"), classes="hint", id="note-hint-phone")
            done = Button(self.strings("note.done"), id="note-done")
            done.can_focus = False  # the text keeps the focus, and with it the phone's keyboard
            yield done

    def on_mount(self) -> None:
        area = self.query_one("#note-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @on(TextArea.Changed, "#note-text")
    def _changed(self, event: TextArea.Changed) -> None:
        self.on_change(event.text_area.text)

    @on(Checkbox.Changed, "#note-share")
    def _share(self, event: Checkbox.Changed) -> None:
        if self.share is None or event.value == self.shared:
            return  # set back below after a refusal: nothing was asked
        self.on_change(self.query_one("#note-text", TextArea).text)  # the words to share are the ones on screen
        self.shared = self.share(event.value)
        if self.shared != event.value:
            event.checkbox.value = self.shared

    @on(Button.Pressed, "#note-done")
    def _done(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        text = self.query_one("#note-text", TextArea).text
        self.on_change(text)
        self.dismiss(text)
