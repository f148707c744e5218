"""Compare reflections: per part, then items with the largest spread first."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from tui.compare import build_comparison
from tui.compare_export import columns, compare_table, score_cell
from tui.screens.base import AppScreen
from tui.screens.help import HelpScreen, help_rows
from tui.session import Session
from tui.widgets.plain import plain_text, visible


class CompareScreen(AppScreen[None]):
    """Differences are topics for a conversation; `names` shows whose answers are whose."""

    BINDINGS = [
        Binding("question_mark", "help", "key.help", id="compare.help"),
        Binding("q,escape", "back", "key.back", id="compare.back"),
    ]

    def __init__(self, sessions: list[Session]) -> None:
        super().__init__()
        self.sessions = sessions

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="cmp-parts")
        yield DataTable(id="cmp-items", cursor_type="row")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        """Who is who and the parts as the text renderer writes them; the items in a table below."""
        self.sub_title = self.strings("compare.subtitle")
        comparison = build_comparison(self.samenwerken.tool, self.sessions, self.strings, names=True)
        head = compare_table(comparison, max(40, self.samenwerken.size.width - 2), sections=("heading", "parts"))
        self.query_one("#cmp-parts", Static).update(plain_text(head.rstrip("\n")))
        table = self.query_one("#cmp-items", DataTable)
        table.add_column(self.strings("compare.spread"), key="spread")
        for column in columns(comparison):
            table.add_column(column, key=f"s-{column}")
        table.add_column("", key="item")
        for item in comparison.items:
            spread = score_cell(item.spread)
            if item.spread is not None and item.spread >= comparison.disagreement:
                spread += " !"
            text = f"{item.title}  {item.reworded_note}" if item.reworded else item.title
            table.add_row(spread, *[score_cell(score) for score in item.scores], visible(text))
        table.focus()

    def action_help(self) -> None:
        self.samenwerken.push_screen(HelpScreen(help_rows(self), self.strings("help.compare")))

    def action_back(self) -> None:
        self.dismiss(None)
