"""Compare reflections: who is who and the parts, then every item (largest spread first) with its remarks."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from tui.app.screens.base import AppScreen
from tui.app.screens.export_picker import FormatPicker
from tui.app.screens.help import HelpScreen, help_rows
from tui.app.widgets.footer import SteadyFooter
from tui.app.widgets.header import AppHeader
from tui.app.widgets.literal import plain_text, visible
from tui.core.text import shortened
from tui.render.compare import COMPARE_FORMATS, columns, compare_table, score_cell
from tui.session import Session
from tui.views.compare import Comparison, ComparisonItem, build_comparison

REMARK_LINES = 2
"""In the table a remark takes at most this many lines; Enter on the item shows all of it."""

SCROLLBAR = 2
"""Columns the table's vertical scrollbar takes."""


def item_cell(comparison: Comparison, item: ComparisonItem, width: int) -> Text:
    """An item's whole statement, the reworded note, then each session's remark labelled A, B…, shortened."""
    text = Text(visible(item.title))
    if item.reworded:
        text.append("\n" + visible(item.reworded_note), style="italic")
    for head, remark in zip(columns(comparison), item.remarks, strict=True):
        words = " ".join(visible(remark).split())
        if words:
            prefix = f"{head}: "
            text.append("\n" + prefix, style="bold")
            text.append(shortened(words, max(10, REMARK_LINES * (width - len(prefix)) - 8)), style="dim")
    return text


class CompareExportPicker(FormatPicker):
    """Which format to export the comparison in (COMPARE_FORMATS)."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="compare_export.cancel")]
    HEADING, OPTION, FORMATS, LIST_ID = "compare.export_heading", "compare.format_", COMPARE_FORMATS, "cmp-formats"


class CompareScreen(AppScreen[None]):
    """Differences are topics for a conversation; the legend says whose answers are whose."""

    STYLE_FILES = ("overview.tcss",)
    """Its rules beside app.tcss's (see `tui.app.screens.base.read_style_files`)."""

    BINDINGS = [
        Binding("enter", "open_item", "key.open_item", id="compare.open", priority=True),
        Binding("e", "export", "key.export", id="compare.export"),
        Binding("question_mark", "help", "key.help", id="compare.help"),
        Binding("q,escape", "back", "key.back", id="compare.back"),
    ]

    def __init__(self, sessions: list[Session]) -> None:
        super().__init__()
        self.sessions = sessions
        self._laid_out_for = 0

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with VerticalScroll(id="cmp-head"):
            yield Static(id="cmp-parts")
        yield DataTable(id="cmp-items", cursor_type="row")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.sub_title = self.strings("compare.subtitle")
        self.comparison = build_comparison(self.samenwerken.tool, self.sessions, self.strings, names=True)
        self.lay_out()
        self.query_one("#cmp-items", DataTable).focus()

    def on_resize(self) -> None:
        if self.samenwerken.size.width != self._laid_out_for:
            self.lay_out()

    def lay_out(self) -> None:
        """The legend and parts as the text renderer writes them; the items in a table fitted to the width."""
        width = self.samenwerken.size.width
        self._laid_out_for = width
        comparison = self.comparison
        fitted = max(40, width - 2 - SCROLLBAR)
        # Without the blank line between them: the parts table must fit above the items at 80×24 and 60×20.
        head = [compare_table(comparison, fitted, sections=(name,)).rstrip("\n") for name in ("heading", "parts")]
        self.query_one("#cmp-parts", Static).update(plain_text("\n".join(head)))
        table = self.query_one("#cmp-items", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        spread_word = self.strings("compare.spread")
        table.add_column(spread_word, key="spread")
        heads = columns(comparison)
        for column in heads:
            table.add_column(column, key=f"s-{column}")
        used = (max(len(spread_word), 3) + 2) + sum(max(len(h), 1) + 2 for h in heads) + SCROLLBAR + 2
        text_width = max(20, width - used)
        table.add_column("", key="item", width=text_width)
        for item in comparison.items:
            spread = score_cell(item.spread, self.strings)
            if item.spread is not None and item.spread >= comparison.disagreement:
                spread += " !"
            scores = [score_cell(score, self.strings) for score in item.scores]
            table.add_row(spread, *scores, item_cell(comparison, item, text_width), key=item.id, height=None)
        if row:
            table.move_cursor(row=min(row, table.row_count - 1))

    @property
    def current_item(self) -> ComparisonItem | None:
        table = self.query_one("#cmp-items", DataTable)
        if not table.row_count:
            return None
        return self.comparison.items[table.cursor_row]

    @on(DataTable.RowSelected, "#cmp-items")
    def _selected(self, event: DataTable.RowSelected) -> None:
        """A click on the row under the cursor opens it too."""
        event.stop()
        self.action_open_item()

    def action_open_item(self) -> None:
        """Every session's answer and remark on the item under the cursor, side by side."""
        from tui.app.screens.compare_item import CompareItemScreen

        item = self.current_item
        if item is not None:
            self.samenwerken.push_screen(CompareItemScreen(self.comparison, item))

    def action_export(self) -> None:
        """Ask for a format, then have the app write the comparison (or hand it to the browser)."""

        def chosen(fmt: str | None) -> None:
            if fmt:  # the app delivers it, asks before replacing, and says how it went
                self.samenwerken.export_comparison(self.sessions, fmt)

        self.samenwerken.push_screen(CompareExportPicker(), chosen)

    def action_help(self) -> None:
        self.samenwerken.push_screen(HelpScreen(help_rows(self), self.strings("help.compare")))

    def action_back(self) -> None:
        self.dismiss(None)
