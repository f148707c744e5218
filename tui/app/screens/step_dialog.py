"""Edit one next step: what, who, by when."""

from __future__ import annotations

from datetime import date

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static, TextArea

from tui.app.screens.base import AppModal
from tui.app.widgets.literal import plain_text
from tui.session import NextStep, due

ROOMY = 24
"""From this many rows the dialog shows the note on a date and the general hint together."""


class StepText(TextArea):
    """The step's text, wrapped so a long suggestion shows whole; Enter goes on to the next field.

    A step is one line in lists and reports: line breaks typed or pasted become spaces when kept.
    """

    def __init__(self, text: str, id: str) -> None:
        super().__init__(text, id=id, soft_wrap=True, show_line_numbers=False, tab_behavior="focus")

    def on_key(self, event: events.Key) -> None:
        """Enter moves on; preventing the default keeps TextArea's own key handler from adding a line."""
        if event.key == "enter":
            event.prevent_default()
            event.stop()
            self.screen.focus_next()


class StepDialog(AppModal[dict[str, str] | None]):
    """Three fields; Enter in the last, ctrl+s or Escape keeps the step, as Escape keeps a note elsewhere.

    Nothing typed is thrown away without a word: Escape keeps what was typed; only a step
    without a description (there is nothing to keep) closes without one.
    """

    BINDINGS = [
        Binding("escape", "close", "key.keep", id="step.cancel"),
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
            yield StepText(self.step.text, id="step-text")
            yield Label(self.strings("step.who"))
            yield Input(self.step.who, id="step-who", placeholder=self.strings("step.who_example"), max_length=200)
            yield Label(self.strings("step.when"))
            yield Input(self.step.when, id="step-when", placeholder=self.strings("step.when_example"), max_length=100)
            yield Static(id="step-when-note", classes="hint")
            yield Static(self.strings("step.hint"), id="step-hint", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#step-text").focus()
        self._read_when(self.step.when)

    @on(Input.Changed, "#step-when")
    def _when_changed(self, event: Input.Changed) -> None:
        self._read_when(event.value)

    def _read_when(self, typed: str) -> None:
        """Say which date the 'when' names, or, gently, that it names none and stays as typed.

        Not an error: the step is kept either way. An unchanged 'when' shows the date it has.
        """
        typed = typed.strip()
        if typed == self.step.when and self.step.due is not None:
            found: date | None = self.step.due
            shown = due.when_shown(typed, found, self.strings.language)
        else:
            read = due.parse_due(typed, due.today())
            found = read.date if read else None
            shown = due.due_text(read.date, read.whole_month, self.strings.language) if read else ""
        note = self.query_one("#step-when-note", Static)
        if not typed:
            said = ""
        elif found is not None:
            said = self.strings("step.due_read", date=shown)
        else:
            said = self.strings("step.due_not_read", typed=typed)
        note.update(plain_text(said))
        # In a short window the note takes the general hint's place, so the dialog still fits.
        self.query_one("#step-hint", Static).display = not (said and self.samenwerken.size.height < ROOMY)

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        if event.input.id == "step-when":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        text = " ".join(self.query_one("#step-text", StepText).text.split())
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

    def action_close(self) -> None:
        if not self.query_one("#step-text", StepText).text.strip():
            self.dismiss(None)
            return
        self.action_save()
