"""`e` in the overview: choose an export format."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.screens.base import AppModal
from tui.render.export import EXPORT_FORMATS


class FormatPicker(AppModal[str | None]):
    """A question and a list of formats, each said by `OPTION + format` in strings.toml; Enter chooses, Escape cancels.

    The export picker, the comparison's and a browser seat's take-home picker differ only in these settings.
    """

    HEADING = ""
    """The strings key of the question."""
    OPTION = ""
    """The strings key of an option, less its format: `OPTION + fmt`."""
    FORMATS: tuple[str, ...] = ()
    LIST_ID = "formats"
    DIALOG = "dialog"

    def compose(self) -> ComposeResult:
        with Vertical(classes=self.DIALOG):
            yield Static(self.strings(self.HEADING), classes="dialog-question")
            options = [Option(self.strings(self.OPTION + fmt), id=fmt) for fmt in self.FORMATS]
            yield OptionList(*options, id=self.LIST_ID)

    def on_mount(self) -> None:
        self.query_one(f"#{self.LIST_ID}").focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportPicker(FormatPicker):
    """Markdown, HTML, Excel, CSV (for Excel or RFC 4180) or JSON."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="export.cancel")]
    HEADING, OPTION, FORMATS = "export.heading", "export.", EXPORT_FORMATS
