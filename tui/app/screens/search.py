"""`/` in the reader: search the whole note, list every hit, Enter jumps there."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.screens.base import AppModal
from tui.app.widgets.literal import plain_text
from tui.content import Note
from tui.content.note import SearchHit

MAX_HITS = 200


class SearchScreen(AppModal[SearchHit | None]):
    """Type to search; the hits update as you type; Enter or a click opens one."""

    BINDINGS = [
        Binding("escape", "cancel", "key.cancel", id="search.cancel"),
        Binding("down", "to_hits", "key.to_hits", show=False, id="search.hits"),
    ]

    def __init__(self, note: Note) -> None:
        super().__init__()
        self.note = note
        self.hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Input(placeholder=self.strings("search.placeholder"), id="search-input")
            yield Static(self.strings("search.hint"), id="search-count", classes="hint")
            yield OptionList(id="search-hits")

    def on_mount(self) -> None:
        self.query_one("#search-input").focus()

    @on(Input.Changed, "#search-input")
    def _search(self, event: Input.Changed) -> None:
        term = event.value.strip()
        hits_list = self.query_one("#search-hits", OptionList)
        hits_list.clear_options()
        count = self.query_one("#search-count", Static)
        if len(term) < 2:
            self.hits = []
            count.update(self.strings("search.hint"))
            return
        self.hits = self.note.search(term)[:MAX_HITS]
        sections = len({hit.section.id for hit in self.hits})
        count.update(
            self.strings(
                "search.count_one" if len(self.hits) == 1 else "search.count_many",
                hits=len(self.hits),
                sections=self.strings("search.sections_one" if sections == 1 else "search.sections_many", n=sections),
            )
            if self.hits
            else self.strings("search.none")
        )
        hits_list.add_options(Option(self._label(hit, term), id=str(i)) for i, hit in enumerate(self.hits))
        if self.hits:
            hits_list.highlighted = 0

    @staticmethod
    def _label(hit: SearchHit, term: str) -> Content:
        """'Section: …snippet…' with every occurrence of the term marked."""
        prefix = f"{hit.section.short}: "
        label = plain_text(prefix + hit.snippet)
        lowered, needle = label.plain.lower(), term.lower()
        start = lowered.find(needle, len(prefix))
        while start >= 0:
            label = label.stylize("bold reverse", start, start + len(needle))
            start = lowered.find(needle, start + len(needle))
        return label.stylize("bold", 0, len(prefix) - 2)

    @on(Input.Submitted, "#search-input")
    def _first(self) -> None:
        hits_list = self.query_one("#search-hits", OptionList)
        if self.hits:
            self.dismiss(self.hits[hits_list.highlighted or 0])

    @on(OptionList.OptionSelected, "#search-hits")
    def _open(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.hits[int(event.option.id or 0)])

    def action_to_hits(self) -> None:
        if self.hits:
            self.query_one("#search-hits").focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
