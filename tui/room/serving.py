"""How a room is served, as the doors and the board both need to know it (no server code here).

`ServeOptions` is what `room serve` was asked for; `how_to_join` is what the facilitator reads
out; `RoomDoors` is what the board asks of the running doors. The doors themselves live in
`tui.serve`, above the app: the board sees them only through this protocol.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from tui.core.net import is_loopback, shown_host

if TYPE_CHECKING:
    from tui.content.i18n import Strings
    from tui.room.store import RoomFolder


@dataclass(frozen=True)
class ServeOptions:
    """How `room serve` opens the room: SSH on host:port, optionally browser tabs on the same host."""

    host: str = "127.0.0.1"
    port: int = 2222
    idle_minutes: float = 60.0
    web: int | None = None
    public_url: str | None = None
    beamer_key: str = field(default_factory=lambda: new_beamer_key(), repr=False)
    """The beamer page's key, new for every serve (see `tui.serve.web.beamer`)."""

    def web_url(self) -> str:
        return self.public_url or f"http://{shown_host(self.host)}:{self.web}"

    def beamer_url(self) -> str:
        """The read-only page to project: the browser door's address, the beamer's path and key."""
        return f"{self.web_url().rstrip('/')}{BEAMER_PREFIX}/{self.beamer_key}"


BEAMER_KEY_BYTES = 24
"""192 bits: the key is the beamer's only lock."""
BEAMER_PREFIX = "/beamer"


def new_beamer_key() -> str:
    """A beamer key for one `room serve`: URL-safe, 192 random bits."""
    return secrets.token_urlsafe(BEAMER_KEY_BYTES)


def how_to_join(options: ServeOptions, port: int, fingerprint: str, strings: Strings) -> list[str]:
    """What the facilitator reads out: the ssh command and the key's fingerprint; a warning off loopback."""
    host = options.host
    lines = [
        strings("room.join_how", command=f"ssh -p {port} {shown_host(host)}"),
        strings("room.fingerprint", fingerprint=fingerprint),
    ]
    if options.web is not None:
        lines.append(strings("room.join_web", url=options.web_url()))
        lines.append(strings("room.beamer", url=options.beamer_url()))
    if not is_loopback(host):
        lines.append(strings("room.open_network"))
    return lines


class RoomDoors(Protocol):
    """The running doors of a room, as the board sees them (the SSH server is one)."""

    folder: RoomFolder
    host: str
    web_url: str | None
    beamer_url: str | None
    """The read-only page to project, when the room also serves browsers."""
    on_change: Callable[[], None]
    """Called when a seat joins, leaves or answers: the board refreshes."""

    @property
    def port(self) -> int: ...

    @property
    def fingerprint(self) -> str: ...

    def connected(self) -> set[str]:
        """The letters of the seats connected now, by SSH or in a browser."""
        ...
