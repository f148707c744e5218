"""What every part of the app shares: the store, the words, the content and the open editors.

`SamenwerkenApp` is made of one small class per job (starting, navigation, editing,
leaving, exporting, themes, notifications); each builds on this shell, which names the
state they share. `SamenwerkenApp.__init__` sets it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.signal import Signal

from tui.content import Note, Tool
from tui.content.i18n import Strings
from tui.session import Session, SessionStore
from tui.session.editor import SessionEditor

if TYPE_CHECKING:
    from tui.app.start import RoomSeat, Start
    from tui.room.watch import RoomWatch


class AppShell(App[None]):
    """The app's shared state, typed once for the classes that each do one of its jobs."""

    store: SessionStore
    start: Start
    strings: Strings
    note: Note
    tool: Tool
    folder_problem: str
    """Why the sessions folder cannot be written ('' when it can): everything opens read-only."""
    rescued: list[Path]
    """Rescue copies written in this run: named again when the app exits."""
    room_watch: RoomWatch | None
    """In a regional session (one seat of a room): the room as last read; else None."""
    room_seat: RoomSeat | None
    """In a regional session: the room and this app's seat."""
    save_state_signal: Signal[None]
    """Published when answers reached the disk again (or failed to); every screen of ours hears it."""
    room_signal: Signal[None]
    """Published when the room's files changed (a seat only); every screen of ours hears it."""
    leaving = False
    """True once the app was told to exit: no screen is put up any more (see `LeavingApp.exit`)."""
    _editors: dict[str, SessionEditor]
    """The one editor of each open session file, by its real path."""

    def earlier_session(self, session: Session) -> Session | None:
        """The session this one follows up (`new --from`), when it is still in the folder; else None."""
        return self.store.earlier_of(session)
