"""The limit on wrong codes: one gate for every way into a room (SSH and browser tabs).

A personal code is guessed by trying many. The gate makes that hopeless without
ever locking a real participant out:

- **Counted before checked.** An admitted attempt counts as a failure at once; only
  when its code turns out right is that one attempt taken back. A burst of codes
  sent together is therefore counted in full before any of them is compared.
- **A success forgets nothing.** A participant's own right code takes back only
  its own attempt, never the failures before it.
- **Slowed, not locked.** After `free` failures from one address (within `window`
  seconds), each further attempt waits a growing delay after the last failure:
  `first_delay`, doubled per failure, at most `max_delay`. A venue's shared address
  (NAT, a TLS proxy) is slowed for everyone behind it, never shut.
- **Few at once.** At most `per_address` codes of one address are compared at the
  same moment; more arrive while those run are refused straight away.
- **A ceiling for the room.** More than `room_per_minute` failures in the last
  minute, from any addresses, make every new attempt wait until the minute frees.
- **Busy is not wrong.** When only checks still in flight fill a limit (sixty
  participants typing their codes in the same second), the refusal says `busy`: the
  door may wait a moment and ask again (`admitted`), since most of those checks will
  be taken back. Failures that have been settled are never waited out this way.

The gate holds no locks and does no waiting of its own: it says "go" (an `Attempt`
to settle) or "wait this long" (a `Refusal`); `admitted` is the doors' short wait
while it is busy. Callers run the comparison off the
event loop and settle the attempt in a `finally`, so an attempt is never left
counted as in flight. It imports nothing of asyncssh, aiohttp or Textual.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

BUSY_RETRY = 0.2
"""Seconds before a busy gate is asked again: a check takes about a tenth of a second."""
BUSY_PATIENCE = 15.0
"""How long a door waits on a busy gate before it tells the person to try again."""


@dataclass(frozen=True)
class Refusal:
    """Not checked: try again in `wait` seconds (rounded up when told to a person)."""

    wait: float
    busy: bool = False
    """Only checks in flight fill the limit: asking again shortly is likely to be let in."""

    @property
    def seconds(self) -> int:
        """The wait as a person is told it: whole seconds, at least one."""
        return max(1, math.ceil(self.wait))


@dataclass(eq=False)
class Attempt:
    """An admitted attempt: already counted as a failure until `settle(True)` takes it back."""

    gate: Gate
    address: str
    at: float
    settled: bool = False

    def settle(self, right: bool) -> None:
        """The comparison's outcome; settling twice does nothing."""
        if self.settled:
            return
        self.settled = True
        self.gate._settle(self, right)


@dataclass
class _Address:
    failures: deque[float] = field(default_factory=deque)
    in_flight: int = 0


class Gate:
    """Wrong codes per address and per room; see the module's docstring for the rules."""

    def __init__(
        self,
        *,
        free: int = 5,
        window: float = 600.0,
        first_delay: float = 2.0,
        max_delay: float = 60.0,
        per_address: int = 2,
        room_per_minute: int = 30,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.free, self.window = free, window
        self.first_delay, self.max_delay = first_delay, max_delay
        self.per_address, self.room_per_minute = per_address, room_per_minute
        self.clock = clock
        self._addresses: dict[str, _Address] = {}
        self._room_failures: deque[float] = deque()
        self._room_in_flight = 0
        self.checked = 0
        """How many attempts were admitted to a comparison (for tests and the log)."""
        self.refused = 0
        """How many attempts were refused (busy ones only once a door stopped waiting)."""

    def admit(self, address: str) -> Attempt | Refusal:
        """Count this attempt and let it be checked, or say how long to wait first."""
        now = self.clock()
        self._forget_old(now)
        state = self._addresses.setdefault(address, _Address())
        wait, busy = self._wait_for(state, now)
        if wait > 0:
            self.refused += not busy  # a busy answer is asked again: counted once given up (`admitted`)
            return Refusal(wait, busy)
        state.failures.append(now)
        state.in_flight += 1
        self._room_in_flight += 1
        self._room_failures.append(now)
        self.checked += 1
        return Attempt(self, address, now)

    def wait_for(self, address: str) -> float:
        """Seconds before `address` may try again (0: now), without counting anything."""
        now = self.clock()
        self._forget_old(now)
        state = self._addresses.get(address)
        return self._wait_for(state or _Address(), now)[0]

    def failures(self, address: str) -> int:
        """Failures of `address` still remembered (attempts in flight included)."""
        self._forget_old(self.clock())
        state = self._addresses.get(address)
        return len(state.failures) if state else 0

    def _wait_for(self, state: _Address, now: float) -> tuple[float, bool]:
        """The wait, and whether only checks in flight cause it (busy)."""
        waits = [0.0]
        over = len(state.failures) - self.free
        if over >= 0 and state.failures:
            delay = min(self.max_delay, self.first_delay * 2.0 ** min(over, 32))
            waits.append(state.failures[-1] + delay - now)
        settled = len(self._room_failures) - self._room_in_flight
        if settled >= self.room_per_minute:
            waits.append(self._room_failures[-self.room_per_minute] + 60.0 - now)
        if max(waits) > 0:
            return max(waits), False
        if state.in_flight >= self.per_address or len(self._room_failures) >= self.room_per_minute:
            return BUSY_RETRY, True
        return 0.0, False

    def _settle(self, attempt: Attempt, right: bool) -> None:
        self._room_in_flight = max(0, self._room_in_flight - 1)
        state = self._addresses.get(attempt.address)
        if state is None:
            return
        state.in_flight = max(0, state.in_flight - 1)
        if right:
            _take_back(state.failures, attempt.at)
            _take_back(self._room_failures, attempt.at)

    def _forget_old(self, now: float) -> None:
        while self._room_failures and now - self._room_failures[0] >= 60.0:
            self._room_failures.popleft()
        for address in list(self._addresses):
            state = self._addresses[address]
            while state.failures and now - state.failures[0] >= self.window:
                state.failures.popleft()
            if not state.failures and not state.in_flight:
                del self._addresses[address]


async def admitted(
    gate: Gate, address: str, patience: float = BUSY_PATIENCE, stopping: Callable[[], bool] = lambda: False
) -> Attempt | Refusal:
    """The gate's answer, waited for while it is only busy (at most `patience` seconds).

    Waiting checks nothing and counts nothing; the door's cap on connections bounds how
    many wait. A refusal for failures is returned at once, as is any refusal once
    `stopping()` says the door is closing.
    """
    loop = asyncio.get_running_loop()
    end = loop.time() + patience
    while True:
        answer = gate.admit(address)
        if not isinstance(answer, Refusal) or not answer.busy:
            return answer
        if stopping() or loop.time() + answer.wait > end:
            gate.refused += 1
            return answer
        await asyncio.sleep(answer.wait)


_CHECKS: list[ThreadPoolExecutor] = []


def checks() -> ThreadPoolExecutor:
    """Where the doors compare codes: one thread per core, the admitted attempts in the order they came.

    asyncio's default pool runs up to six scrypt checks side by side on two cores: sixty logins at
    once would then all finish late together. One per core, the first to come are checked first,
    and their seats start while the later codes wait their turn. Each check costs what it did.
    """
    if not _CHECKS:
        _CHECKS.append(ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1), thread_name_prefix="code-check"))
    return _CHECKS[0]


def _take_back(times: deque[float], at: float) -> None:
    """Remove one entry equal to `at` (the attempt's own), if it is still remembered."""
    with contextlib.suppress(ValueError):
        times.remove(at)
