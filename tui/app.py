"""The Textual application: a thin shell that opens the right screen and keeps sessions safe."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.timer import Timer

from tui.commands import NavigationCommands
from tui.i18n import t
from tui.errors import LimitExceeded, UserFileError
from tui.session import SessionStore, StoredSession
from tui.session.editor import ReadOnly, SaveFailed, SessionEditor
from tui.session.rescue import find_rescues
from tui.start import Start
from tui.widgets.plain import visible


EXIT_GRACE_SECONDS = 2.0
"""After a hang-up, restoring a terminal that is gone can block; the process leaves after this."""


class SamenwerkenApp(App[None]):
    """Read the note, reflect on a cooperation, see what carries it and what holds it back."""

    CSS_PATH = "app.tcss"
    TITLE = "samenwerken"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("ctrl+q", "quit", t("key.quit"), id="app.quit", priority=True, show=False),
    ]

    COMMANDS = App.COMMANDS | {NavigationCommands}

    def __init__(self, store: SessionStore, start: Start) -> None:
        super().__init__()
        self.store = store
        self.start = start
        self._retry_timer: Timer | None = None
        self._editors: dict[str, SessionEditor] = {}
        self._too_small_pending = False
        self.folder_problem = store.not_writable()
        """Why the sessions folder cannot be written ('' when it can): everything opens read-only."""
        self.rescued: list[Path] = []
        self.lost = False
        """Set when the user left with answers that are on disk nowhere: the exit code says so."""

    def on_mount(self) -> None:
        self._install_signal_handlers()
        if self.folder_problem:
            self.say(t("home.folder_read_only", reason=self.folder_problem), severity="warning", timeout=12)
        rescues = find_rescues(self.store.root)
        if rescues:
            self.say(t("rescue.found", n=len(rescues), path=str(rescues[-1])), severity="warning", timeout=15)
        from tui.screens.home import HomeScreen

        start = self.start
        if start.screen == "read":
            from tui.screens.reader import ReaderScreen

            self.push_screen(ReaderScreen(start.section, is_root=True))
        elif start.screen == "walk" and start.stored is not None:
            self.push_screen(HomeScreen())
            self.open_walk(start.stored)
        elif start.screen == "overview" and start.stored is not None:
            self.push_screen(HomeScreen())
            self.open_overview(start.stored)
        elif start.screen == "new":
            home = HomeScreen()
            self.push_screen(home)
            self.call_after_refresh(home.action_new, start.title)
        else:
            self.push_screen(HomeScreen())

    def editor_for(self, stored: StoredSession) -> SessionEditor | None:
        """The one editor of a session file in this app, its file read afresh.

        Read-only when another instance has it, it is a link, or the folder cannot be
        written; None (and a message) when the file can no longer be read.
        """
        key = os.path.realpath(stored.path)
        editor = self._editors.get(key)
        if editor is None:
            reason = t("readonly.folder", reason=self.folder_problem) if self.folder_problem else ""
            try:
                from tui.content import load_tool

                editor = SessionEditor(self.store, stored, read_only_reason=reason, tool_version=load_tool().version)
            except UserFileError as error:
                self.say(t("error.cannot_open", reason=str(error)), severity="error", timeout=10)
                return None
            self._editors[key] = editor
            if editor.read_only:
                self.say(t("walk.read_only_opened", reason=editor.read_only_reason), severity="warning", timeout=10)
        return editor

    def apply_change(self, editor: SessionEditor, change: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
        """Apply a change through the editor and tell the user plainly what became of it.

        False only when nothing changed (read-only, over a limit); a failed save is kept
        in memory and retried.
        """
        try:
            change(*args, **kwargs)
        except SaveFailed as error:
            self.report_unsaved(str(error))
        except ReadOnly as error:
            self.say(t("walk.read_only", reason=str(error)), severity="warning")
            return False
        except LimitExceeded as error:
            self.say(t("error.not_changed", reason=str(error)), severity="error", timeout=8)
            return False
        if editor.merged:
            editor.merged = False
            self.say(t("walk.merged"), timeout=8)
        return True

    def release_editors(self) -> None:
        """Let other instances write the sessions no open screen uses (and with nothing pending)."""
        in_use = {id(getattr(screen, "editor", None)) for screen in self.screen_stack}
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
        """Quit; when answers are not on disk, ask first (stay, rescue copy, or quit anyway)."""
        self.confirm_leave(list(self._editors.values()), self._quit, t("unsaved.quit"))

    def _quit(self) -> None:
        message = t("rescue.written", paths="\n".join(str(p) for p in self.rescued)) if self.rescued else None
        self.exit(return_code=1 if self.lost else 0, message=message)

    def confirm_leave(self, editors: list[SessionEditor], then: Callable[[], None], leave_label: str) -> None:
        """Run `then` when every editor's answers are on disk; else ask what to do with them."""
        unsaved = [editor for editor in editors if not editor.retry()]
        if not unsaved:
            then()
            return
        from tui.screens.dialogs import UnsavedChoice

        def chosen(choice: str | None) -> None:
            if choice == "rescue":
                try:
                    paths = [editor.rescue() for editor in unsaved]
                except OSError as error:
                    self.say(t("rescue.failed", reason=str(error)), severity="error", timeout=12)
                    return
                self.rescued += paths
                self.say(t("rescue.written", paths=", ".join(str(p) for p in paths)), timeout=12)
                then()
            elif choice == "leave":
                self.lost = then == self._quit
                then()

        reason = unsaved[0].last_error
        self.push_screen(UnsavedChoice(t("unsaved.question", reason=reason), leave_label), chosen)

    def open_walk(self, stored: StoredSession, item_id: str | None = None) -> None:
        """Open the guided walk on a session: at `item_id`, else at its first unanswered item."""
        from tui.screens.walk import WalkScreen

        editor = self.editor_for(stored)
        if editor is not None:
            self.push_screen(WalkScreen(editor, item_id))

    def open_reader(self, section_id: str) -> None:
        from tui.screens.reader import ReaderScreen

        if isinstance(self.screen, ReaderScreen):
            self.screen.go(section_id)
        else:
            self.push_screen(ReaderScreen(section_id))

    def open_overview(self, stored: StoredSession) -> None:
        from tui.screens.overview import OverviewScreen

        editor = self.editor_for(stored)
        if editor is not None:
            self.push_screen(OverviewScreen(editor))

    def switch_screen_to_walk(self, editor) -> None:
        """From the overview to the walk: back to it if it is below, else open it."""
        from tui.screens.walk import WalkScreen

        below = self.screen_stack[-2] if len(self.screen_stack) > 1 else None
        self.pop_screen()
        if not isinstance(below, WalkScreen):
            self.push_screen(WalkScreen(editor))

    def write_export(self, session, fmt: str):
        """Export a session into the sessions folder's exports/; returns the path."""
        from tui.content import load_tool
        from tui.export import export
        from tui.i18n import language

        return self.store.write_export(session, fmt, export(load_tool(), session, fmt, language()))

    def say(self, text: str, severity: str = "information", timeout: float = 4) -> None:
        """A notification that shows `text` literally (it may hold a title or a path)."""
        self.notify(visible(text), severity=severity, timeout=timeout, markup=False)  # type: ignore[arg-type]

    def report_unsaved(self, reason: str) -> None:
        """A save failed: say so plainly and keep retrying until it is on disk."""
        self.say(t("error.save_failed", reason=reason), severity="error", timeout=8)
        if self._retry_timer is None:
            self._retry_timer = self.set_interval(2.0, self._retry_saves)

    def _retry_saves(self) -> None:
        if all([editor.retry() for editor in self._editors.values()]):
            if self._retry_timer is not None:
                self._retry_timer.stop()
                self._retry_timer = None
            self.say(t("walk.saved_again"))
        for screen in self.screen_stack:
            if hasattr(screen, "_update_status"):
                screen._update_status()

    def on_resize(self, event: events.Resize) -> None:
        """Below the usable minimum, cover everything with a message saying how large it must be."""
        from tui.screens.too_small import TooSmallScreen, too_small

        if len(self.screen_stack) <= 1:
            return  # no screen of ours yet; push_screen covers the first one
        small = too_small(event.size.width, event.size.height)
        showing = isinstance(self.screen, TooSmallScreen) or self._too_small_pending
        if small and not showing:
            self._too_small_pending = True
            self.push_screen(TooSmallScreen())
        elif not small and isinstance(self.screen, TooSmallScreen):
            self.pop_screen()

    def push_screen(self, screen, *args, **kwargs):  # type: ignore[override]
        """Any screen opened while the window is too small opens under the too-small notice."""
        from tui.screens.too_small import TooSmallScreen, too_small

        result = super().push_screen(screen, *args, **kwargs)
        if (
            not isinstance(screen, TooSmallScreen)
            and too_small(self.size.width, self.size.height)
            and not self._too_small_pending
        ):
            self._too_small_pending = True
            super().push_screen(TooSmallScreen())
        return result

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error: answers are on disk already; say so and where the log is.

        Textual's own report prints local variables, which can hold what the user
        typed; the log written here holds only the error's type and the code path.
        """
        from tui.crash import Crashed, write_crash_log

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
                try:
                    self.rescued.append(editor.rescue())
                except OSError:
                    self.lost = True
            editor.close()
        code = 128 + sig
        watchdog = threading.Timer(EXIT_GRACE_SECONDS, os._exit, args=(code,))
        watchdog.daemon = True
        watchdog.start()
        self.exit(return_code=code)

