"""Pick one of Bijlage 1's suggestions as a next step."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.content import Tool
from tui.i18n import language, t


class SuggestionPicker(ModalScreen[str | None]):
    """The suggestions a–i, rewritten for one board; Enter takes one."""

    BINDINGS = [Binding("escape", "cancel", t("key.cancel"), id="suggest.cancel")]

    def __init__(self, tool: Tool) -> None:
        super().__init__()
        self.tool = tool

    def compose(self) -> ComposeResult:
        lang = language()
        with Vertical(classes="dialog wide"):
            yield Static(t("suggest.heading"), classes="dialog-question")
            yield OptionList(
                *[Option(f"{s.letter}. {s.loc('text', lang)}", id=s.letter) for s in self.tool.suggestions],
                id="suggestions",
            )

    def on_mount(self) -> None:
        self.query_one("#suggestions").focus()

    @on(OptionList.OptionSelected, "#suggestions")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
