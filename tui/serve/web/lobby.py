"""A room's browser tabs before they have a seat: open code pages, and the tickets a right code gives.

Nothing here costs more than a few bytes, and even so it is capped: a code page
is counted per address (enough for a whole room behind one venue address), and
forgotten after `page_seconds` without a code sent from it. When the room's total
is reached, the address holding the most pages loses its oldest one: one address
(or a few) filling the lobby cannot keep anyone else out. A right code gives a ticket: random, bound to one seat,
good once and for `ticket_seconds`; only a ticket starts a seat's app.
It imports nothing of aiohttp or Textual.
"""

from __future__ import annotations

import secrets
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from tui.room.store import MAX_SEATS


@dataclass
class _Page:
    address: str
    expires: float


@dataclass
class _Ticket:
    label: str
    expires: float


class Lobby:
    def __init__(
        self,
        *,
        per_address: int = 2 * MAX_SEATS,
        total: int = 1000,
        page_seconds: float = 300.0,
        ticket_seconds: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_address, self.total = per_address, total
        self.page_seconds, self.ticket_seconds = page_seconds, ticket_seconds
        self.clock = clock
        self._pages: dict[str, _Page] = {}
        self._tickets: dict[str, _Ticket] = {}

    # code pages ---------------------------------------------------------------

    def open_page(self, address: str) -> str | None:
        """A new code page for `address`, or None when that address has too many open."""
        self._forget_old()
        held = Counter(page.address for page in self._pages.values())
        if held[address] >= self.per_address:
            return None
        if len(self._pages) >= self.total:
            greedy = held.most_common(1)[0][0]
            oldest = min((p for p, page in self._pages.items() if page.address == greedy),
                         key=lambda p: self._pages[p].expires)  # fmt: skip
            del self._pages[oldest]
        page_id = secrets.token_urlsafe(18)
        self._pages[page_id] = _Page(address, self.clock() + self.page_seconds)
        return page_id

    def page_open(self, page_id: str, address: str) -> bool:
        """True when `page_id` is a live code page of `address`; a code sent from it gives it its time again."""
        self._forget_old()
        page = self._pages.get(page_id)
        if page is None or page.address != address:
            return False
        page.expires = self.clock() + self.page_seconds
        return True

    def close_page(self, page_id: str) -> None:
        self._pages.pop(page_id, None)

    def open_pages(self) -> int:
        self._forget_old()
        return len(self._pages)

    # tickets ------------------------------------------------------------------

    def issue(self, label: str) -> str:
        """A ticket to seat `label`: single use, short-lived."""
        self._forget_old()
        ticket = secrets.token_urlsafe(32)
        self._tickets[ticket] = _Ticket(label, self.clock() + self.ticket_seconds)
        return ticket

    def valid(self, ticket: str) -> bool:
        """True when `ticket` may still be redeemed (the page for it may be shown)."""
        self._forget_old()
        return ticket in self._tickets

    def redeem(self, ticket: str) -> str | None:
        """The seat `ticket` opens, once; None for a ticket unknown, used or expired."""
        self._forget_old()
        found = self._tickets.pop(ticket, None)
        return found.label if found is not None else None

    def _forget_old(self) -> None:
        now = self.clock()
        for page_id in [p for p, page in self._pages.items() if page.expires <= now]:
            del self._pages[page_id]
        for ticket in [t for t, held in self._tickets.items() if held.expires <= now]:
            del self._tickets[ticket]
