"""The Textual application: a thin shell that opens the right screen and keeps sessions safe."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.geometry import Size
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer

from tui.app.commands import NavigationCommands
from tui.app.screens.base import AppScreen, RoomChanged, SaveStateChanged
from tui.app.start import RoomSeat, Start
from tui.app.widgets.base import translate_bindings
from tui.app.widgets.literal import visible
from tui.content import Note, Tool
from tui.content.i18n import Strings
from tui.core.errors import UserFileError
from tui.core.reason import Reason
from tui.session import NextStep, Session, SessionStore, StoredSession
from tui.session.editor import ReadOnly, SaveFailed, SessionEditor
from tui.session.limits import OverLimit
from tui.session.rescue import find_rescues

if TYPE_CHECKING:
    from tui.room.watch import RoomWatch

EXIT_GRACE_SECONDS = 2.0
"""After a hang-up, restoring a terminal that is gone can block; the process leaves after this."""


class SamenwerkenApp(App[None]):
    """Read the note, reflect on a cooperation, see what carries it and what holds it back."""

    CSS_PATH = "app.tcss"
    TITLE = "samenwerken"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("ctrl+q", "quit", "key.quit", id="app.quit", priority=True, show=False),
    ]

    COMMANDS = App.COMMANDS | {NavigationCommands}

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-normal"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (22, "-tall")]
    """Classes app.tcss uses to fit small windows (60×20): narrower contents, fewer words on home."""

    save_retry_seconds = 2.0
    """How often a failed save is tried again while the app runs."""
    room_check_seconds = 1.0
    """How often a seat or the board looks at the room's files again (only changed files are read)."""

    start_theme: str | None = None
    """The theme to start with (from the settings file); None: Textual's default."""
    settings_file: Path | None = None
    """Where a theme chosen in the app is remembered (None: not remembered)."""
    _remembered_theme: str | None = None

    def __init__(self, store: SessionStore, start: Start, strings: Strings, note: Note, tool: Tool) -> None:
        """Everything the app shows comes in here: the words, the note and the tool (see `make_app`)."""
        super().__init__()
        self.store = store
        self.start = start
        self.strings = strings
        self.note = note
        self.tool = tool
        translate_bindings(self, strings)
        self._retry_timer: Timer | None = None
        self._editors: dict[str, SessionEditor] = {}
        self.folder_problem = store.not_writable(strings)
        """Why the sessions folder cannot be written ('' when it can): everything opens read-only."""
        self.rescued: list[Path] = []
        """Rescue copies written in this run: named again when the app exits."""
        self.room_watch: RoomWatch | None = None
        """In a regional session (one seat of a room): the room as last read; else None."""
        self._notice: tuple[str, str, SeverityLevel, float | None, bool] | None = None
        """The notification to show next (see `notify`)."""
        self.room_seat: RoomSeat | None = None
        """In a regional session: the room and this app's seat."""

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
        from tui.app.screens.home import HomeScreen

        start = self.start
        if start.screen == "room" and start.room is not None and start.stored is not None:
            self.enter_room(start.room, start.stored)
        elif start.screen == "board" and start.board is not None:
            from tui.app.screens.board import BoardScreen

            self.push_screen(BoardScreen(start.board))
        elif start.screen == "read":
            from tui.app.screens.reader import ReaderScreen

            self.push_screen(ReaderScreen(start.section, is_root=True))
        elif start.screen == "walk" and start.stored is not None:
            self.open_walk(start.stored)
        elif start.screen == "overview" and start.stored is not None:
            self.open_overview(start.stored)
        elif start.screen == "new" and start.title:
            self.create_session(start.title)
        elif start.screen == "new":
            home = HomeScreen()
            self.push_screen(home)
            self.call_after_refresh(home.action_new)
        else:
            self.push_screen(HomeScreen())

    def _apply_start_theme(self) -> None:
        """The remembered theme; an unknown name is said once and Textual's default stays."""
        name = self.start_theme
        if name and name not in self.available_themes:
            where = str(self.settings_file or "")
            self.say(self.strings("config.unknown_theme", theme=name, path=where), severity="warning", timeout=10)
        elif name:
            self._remembered_theme = name
            self.theme = name
        self._remembered_theme = self.theme

    def watch_theme(self, name: str) -> None:
        """A theme chosen in the app (command palette: theme) is remembered in the settings file."""
        if self.settings_file is None or self._remembered_theme in (None, name):
            return
        from tui.session.settings import ConfigError, save_theme

        try:
            save_theme(self.settings_file, name)
        except ConfigError as error:
            reason = error.reason.text(self.strings)
        except OSError as error:
            from tui.session.store import describe_os_error

            reason = describe_os_error(error, self.strings)
        except UserFileError as error:
            reason = error.text(self.strings)
        else:
            self._remembered_theme = name
            return
        self.say(
            self.strings("config.theme_not_saved", path=str(self.settings_file), reason=reason),
            severity="warning",
            timeout=10,
        )

    def enter_room(self, seat: RoomSeat, stored: StoredSession) -> None:
        """Be one seat of a regional session: its welcome first, the room's changes followed every second."""
        from tui.app.screens.room_welcome import RoomWelcomeScreen
        from tui.room.watch import RoomWatch

        self.room_seat = seat
        self.room_watch = RoomWatch(seat.folder)
        self.set_interval(self.room_check_seconds, self._check_room)
        self.push_screen(RoomWelcomeScreen(stored))

    def _check_room(self) -> None:
        if self.room_watch is not None and self.room_watch.changed():
            for screen in self.screen_stack:
                screen.post_message(RoomChanged())

    def editor_for(self, stored: StoredSession) -> SessionEditor | None:
        """The one editor of a session file in this app, its file read afresh.

        Read-only when another instance has it, it is a link, or the folder cannot be
        written; None (and a message) when the file can no longer be read.
        """
        key = os.path.realpath(stored.path)
        editor = self._editors.get(key)
        if editor is None:
            reason = Reason("readonly.folder", {"reason": self.folder_problem}) if self.folder_problem else None
            try:
                editor = SessionEditor(self.store, stored, read_only_reason=reason, tool_version=self.tool.version)
            except UserFileError as error:
                self.say(
                    self.strings("error.cannot_open", reason=error.text(self.strings)), severity="error", timeout=10
                )
                return None
            self._editors[key] = editor
            if editor.read_only_reason is not None:
                why = editor.read_only_reason.text(self.strings)
                self.say(self.strings("walk.read_only_opened", reason=why), severity="warning", timeout=10)
        return editor

    def apply_change(self, editor: SessionEditor, change: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
        """Apply a change through the editor and tell the user plainly what became of it.

        False only when nothing changed (read-only, over a limit); a failed save is kept
        in memory and retried.
        """
        try:
            change(*args, **kwargs)
        except SaveFailed as error:
            self.report_unsaved(error.reason.text(self.strings))
        except ReadOnly as error:
            self.say(self.strings("walk.read_only", reason=error.reason.text(self.strings)), severity="warning")
            return False
        except OverLimit as error:
            self.say(
                self.strings("error.not_changed", reason=error.reason.text(self.strings)), severity="error", timeout=8
            )
            return False
        if editor.merged:
            editor.merged = False
            self.say(self.strings("walk.merged"), timeout=8)
        return True

    def release_editors(self) -> None:
        """Let other instances write the sessions no open screen uses (and with nothing pending)."""
        in_use = {id(screen.editor) for screen in self.screen_stack if isinstance(screen, AppScreen) and screen.editor}
        for key, editor in list(self._editors.items()):
            if id(editor) not in in_use and not editor.unsaved:
                editor.close()
                del self._editors[key]

    def on_unmount(self) -> None:
        """A normal quit: every answer is on disk already; let go of the locks."""
        for editor in self._editors.values():
            editor.retry()
            editor.close()

    async def action_quit(self) -> None:
        self.quit_asking()

    def quit_asking(self) -> None:
        """Quit from anywhere; when answers are not on disk, ask first (stay, rescue copy, or quit anyway).

        The exit code is 1 when the user quit with answers that are on disk nowhere.
        """

        def quit(left_unsaved: bool) -> None:
            rescued = "\n".join(str(p) for p in self.rescued)
            message = self.strings("rescue.written", paths=rescued) if self.rescued else None
            self.exit(return_code=1 if left_unsaved else 0, message=message)

        self.confirm_leave(list(self._editors.values()), quit, self.strings("unsaved.quit"))

    def confirm_leave(self, editors: list[SessionEditor], then: Callable[[bool], object], leave_label: str) -> None:
        """Run `then` when every editor's answers are on disk; else ask what to do with them.

        `then` is told whether answers were left behind unsaved (the user chose to leave anyway).
        """
        unsaved = [editor for editor in editors if not editor.retry()]
        if not unsaved:
            then(False)
            return
        from tui.app.screens.dialogs import UnsavedChoice

        def chosen(choice: str | None) -> None:
            if choice == "rescue":
                try:
                    paths = [editor.rescue() for editor in unsaved]
                except OSError as error:
                    self.say(self.strings("rescue.failed", reason=str(error)), severity="error", timeout=12)
                    return
                self.rescued += paths
                self.say(self.strings("rescue.written", paths=", ".join(str(p) for p in paths)), timeout=12)
                then(False)
            elif choice == "leave":
                then(True)

        last_error = unsaved[0].last_error
        reason = last_error.text(self.strings) if last_error else ""
        self.push_screen(UnsavedChoice(self.strings("unsaved.question", reason=reason), leave_label), chosen)

    def earlier_session(self, session: Session) -> Session | None:
        """The session this one follows up (`new --from`), when it is still in the folder; else None."""
        return self.store.earlier_of(session)

    def open_walk(self, stored: StoredSession, item_id: str | None = None) -> None:
        """Open the guided walk on a session: at `item_id`, else at its first unanswered item."""
        from tui.app.screens.walk import WalkScreen

        editor = self.editor_for(stored)
        if editor is not None:
            self._push_over_home(WalkScreen(editor, item_id))
        elif len(self.screen_stack) == 1:
            self._push_home()

    def create_session(self, title: str) -> None:
        """A new session titled `title`, opened in the walk; else what went wrong is said (over home)."""
        from tui.session.store import describe_os_error

        reason = self.folder_problem
        if not reason:
            try:
                stored = self.store.create(title, language=self.strings.language)
            except OSError as error:
                reason = describe_os_error(error, self.strings)
            except OverLimit as error:
                reason = error.reason.text(self.strings)
            except UserFileError as error:
                reason = error.text(self.strings)
            else:
                self.open_walk(stored)
                return
        self.say(self.strings("error.cannot_create", folder=str(self.store.root), reason=reason), severity="error")
        self._push_home()

    def open_reader(self, section_id: str, highlight: str = "") -> None:
        """The note at a section, with a passage marked if given: in the reader in front, else a new one."""
        from tui.app.screens.reader import ReaderScreen

        if isinstance(self.screen, ReaderScreen):
            self.screen.go(section_id, highlight)
        else:
            self.push_screen(ReaderScreen(section_id, highlight=highlight))

    def ask_step(
        self, step: NextStep, done: Callable[[dict[str, str] | None], None], heading: str | None = None
    ) -> None:
        """The dialog for a next step (or a room's agreement): what, who, by when."""
        from tui.app.screens.step_dialog import StepDialog

        self.push_screen(StepDialog(step, heading), done)

    def confirm(self, question: str, done: Callable[[bool | None], None]) -> None:
        from tui.app.screens.dialogs import Confirm

        self.push_screen(Confirm(question), done)

    def pick_suggestion(self, done: Callable[[str | None], None], taken: Collection[str] = ()) -> None:
        """Bijlage 1's suggestions, rewritten for one board; `done` gets the chosen letter.

        Those in `taken` (letters a step came from already) are marked as such.
        """
        from tui.app.screens.suggestions import SuggestionPicker

        self.push_screen(SuggestionPicker(self.tool, taken), done)

    def open_overview(self, stored: StoredSession) -> None:
        from tui.app.screens.overview import OverviewScreen

        editor = self.editor_for(stored)
        if editor is not None:
            self._push_over_home(OverviewScreen(editor))
        elif len(self.screen_stack) == 1:
            self._push_home()

    def switch_screen_to_walk(self, editor) -> None:
        """From the overview to the walk: back to it if it is below, else open it."""
        from tui.app.screens.walk import WalkScreen

        below = self.screen_stack[-2] if len(self.screen_stack) > 1 else None
        self.pop_screen()
        if not isinstance(below, WalkScreen):
            self._push_over_home(WalkScreen(editor))

    def _push_over_home(self, screen: Screen[Any]) -> None:
        """Push `screen`; when it is the first, the home screen comes when it is closed.

        `samenwerken walk` and `overview` start without the home screen beneath: it reads
        the whole sessions folder, which the walk does not need to paint.
        """
        if len(self.screen_stack) > 1:
            self.push_screen(screen)
        else:
            self.push_screen(screen, lambda _result: self._push_home())

    def _push_home(self) -> None:
        """The home screen, unless something else came in front meanwhile (or the app is leaving)."""
        from tui.app.screens.home import HomeScreen

        if len(self.screen_stack) == 1 and not self._exit:
            self.push_screen(HomeScreen())

    def _report_export(self, session: Session, fmt: str) -> tuple[str, bytes, str | None]:
        """A session's export: its file name, its bytes and (for a text format) its text."""
        from tui.render.export import BINARY_FORMATS, export
        from tui.session.store import export_name
        from tui.views.report import build_report

        report = build_report(self.tool, session, self.strings, self.earlier_session(session))
        name = export_name(session, fmt)
        if fmt in BINARY_FORMATS:  # bytes (xlsx)
            from tui.render.office import export_bytes

            return name, export_bytes(report, fmt), None
        text = export(report, fmt)
        return name, text.encode("utf-8"), text

    def write_export(self, session: Session, fmt: str) -> Path:
        """Export a session into the sessions folder's exports/, replacing an earlier one; returns the path."""
        from tui.app.exporting import refuse_in_a_seat, write_export_file

        refuse_in_a_seat(self)
        name, data, _ = self._report_export(session, fmt)
        return write_export_file(self, name, data)

    def take_home(self, session: Session) -> None:
        """A room seat's export: the `bewaar` commands over SSH, downloads in a browser tab; no file here."""
        from tui.app.screens.take_home import BewaarDialog, DownloadPicker
        from tui.render.take_home import Door, bewaar_commands

        if not self.is_web:
            door = self.room_seat.door if self.room_seat is not None else Door()
            self.push_screen(BewaarDialog(bewaar_commands(door, self.strings)))
            return

        def chosen(fmt: str | None) -> None:
            if fmt:
                self.say(self.deliver_take_home(session, fmt), timeout=10)

        self.push_screen(DownloadPicker(), chosen)

    def deliver_take_home(self, session: Session, fmt: str) -> str:
        """The session (toml) or its report (md) as a download in this browser tab; says what comes."""
        import io

        from tui.render.take_home import take_home_file

        name, text = take_home_file(self.tool, session, fmt, self.strings)
        self.deliver_text(io.StringIO(text), save_filename=name, encoding="utf-8")
        return self.strings("take_home.downloaded" if fmt == "toml" else "web.downloaded", name=name)

    def export_session(self, session: Session, fmt: str) -> None:
        """The overview's export where the user is (a download, or a file in exports/); says how it went."""
        from tui.app.exporting import hand_over

        name, data, text = self._report_export(session, fmt)
        hand_over(self, name, data, text)

    def get_system_commands(self, screen: Screen[Any]) -> Iterator[SystemCommand]:
        """Textual's own palette entries (Theme, Quit, Keys, Screenshot, …) in the app's language."""
        for command in super().get_system_commands(screen):
            key = "palette.system." + command.title.lower()
            if self.strings.has(key):
                command = command._replace(title=self.strings(key), help=self.strings(f"{key}_help"))
            yield command

    def action_command_palette(self) -> None:
        """The command palette, its search field prompting in the app's language."""
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(id="--command-palette", placeholder=self.strings("palette.placeholder")))

    def search_themes(self) -> None:
        """The theme picker, prompting in the app's language."""
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=self.strings("palette.themes")))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """One notification at a time: the newest replaces what is shown, so they never pile up over a table."""
        self._notice = (message, title, severity, timeout, markup)
        self.call_later(self._show_notice)

    def _show_notice(self) -> None:
        if self._notice is None:
            return  # a later notice of the same moment was shown already
        message, title, severity, timeout, markup = self._notice
        self._notice = None
        self.clear_notifications()
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    @on(events.DeliveryComplete)
    def _screenshot_saved(self, event: events.DeliveryComplete) -> None:
        """Textual says 'Saved screenshot' in English: say it in the app's language instead."""
        if event.name == "screenshot":
            event.prevent_default()
            where = str(event.path) if event.path is not None else ""
            self.say(self.strings("screenshot.saved_to" if where else "screenshot.saved", path=where), timeout=8)

    @on(events.DeliveryFailed)
    def _screenshot_failed(self, event: events.DeliveryFailed) -> None:
        if event.name == "screenshot":
            event.prevent_default()
            self.say(self.strings("screenshot.failed"), severity="error")

    def say(self, text: str, severity: str = "information", timeout: float = 4) -> None:
        """A notification that shows `text` literally (it may hold a title or a path)."""
        self.notify(visible(text), severity=severity, timeout=timeout, markup=False)  # type: ignore[arg-type]

    def report_unsaved(self, reason: str) -> None:
        """A save failed: say so plainly and keep retrying until it is on disk."""
        self.say(self.strings("error.save_failed", reason=reason), severity="error", timeout=8)
        if self._retry_timer is None:
            self._retry_timer = self.set_interval(self.save_retry_seconds, self._retry_saves)

    def _retry_saves(self) -> None:
        if all([editor.retry() for editor in self._editors.values()]):
            if self._retry_timer is not None:
                self._retry_timer.stop()
                self._retry_timer = None
            self.say(self.strings("walk.saved_again"))
        for screen in self.screen_stack:
            screen.post_message(SaveStateChanged())

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

    def _install_signal_handlers(self) -> None:
        """Leave on hang-up or termination. Answers are on disk already: saved as given."""
        try:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(sig, self._on_signal, sig)
        except (NotImplementedError, RuntimeError, AttributeError, ValueError):
            pass  # no signals here (Windows, or not the main thread in tests)

    def _on_signal(self, sig: int) -> None:
        """Save what is pending, or else write a rescue copy the next start points to; then exit.

        If the gone terminal blocks the exit, leave anyway.
        """
        for editor in self._editors.values():
            if not editor.retry():
                with contextlib.suppress(OSError):  # nowhere to write: the exit code says something went wrong
                    editor.rescue()
            editor.close()
        code = 128 + sig
        watchdog = threading.Timer(EXIT_GRACE_SECONDS, os._exit, args=(code,))
        watchdog.daemon = True
        watchdog.start()
        self.exit(return_code=code)

    def export_comparison(self, sessions: list[Session], fmt: str) -> None:
        """A comparison (as the compare screen shows it) exported where the user is, like `export_session`."""
        from tui.app.exporting import hand_over
        from tui.render.compare import export_name
        from tui.render.compare_office import compare_bytes
        from tui.views.compare import build_comparison

        comparison = build_comparison(self.tool, sessions, self.strings, names=True)
        hand_over(self, export_name(comparison, fmt), compare_bytes(comparison, fmt))
