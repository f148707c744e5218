"""The board reads its seats' files in a thread, so keys keep acting while sixty seats join or leave.

Reading sixty session files (and their vote files) takes long enough on a busy machine to hold
the event loop: a key typed meanwhile waited (the agreement dialog once took 11 s to open). Here
one reading at a time runs in a worker thread and posts its result back as a `SeatsRead` message.
Asked again while a reading runs, it reads once more when that one is done: the latest reading
always comes last, and no two ever run at once (the `SeatReader`'s cache is not shared).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.message import Message

from tui.core.errors import SessionFileError

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from tui.views.group import GroupView


class SeatsRead(Message):
    """A reading of the seats' files is done: `view` is the group as it stands, None when it failed."""

    def __init__(self, view: GroupView | None) -> None:
        super().__init__()
        self.view = view


class SeatReading:
    """One reading at a time off the event loop; asked meanwhile, one more after it.

    `read` runs in a worker thread with the seats connected when it was asked (taken on the loop:
    the doors change that set); the screen handles `SeatsRead` and then calls `done()`.
    """

    def __init__(
        self, screen: DOMNode, read: Callable[[set[str]], GroupView], connected: Callable[[], set[str]]
    ) -> None:
        self.screen = screen
        self.read = read
        self.connected = connected
        self.running = False
        self.again = False
        self.due = False

    def soon(self, seconds: float) -> None:
        """Read in `seconds`, once for every call meanwhile (a burst of joins is one reading)."""
        if not self.due:
            self.due = True
            self.screen.set_timer(seconds, self._due)

    def _due(self) -> None:
        self.due = False
        self.ask()

    def ask(self) -> None:
        """Read the seats' files soon: now when no reading runs, else right after the one that does."""
        if self.running:
            self.again = True
            return
        self.running, self.again = True, False
        connected = set(self.connected())
        self.screen.run_worker(partial(self._read, connected), thread=True, group="seat-reading", exit_on_error=False)

    def done(self) -> None:
        """The screen took the last reading's result (on the event loop): start the one asked meanwhile."""
        self.running = False
        if self.again:
            self.ask()

    def _read(self, connected: set[str]) -> None:
        """In the worker thread: read, and post the result back to the screen's queue (thread-safe)."""
        view: GroupView | None = None
        try:
            view = self.read(connected)
        except (OSError, SessionFileError):
            view = None  # a room folder gone or broken just now: the next reading tries again
        finally:
            self.screen.post_message(SeatsRead(view))
