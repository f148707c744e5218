"""The home screen: what the app is for, the sessions, and what can be done."""

from __future__ import annotations

import time
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static
from textual.worker import get_current_worker

from tui.app.screens.base import AppScreen
from tui.app.screens.dialogs import Confirm, TextPrompt
from tui.app.screens.home_rows import HomeRow, Layout, layout, newest_first, row_of
from tui.app.widgets.footer import SteadyFooter
from tui.app.widgets.header import AppHeader
from tui.app.widgets.literal import plain_text, visible
from tui.app.widgets.virtual_table import VirtualTable
from tui.core.errors import OpenElsewhere, SessionFileError, UserFileError
from tui.core.os_errors import describe_os_error
from tui.session import BadFile, StoredSession, due
from tui.session.listing import Row, Stopped, list_rows
from tui.session.rescue import find_rescues
from tui.session.stored import Listing, Status

TITLE_LEAVES = 34
"""Cells the other columns, their padding and the margins need beside the title."""

OVERDUE_LEAVES = 9
"""Cells the overdue column takes besides, when it is shown."""

FIRST_ROWS = 50
"""Rows read beside the screen that are shown at once (more than the list holds)."""
SHOW_EVERY = 0.25
"""Seconds between showing further rows while a big folder is read beside the screen."""


class SessionList(VirtualTable[HomeRow]):
    """Home's sessions: every row held as data, only the lines on screen drawn."""


