"""Failed logins per address, kept in a file: the browser's seat apps are separate processes.

The same rule as the SSH door (five failures from one address: that address
waits a minute), shared by every app process of one room through
`rooms/<id>/.door.json`, read and written under an exclusive lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from tui.session.files import CLOEXEC, NOFOLLOW, PRIVATE_FILE

LIMIT = 5
WAIT_SECONDS = 60.0


class SharedDoor:
    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.clock = clock

    @contextlib.contextmanager
    def _failures(self) -> Iterator[dict[str, list[float]]]:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | NOFOLLOW | CLOEXEC, PRIVATE_FILE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            raw = os.read(fd, 1 << 20)
            try:
                data = json.loads(raw) if raw.strip() else {}
            except ValueError:
                data = {}
            now = self.clock()
            failures = {
                address: [t for t in times if isinstance(t, (int, float)) and 0 <= now - t < WAIT_SECONDS]
                for address, times in (data.items() if isinstance(data, dict) else [])
                if isinstance(times, list)
            }
            yield failures
            out = json.dumps({a: t for a, t in failures.items() if t}).encode()
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, out)
        finally:
            os.close(fd)

    def closed_for(self, address: str) -> bool:
        with self._failures() as failures:
            return len(failures.get(address, [])) >= LIMIT

    def failed(self, address: str) -> None:
        with self._failures() as failures:
            failures.setdefault(address, []).append(self.clock())

    def succeeded(self, address: str) -> None:
        with self._failures() as failures:
            failures.pop(address, None)
