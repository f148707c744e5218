"""`n` in the walk: a free-text note on an item, saved as it is typed.

On a phone (app.tcss: `.-phone`) a button closes it: a phone's keyboard has no Escape.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Static, TextArea

from tui.app.screens.base import AppModal
from tui.app.widgets.literal import plain_text


class RemarkDialog(AppModal[str]):
    """Edits one text; every change goes to `on_change` at once; Escape closes."""

    BINDINGS = [Binding("escape", "close", "key.close_saved", id="note.close")]

    def __init__(self, heading: str, text: str, on_change: Callable[[str], None]) -> None:
        super().__init__()
        self.heading = heading
        self.text = text
        self.on_change = on_change

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(plain_text(self.heading), classes="dialog-question")
            yield TextArea(self.text, id="note-text", soft_wrap=True, show_line_numbers=False)
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

    @on(Button.Pressed, "#note-done")
    def _done(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        text = self.query_one("#note-text", TextArea).text
        self.on_change(text)
        self.dismiss(text)
