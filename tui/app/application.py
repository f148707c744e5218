"""The Textual application: a thin shell that opens the right screen and keeps sessions safe.

Each of its jobs is a class of its own in `tui.app` (starting, navigation, editing,
leaving, exporting, theming, notifying); this class puts them together and covers a
window that is too small.
"""

from __future__ import annotations

import sys

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver
from textual.geometry import Size
from textual.keys import KEY_DISPLAY_ALIASES, KEY_TO_UNICODE_NAME, REPLACED_KEYS
from textual.screen import Screen
from textual.signal import Signal
from textual.widget import Widget

from tui.app.commands import NavigationCommands
from tui.app.driver import QuietLinuxDriver
from tui.app.exporting import ExportingApp
from tui.app.leaving import EXIT_GRACE_SECONDS, LeavingApp
from tui.app.start import Start
from tui.app.starting import StartingApp
from tui.app.theming import ThemingApp
from tui.app.widgets.base import translate_bindings
from tui.content import Note, Tool
from tui.content.i18n import Strings
from tui.session import SessionStore
from tui.session.rescue import find_rescues

__all__ = ["EXIT_GRACE_SECONDS", "PHONE_BELOW", "SamenwerkenApp"]

PHONE_BELOW = 56
"""A phone in portrait (40 to 48 columns in a browser) and anything as narrow gets the phone layout."""
_NAMED_KEYS = {*KEY_DISPLAY_ALIASES, *REPLACED_KEYS, *KEY_TO_UNICODE_NAME}
"""Keys Textual shows otherwise than as typed: left to Textual."""


class StackBottom(Screen[None]):
    """The screen at the bottom of the stack, under the first screen of ours: no tooltip, no notifications' rack.

    Textual gives every screen both (hidden until used); this one is never in front once the app has
    started, and a notification said before the first screen is up waits for that screen's rack
    (Textual's `_refresh_notifications`). Two widgets fewer to mount, style and lay out in every start.
    """

    def _extend_compose(self, widgets: list[Widget]) -> None:
        """Nothing of Textual's own added (see the class)."""

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Resumed behind another screen: at start the first screen of ours is pushed before this resume is
        handled, and Textual's handler would style this screen and lay it out for nobody to see. When this
        screen is in front again, its resume is Textual's as before (it is laid out then, to the size then)."""
        if self.app.screen is not self:
            event.prevent_default()  # Screen's own handler is not called (the event is this screen's alone)


class SamenwerkenApp(StartingApp, LeavingApp, ExportingApp, ThemingApp):
    """Read the note, reflect on a cooperation, see what carries it and what holds it back."""

    CSS_PATH = "app.tcss"
    TITLE = "samenwerken"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("ctrl+q", "quit", "key.quit", id="app.quit", priority=True, show=False),
    ]

    COMMANDS = App.COMMANDS | {NavigationCommands}

    HORIZONTAL_BREAKPOINTS = [(0, "-phone"), (PHONE_BELOW, "-narrow"), (70, "-normal"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (22, "-tall")]
    """Classes app.tcss uses to fit small windows (60×20): narrower contents, fewer words on home;
    below `PHONE_BELOW` columns the walk shows one statement at a time with buttons to tap."""

    def __init__(self, store: SessionStore, start: Start, strings: Strings, note: Note, tool: Tool) -> None:
        """Everything the app shows comes in here: the words, the note and the tool (see `make_app`)."""
        super().__init__()
        self.store = store
        self.start = start
        self.strings = strings
        self.note = note
        self.tool = tool
        translate_bindings(self, strings)
        self._retry_timer = None
        self._editors = {}
        self.folder_problem = store.not_writable(strings)
        self.rescued = []
        self.room_watch = None
        self._notice = None
        self.room_seat = None
        self.save_state_signal = Signal(self, "save-state")
        self.room_signal = Signal(self, "room")

    def get_driver_class(self) -> type[Driver]:
        """In a Linux terminal, a driver that does not wake ten times a second while nobody types
        (`tui.app.driver`); any other driver (the browser's, one named in TEXTUAL_DRIVER) as Textual picks it."""
        chosen = super().get_driver_class()
        return QuietLinuxDriver if chosen is LinuxDriver and sys.platform == "linux" else chosen

    def get_default_screen(self) -> Screen[None]:
        return StackBottom(id="_default")

    def on_mount(self) -> None:
        self._install_signal_handlers()
        self._apply_start_theme()
        if self.folder_problem:
            self.say(self.strings("home.folder_read_only", reason=self.folder_problem), severity="warning", timeout=12)
        rescues = find_rescues(self.store.root)
        if rescues:
            self.say(
                self.strings("rescue.found", n=len(rescues), path=str(rescues[-1])), severity="warning", timeout=15
            )
        self.open_first_screen(self.start)

    def get_key_display(self, binding: Binding) -> str:
        """As Textual shows a key, without asking Unicode's table of names about a one-character key.

        Textual looks every key up by its Unicode name; a single character never has one, and
        each lookup maps pages of that table (the key bar's letters were 0.2 MB of a start).
        """
        if not binding.key_display and len(binding.key) == 1 and binding.key not in _NAMED_KEYS:
            return binding.key
        return super().get_key_display(binding)

    def on_resize(self, event: events.Resize) -> None:
        """Below the usable minimum, cover everything with a message saying how large it must be."""
        from tui.app.screens.too_small import TooSmallScreen, too_small

        if not too_small(event.size.width, event.size.height) and isinstance(self.screen, TooSmallScreen):
            self.pop_screen()
        else:
            self.cover_if_too_small(event.size)

    def cover_if_too_small(self, size: Size | None = None) -> None:
        """Put the too-small notice over the screen in front, when the window (of `size`) is too small."""
        from tui.app.screens.too_small import TooSmallScreen, too_small

        width, height = size or self.size
        if isinstance(self.screen, TooSmallScreen):  # pushed screens are in front at once
            return
        if len(self.screen_stack) > 1 and too_small(width, height):
            self.push_screen(TooSmallScreen())

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error: answers are on disk already; say so and where the log is.

        Textual's own report prints local variables, which can hold what the user
        typed; the log written here holds only the error's type and the code path.
        """
        from tui.core.crash import Crashed, write_crash_log

        log = write_crash_log(self.store.root, error)
        crashed = Crashed(str(self.store.root), log)
        crashed.__cause__ = error  # tests (Pilot) re-raise it and show the real cause
        super()._handle_exception(crashed)
