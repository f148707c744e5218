"""What every screen and dialog of the app shares.

- Typed access to the app (`self.samenwerken`, the `SamenwerkenApp`),
  and through it to the words of the chosen language (`self.strings`) and the
  content (`self.app.note`, `self.app.tool`), handed in when the app was built.
- Key descriptions in the chosen language (see `tui.app.widgets.base`).
- The too-small notice: whenever a screen of ours comes to the front while the
  window is too small, the notice covers it.
- A list of next steps' requests handled the same way on every screen (`StepsRequests`).
- Only the window's current size lays a screen out (see `ignore_a_late_resize`).
- The app's broadcasts (`save_state_signal`, `room_signal`) reach every screen of ours
  as a message (`SaveStateChanged`, `RoomChanged`) its handlers take.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from textual import events, on
from textual.message import Message
from textual.screen import ModalScreen, Screen

from tui.app.screens.steps_requests import StepsRequests
from tui.app.widgets.base import OfTheApp

if TYPE_CHECKING:
    from tui.session.editor import SessionEditor

ResultType = TypeVar("ResultType")


class SaveStateChanged(Message):
    """Answers reached the disk again (or failed to): screens that show it update."""


class RoomChanged(Message):
    """In a regional session: the facilitator opened or closed an item, or wrote an agreement."""


def ignore_a_late_resize(screen: Screen[Any], event: events.Resize) -> None:
    """Keep Textual's own resize handling from laying a screen out at a size the window no longer has.

    A window made small and large again quickly (a seat's window dragged over SSH, under load)
    can leave the small size's Resize queued at a screen. Textual then lays that screen out, and
    the screen below it, at the old size, and the screen below posted itself one Resize for each
    size, which took turns for ever: 100 % CPU and a window that never repainted.
    """
    if event.size != screen.app.size:
        event.prevent_default()  # Screen's handler, which would take the size up, is not called


class AppScreen(StepsRequests, OfTheApp, Screen[ResultType]):
    """A full screen of the app."""

    editor: SessionEditor | None = None
    """The session this screen changes, if any: its lock is kept while the screen is open."""

    def __init__(self) -> None:
        super().__init__()
        self._translate_own_bindings()

    @on(events.Mount)
    def _hear_the_app(self) -> None:
        """The app's signals, turned into messages for this screen (the subscription ends with the screen)."""
        self.samenwerken.save_state_signal.subscribe(self, self._save_state_changed, immediate=True)
        self.samenwerken.room_signal.subscribe(self, self._room_changed, immediate=True)

    def _save_state_changed(self, _: None) -> None:
        self.post_message(SaveStateChanged())

    def _room_changed(self, _: None) -> None:
        self.post_message(RoomChanged())

    @on(events.ScreenResume)
    def _cover_when_too_small(self) -> None:
        self.samenwerken.cover_if_too_small()

    @on(events.Resize)
    def _only_the_current_size(self, event: events.Resize) -> None:
        ignore_a_late_resize(self, event)


class AppModal(OfTheApp, ModalScreen[ResultType]):
    """A dialog of the app (its result comes back through `dismiss`)."""

    def __init__(self) -> None:
        super().__init__()
        self._translate_own_bindings()

    @on(events.Resize)
    def _only_the_current_size(self, event: events.Resize) -> None:
        ignore_a_late_resize(self, event)
