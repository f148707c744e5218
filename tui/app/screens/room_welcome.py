"""A participant's first screen in a regional session: the room, the facilitator's line, their seat.

Every seat of a room opens here, sixty at once at the start of a meeting: the screen is kept
light. What only a phone shows (its button and its progress line without keys) is made only
in the phone layout, and the countdown's timer runs only while the facilitator's timer does.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Static

from tui.app.screens.base import AppScreen, RoomChanged, breakpoint_classes
from tui.app.shown import shown
from tui.app.widgets.footer import SteadyFooter
from tui.app.widgets.header import AppHeader
from tui.app.widgets.literal import plain_text, visible
from tui.room.phases import phase_line
from tui.session import StoredSession
from tui.session.model import now


class RoomWelcomeScreen(AppScreen[None]):
    """Where a seat lands after the code: Enter goes into the walk, and the walk comes back here."""

    STYLE_FILES = ("room.tcss",)
    """Its rules beside app.tcss's (see `tui.app.screens.base.read_style_files`)."""

    BINDINGS = [
        Binding("enter", "walk", "key.room_start", id="room.walk"),
        Binding("r", "read", "key.read", id="room.read"),
        Binding("q", "quit", "key.quit", id="room.quit"),
    ]

    def __init__(self, stored: StoredSession) -> None:
        super().__init__()
        self.stored = stored
        self._ticking: Timer | None = None
        self._just_shown = False
        """Shown by the mount, and not suspended since: the first resume, which follows at once, shows nothing new."""

    def compose(self) -> ComposeResult:
        phone = self._phone_parts() if self.has_class("-phone") else []
        yield AppHeader()
        with Vertical(id="welcome"):
            yield Static(id="welcome-title")
            yield Static(id="welcome-line")
            yield Static(id="welcome-seat")
            yield Static(id="welcome-take-home")
            yield Static(id="welcome-progress", classes="hint")
            yield from phone[:1]
            yield Static(id="welcome-discussion")
            yield Static(id="welcome-phase", classes="hint")
            yield from phone[1:]
        yield SteadyFooter()

    def _phone_parts(self) -> list[Widget]:
        """The progress without keys and a phone's way in (app.tcss shows them in the phone layout only)."""
        start = Button(self.strings("key.room_start") + " ▶", id="welcome-start")
        start.can_focus = False
        return [Static(id="welcome-progress-phone", classes="hint"), start]

    @on(events.Resize)
    async def _phone_when_narrow(self) -> None:
        """The window narrowed to a phone's: its parts are mounted (once), and kept hidden if it widens again."""
        width, height = self.app.size
        if self.query("#welcome-start") or not breakpoint_classes(self, width, height)["-phone"]:
            return
        progress, start = self._phone_parts()
        welcome = self.query_one("#welcome", Vertical)
        await welcome.mount(progress, after="#welcome-progress")
        await welcome.mount(start)
        self._show()

    def on_mount(self) -> None:
        self.sub_title = self.strings("room.subtitle")
        self._show()
        self._just_shown = True
        self.call_after_refresh(shown)  # painted: a forked seat lets the next one start

    def on_screen_resume(self) -> None:
        """Shown again (back from the walk, a dialog); the first resume follows the mount, which showed it just now."""
        if self._just_shown:
            self._just_shown = False
            return
        self._show()

    def on_screen_suspend(self) -> None:
        self._just_shown = False

    def on_room_changed(self, _: RoomChanged) -> None:
        self._show()

    def _show(self) -> None:
        watch = self.samenwerken.room_watch
        if watch is None:
            return
        seat = self.samenwerken.room_seat
        room, label = watch.room, seat.label if seat else "?"
        self.title = visible(room.title)
        self.query_one("#welcome-title", Static).update(plain_text(room.title, "bold"))
        self.query_one("#welcome-line", Static).update(plain_text(room.welcome))
        self.query_one("#welcome-line", Static).display = bool(room.welcome.strip())
        self.query_one("#welcome-seat", Static).update(
            plain_text(
                self.strings("room.welcome_seat", label=label, n=room.min_group)
                + "\n\n"
                + (
                    self.strings("room.welcome_follows", title=room.earlier.title) + "\n\n"
                    if room.earlier is not None
                    else ""
                )
            ).rstrip()
        )
        self.query_one("#welcome-take-home", Static).update(plain_text(self.strings("room.welcome_take_home")))
        editor = self.samenwerken.editor_for(self.stored)
        item_ids = [item.id for item in self.samenwerken.tool.items]
        answered = editor.session.answered_count(item_ids) if editor else 0
        key = "room.welcome_start" if answered == 0 else "room.welcome_resume"
        for widget_id, variant in (("#welcome-progress", key), ("#welcome-progress-phone", key + "_phone")):
            for progress in self.query(widget_id).results(Static):
                progress.update(plain_text(self.strings(variant, done=answered, total=len(item_ids))))
        discussed = self.query_one("#welcome-discussion", Static)
        if room.discussion is not None:
            item = self.samenwerken.tool.item(room.discussion.item)
            discussed.update(
                plain_text(self.strings("room.now_discussed", item=item.loc("text", self.strings.language)), "bold")
            )
        discussed.display = room.discussion is not None
        self._show_phase()

    def _tick(self) -> None:
        """The timer's countdown, once a second while it runs."""
        watch = self.samenwerken.room_watch
        if self.samenwerken.screen is self and watch is not None and watch.room.phase_ends is not None:
            self._show_phase()

    def _show_phase(self) -> None:
        watch = self.samenwerken.room_watch
        widget = self.query_one("#welcome-phase", Static)
        if watch is None:
            return
        room = watch.room
        widget.display = room.phase != "answering" or room.phase_ends is not None
        widget.update(plain_text(phase_line(room, self.strings, now())))
        if room.phase_ends is not None and self._ticking is None:
            self._ticking = self.set_interval(1.0, self._tick)
        elif room.phase_ends is None and self._ticking is not None:
            self._ticking.stop()
            self._ticking = None

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The phone layout's button: a tap does what Enter does."""
        if event.button.id == "welcome-start":
            self.action_walk()

    def action_walk(self) -> None:
        self.samenwerken.open_walk(self.stored)

    def action_read(self) -> None:
        self.samenwerken.open_reader(self.samenwerken.note.sections[0].id)

    def action_quit(self) -> None:
        self.samenwerken.quit_asking()
