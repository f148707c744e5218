"""Show user text literally: no markup, and control characters made visible."""

from __future__ import annotations

from textual.content import Content

from tui.core.text import visible

__all__ = ["plain_text", "visible"]


def plain_text(text: str, style: str = "") -> Content:
    """A Content that shows `text` exactly as typed, never as markup."""
    return Content.styled(visible(text), style) if style else Content(visible(text))
