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
import sys
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from tui.net import is_loopback, shown_host
from tui.render import bar
from tui.room.group import ANSWER_KEYS, GroupItem, GroupView, SeatReader
from tui.room.group_export import histogram, number
from tui.room.model import Agreement, Discussion
from tui.screens.base import AppScreen
from tui.session import NextStep
from tui.text import shortened
from tui.widgets.footer import SteadyFooter
from tui.widgets.plain import plain_text, visible

if TYPE_CHECKING:
    from tui.i18n import Strings
    from tui.room.cli import ServeOptions
    from tui.room.server import RoomServer
    from tui.room.store import RoomFolder

FOCUS_BAR = 20
ITEM_COLUMN_AT = 60
"""Cells left of the statement column (counts, median, spread, borders): the statement gets the rest."""


class BoardScreen(AppScreen[None]):
    """The room as the group sees it, updated every second."""

    BINDINGS = [
        Binding("enter", "discuss", "key.discuss", id="board.discuss", priority=True),
        Binding("a", "agree", "key.agree", id="board.agree"),
        Binding("question_mark", "help", "key.help", id="board.help"),
        Binding("q", "stop", "key.stop_room", id="board.stop"),
    ]

    def __init__(self, server: RoomServer) -> None:
        super().__init__()
        self.server = server
        self.folder = server.folder
        self.reader = SeatReader(server.folder)
        self.view: GroupView | None = None
        self._shown_rows: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="board-join")
        yield Static(id="board-seats")
        yield Static(id="board-parts")
        yield Static(id="board-rule", classes="hint")
        yield Static(id="board-focus")
        yield DataTable(id="board-items", cursor_type="row", zebra_stripes=True)
        yield Static(id="board-agreements")
        yield SteadyFooter()

    def on_resize(self) -> None:
        if self.view is not None:
            self._show_items(self.view)

    def on_mount(self) -> None:
        self.title = visible(self.folder.room.title)
        self.sub_title = self.strings("board.subtitle")
        table = self.query_one("#board-items", DataTable)
        table.add_column(self.strings("board.col_counts"), key="hist")
        for key in ANSWER_KEYS:
            table.add_column(self.strings("room.nvt") if key == "nvt" else key, key=key)
        table.add_column(self.strings("board.col_median"), key="median")
        table.add_column(self.strings("board.col_spread"), key="spread")
        table.add_column(self.strings("board.col_item"), key="item")
        self.server.on_change = self.refresh_board
        self.refresh_board()
        if not is_loopback(self.server.host):
            self.samenwerken.say(self.strings("room.open_network"), severity="warning", timeout=20)
        self.set_interval(self.samenwerken.room_check_seconds, self.refresh_board)
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

    def refresh_board(self) -> None:
        view = self.reader.view(self.samenwerken.tool, self.server.connected())
        self.view = view
        self._keep_discussion_counts(view)
        strings = self.strings
        joined = sum(1 for s in view.seats if s.joined)
        self.query_one("#board-join", Static).update(
            plain_text(
                strings("board.join", port=self.server.port, host=shown_host(self.server.host))
                + "   "
                + strings("board.present", connected=len(self.server.connected()), joined=joined, total=len(view.seats))
                + "\n"
                + strings("board.key", fingerprint=self.server.fingerprint)
                + (("\n" + strings("board.web", url=self.server.web_url)) if self.server.web_url else "")
            )
        )
        self.query_one("#board-seats", Static).update(seat_line(view, strings))
        self.query_one("#board-parts", Static).update(parts_text(view, strings))
        self.query_one("#board-rule", Static).update(rule_text(view, strings))
        self._show_focus(view)
        self._show_items(view)
        self._show_agreements()

    def _show_items(self, view: GroupView) -> None:
        table = self.query_one("#board-items", DataTable)
        language = self.strings.language
        width = max(20, self.size.width - ITEM_COLUMN_AT)
        rows = [(g.item.id, row_signature(g) + str(width)) for g in view.items]
        if rows == self._shown_rows:
            return
        keep = self._highlighted_item()
        table.clear()
        for g in view.items:
            if g.counts is None:  # too few answers: nothing of them, not even a zero
                statement = shortened(visible(g.item.loc("text", language)), width)
                blank = [""] * len(ANSWER_KEYS)
                table.add_row(Text("–", style="dim"), *blank, "", "", Text(statement, style="dim"), key=g.item.id)
                continue
            table.add_row(
                histogram(g.counts),
                *[str(g.counts[k]) for k in ANSWER_KEYS],
                number(g.median, self.strings),
                number(g.spread, self.strings),
                shortened(visible(g.item.loc("text", language)), width),
                key=g.item.id,
            )
        self._shown_rows = rows
        if keep is not None:
            with contextlib.suppress(Exception):
                table.move_cursor(row=table.get_row_index(keep))

    def _show_focus(self, view: GroupView) -> None:
        focus = self.query_one("#board-focus", Static)
        discussion = self.folder.room.discussion
        self.query_one("#board-parts", Static).display = discussion is None
        if discussion is None:
            focus.display = False
            return
        focus.update(focus_text(view.item(discussion.item), view, self.strings))
        focus.display = True

    def _show_agreements(self) -> None:
        agreements = self.folder.room.agreements
        widget = self.query_one("#board-agreements", Static)
        text = Text(self.strings("room.agreements") + f" ({len(agreements)})", style="bold")
        for agreement in agreements[-3:]:
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
        from tui.screens.help import HelpScreen, help_rows

        self.samenwerken.push_screen(HelpScreen(help_rows(self), self.strings("help.board")))

    def _save_room(self) -> None:
        try:
            self.folder.save()
        except OSError as error:
            self.samenwerken.say(self.strings("board.not_saved", reason=str(error.strerror)), severity="error")

    def _keep_discussion_counts(self, view: GroupView) -> None:
        """The seats read the discussed item's counts from the room file: keep them current there.

        While the item is hidden the file holds no counts at all ({}), so no seat can read them.
        """
        discussion = self.folder.room.discussion
        if discussion is not None and discussion.counts != discussion_counts(view.item(discussion.item)):
            discussion.counts = discussion_counts(view.item(discussion.item))
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
            room.discussion = Discussion(item=item_id, counts=discussion_counts(view.item(item_id)))
        self._save_room()
        self.refresh_board()

    def action_agree(self) -> None:
        def done(fields: dict[str, str] | None) -> None:
            if fields:
                self.folder.room.agreements = [*self.folder.room.agreements, Agreement(**fields)]
                self._save_room()
                self.refresh_board()

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


