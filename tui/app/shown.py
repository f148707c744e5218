"""A seat's first screen is on the terminal: what waits for that moment.

A seat forked by the room's warm parent lets the next seat start then (`tui.cli.seat_turns`):
seats that log in at once start in turns, the first come first. Everywhere else nothing waits.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

waiting: list[Callable[[], None]] = []


def shown() -> None:
    """The first screen has been painted: each waiting callback once."""
    while waiting:
        callback = waiting.pop()
        with contextlib.suppress(Exception):
            callback()
