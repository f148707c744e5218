"""Compare reflections: per part, then items with the largest spread first."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from tui.compare import DISAGREEMENT, compare
from tui.compare_report import labels
from tui.content import load_tool
from tui.i18n import language, t
from tui.screens.help import HelpScreen, help_rows
from tui.session import Session
from tui.widgets.plain import plain_text, visible


class CompareScreen(Screen[None]):
    """Differences are topics for a conversation; `names` shows whose answers are whose."""

    BINDINGS = [
        Binding("question_mark", "help", t("key.help"), id="compare.help"),
        Binding("q,escape", "back", t("key.back"), id="compare.back"),
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
        tool, lang = load_tool(), language()
        self.sub_title = t("compare.subtitle")
        parts, items = compare(tool, self.sessions)
        who = labels(self.sessions, names=False)
        head = "  ".join(f"{w:>4}" for w in who)
        lines = [t("compare.heading", n=len(self.sessions))]
        lines += [f"  {w}: {s.title}" for w, s in zip(who, self.sessions, strict=True)]
        lines.append(f"{'':<34}{head}")
        for p in parts:
            means = "  ".join(f"{m:>4.1f}" if m is not None else f"{'–':>4}" for m in p.means)
            lines.append(f"{p.part.loc('title', lang)[:32]:<34}{means}")
        self.query_one("#cmp-parts", Static).update(plain_text("\n".join(lines)))
        table = self.query_one("#cmp-items", DataTable)
        table.add_column(t("compare.spread"), key="spread")
        for w in who:
            table.add_column(w, key=f"s-{w}")
        table.add_column("item", key="item")
        for c in items:
            spread = "–" if c.spread is None else (f"{c.spread} !" if c.spread >= DISAGREEMENT else str(c.spread))
            text = c.item.loc("text", lang)
            if c.reworded:
                text += "  " + t("compare.reworded", old=c.earlier_wording(lang) or "")
            table.add_row(spread, *["–" if s is None else str(s) for s in c.scores], visible(text))
        table.focus()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(help_rows(self), t("help.compare")))

    def action_back(self) -> None:
        self.dismiss(None)
