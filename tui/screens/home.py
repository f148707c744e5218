"""The home screen: what the app is for, the sessions, and what can be done."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from tui.content import load_note, load_tool
from tui.i18n import t
from tui.screens.dialogs import Confirm, TextPrompt
from tui.screens.help import HelpScreen, help_rows
from tui.errors import LimitExceeded, OpenElsewhere, UserFileError
from tui.session import BadFile, StoredSession
from tui.session.rescue import find_rescues
from tui.session.store import describe_os_error
from tui.widgets.plain import plain_text, visible


class HomeScreen(Screen[None]):
    """Start here: read the note, start or continue a reflection."""

    BINDINGS = [
        Binding("n", "new", t("key.new"), id="home.new"),
        Binding("enter", "resume", t("key.resume"), id="home.resume", show=False),
        Binding("r", "read", t("key.read"), id="home.read"),
        Binding("o", "overview", t("key.overview"), id="home.overview"),
        Binding("space", "mark", t("key.mark"), show=False, id="home.mark"),
        Binding("v", "compare", t("key.compare"), id="home.compare"),
        Binding("h", "rename", t("key.rename"), show=False, id="home.rename"),
        Binding("x,delete", "delete", t("key.delete"), show=False, id="home.delete"),
        Binding("question_mark", "help", t("key.help"), id="home.help"),
        Binding("q", "quit", t("key.quit"), id="home.quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sessions: list[StoredSession] = []
        self.marked: set[str] = set()
        self.bad: list[BadFile] = []

    def compose(self) -> ComposeResult:
        note = load_note()
        yield Header()
        with Vertical(id="home"):
            yield Static(note.index.title, id="home-title")
            yield Static(note.index.subtitle + f" — {note.index.publisher}, {note.index.adopted}", id="home-subtitle")
            yield Static(t("home.about"), id="home-about")
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=False)
            yield Static(id="home-empty", classes="hint")
            yield Static(id="home-bad", classes="warning")
            yield Static(id="home-where", classes="hint")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.sub_title = t("home.subtitle")
        table = self.query_one("#sessions", DataTable)
        table.add_column(t("home.col_title"), key="title")
        table.add_column(t("home.col_progress"), key="progress")
        table.add_column(t("home.col_updated"), key="updated")
        self.refresh_sessions()

    def on_screen_resume(self) -> None:
        self.app.release_editors()  # type: ignore[attr-defined]
        self.refresh_sessions()

    def refresh_sessions(self) -> None:
        """Read the sessions folder again and show what is there (and what is broken)."""
        store = self.app.store  # type: ignore[attr-defined]
        item_ids = [item.id for item in load_tool().items]
        self.sessions, self.bad = store.scan()
        table = self.query_one("#sessions", DataTable)
        current = table.cursor_row
        table.clear()
        for stored in self.sessions:
            session = stored.session
            answered = session.answered_count(item_ids)
            mark = "☑ " if str(stored.path) in self.marked else ""
            table.add_row(
                Text(visible(mark + session.title[:60])),
                f"{answered}/{len(item_ids)}",
                session.updated.astimezone().strftime("%d-%m-%Y %H:%M"),
                key=str(stored.path),
            )
        table.display = bool(self.sessions)
        if self.sessions:
            table.move_cursor(row=min(current, len(self.sessions) - 1))
            table.focus()
        self.query_one("#home-empty", Static).update("" if self.sessions else t("home.no_sessions"))
        bad_lines = [t("home.bad_files", n=len(self.bad))] if self.bad else []
        bad_lines += [f"  {visible(b.path.name)}: {visible(b.reason)}" for b in self.bad[:5]]
        if len(self.bad) > 5:
            bad_lines.append("  …")
        if self.app.folder_problem:  # type: ignore[attr-defined]
            bad_lines.insert(0, t("home.folder_read_only", reason=self.app.folder_problem))  # type: ignore[attr-defined]
        bad_lines += [t("rescue.line", path=str(path)) for path in find_rescues(store.root)[-3:]]
        bad = self.query_one("#home-bad", Static)
        bad.update(plain_text("\n".join(bad_lines)))
        bad.display = bool(bad_lines)
        self.query_one("#home-where", Static).update(plain_text(t("home.where", folder=str(store.root))))

    def selected(self) -> StoredSession | None:
        table = self.query_one("#sessions", DataTable)
        if not self.sessions or table.cursor_row is None:
            return None
        return self.sessions[min(table.cursor_row, len(self.sessions) - 1)]

    def action_new(self, title: str | None = None) -> None:
        if title:
            self._create(title)
            return
        self.app.push_screen(TextPrompt(t("home.ask_title"), placeholder=t("home.title_example")), self._create)

    def _create(self, title: str | None) -> None:
        if not title:
            return
        store = self.app.store  # type: ignore[attr-defined]
        if self.app.folder_problem:  # type: ignore[attr-defined]
            self.app.say(t("error.cannot_create", folder=str(store.root), reason=self.app.folder_problem), severity="error")  # type: ignore[attr-defined]
            return
        try:
            stored = store.create(title, language=self._language())
        except OSError as error:
            self.app.say(t("error.cannot_create", folder=str(store.root), reason=describe_os_error(error)), severity="error")  # type: ignore[attr-defined]
            return
        except (UserFileError, LimitExceeded) as error:
            self.app.say(t("error.cannot_create", folder=str(store.root), reason=str(error)), severity="error")  # type: ignore[attr-defined]
            return
        self.app.open_walk(stored)  # type: ignore[attr-defined]

    def _language(self) -> str:
        from tui.i18n import language

        return language()

    @on(DataTable.RowSelected, "#sessions")
    def action_resume(self) -> None:
        stored = self.selected()
        if stored is None:
            self.action_new()
            return
        self.app.open_walk(stored)  # type: ignore[attr-defined]

    def action_overview(self) -> None:
        stored = self.selected()
        if stored is not None:
            self.app.open_overview(stored)  # type: ignore[attr-defined]

    def action_mark(self) -> None:
        stored = self.selected()
        if stored is None:
            return
        key = str(stored.path)
        self.marked.symmetric_difference_update({key})
        self.refresh_sessions()
        self.app.say(t("compare.marked", n=len(self.marked)), timeout=3)  # type: ignore[attr-defined]

    def action_compare(self) -> None:
        chosen = [s for s in self.sessions if str(s.path) in self.marked]
        if len(chosen) < 2:
            self.app.say(t("compare.need_two"), severity="warning")  # type: ignore[attr-defined]
            return
        from tui.screens.compare import CompareScreen

        self.app.push_screen(CompareScreen([s.session for s in chosen]))

    def action_read(self) -> None:
        from tui.screens.reader import ReaderScreen

        self.app.push_screen(ReaderScreen())

    def action_rename(self) -> None:
        stored = self.selected()
        if stored is None:
            return

        def rename(title: str | None) -> None:
            if not title:
                return
            editor = self.app.editor_for(stored)  # type: ignore[attr-defined]
            if editor is not None:
                self.app.apply_change(editor, editor.set_title, title)  # type: ignore[attr-defined]
            self.app.release_editors()  # type: ignore[attr-defined]
            self.refresh_sessions()

        self.app.push_screen(TextPrompt(t("home.ask_rename"), value=stored.session.title), rename)

    def action_delete(self) -> None:
        stored = self.selected()
        if stored is None:
            return

        def delete(yes: bool | None) -> None:
            if not yes:
                return
            self.app.release_editors()  # type: ignore[attr-defined]
            try:
                target = self.app.store.trash(stored)  # type: ignore[attr-defined]
            except OSError as error:
                self.app.say(t("error.cannot_delete", reason=describe_os_error(error)), severity="error")  # type: ignore[attr-defined]
                return
            except OpenElsewhere as error:
                self.app.say(t("error.cannot_delete", reason=t("readonly.locked", holder=error.holder)), severity="error")  # type: ignore[attr-defined]
                return
            except UserFileError as error:
                self.app.say(t("error.cannot_delete", reason=error.problem), severity="error")  # type: ignore[attr-defined]
                return
            self.app.say(t("home.deleted", path=str(target)), timeout=6)  # type: ignore[attr-defined]
            self.refresh_sessions()

        self.app.push_screen(Confirm(t("home.confirm_delete", title=visible(stored.session.title))), delete)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(help_rows(self), t("help.home")))

    def action_quit(self) -> None:
        self.app.exit()
