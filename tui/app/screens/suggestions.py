"""Pick one of the suggestions rewritten after Bijlage 1 as a next step."""

from __future__ import annotations

from collections.abc import Collection

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.screens.base import AppModal
from tui.content import Tool
from tui.content.i18n import Strings
from tui.content.tool import Suggestion

SOURCE = "bijlage-1"
"""The note's section the suggestions are rewritten from."""


def credit(letter: str, strings: Strings) -> str:
    """How the app names a rewritten suggestion's origin: 'naar bijlage 1 c', never 'bijlage 1 c'."""
    return f"{strings('report.appendix1')} {letter}"


def option_label(suggestion: Suggestion, strings: Strings, taken: bool = False) -> Content:
    """The rewrite, then its credit on a dim line of its own; '✓ al een stap' when a step came from it."""
    text = Content(suggestion.loc("text", strings.language))
    line = f"({credit(suggestion.letter, strings)})" + (f" {strings('steps.taken')}" if taken else "")
    return Content.assemble(text, "\n", Content.styled(line, "dim"))


class SuggestionPicker(AppModal[str | None]):
    """The suggestions a–i, rewritten for one board; Enter takes one, l shows the original."""

    BINDINGS = [
        Binding("l", "source", "key.source", id="suggest.source"),
        Binding("escape", "cancel", "key.cancel", id="suggest.cancel"),
    ]

    def __init__(self, tool: Tool, taken: Collection[str] = ()) -> None:
        super().__init__()
        self.tool = tool
        self.taken = frozenset(taken)
        """Letters a next step came from already: marked, still to be chosen again."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(self.strings("suggest.heading"), classes="dialog-question")
            yield OptionList(
                *[
                    Option(option_label(s, self.strings, s.letter in self.taken), id=s.letter)
                    for s in self.tool.suggestions
                ],
                id="suggestions",
            )

    def on_mount(self) -> None:
        self.query_one("#suggestions").focus()

    @property
    def highlighted(self) -> Suggestion | None:
        options = self.query_one("#suggestions", OptionList)
        if options.highlighted is None:
            return None
        letter = options.get_option_at_index(options.highlighted).id
        return self.tool.suggestion(letter) if letter else None

    @on(OptionList.OptionSelected, "#suggestions")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_source(self) -> None:
        """The original letter in Bijlage 1, marked, over this picker; q comes back here."""
        from tui.app.screens.reader import ReaderScreen

        suggestion = self.highlighted
        self.samenwerken.push_screen(ReaderScreen(SOURCE, highlight=suggestion.quote if suggestion else ""))

    def action_cancel(self) -> None:
        self.dismiss(None)
