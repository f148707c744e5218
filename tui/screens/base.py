"""What every screen and dialog of the app shares.

- Typed access to the app (`self.samenwerken`, the `SamenwerkenApp`),
  and through it to the words of the chosen language (`self.strings`) and the
  content (`self.app.note`, `self.app.tool`), handed in when the app was built.
- Key descriptions in the chosen language (see `tui.widgets.base`).
- The too-small notice: whenever a screen of ours comes to the front while the
  window is too small, the notice covers it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual import events, on
from textual.message import Message
from textual.screen import ModalScreen, Screen

from tui.i18n import Strings
from tui.widgets.base import translate_bindings

if TYPE_CHECKING:
    from tui.app import SamenwerkenApp
    from tui.session.editor import SessionEditor

ResultType = TypeVar("ResultType")


class SaveStateChanged(Message):
    """Answers reached the disk again (or failed to): screens that show it update."""


class AppScreen(Screen[ResultType]):
    """A full screen of the app."""

    editor: SessionEditor | None = None
    """The session this screen changes, if any: its lock is kept while the screen is open."""

    @property
    def samenwerken(self) -> SamenwerkenApp:
        """The app, typed: its store, words, content and the methods screens call."""
        return cast("SamenwerkenApp", self.app)

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self, self.strings)

    @property
    def strings(self) -> Strings:
        return self.samenwerken.strings

    @on(events.ScreenResume)
    def _cover_when_too_small(self) -> None:
        self.samenwerken.cover_if_too_small()


class AppModal(ModalScreen[ResultType]):
    """A dialog of the app (its result comes back through `dismiss`)."""

    @property
    def samenwerken(self) -> SamenwerkenApp:
        """The app, typed: its store, words, content and the methods screens call."""
        return cast("SamenwerkenApp", self.app)

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self, self.strings)

    @property
    def strings(self) -> Strings:
        return self.samenwerken.strings
