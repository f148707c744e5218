"""Seats forked at once start in turns: at most TURNS side by side, in the order they came.

Sixty participants who log in at once would otherwise all start together, sharing the
cores evenly, and every welcome comes late: the median nearly as late as the last. In
turns, the first to come are the first in. Each child holds the write end of a pipe of
its own: it writes one byte there when its turn has come (`begin`), and closes it when its
first screen is painted (`tui.app.shown`) or when it exits (the kernel closes it then). The
child TURNS places behind it waits for that byte (as long as the seats ahead take, each in
its turn), then for the pipe's end, at most TURN_WAIT seconds from that byte on: a seat that
hangs holds up nobody for long, and the waits do not run out all at once for a long queue.
"""

from __future__ import annotations

import contextlib
import os
import select
from collections import deque

TURNS = max(2, os.cpu_count() or 2) + 1
"""Seats starting side by side: one per core and one more. A seat's turn lasts until its welcome is drawn
whole, and a start has moments without CPU (its paint handed to the writer thread, the terminal): with
one per core, two cores stood idle for 8-9 % of the end of a burst of sixty; one more keeps them busy."""
TURN_WAIT = 2.0
"""Seconds a seat waits at most for the seat TURNS places ahead of it, from the moment that one began."""
QUEUE_WAIT = 60.0
"""Seconds a seat waits at most for the seat ahead to begin at all (it is itself in a queue)."""


class Turns:
    """The warm parent's side: the read ends of the last TURNS children's pipes, oldest first."""

    def __init__(self) -> None:
        self._open: deque[int] = deque()

    def next(self) -> tuple[int | None, int, int]:
        """Before a fork: the read end the new child waits on (None: it need not wait), and its own pipe."""
        ahead = self._open[0] if len(self._open) >= TURNS else None
        read, write = os.pipe2(os.O_CLOEXEC)
        return ahead, read, write

    def forked(self, read: int, write: int) -> None:
        """After the fork (or a failed one): the child's write end is the child's alone; its read end is kept."""
        os.close(write)
        self._open.append(read)
        while len(self._open) > TURNS:
            os.close(self._open.popleft())

    def close(self) -> None:
        while self._open:
            with contextlib.suppress(OSError):
                os.close(self._open.popleft())


def wait_turn(ahead: int | None) -> None:
    """In the child: until the seat ahead has painted its first screen or gone, or TURN_WAIT has passed
    since it began."""
    if ahead is None:
        return
    with contextlib.suppress(OSError, ValueError):
        ready, _, _ = select.select([ahead], [], [], QUEUE_WAIT)
        if ready and os.read(ahead, 1):  # it began (an empty read: it has painted or gone)
            select.select([ahead], [], [], TURN_WAIT)
    with contextlib.suppress(OSError):
        os.close(ahead)


def begin(turn: int | None) -> None:
    """In the child: its turn has come; the seat TURNS places behind may start within TURN_WAIT."""
    if turn is not None:
        with contextlib.suppress(OSError):
            os.write(turn, b".")


def close_all_but(keep: set[int], start: int = 3) -> None:
    """Close every descriptor from `start` up, except those in `keep`."""
    top = os.sysconf("SC_OPEN_MAX")
    low = start
    for fd in sorted(n for n in keep if n >= start):
        os.closerange(low, fd)
        low = fd + 1
    os.closerange(low, top)
