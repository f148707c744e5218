"""Making user text safe to show in a terminal, without changing what is stored."""

from __future__ import annotations

_CONTROL = {i: chr(0x2400 + i) for i in range(0x20)} | {0x7F: "\u2421"}
_CONTROL.pop(0x0A)  # newlines stay newlines


def visible(text: str) -> str:
    """Text with ESC and other control characters as their visible symbols (␛, ␀, …)."""
    out = text.translate(_CONTROL)
    # C1 controls (U+0080–U+009F) can also steer terminals.
    return "".join("\ufffd" if 0x80 <= ord(c) <= 0x9F else c for c in out)
