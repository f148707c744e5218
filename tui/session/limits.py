"""How much one session may hold, so that what the app writes it can always read again.

Checked before anything changes (with a clear message), and the whole file's
size once more before it is written. Generous for people, small for a file.
"""

from __future__ import annotations

from tui.core.errors import LimitExceeded
from tui.core.reason import Reason

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Larger files are not sessions this app wrote; reading them would stall the list."""

MAX_TITLE = 400
MAX_SHORT = 400
"""Partners, role, who, when, a theme or form of one's own."""
MAX_NOTE = 200_000
"""One note on an item, or the notes on the whole cooperation."""
MAX_STEP_TEXT = 2_000
MAX_STEPS = 200
MAX_CONTEXT_CHOICES = 100


class OverLimit(LimitExceeded):
    """A text or list is longer than a session may hold; nothing was changed.

    `reason.text(strings)` says what and by how much in the interface's language;
    `str(error)` says it in English (for logs).
    """

    def __init__(self, reason: Reason) -> None:
        self.reason = reason
        super().__init__(str(reason))


def check_length(what: str, text: str, limit: int) -> None:
    """Raise OverLimit when `text` is longer than `limit` characters; `what` names a 'limit.*' text."""
    if len(text) > limit:
        raise OverLimit(Reason("limit.too_long", {"what": Reason(f"limit.{what}"), "n": len(text), "max": limit}))


def check_count(what: str, count: int, limit: int) -> None:
    """Raise OverLimit when a list would hold more than `limit` entries."""
    if count > limit:
        raise OverLimit(Reason("limit.too_many", {"what": Reason(f"limit.{what}"), "max": limit}))
