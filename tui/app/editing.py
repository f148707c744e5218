"""The session editors: one per open file, every change told plainly, failed saves retried."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from textual.timer import Timer

from tui.app.notifying import NotifyingApp
from tui.app.screens.base import AppScreen
from tui.core.errors import UserFileError
from tui.core.reason import Reason
from tui.session import StoredSession
from tui.session.editor import ReadOnly, SaveFailed, SessionEditor
from tui.session.limits import OverLimit


class EditingApp(NotifyingApp):
    """Opens, shares, saves and lets go of the editors of the sessions the screens show."""

    save_retry_seconds = 2.0
    """How often a failed save is tried again while the app runs."""
    _retry_timer: Timer | None = None

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
        self.save_state_signal.publish(None)

    def on_unmount(self) -> None:
        """A normal quit: every answer is on disk already; let go of the locks."""
        for editor in self._editors.values():
            editor.retry()
            editor.close()
