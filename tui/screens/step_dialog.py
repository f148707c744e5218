"""Edit one next step: what, who, by when."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from tui.screens.base import AppModal
from tui.session import NextStep


class StepDialog(AppModal[dict[str, str] | None]):
    """Three fields; Enter in the last (or ctrl+s) keeps the step, Escape drops the edit."""

    BINDINGS = [
        Binding("escape", "cancel", "key.cancel", id="step.cancel"),
        Binding("ctrl+s", "save", "key.keep", id="step.save"),
    ]

    def __init__(self, step: NextStep, heading: str | None = None) -> None:
        super().__init__()
        self.step = step
        self.heading = heading or self.strings("step.heading")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(self.heading, classes="dialog-question")
            yield Label(self.strings("step.text"))
            yield Input(self.step.text, id="step-text", max_length=2000)
            yield Label(self.strings("step.who"))
            yield Input(self.step.who, id="step-who", placeholder=self.strings("step.who_example"), max_length=200)
            yield Label(self.strings("step.when"))
            yield Input(self.step.when, id="step-when", placeholder=self.strings("step.when_example"), max_length=100)
            yield Static(self.strings("step.hint"), id="step-hint", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#step-text").focus()

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        if event.input.id == "step-when":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        text = self.query_one("#step-text", Input).value.strip()
        if not text:
            self.query_one("#step-hint", Static).update(self.strings("step.empty"))
            self.query_one("#step-text").focus()
            return
        self.dismiss(
            {
                "text": text,
                "who": self.query_one("#step-who", Input).value.strip(),
                "when": self.query_one("#step-when", Input).value.strip(),
            }
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
