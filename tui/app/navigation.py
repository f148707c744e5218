"""Navigation: which screen comes next, and the dialogs screens ask the app to show."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from textual.screen import Screen

from tui.app.editing import EditingApp
from tui.core.errors import UserFileError
from tui.session import NextStep, StoredSession
from tui.session.editor import SessionEditor
from tui.session.limits import OverLimit


class NavigationApp(EditingApp):
    """Opens the walk, the overview, the reader and the dialogs; home comes beneath when needed."""

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
        from tui.core.os_errors import describe_os_error

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

    def switch_screen_to_walk(self, editor: SessionEditor) -> None:
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

        if len(self.screen_stack) == 1 and not self.leaving:
            self.push_screen(HomeScreen())
