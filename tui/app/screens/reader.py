"""Reading the note: contents beside the text, paging, search and highlighted passages."""

from __future__ import annotations

import re

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app.screens.base import AppScreen
from tui.app.widgets.footer import SteadyFooter
from tui.app.widgets.header import AppHeader
from tui.app.widgets.section_text import Block, SectionText
from tui.content import Note
from tui.content.blocks import section_pieces, section_source
from tui.content.note import SearchHit, Section, plain

HEADING_LINES = 2
"""Lines the reader puts before a section's body: its heading and a blank line."""


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", plain(text)).strip().casefold()


class ReaderScreen(AppScreen[None]):
    """The note, one section at a time, with its table of contents."""

    STYLE_FILES = ("reader.tcss",)
    """Its rules beside app.tcss's (see `tui.app.screens.base.read_style_files`)."""

    BINDINGS = [
        Binding("n,right", "next", "key.next_section", id="reader.next", priority=True),
        Binding("p,left", "previous", "key.previous_section", id="reader.previous", priority=True),
        Binding("t", "toggle_toc", "key.contents", id="reader.contents"),
        Binding("slash", "search", "key.search", id="reader.search"),
        Binding("question_mark", "help", "key.help", id="reader.help"),
        Binding("q,escape", "back", "key.back", id="reader.back"),
    ]

    section_id: reactive[str] = reactive("", init=False)
    """The section on screen."""

    def __init__(self, section_id: str | None = None, highlight: str = "", is_root: bool = False) -> None:
        super().__init__()
        self.note: Note = self.samenwerken.note
        self._initial = section_id or self.note.sections[0].id
        self._highlight = highlight
        self._highlight_line: int | None = None
        self.is_root = is_root

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Horizontal():
            yield OptionList(
                *[Option(Content(self._toc_label(s)), id=s.id) for s in self.note.sections],  # plain: no markup parsed
                id="toc",
            )
            with VerticalScroll(id="page"):
                yield SectionText(id="text")
        yield SteadyFooter()

    def _toc_label(self, section: Section) -> str:
        return f"{section.number + ' ' if section.number else ''}{section.short}"

    def on_mount(self) -> None:
        self.query_one("#toc").display = self.samenwerken.size.width >= 60
        self.section_id = self._initial
        self.query_one("#page").focus()

    def watch_section_id(self, section_id: str) -> None:
        section = self.note.section(section_id)
        position = self.note.position(section_id)
        self.title = section.short
        self.sub_title = self.strings("reader.where", k=position + 1, n=len(self.note.sections))
        toc = self.query_one("#toc", OptionList)
        toc.highlighted = position
        pieces = section_pieces(self.note, section_id)  # parsed in an earlier run: no parser at start
        self.query_one("#text", SectionText).show(section_source(self.note, section_id), pieces)
        page = self.query_one("#page", VerticalScroll)
        page.scroll_home(animate=False)
        self.call_after_refresh(self._show_highlight)

    def _show_highlight(self) -> None:
        """Scroll to and mark the smallest block holding the quote or search hit, if any."""
        text = self.query_one("#text", SectionText)
        lines = text.source.splitlines()
        candidates: list[tuple[int, int, Block]] = []
        text.mark(None)
        for block in text.blocks():
            start, end = block.start, max(block.end, block.start + 1)
            if self._highlight_line is not None:
                found = start <= self._highlight_line + HEADING_LINES < end
            elif self._highlight:
                found = _words(self._highlight) in _words(" ".join(lines[start:end]))
            else:
                found = False
            if found:
                candidates.append((end - start, -block.depth, block))
        if not candidates:
            return
        target = min(candidates, key=lambda c: (c[0], c[1]))[2]
        text.mark(target)
        page = self.query_one("#page", VerticalScroll)

        def scroll() -> None:
            page.scroll_to(y=text.line_of(target), animate=False)

        # Once the section's width is settled: a new section may bring the scrollbar, and its text re-wraps.
        scroll()
        self.call_after_refresh(lambda: self.call_after_refresh(scroll))

    def go(self, section_id: str, highlight: str = "", line: int | None = None) -> None:
        """Show a section, optionally marking a passage (by its words or by its line)."""
        self._highlight, self._highlight_line = highlight, line
        if section_id == self.section_id:
            self.call_after_refresh(self._show_highlight)
        else:
            self.section_id = section_id

    def action_next(self) -> None:
        position = self.note.position(self.section_id)
        if position + 1 < len(self.note.sections):
            self.go(self.note.sections[position + 1].id)
        else:
            self.notify(self.strings("reader.last"), timeout=2)

    def action_previous(self) -> None:
        position = self.note.position(self.section_id)
        if position > 0:
            self.go(self.note.sections[position - 1].id)
        else:
            self.notify(self.strings("reader.first"), timeout=2)

    def action_toggle_toc(self) -> None:
        """Show or hide the contents; the passage being read stays in view while the text re-wraps."""
        toc = self.query_one("#toc")
        page = self.query_one("#page", VerticalScroll)
        where = page.scroll_y / page.max_scroll_y if page.max_scroll_y else 0.0
        toc.display = not toc.display
        (toc if toc.display else page).focus()
        self.call_after_refresh(lambda: page.scroll_to(y=round(where * page.max_scroll_y), animate=False))

    def action_search(self) -> None:
        from tui.app.screens.search import SearchScreen

        self.samenwerken.push_screen(SearchScreen(self.note), self._jump_to_hit)

    def _jump_to_hit(self, hit: SearchHit | None) -> None:
        if hit is not None:
            self.go(hit.section.id, line=hit.line)
            self.query_one("#page").focus()

    def action_help(self) -> None:
        from tui.app.screens.help import HelpScreen, help_rows  # imported when first asked for

        self.samenwerken.push_screen(HelpScreen(help_rows(self), self.strings("help.reader")))

    def action_back(self) -> None:
        if self.is_root:
            self.samenwerken.quit_asking()
        else:
            self.dismiss(None)

    @on(OptionList.OptionSelected, "#toc")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.go(event.option.id)