class HomeScreen(AppScreen[None]):
    """Start here: read the note, start or continue a reflection."""

    STYLE_FILES = ("home.tcss",)
    """Its rules beside app.tcss's (see `tui.app.screens.base.read_style_files`)."""

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
    """Files not listed here before from which the folder is read beside the screen (about 0.3 s of parsing
    when none is kept from an earlier run)."""

    class RowsRead(Message):
        """Rows read beside the screen so far (more follow until the scan is done)."""

        def __init__(self, reading: int, rows: list[HomeRow]) -> None:
            super().__init__()
            self.reading = reading
            self.rows = rows

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[HomeRow] = []
        """The sessions as listed, newest change first."""
        self.marked: set[str] = set()
        self.bad: list[BadFile] = []
        self._reading = 0
        """Files being read beside the screen (0: none)."""
        self._readings = 0
        """Which reading beside the screen is under way: rows of an older one are dropped."""
        self._read_so_far: list[HomeRow] = []
        self._seen: dict[str, Status | None] = {}
        """The files as they were when last listed here, by name."""
        self._layout: Layout | None = None
        self._read_again = False
        self._left = False
        """Another screen was shown over this one since it was last shown."""
        self._streaming = False
        """Rows read beside the screen are shown as they come (none were shown before)."""
        self._listed_on = due.today()

    def compose(self) -> ComposeResult:
        note = self.samenwerken.note
        yield AppHeader()
        with Vertical(id="home"):
            yield Static(note.index.title, id="home-title")
            yield Static(note.index.subtitle + f" — {note.index.publisher}, {note.index.adopted}", id="home-subtitle")
            yield Static(self.strings("home.about"), id="home-about")
            yield Static(id="home-empty", classes="hint")
            yield SessionList(id="sessions")
            yield Static(id="home-bad", classes="warning")
            yield Static(id="home-where", classes="hint")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.sub_title = self.strings("home.subtitle")
        self.refresh_sessions()

    def on_screen_suspend(self) -> None:
        self._left = True

    def on_screen_resume(self) -> None:
        """Back from another screen, which may have changed the folder: read it again (not on the first show)."""
        self.samenwerken.release_editors()
        if self._left or not self._reading:
            self.refresh_sessions()
        self._left = False

    def refresh_sessions(self) -> None:
        """Read the sessions folder again and show what is there (and what is broken).

        The rows come from `list_rows`, which parses only files it has not kept from an earlier
        read. When many files are new to this screen, they are listed beside the screen, which
        is shown at once and fills in as rows come.
        """
        store = self.samenwerken.store
        if self._reading:
            self._read_again = True
        elif not self._seen and not self.rows and (count := store.count()) >= self.read_beside_from:
            # First shown, a big folder: even each file's status (tens of ms) is asked for beside the screen.
            self._read_beside(count, self._item_ids(), None)
        else:
            listing = store.files()
            files = listing[0]
            unread = sum(1 for name, status in files if status is None or self._seen.get(name) != status)
            item_ids = self._item_ids()
            gone = len(files) != len(self._seen) if not unread else False  # every file is one seen: any removed?
            if not (unread or gone or listing[1] or self.bad or due.today() != self._listed_on):
                pass  # nothing changed on disk: the rows as they are (with the marks as they are now)
            # A big folder is listed beside the screen even when little changed: the rows stay shown meanwhile.
            elif unread >= self.read_beside_from or len(files) >= self.read_beside_from:
                self._read_beside(unread or len(files), item_ids, listing)
            else:
                listed, self.bad = list_rows(store, item_ids, listing=listing)
                today = due.today()
                self._listed([row_of(row, len(item_ids), today) for row in listed], listing)
        self._show_sessions()

    def _read_beside(self, files: int, item_ids: list[str], listing: Listing | None) -> None:
        """List the folder beside the screen (`listing`: the files' status as just asked for; None: ask there)."""
        self._reading = files
        self._readings += 1
        self._read_so_far = []
        self._streaming = not self.rows  # rows shown already are replaced only when all are in
        # After the screen is drawn: the reading would take the first paint's time.
        self.call_after_refresh(self._list_beside, self._readings, item_ids, listing)

    def _item_ids(self) -> list[str]:
        return [item.id for item in self.samenwerken.tool.items]

    def _listed(self, rows: list[HomeRow], listing: Listing) -> None:
        self.rows = rows
        self._seen = dict(listing[0])
        self._listed_on = due.today()  # overdue steps are counted against this day

    @work(thread=True, exclusive=True, group="scan")
    def _list_beside(self, reading: int, item_ids: list[str], listing: Listing | None) -> None:
        """List the folder here, sending the rows on as they come: the first at once, then a batch now and then."""
        worker = get_current_worker()
        if listing is None:
            listing = self.samenwerken.store.files()
        today, items = due.today(), len(item_ids)
        batch: list[HomeRow] = []
        made: dict[str, tuple[Row, HomeRow]] = {}
        sent_at = 0.0

        def found(row: Row) -> None:
            nonlocal batch, sent_at
            shown = row_of(row, items, today)
            made[row.path] = (row, shown)
            batch.append(shown)
            first = sent_at == 0.0 and len(batch) >= FIRST_ROWS
            if first or (sent_at and time.monotonic() - sent_at >= SHOW_EVERY):
                self.post_message(self.RowsRead(reading, batch))
                batch, sent_at = [], time.monotonic()

        try:
            listed, bad = list_rows(
                self.samenwerken.store, item_ids, found=found, stopped=lambda: worker.is_cancelled, listing=listing
            )
        except Stopped:
            return
        rows = []
        for row in listed:  # each row was shown as it came; made again only if it is not the row shown
            known = made.get(row.path)
            rows.append(known[1] if known is not None and known[0] == row else row_of(row, items, today))
        if not worker.is_cancelled:
            self.samenwerken.call_from_thread(self._done_beside, reading, (rows, bad), listing)

    @on(RowsRead)
    def _rows_read(self, message: RowsRead) -> None:
        if message.reading != self._readings or not self._reading or not self._streaming:
            return  # a reading that was overtaken, or that is done already, or rows are shown till it is
        self._read_so_far += message.rows
        newest_first(self._read_so_far)
        self.rows = list(self._read_so_far)
        self._show_sessions()

    def _done_beside(self, reading: int, result: tuple[list[HomeRow], list[BadFile]], listing: Listing) -> None:
        if reading != self._readings:
            return
        rows, self.bad = result
        self._listed(rows, listing)
        self._read_so_far = []
        self._reading = 0
        if self._read_again:  # the folder may have changed while it was read
            self._read_again = False
            self.refresh_sessions()
        else:
            self._show_sessions()

    def _show_sessions(self) -> None:
        store = self.samenwerken.store
        table = self.query_one(SessionList)
        rows = self.rows
        keep = table.rows[table.cursor_row].key if table.cursor_row and table.row_count else None
        cursor = next((n for n, row in enumerate(rows) if row.key == keep), None) if keep else None
        self._layout = self._layout_for(rows)
        was_shown = table.display
        table.show(self._layout.headers, self._layout.widths, rows, self._layout.cells, cursor)
        table.display = bool(rows)
        if rows and not was_shown:
            table.focus()
        if self._reading:
            empty = self.strings("home.reading", n=self._reading)
        else:
            empty = "" if rows else self.strings("home.no_sessions")
        hint = self.query_one("#home-empty", Static)
        hint.update(empty)
        hint.display = bool(empty)  # above the list: while it is read, a line of the list makes room for it
        table.set_class(bool(self._reading), "-reading")
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

    def _layout_for(self, rows: list[HomeRow]) -> Layout:
        """The columns for `rows`: the overdue one only while some session has an overdue step."""
        overdue = any(row.late for row in rows)
        headers = [self.strings("home.col_title"), self.strings("home.col_progress"), self.strings("home.col_updated")]
        if overdue:
            headers.append(self.strings("home.col_overdue"))
        words = (lambda n: self.strings("home.overdue", n=n)) if overdue else None
        return layout(rows, headers, self._title_width(overdue), frozenset(self.marked), words)

    def _title_width(self, overdue: bool) -> int:
        """What the title column may take: the window less progress, date (and overdue), at most 60."""
        leaves = TITLE_LEAVES + (OVERDUE_LEAVES if overdue else 0)
        return max(16, min(60, self.samenwerken.size.width - leaves))

    def on_resize(self) -> None:
        """Titles are shortened to the window: the columns again only when their room changed."""
        if self._layout is not None and self._title_width(self._layout.overdue is not None) != self._layout.title_width:
            self._show_sessions()

    def selected(self) -> StoredSession | None:
        """The session under the cursor, read from its file now (None, and why, when it cannot be)."""
        table = self.query_one(SessionList)
        if not self.rows:
            return None
        return self._load(self.rows[min(table.cursor_row, len(self.rows) - 1)])

    def _load(self, row: HomeRow) -> StoredSession | None:
        try:
            return self.samenwerken.store.load(Path(row.key))
        except SessionFileError as error:
            self.samenwerken.say(
                self.strings("error.cannot_open", reason=error.text(self.strings)), severity="error", timeout=10
            )
            self.refresh_sessions()
            return None

    def action_new(self) -> None:
        self.samenwerken.push_screen(
            TextPrompt(self.strings("home.ask_title"), placeholder=self.strings("home.title_example")), self._create
        )

    def _create(self, title: str | None) -> None:
        if title:
            self.samenwerken.create_session(title)

    @on(SessionList.Selected, "#sessions")
    def action_resume(self) -> None:
        if not self.rows:
            self.action_new()
            return
        stored = self.selected()
        if stored is not None:
            self.samenwerken.open_walk(stored)

    def action_overview(self) -> None:
        stored = self.selected()
        if stored is not None:
            self.samenwerken.open_overview(stored)

    def action_mark(self) -> None:
        if not self.rows:
            return
        key = self.rows[min(self.query_one(SessionList).cursor_row, len(self.rows) - 1)].key
        self.marked.symmetric_difference_update({key})
        self.refresh_sessions()
        self.samenwerken.say(self.strings("compare.marked", n=len(self.marked)), timeout=3)

    def action_compare(self) -> None:
        marked = [row for row in self.rows if row.key in self.marked]
        chosen = [stored for row in marked if (stored := self._load(row)) is not None]
        if len(chosen) < len(marked):
            return
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
        from tui.app.screens.help import HelpScreen, help_rows  # imported when first asked for

        self.samenwerken.push_screen(HelpScreen(help_rows(self), self.strings("help.home")))

    def action_quit(self) -> None:
        self.samenwerken.quit_asking()
