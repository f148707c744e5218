"""`e` in the overview: choose an export format."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.export import EXPORT_FORMATS
from tui.screens.base import AppModal


class ExportPicker(AppModal[str | None]):
    """Markdown, HTML, Excel, CSV (for Excel or RFC 4180) or JSON; Enter chooses, Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="export.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.strings("export.heading"), classes="dialog-question")
            yield OptionList(*[Option(self.strings(f"export.{fmt}"), id=fmt) for fmt in EXPORT_FORMATS], id="formats")

    def on_mount(self) -> None:
        self.query_one("#formats").focus()

    @on(OptionList.OptionSelected, "#formats")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
