"""What the app opens on, as decided by the command line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tui.session.store import StoredSession


@dataclass
class Start:
    """The first screen: home, the reader at a section, a new walk, or a walk to resume."""

    screen: Literal["home", "read", "new", "walk", "overview"]
    section: str | None = None
    title: str | None = None
    stored: StoredSession | None = None
