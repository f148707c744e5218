"""Reading many session files on every core: a first `list` of 10,000 files.

Parsing a session file is Python work under one lock (about 0.15 ms); a folder of 10,000
new files kept one core busy for two seconds and more while the others idled. Here the
files are shared out over forked helpers, one per core beyond the first. The work is cut
in chunks of up to 100 files whose numbers wait in a pipe, one byte each: whoever is free
takes the next (a read of one byte from a pipe goes to one reader only), so a helper that
started first, or a core that another program slows, does its fair part without any
planning. Each helper sends back, as JSON on a pipe, for each file it read what the
caller's `finish` made of it (plain values), or null for a file it could not read. The
caller reads the nulls itself (a bad file is named in the caller's words). A helper that
fails costs nothing but time: its files come back as nulls.

The helpers can start before the caller knows all it needs to finish a file (`start`):
they parse meanwhile, and `finish` each file once the caller hands its `context` over
(`Shared.results`), so `list` reads files on the second core while it still loads the
tool's items on the first.

Only where fork is safe: Linux, and called from a process without threads of its own
(the command line, never the app).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

FROM = 1000
"""Files from which the work is shared out: below it, forking costs more than it saves."""
CHUNKS = 250
"""At most this many chunks: each chunk's number is one byte in the pipe."""


def _helpers() -> int:
    if not sys.platform.startswith("linux") or threading.active_count() != 1:
        return 0
    return max(0, min((os.cpu_count() or 1) - 1, 7))


def shares_out(count: int) -> bool:
    """Whether `start` would share out the reading of `count` files."""
    return count >= FROM and _helpers() > 0


def read_all(names: Sequence[str], row_of: Callable[[str], object | None]) -> list[object | None]:
    """`row_of(name)` for every name, in order; the work shared over forked helpers when there is much."""
    shared = start(names, row_of, _as_read)
    if shared is None:
        return [row_of(name) for name in names]
    try:
        return shared.results(None)
    finally:
        shared.close()  # helpers still at work when reading here failed


def _as_read(part: object, _context: object) -> object:
    return part


def start(names: Sequence[str], read: Callable[[str], Any], finish: Callable[[Any, Any], object]) -> Shared | None:
    """Helpers that begin to `read` the names now, to `finish` each with the context `Shared.results` hands them.

    None when there are too few names or no helpers.
    """
    helpers = _helpers() if len(names) >= FROM else 0
    if not helpers:
        return None
    size = max(1, -(-len(names) // CHUNKS), min(100, len(names) // 8))
    chunks = range(0, len(names), size)
    taking, queue = os.pipe()
    try:
        os.write(queue, bytes(range(len(chunks))))  # 250 bytes at most: the pipe holds them
    finally:
        os.close(queue)
    shared = Shared(names, read, finish, size, taking)
    for _ in range(helpers):
        with contextlib.suppress(OSError):
            shared.fork()
    if not shared.helpers:
        shared.close()
        return None
    return shared


class Shared:
    """Files being read by forked helpers; the caller takes its own chunks in `results`."""

    def __init__(
        self,
        names: Sequence[str],
        read: Callable[[str], Any],
        finish: Callable[[Any, Any], object],
        size: int,
        taking: int,
    ) -> None:
        self.names, self.read, self.finish, self.size, self.taking = names, read, finish, size, taking
        self.helpers: list[tuple[int, int, int]] = []
        """Each helper's pid, the pipe its results come from, and the pipe its context goes to."""

    def fork(self) -> None:
        results, sending = os.pipe()
        context, told = os.pipe()
        pid = os.fork()
        if pid == 0:  # the helper: read, finish, send, leave without running the parent's exit handlers
            code = 1
            try:
                os.close(results)
                os.close(told)
                for _, result, tell in self.helpers:  # the earlier helpers' pipes are not this one's
                    os.close(result)
                    os.close(tell)
                parts = {n: self.read(self.names[n]) for n in self._chunks()}
                with open(context, "rb") as source:
                    given = json.loads(source.read())
                done = {n: self.finish(part, given) for n, part in parts.items()}
                with open(sending, "wb") as out:
                    out.write(json.dumps(done, separators=(",", ":")).encode())
                code = 0
            finally:
                os._exit(code)
        os.close(sending)
        os.close(context)
        self.helpers.append((pid, results, told))

    def _chunks(self) -> Iterator[int]:
        """The file numbers of each chunk taken from the queue (the next once these are read) until none is left."""
        while chunk := os.read(self.taking, 1):
            first = chunk[0] * self.size
            yield from range(first, min(first + self.size, len(self.names)))

    def results(self, context: Any) -> list[object | None]:
        """`finish(read(name), context)` for every name, in order (None: the caller reads it).

        `context` (plain JSON values) goes to the helpers, which finish what they read with it;
        meanwhile the caller takes chunks too, until none are left.
        """
        data = json.dumps(context).encode()
        for _, _, told in self.helpers:
            with contextlib.suppress(OSError):  # a helper that is gone: it sends nothing, its files are read here
                os.write(told, data)  # a few KB at most: the pipe holds them
            os.close(told)
        self.helpers = [(pid, result, -1) for pid, result, _ in self.helpers]
        done: dict[int, object | None] = {n: self.finish(self.read(self.names[n]), context) for n in self._chunks()}
        helpers, self.helpers = self.helpers, []
        for pid, result, _ in helpers:
            for key, row in (_collect(pid, result) or {}).items():
                if key.isdigit() and int(key) < len(self.names):
                    done.setdefault(int(key), row)
        self.close()
        return [done.get(n) for n in range(len(self.names))]

    def close(self) -> None:
        """Stop helpers still at work (the caller gave up) and let go of the pipes."""
        for pid, result, told in self.helpers:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            for fd in (result, told):
                if fd >= 0:
                    with contextlib.suppress(OSError):
                        os.close(fd)
            with contextlib.suppress(OSError):
                os.waitpid(pid, 0)
        self.helpers = []
        if self.taking >= 0:
            os.close(self.taking)
            self.taking = -1


def _collect(pid: int, reading: int) -> dict[str, Any] | None:
    """The helper's rows by file number, or None when it failed (its files are then read by the caller)."""
    with open(reading, "rb") as source:
        data = source.read()
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return None
    try:
        rows = json.loads(data)
    except ValueError:
        return None
    return rows if isinstance(rows, dict) else None
