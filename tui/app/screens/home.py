"""The home screen: what the app is for, the sessions, and what can be done."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from tui.app.screens.base import AppScreen
from tui.app.screens.dialogs import Confirm, TextPrompt
from tui.app.screens.help import HelpScreen, help_rows
from tui.app.widgets.footer import SteadyFooter
from tui.app.widgets.header import AppHeader
from tui.app.widgets.literal import plain_text, visible
from tui.core.errors import OpenElsewhere, UserFileError
from tui.core.os_errors import describe_os_error
from tui.core.text import local_time, shortened
from tui.session import BadFile, Session, StoredSession, due
from tui.session.rescue import find_rescues

TITLE_LEAVES = 34
"""Cells the other columns, their padding and the margins need beside the title."""

OVERDUE_LEAVES = 9
"""Cells the overdue column takes besides, when it is shown."""

FIRST_ROWS = 100
"""Rows put in the table at once (more than a screen holds)."""
ROW_BATCH = 2000
"""Rows added per refresh after the first: a folder of 10,000 fills in while keys keep working."""


def overdue_count(session: Session, today: date) -> int:
    """How many of the session's open steps are past their date."""
    return sum(1 for step in session.next_steps if due.is_overdue(step.due, step.done, today))


class HomeScreen(AppScreen[None]):
    """Start here: read the note, start or continue a reflection."""

    NARROW_HIDDEN = frozenset({"compare"})
    """Keys the bar leaves out below 80 columns (see SteadyFooter); ? lists them."""

    BINDINGS = [
        Binding("n", "new", "key.new", id="home.new"),
        Binding("enter", "resume", "key.resume", id="home.resume", show=False),
        Binding("r", "read", "key.read", id="home.read"),
        Binding("o", "overview", "key.overview", id="home.overview"),
        Binding("space", "mark", "key.mark", show=False, id="home.mark"),
        Binding("v", "compare", "key.compare", id="home.compare"),
        Binding("h", "rename", "key.rename", show=False, id="home.rename"),
        Binding("x,delete", "delete", "key.delete", show=False, id="home.delete"),
        Binding("question_mark", "help", "key.help", id="home.help"),
        Binding("q", "quit", "key.quit", id="home.quit"),
    ]

    read_beside_from = 200
    """New or changed files from which the folder is read beside the screen (about 0.3 s of parsing)."""

    def __init__(self) -> None:
        super().__init__()
        self.sessions: list[StoredSession] = []
        self.marked: set[str] = set()
        self.bad: list[BadFile] = []
        self._reading = 0
        """Files being read beside the screen (0: none)."""
        self._titles_fitted_to: int | None = None
        """The title column's width the rows were shortened to."""
        self._read_again = False
        self._overdue_shown = False
        """Whether the table has its overdue column: only while some session has an overdue step."""
        self._filling = 0
        """Which filling of the table is under way: an older one stops adding rows."""

    def compose(self) -> ComposeResult:
        note = self.samenwerken.note
        yield AppHeader()
        with Vertical(id="home"):
            yield Static(note.index.title, id="home-title")
            yield Static(note.index.subtitle + f" — {note.index.publisher}, {note.index.adopted}", id="home-subtitle")
            yield Static(self.strings("home.about"), id="home-about")
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=False)
            yield Static(id="home-empty", classes="hint")
            yield Static(id="home-bad", classes="warning")
            yield Static(id="home-where", classes="hint")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.sub_title = self.strings("home.subtitle")
        self._add_columns()
        self.refresh_sessions()

    def _add_columns(self) -> None:
        table = self.query_one("#sessions", DataTable)
        table.add_column(self.strings("home.col_title"), key="title")
        table.add_column(self.strings("home.col_progress"), key="progress")
        table.add_column(self.strings("home.col_updated"), key="updated")
        if self._overdue_shown:
            table.add_column(self.strings("home.col_overdue"), key="overdue")

    def on_screen_resume(self) -> None:
        self.samenwerken.release_editors()
        self.refresh_sessions()

    def refresh_sessions(self) -> None:
        """Read the sessions folder again and show what is there (and what is broken).

        Files read before are not parsed again (see `SessionStore.scan`). When many are new,
        they are read beside the screen, which is shown at once and filled when they are in.
        """
        store = self.samenwerken.store
        if self._reading:
            self._read_again = True
        else:
            listing = store.files()
            unread = store.unread(listing)
            if unread >= self.read_beside_from:
                self._reading = unread
                self._scan_beside()
            else:
                self.sessions, self.bad = store.scan(listing=listing)
        self._show_sessions()

    @work(thread=True, exclusive=True, group="scan")
    def _scan_beside(self) -> None:
        worker = get_current_worker()
        found = self.samenwerken.store.scan(stopped=lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            self.samenwerken.call_from_thread(self._scanned, found)

    def _scanned(self, found: tuple[list[StoredSession], list[BadFile]]) -> None:
        self.sessions, self.bad = found
        self._reading = 0
        if self._read_again:  # the folder may have changed while it was read
            self._read_again = False
            self.refresh_sessions()
        else:
            self._show_sessions()

    def _show_sessions(self) -> None:
        store = self.samenwerken.store
        item_ids = [item.id for item in self.samenwerken.tool.items]
        table = self.query_one("#sessions", DataTable)
        current = table.cursor_row
        today = due.today()
        late_counts = [overdue_count(stored.session, today) for stored in self.sessions]
        if any(late_counts) != self._overdue_shown:  # the column comes and goes with overdue steps
            self._overdue_shown = any(late_counts)
            table.clear(columns=True)
            self._add_columns()
        table.clear()
        self._titles_fitted_to = self._title_width()
        self._filling += 1
        self._fill(self._filling, 0, list(zip(self.sessions, late_counts, strict=True)), item_ids, current)
        if self._reading:
            empty = self.strings("home.reading", n=self._reading)
        else:
            empty = "" if self.sessions else self.strings("home.no_sessions")
        self.query_one("#home-empty", Static).update(empty)
        bad_lines = [self.strings("home.bad_files", n=len(self.bad))] if self.bad else []
        bad_lines += [f"  {visible(b.path.name)}: {visible(b.text(self.strings))}" for b in self.bad[:5]]
        if len(self.bad) > 5:
            bad_lines.append("  …")
        if self.samenwerken.folder_problem:
            bad_lines.insert(0, self.strings("home.folder_read_only", reason=self.samenwerken.folder_problem))
        bad_lines += [self.strings("rescue.line", path=str(path)) for path in find_rescues(store.root)[-3:]]
        bad = self.query_one("#home-bad", Static)
        bad.update(plain_text("\n".join(bad_lines)))
        bad.display = bool(bad_lines)
        self.query_one("#home-where", Static).update(plain_text(self.strings("home.where", folder=str(store.root))))

    def _fill(
        self, filling: int, start: int, rows: list[tuple[StoredSession, int]], item_ids: list[str], current: int
    ) -> None:
        """Add the next batch of rows, then the following one after the screen has been refreshed."""
        if filling != self._filling:
            return  # the table was filled again meanwhile
        table = self.query_one("#sessions", DataTable)
        end = start + (FIRST_ROWS if start == 0 else ROW_BATCH)
        title_width = self._titles_fitted_to or self._title_width()
        for stored, late in rows[start:end]:
            session = stored.session
            answered = session.answered_count(item_ids)
            mark = "☑ " if str(stored.path) in self.marked else ""
            # Text, not str: a str cell is parsed as markup, which for 10,000 rows costs about a third of filling.
            cells: list[object] = [
                Text(shortened(visible(mark + session.title), title_width)),
                Text(f"{answered}/{len(item_ids)}"),
                Text(local_time(session.updated)),
            ]
            if self._overdue_shown:
                cells.append(Text(self.strings("home.overdue", n=late) if late else ""))
            table.add_row(*cells, key=str(stored.path))
        table.display = bool(rows)
        if rows and (start == 0 or current >= start):
            table.move_cursor(row=min(current, table.row_count - 1))
            if start == 0:
                table.focus()
        if end < len(rows):
            self.call_after_refresh(self._fill, filling, end, rows, item_ids, current)

    def _title_width(self) -> int:
        """What the title column may take: the window less progress, date (and overdue), at most 60."""
        leaves = TITLE_LEAVES + (OVERDUE_LEAVES if self._overdue_shown else 0)
        return max(16, min(60, self.samenwerken.size.width - leaves))

    def on_resize(self) -> None:
        """Titles are shortened to the window: the rows again only when their room changed."""
        if self._title_width() != self._titles_fitted_to:
            self._show_sessions()

    def selected(self) -> StoredSession | None:
        table = self.query_one("#sessions", DataTable)
        if not self.sessions or table.cursor_row is None:
            return None
        return self.sessions[min(table.cursor_row, len(self.sessions) - 1)]

    def action_new(self) -> None:
        self.samenwerken.push_screen(
            TextPrompt(self.strings("home.ask_title"), placeholder=self.strings("home.title_example")), self._create
        )

    def _create(self, title: str | None) -> None:
        if title:
            self.samenwerken.create_session(title)

    @on(DataTable.RowSelected, "#sessions")
    def action_resume(self) -> None:
        stored = self.selected()
        if stored is None:
            self.action_new()
            return
        self.samenwerken.open_walk(stored)

    def action_overview(self) -> None:
        stored = self.selected()
        if stored is not None:
            self.samenwerken.open_overview(stored)

    def action_mark(self) -> None:
        stored = self.selected()
        if stored is None:
            return
        key = str(stored.path)
        self.marked.symmetric_difference_update({key})
        self.refresh_sessions()
        self.samenwerken.say(self.strings("compare.marked", n=len(self.marked)), timeout=3)

    def action_compare(self) -> None:
        chosen = [s for s in self.sessions if str(s.path) in self.marked]
        if len(chosen) < 2:
            self.samenwerken.say(self.strings("compare.need_two"), severity="warning")
            return
        from tui.app.screens.compare import CompareScreen

        self.samenwerken.clear_notifications()  # "2 chosen" has done its job; it would cover the table
        self.samenwerken.push_screen(CompareScreen([s.session for s in chosen]))

    def action_read(self) -> None:
        from tui.app.screens.reader import ReaderScreen

        self.samenwerken.push_screen(ReaderScreen())

    def action_rename(self) -> None:
        stored = self.selected()
        if stored is None:
            return

        def rename(title: str | None) -> None:
            if not title:
                return
            editor = self.samenwerken.editor_for(stored)
            if editor is not None:
                self.samenwerken.apply_change(editor, editor.set_title, title)
            self.samenwerken.release_editors()
            self.refresh_sessions()

        self.samenwerken.push_screen(TextPrompt(self.strings("home.ask_rename"), value=stored.session.title), rename)

    def action_delete(self) -> None:
        stored = self.selected()
        if stored is None:
            return

        def delete(yes: bool | None) -> None:
            if not yes:
                return
            self.samenwerken.release_editors()
            try:
                target = self.samenwerken.store.trash(stored)
            except OSError as error:
                self.samenwerken.say(
                    self.strings("error.cannot_delete", reason=describe_os_error(error, self.strings)), severity="error"
                )
                return
            except OpenElsewhere as error:
                self.samenwerken.say(
                    self.strings("error.cannot_delete", reason=self.strings("readonly.locked", holder=error.holder)),
                    severity="error",
                )
                return
            except UserFileError as error:
                self.samenwerken.say(
                    self.strings("error.cannot_delete", reason=error.why().text(self.strings)), severity="error"
                )
                return
            self.samenwerken.say(self.strings("home.deleted", path=str(target)), timeout=6)
            self.refresh_sessions()

        self.samenwerken.push_screen(
            Confirm(self.strings("home.confirm_delete", title=visible(stored.session.title))), delete
        )

    def action_help(self) -> None:
        self.samenwerken.push_screen(HelpScreen(help_rows(self), self.strings("help.home")))

    def action_quit(self) -> None:
        self.samenwerken.quit_asking()
