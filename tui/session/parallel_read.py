"""Reading many session files on every core: a first `list` of 10,000 files.

Parsing a session file is Python work under one lock (about 0.2 ms); a folder of 10,000
new files kept one core busy for two seconds and more while the others idled. Here the
files are shared out over forked helpers, one per core beyond the first: each parses
its share and sends back, as JSON on a pipe, for each file what the caller's `row_of`
made of it (plain values), or null for a file it could not read. The caller reads the
nulls itself (a bad file is named in the caller's words). A helper that fails costs
nothing but time: its share is read by the caller.

Only where fork is safe: Linux, and called from a process without threads of its own
(the command line, never the app).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
from collections.abc import Callable, Sequence

FROM = 1000
"""Files from which the work is shared out: below it, forking costs more than it saves."""


def _helpers() -> int:
    if not sys.platform.startswith("linux") or threading.active_count() != 1:
        return 0
    return max(0, min((os.cpu_count() or 1) - 1, 7))


def read_all(names: Sequence[str], row_of: Callable[[str], object | None]) -> list[object | None]:
    """`row_of(name)` for every name, in order; the work shared over forked helpers when there is much."""
    helpers = _helpers() if len(names) >= FROM else 0
    if not helpers:
        return [row_of(name) for name in names]
    shares = [list(range(n, len(names), helpers + 1)) for n in range(helpers + 1)]
    started: list[tuple[int, int, list[int]]] = []
    for share in shares[1:]:
        with contextlib.suppress(OSError):
            started.append(_start(share, names, row_of))
    done: dict[int, object | None] = {n: row_of(names[n]) for n in shares[0]}
    for pid, reading, share in started:
        rows = _collect(pid, reading, len(share))
        for n, row in zip(share, rows if rows is not None else [None] * len(share), strict=True):
            done[n] = row
    for share in shares[1:]:  # a helper that never started: its share here
        for n in share:
            if n not in done:
                done[n] = row_of(names[n])
    return [done[n] for n in range(len(names))]


def _start(
    share: list[int], names: Sequence[str], row_of: Callable[[str], object | None]
) -> tuple[int, int, list[int]]:
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # the helper: parse, send, leave without running the parent's exit handlers
        code = 1
        try:
            os.close(reading)
            data = json.dumps([row_of(names[n]) for n in share], separators=(",", ":")).encode()
            with open(writing, "wb") as out:
                out.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(writing)
    return pid, reading, share


def _collect(pid: int, reading: int, count: int) -> list[object | None] | None:
    """The helper's rows, or None when it failed (its share is then read by the caller)."""
    with open(reading, "rb") as source:
        data = source.read()
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return None
    try:
        rows = json.loads(data)
    except ValueError:
        return None
    return rows if isinstance(rows, list) and len(rows) == count else None
