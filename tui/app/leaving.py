"""Leaving: quitting asks when answers are not on disk; a hang-up or termination leaves safely."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Callable

from rich.console import RenderableType

from tui.app.editing import EditingApp
from tui.session.editor import SessionEditor

EXIT_GRACE_SECONDS = 2.0
"""After a hang-up, restoring a terminal that is gone can block; the process leaves after this."""


class LeavingApp(EditingApp):
    """Quit from anywhere without losing answers: ask, write a rescue copy, or leave anyway."""

    async def action_quit(self) -> None:
        self.quit_asking()

    def exit(self, result: None = None, return_code: int = 0, message: RenderableType | None = None) -> None:
        """Exit, and remember that the app is leaving (Textual keeps that in a private flag)."""
        self.leaving = True
        super().exit(result, return_code, message)

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
