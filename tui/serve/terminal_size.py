"""The size of terminal a client may ask for, over SSH or from a browser tab: one limit for both doors."""

from __future__ import annotations

MAX_COLUMNS, MAX_ROWS = 500, 200
"""The largest terminal a seat's app gets, whatever a client asks for (a 65535-column one ate gigabytes)."""


def clamp_size(width: object, height: object) -> tuple[int, int]:
    """A terminal size a client asked for, made safe: whole numbers, at least 1, at most MAX_COLUMNS × MAX_ROWS."""
    return _clamped(width, 80, MAX_COLUMNS), _clamped(height, 24, MAX_ROWS)


def _clamped(value: object, default: int, most: int) -> int:
    if isinstance(value, str):
        try:
            value = int(value.strip()[:12])
        except ValueError:
            value = default
    if not isinstance(value, int) or isinstance(value, bool):
        value = default
    return max(1, min(most, value))
