"""The facilitator's board: who is here, where the group agrees and where it does not, and what it agreed.

Made to be projected: seats as letters (never names), every item as counts of
answers with the largest spread first, the parts' group medians. Enter opens an
item for discussion: the board shows it large, and every seat sees the group's
counts beside their own answer. `a` writes an agreement into the room's register.

An item fewer seats answered than the room's minimum group shows no counts, here,
under discussion, or in the room file the seats read: "not enough answers yet".
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from tui.app.screens.base import AppScreen
from tui.app.screens.board_reading import SeatReading, SeatsRead
from tui.app.screens.board_text import focus_text, part_tag, parts_text, read_text, row_signature, rule_text, seat_line
from tui.app.widgets.board_table import BoardTable
from tui.app.widgets.footer import SteadyFooter
from tui.app.widgets.header import AppHeader
from tui.app.widgets.literal import plain_text, visible
from tui.core.net import is_loopback, shown_host
from tui.core.text import shortened
from tui.render.group import earlier_cells, earlier_items, histogram, number
from tui.room.model import Agreement, Discussion
from tui.room.phases import phase_line, take_request
from tui.session import NextStep
from tui.session.model import now
from tui.views.group import ANSWER_KEYS, GroupView, SeatReader
from tui.views.keeper import keep_counts

if TYPE_CHECKING:
    from tui.room.serving import RoomDoors

COUNT_WIDTH = 2
"""Room for a two-digit count in every count column, so a tenth answer does not widen the table."""
FIGURE_WIDTH = 4
"""'3,5' or '1,25': a median or a spread."""
SCROLLBAR = 2
COLUMN_GAP = 1
"""One space after each figure column (not Textual's two, one each side): the statement gets the rest."""
TABLE_GUTTER = 1
"""The table's left padding (app.tcss), in line with the lines above it."""
HISTOGRAM_FROM = 100
"""Below this width the histogram column gives its cells to the statement: the six counts say the same."""
ITEM_MIN_WIDTH = 12
CHANGES_GATHERED = 0.2
"""Seconds the board gathers seats' changes before it reads their files once for all of them."""

BOARD_LOOKS = 0.5
"""The board looks at the seats' files twice as often as a seat at the room's: an answer shows within
half a second (a look at unchanged files is one stat each; only changed files are read)."""


class BoardScreen(AppScreen[None]):
    """The room as the group sees it, updated twice a second."""

    STYLE_FILES = ("room.tcss",)
    """Its rules beside app.tcss's (see `tui.app.screens.base.read_style_files`)."""

    AUTO_FOCUS = "#board-items"
    """The table, not the discussion's or the agreements' scrolling box before it."""

    BINDINGS = [
        Binding("enter", "discuss", "key.discuss", id="board.discuss", priority=True),
        # The cursor keys are the screen's, with priority as Enter has: Enter typed right after ↓ or Home
        # must not overtake them (a widget's own bindings wait in its queue, a priority binding does not).
        Binding("up", "row('up')", "", priority=True, show=False),
        Binding("down", "row('down')", "", priority=True, show=False),
        Binding("pageup", "row('pageup')", "", priority=True, show=False),
        Binding("pagedown", "row('pagedown')", "", priority=True, show=False),
        Binding("home", "row('home')", "key.first_row", id="board.first", priority=True, show=False),
        Binding("end", "row('end')", "key.last_row", id="board.last", priority=True, show=False),
        Binding("v,space", "read", "key.read_item", id="board.read"),
        Binding("a", "agree", "key.agree", id="board.agree"),
        Binding("greater_than_sign", "phase(1)", "key.phase_next", key_display=">", id="board.phase_next"),
        Binding("less_than_sign", "phase(-1)", "key.phase_back", key_display="<", id="board.phase_back", show=False),
        Binding("o", "reveal", "key.reveal_part", id="board.reveal", show=False),
        Binding("question_mark", "help", "key.help", id="board.help"),
        Binding("q", "stop", "key.stop_room", id="board.stop"),
    ]

    def __init__(self, server: RoomDoors) -> None:
        super().__init__()
        self.server = server
        self.folder = server.folder
        self.reader = SeatReader(server.folder)
        self.reading = SeatReading(self, lambda seats: self.reader.view(self.samenwerken.tool, seats), server.connected)
        self.view: GroupView | None = None
        self._shown_rows: list[tuple[str, str]] = []
        self._shown_width = 0
        self._present = ""

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield Static(id="board-join")
        yield Static(id="board-seats")
        yield Static(id="board-parts")
        yield Static(id="board-rule", classes="hint")
        with VerticalScroll(id="board-focus-box"):
            yield Static(id="board-focus")
        yield BoardTable(id="board-items", cursor_type="row", zebra_stripes=True, cell_padding=0)
        with VerticalScroll(id="board-agreements-box"):
            yield Static(id="board-agreements")
        yield SteadyFooter()

    def on_resize(self) -> None:
        if self.view is not None:
            self._show_items(self.view)
            self.query_one("#board-seats", Static).update(
                seat_line(self.view, self.strings, self._seats_width(), self._present)
            )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """A click on a row chooses it (Enter is the board's own key and never reaches the table)."""
        self.query_one("#board-items", BoardTable).chosen = str(event.row_key.value)

    def on_mount(self) -> None:
        self.title = visible(self.folder.room.title)
        self.sub_title = self.strings("board.subtitle")
        self.server.on_change = self.seats_changed
        self._show(self.reading.read(self.server.connected()))  # once on the loop: the board opens showing the room
        if not is_loopback(self.server.host):
            self.samenwerken.say(self.strings("room.open_network"), severity="warning", timeout=20)
        self.set_interval(self.samenwerken.room_check_seconds * BOARD_LOOKS, self.refresh_board)
        self._stop_on_signals()

    def _stop_on_signals(self) -> None:
        """SIGTERM, SIGHUP and SIGINT stop the room as `q` does: the board leaves, then every seat ends cleanly.

        (The app's own handlers exit with 128+signal and a short watchdog: too short for the seats.)
        """
        import signal

        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
                loop.add_signal_handler(sig, self.samenwerken.exit)

    # showing ---------------------------------------------------------------

    def seats_changed(self) -> None:
        """A seat joined, left or answered: read their files soon, once for every change that comes meanwhile.

        Sixty joins in a second are one reading, in a thread. The doors call from outside the app's
        context, so the timer is set from the screen's queue (one made outside fails at shutdown).
        """
        self.call_later(self.reading.soon, CHANGES_GATHERED)

    def refresh_board(self) -> None:
        """Apply a waiting `room phase` request; read the seats' files in a thread (`board_reading`)."""
        try:
            part_ids = [p.id for p in self.samenwerken.tool.scale_parts]
            take_request(self.folder, now(), part_ids)  # `room phase` in another terminal
        except OSError as error:
            self.samenwerken.say(self.strings("board.not_saved", reason=str(error.strerror)), severity="error")
        self.reading.ask()

    def on_seats_read(self, message: SeatsRead) -> None:
        if message.view is not None:
            self._show(message.view)
        self.reading.done()

    def _shown_again(self) -> None:
        if self.view is not None:  # the room changed here (a phase, an agreement): shown now, with the last counts
            self._show(self.view)

    def _show(self, view: GroupView) -> None:
        self.view = view
        self._keep_discussion_counts(view)
        strings = self.strings
        self.sub_title = phase_line(view.room, strings, now())
        joined = sum(1 for s in view.seats if s.joined)
        self.query_one("#board-join", Static).update(
            plain_text(
                strings("board.join", port=self.server.port, host=shown_host(self.server.host))
                + "\n"
                + strings("board.key", fingerprint=self.server.fingerprint)
                + (("\n" + strings("board.web", url=self.server.web_url)) if self.server.web_url else "")
                + (("\n" + strings("room.beamer", url=beamer)) if (beamer := self.server.beamer_url) else "")
            )
        )
        self._present = strings(
            "board.present", connected=len(self.server.connected()), joined=joined, total=len(view.seats)
        )
        self.query_one("#board-seats", Static).update(seat_line(view, strings, self._seats_width(), self._present))
        self.query_one("#board-parts", Static).update(parts_text(view, strings))
        self.query_one("#board-rule", Static).update(rule_text(view, strings))
        self._show_focus(view)
        self._show_items(view)
        self._show_agreements()

    def _seats_width(self) -> int:
        return max(20, self.size.width - 2)  # the line's padding

    def _columns(self, table: DataTable[object], with_histogram: bool, with_earlier: bool = False) -> int:
        """Every column at a fixed width (two-digit counts fit); the statement's width; a follow-up's last time."""
        strings = self.strings
        fixed = [
            *([("hist", strings("board.col_counts"), len(ANSWER_KEYS))] if with_histogram else []),
            *[(k, strings("room.nvt") if k == "nvt" else k, COUNT_WIDTH) for k in ANSWER_KEYS],
            ("median", strings("board.col_median"), FIGURE_WIDTH),
            ("spread", strings("board.col_spread"), FIGURE_WIDTH),
            *([("earlier", strings("board.col_earlier"), FIGURE_WIDTH)] if with_earlier and with_histogram else []),
            *([("moved", strings("board.col_moved"), 4)] if with_earlier else []),
        ]
        widths = [max(cell_len(label), least) + COLUMN_GAP for _, label, least in fixed]
        item = max(ITEM_MIN_WIDTH, self.size.width - sum(widths) - TABLE_GUTTER - SCROLLBAR)
        table.clear(columns=True)
        for (key, label, _), width in zip(fixed, widths, strict=True):
            table.add_column(label, key=key, width=width)
        table.add_column(strings("board.col_item"), key="item", width=item)
        return item

    def _show_items(self, view: GroupView) -> None:
        table = self.query_one("#board-items", BoardTable)
        language = self.strings.language
        rows = [(g.item.id, row_signature(g)) for g in view.items]
        if rows == self._shown_rows and self.size.width == self._shown_width:
            return
        with_histogram = self.size.width >= HISTOGRAM_FROM
        earlier, width = earlier_items(view), self._columns(table, with_histogram, view.earlier is not None)
        first = 0 if with_histogram else 1
        numbers = {p.part.id: n for n, p in enumerate(view.parts, 1)}
        for g in view.items:
            tag = (f"★{g.votes} " if g.votes else "") + part_tag(numbers[g.part.id], g)
            statement = tag + " " + shortened(visible(g.item.loc("text", language)), width - len(tag) - 1)
            if g.counts is None:  # too few answers: nothing of them, not even a zero
                blank = [""] * len(ANSWER_KEYS)
                cells: list[object] = [Text("–", style="dim"), *blank, "", ""]
                if not with_histogram:
                    cells[1] = Text("–", style="dim")
            else:
                cells = [
                    histogram(g.counts),
                    *[str(g.counts[k]) for k in ANSWER_KEYS],
                    number(g.median, self.strings),
                    number(g.spread, self.strings),
                ]
            if view.earlier is not None:
                cells += earlier_cells(g, earlier.get(g.item.id), self.strings)[0 if with_histogram else 1 :]
            cells.append(Text(statement, style="dim") if g.counts is None else statement)
            table.add_row(*cells[first:], key=g.item.id)
        self._shown_rows, self._shown_width = rows, self.size.width
        chosen = table.chosen
        if chosen is not None and chosen in {item_id for item_id, _ in rows}:
            table.move_cursor(row=table.get_row_index(chosen))
        else:
            table.move_cursor(row=0)  # nothing chosen yet: the top row, as the facilitator sees it

    def _show_focus(self, view: GroupView) -> None:
        focus = self.query_one("#board-focus", Static)
        discussion = self.folder.room.discussion
        self.query_one("#board-parts", Static).display = discussion is None
        box = self.query_one("#board-focus-box", VerticalScroll)
        if discussion is None:
            box.display = False
            return
        focus.update(focus_text(view.item(discussion.item), view, self.strings))
        box.display = True

    def _show_agreements(self) -> None:
        agreements = self.folder.room.agreements
        widget = self.query_one("#board-agreements", Static)
        text = Text(self.strings("room.agreements") + f" ({len(agreements)})", style="bold")
        for agreement in agreements:  # all of them: the box scrolls
            extra = " — ".join(x for x in (agreement.who, agreement.when) if x)
            text.append("\n• " + visible(agreement.text) + (f" ({visible(extra)})" if extra else ""), style="")
        widget.update(text)

    def _highlighted_item(self) -> str | None:
        table = self.query_one("#board-items", DataTable)
        if table.row_count == 0:
            return None
        with contextlib.suppress(Exception):
            return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        return None

    # acting ----------------------------------------------------------------

    def action_help(self) -> None:
        """The board's keys, as ? shows them on every other screen."""
        from tui.app.screens.help import HelpScreen, help_rows

        self.samenwerken.push_screen(HelpScreen(help_rows(self), self.strings("help.board")))

    def action_row(self, where: str) -> None:
        """Move the table's cursor; in the discussion's or the agreements' box (when focused) scroll it."""
        table = self.query_one("#board-items", BoardTable)
        focused = self.focused
        if focused is not None and focused is not table:
            scroll = {"up": "scroll_up", "down": "scroll_down", "home": "scroll_home", "end": "scroll_end"}
            action = getattr(focused, "action_" + scroll.get(where, where.replace("page", "page_")), None)
            if action is not None:
                action()
            return
        moves = {"up": table.action_cursor_up, "down": table.action_cursor_down, "pageup": table.action_page_up}
        moves |= {
            "pagedown": table.action_page_down,
            "home": table.action_scroll_top,
            "end": table.action_scroll_bottom,
        }
        moves[where]()

    def action_read(self) -> None:
        """The highlighted statement in full, on this screen only: nothing is written, no seat sees it."""
        from tui.app.screens.board_item import BoardItemDialog

        item_id, view = self._highlighted_item(), self.view
        if view is None or item_id is None:
            return
        numbers = {p.part.id: n for n, p in enumerate(view.parts, 1)}
        g = view.item(item_id)
        self.samenwerken.push_screen(
            BoardItemDialog(self.strings("board.read_heading"), read_text(g, numbers[g.part.id], view, self.strings))
        )

    def _save_room(self) -> None:
        try:
            self.folder.save()
        except OSError as error:
            self.samenwerken.say(self.strings("board.not_saved", reason=str(error.strerror)), severity="error")

    def _keep_discussion_counts(self, view: GroupView) -> None:
        """The seats read the counts they may see from the room file: keep them current there.

        While an item is hidden, or its phase keeps it from the seats, the file holds no counts of it.
        """
        if keep_counts(view):
            self._save_room()

    def action_discuss(self) -> None:
        """Open the highlighted item for discussion; Enter again (on any item) closes it."""
        room, view = self.folder.room, self.view
        item_id = self._highlighted_item()
        if view is None or item_id is None:
            return
        if room.discussion is not None and room.discussion.item == item_id:
            room.discussion = None
        else:
            room.discussion = Discussion(item=item_id)
            keep_counts(view)
        self._save_room()
        self._shown_again()

    def action_phase(self, by: int) -> None:
        """The next (or previous) phase; its timer, if any, ends with it."""
        from tui.room.phases import set_phase, stepped

        room = self.folder.room
        phase = stepped(room.phase, by)
        if phase == room.phase:
            return
        set_phase(room, phase, now())
        if self.view is not None:
            keep_counts(self.view)
        self._save_room()
        self.samenwerken.say(self.strings("board.phase_now", phase=self.strings(f"phase.{phase}")))
        self._shown_again()

    def action_reveal(self) -> None:
        """In reveal: show the highlighted item's part to the seats (again: take it back)."""
        from tui.room.phases import toggle_part

        room, view, item_id = self.folder.room, self.view, self._highlighted_item()
        if view is None or item_id is None:
            return
        if room.phase != "reveal":
            self.samenwerken.say(self.strings("board.reveal_only", phase=self.strings("phase.reveal")))
            return
        part = view.item(item_id).part
        shown = toggle_part(room, part.id)
        keep_counts(view)
        self._save_room()
        title = visible(part.loc("title", self.strings.language))
        self.samenwerken.say(self.strings("board.revealed" if shown else "board.unrevealed", part=title))
        self._shown_again()

    def action_agree(self) -> None:
        def done(fields: dict[str, str] | None) -> None:
            if fields:
                self.folder.room.agreements = [*self.folder.room.agreements, Agreement(**fields)]
                self._save_room()
                self._shown_again()

        self.samenwerken.ask_step(NextStep(text=""), done, heading=self.strings("board.agreement_heading"))

    def action_stop(self) -> None:
        connected = len(self.server.connected())
        if connected == 0:
            self.samenwerken.exit()
            return

        def done(stop: bool | None) -> None:
            if stop:
                self.samenwerken.exit()

        self.samenwerken.confirm(self.strings("board.stop_question", n=connected), done)