def row_signature(g: GroupItem) -> str:
    return f"{g.counts}{g.median}{g.spread}"


def discussion_counts(g: GroupItem) -> dict[str, int]:
    """What the room file tells the seats about the item under discussion: its counts, or {} while hidden."""
    return {} if g.counts is None else dict(g.counts)


def rule_text(view: GroupView, strings: Strings) -> Text:
    """The rule for small numbers, said on the board, with how many items it hides now."""
    hidden = sum(1 for g in view.items if g.hidden)
    return Text(strings("board.rule", n=view.room.min_group, hidden=hidden, too_few=strings("room.too_few")))


def seat_line(view: GroupView, strings: Strings) -> Text:
    """'A ● 12/48  B ○ 48/48 ✓  C · 0/48': connected, joined before, not yet joined."""
    text = Text()
    for seat in view.seats:
        mark = "●" if seat.connected else "○" if seat.joined else "·"
        text.append(f"{seat.label} ", style="bold")
        text.append(mark, style="green" if seat.connected else "dim")
        text.append(f" {seat.answered}/{seat.total}" + (" ✓" if seat.finished else "") + "  ")
    if view.unreadable:
        text.append(strings("board.unreadable", seats=", ".join(view.unreadable)), style="red")
    return text


def parts_text(view: GroupView, strings: Strings) -> Text:
    text = Text()
    for n, part in enumerate(view.parts):
        title = part.part.loc("title", strings.language)
        text.append(("\n" if n else "") + f"{title[:34]:<34} ")
        if part.hidden:
            text.append(strings("room.too_few"), style="dim")
        else:
            text.append(f"{bar(part.median, 20)} {number(part.median, strings):>4}")
    return text


def focus_text(g: GroupItem, view: GroupView, strings: Strings) -> Text:
    """The item under discussion, large: its text, a bar per answer, and the remarks shared on it."""
    text = Text()
    text.append(strings("room.in_discussion") + " ", style="bold reverse")
    text.append(" " + visible(g.item.loc("text", strings.language)) + "\n", style="bold")
    if g.counts is None:
        text.append(strings("room.too_few") + " " + strings("board.too_few_why", n=view.room.min_group), style="italic")
    else:
        _focus_counts(text, g, g.counts, strings)
    for remark in (r for r in view.shared if r.item.id == g.item.id):
        text.append("\n“" + visible(remark.text) + "”", style="italic")
    return text


def _focus_counts(text: Text, g: GroupItem, counts: dict[str, int], strings: Strings) -> None:
    top = max(counts.values(), default=0) or 1
    for left, right in zip(ANSWER_KEYS[:3], ANSWER_KEYS[3:], strict=True):
        for key, end in ((left, "   "), (right, "\n")):
            name = strings("room.nvt") if key == "nvt" else key
            cells = round(counts[key] / top * FOCUS_BAR)
            text.append(f"{name:<7}")
            text.append("█" * cells, style="bold")
            text.append(f"{' ' * (FOCUS_BAR - cells)} {counts[key]:>2}{end}")
    text.append(
        f"{strings('room.median')} {number(g.median, strings)} · {strings('room.spread')} {number(g.spread, strings)}"
    )


def run_board(folder: RoomFolder, options: ServeOptions, strings: Strings) -> int:
    """Serve the room and show the board in one event loop; stopping the board ends every seat."""
    return asyncio.run(_run(folder, options, strings))


async def _run(folder: RoomFolder, options: ServeOptions, strings: Strings) -> int:
    from tui.factory import make_app
    from tui.room.headless import close_doors, open_doors
    from tui.start import Start

    server, web = await open_doors(folder, options)
    app = make_app(folder.seat_store(), Start("board", board=server), strings.language)
    try:
        await app.run_async()
    finally:
        server.on_change = lambda: None  # the board has gone: the seats end without it
        print(strings("room.stopping"), file=sys.stderr, flush=True)
        await close_doors(server, web)
    return app.return_code or 0
