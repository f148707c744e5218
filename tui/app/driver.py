"""A terminal driver whose input thread sleeps while nobody types.

Textual's `LinuxDriver` reads the terminal on a thread that wakes ten times a second, whether or
not a key came: to see whether it must stop, and to let its key parser give up on a lone Escape.
In a room, sixty seats do that all day: about 600 wakeups a second of nothing, and CPU taken from
the seats still starting. `QuietLinuxDriver` keeps everything of `LinuxDriver` but that loop. Its
thread sleeps without a time limit and wakes only when:
- the terminal has bytes;
- the parser holds the start of a sequence that is not complete (a lone ESC: the Escape key, or
  the first half of an arrow key): then it sleeps only until the parser's own deadline, so a lone
  Escape arrives as soon as Textual's escape delay allows (sooner than the ten-a-second loop);
- the driver is told to stop: `exit_event` also rings a pipe the thread listens to, so stopping
  (leaving, ctrl+z) never waits for a timeout and never hangs.
Bracketed paste, the mouse, focus, in-band resize are the parser's work and unchanged; SIGWINCH and
ctrl+z are handled on the main thread by `LinuxDriver` as before.

How long the parser may wait is not public: it is the parser's `_timeout_time`. It is read with care;
if it is ever missing or not a number, the thread polls ten times a second as Textual's own does.
"""

from __future__ import annotations

import contextlib
import math
import os
import select
import threading
from codecs import getincrementaldecoder
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

if TYPE_CHECKING:
    from textual.app import App

try:  # the clock the parser's deadlines are on
    from textual._time import get_time
except ImportError:  # pragma: no cover - a Textual that moved it: deadlines are then only capped
    from time import monotonic as get_time

__all__ = ["QuietLinuxDriver", "RingingEvent", "sleep_ms"]

POLL_MS = 100
"""How often Textual's own input thread looks: the longest wait while the parser holds a sequence,
and the steady poll if the parser's deadline cannot be read."""
READ_SIZE = 4096
"""Bytes read from the terminal at once."""
_NO_DEADLINE = object()


def sleep_ms(parser: object, now: float | None = None) -> int:
    """How long the input thread may sleep, in milliseconds for `poll`; -1 is: until something comes.

    Never longer than `POLL_MS` while the parser waits for the rest of a sequence (a clock that
    disagrees can make a wait no worse than Textual's own), and a steady `POLL_MS` if the parser's
    deadline is not there to read.
    """
    deadline = getattr(parser, "_timeout_time", _NO_DEADLINE)
    if deadline is None:
        return -1
    if isinstance(deadline, bool) or not isinstance(deadline, (int, float)) or math.isnan(deadline):
        return POLL_MS
    left = deadline - (get_time() if now is None else now)
    return max(0, min(POLL_MS, math.ceil(left * 1000)))


class RingingEvent(threading.Event):
    """An `exit_event` that, once set, also writes to a pipe: the sleeping input thread wakes at once.

    The input thread opens the pipe when it starts (`open`) and closes both ends when it ends
    (`close`); a `set` between the two rings it, a `set` outside them only sets the flag, which the
    thread reads before every sleep. The lock (re-entrant: `set` may come from a signal handler on a
    thread already inside `set`) keeps a write from ever reaching a descriptor already closed.
    """

    def __init__(self) -> None:
        super().__init__()
        self._bell = threading.RLock()
        self._ring: int | None = None

    def open(self) -> int:
        """A new pipe for one input thread; its reading end (non-blocking)."""
        read, write = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
        with self._bell:
            if self._ring is not None:  # a thread before this one left it open: not ours to keep
                with contextlib.suppress(OSError):
                    os.close(self._ring)
            self._ring = write
        return read

    def close(self, read: int) -> None:
        """Both ends of the pipe `open` made, closed; later `set`s only set the flag."""
        with self._bell:
            write, self._ring = self._ring, None
        for fd in (read, write):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)

    def set(self) -> None:
        super().set()
        with self._bell:
            if self._ring is not None:
                with contextlib.suppress(OSError):  # full (it never is: one byte a stop) or gone: the flag is set
                    os.write(self._ring, b"\0")


class QuietLinuxDriver(LinuxDriver):
    """Textual's Linux driver, but its input thread sleeps until a key, a deadline or a stop."""

    def __init__(
        self,
        app: App[Any],
        *,
        debug: bool = False,
        mouse: bool = True,
        size: tuple[int, int] | None = None,
    ) -> None:
        super().__init__(app, debug=debug, mouse=mouse, size=size)
        self.exit_event = RingingEvent()
        self.wakes = 0
        """Times the input thread woke (a test and a bench read it): idle, it stays where it is."""

    def run_input_thread(self) -> None:
        """Read the terminal until told to stop, sleeping whenever there is nothing to read or time out."""
        stop = self.exit_event
        if not isinstance(stop, RingingEvent):  # replaced by someone else: Textual's own loop still works
            super().run_input_thread()
            return
        bell = stop.open()
        try:
            self._listen(stop, bell)
        finally:
            stop.close(bell)

    def _listen(self, stop: threading.Event, bell: int) -> None:
        terminal = self.fileno
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")(errors="replace").decode
        waiting = select.poll()
        waiting.register(terminal, select.POLLIN)
        waiting.register(bell, select.POLLIN)
        while not stop.is_set():
            ready = waiting.poll(sleep_ms(parser))
            self.wakes += 1
            for fd, mask in ready:
                if fd == bell:
                    with contextlib.suppress(OSError):
                        os.read(bell, 64)
                elif mask & select.POLLNVAL:
                    waiting.unregister(terminal)  # not a descriptor any more: nothing will come
                else:
                    data = os.read(terminal, READ_SIZE)  # an error (the terminal hung up) ends the app, as in Textual
                    if not data:
                        waiting.unregister(terminal)  # end of input (not a terminal): do not wake for it again
                        continue
                    text = decode(data)
                    if text:  # not the first byte of a character alone: the parser takes "" for the end
                        self._send(parser.feed(text))
            self._send(parser.tick())

    def _send(self, messages: Iterable[Message]) -> None:
        for message in messages:
            self.process_message(message)
