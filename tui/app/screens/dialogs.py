"""Small modal questions: a line of text, or yes/no."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from tui.app.screens.base import AppModal
from tui.app.widgets.literal import plain_text


class TextPrompt(AppModal[str | None]):
    """Ask for one line (a title); Enter accepts a non-empty answer, Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="prompt.cancel")]

    def __init__(self, question: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain_text(self.question), classes="dialog-question")
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input", max_length=400)
            yield Static(self.strings("prompt.hint"), id="prompt-hint", classes="hint")

    @on(Input.Submitted, "#prompt-input")
    def _accept(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value:
            self.query_one("#prompt-hint", Static).update(self.strings("prompt.empty"))
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Confirm(AppModal[bool]):
    """A yes/no question; `j`/`y` or Enter on Yes confirms, `n` or Escape declines."""

    BINDINGS = [
        Binding("y,j", "answer(True)", "key.yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "key.no", id="confirm.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain_text(self.question), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.strings("confirm.yes"), id="yes", variant="error")
                yield Button(self.strings("confirm.no"), id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no").focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class UnsavedChoice(AppModal[str]):
    """Answers are not on disk: stay, write a rescue copy elsewhere, or leave anyway.

    Dismisses with "stay", "rescue" or "leave"; Escape stays. Staying is the default.
    """

    BINDINGS = [
        Binding("escape", "choose('stay')", "key.stay", id="unsaved.stay"),
        Binding("r", "choose('rescue')", "key.rescue", id="unsaved.rescue"),
    ]

    def __init__(self, question: str, leave_label: str) -> None:
        super().__init__()
        self.question = question
        self.leave_label = leave_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(plain_text(self.question), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.strings("unsaved.stay"), id="stay", variant="primary")
                yield Button(self.strings("unsaved.rescue"), id="rescue", variant="success")
                yield Button(self.leave_label, id="leave", variant="error")

    def on_mount(self) -> None:
        self.query_one("#stay").focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "stay")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
