"""A first screen is on the terminal: what waits for that moment.

A seat forked by the room's warm parent lets the next seat start then (`tui.cli.seat_turns`):
seats that log in at once start in turns, the first come first. A start of the app collects
no garbage until then (`hold_collection`). Every screen of ours calls `shown` once painted
(`tui.app.screens.base`); with nothing waiting it does nothing.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable

waiting: list[Callable[[], None]] = []


def shown() -> None:
    """The first screen has been painted: each waiting callback once."""
    while waiting:
        callback = waiting.pop()
        with contextlib.suppress(Exception):
            callback()


def hold_collection() -> None:
    """No garbage collection until the first screen is painted, then as before.

    Python's collector ran about 25 times during a start, through every object the imports
    had made, each time finding next to nothing: 8 to 10 % of a start's instructions (issue
    24). Held, what a start leaves is looked at once, after the first paint.
    """
    if gc.isenabled():
        gc.disable()
        waiting.append(_collect_again)


def release_collection() -> None:
    """Collect again now, if `hold_collection` held it (not a command that opens the app, or the app has ended)."""
    if _collect_again in waiting:
        waiting.remove(_collect_again)
        gc.enable()


def _collect_again() -> None:
    """Held by `hold_collection` (a forked seat's parent holds it in its own way: `tui.cli.zygote`)."""
    gc.enable()
