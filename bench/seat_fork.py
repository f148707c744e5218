"""A forked seat's own cost, without SSH and without the load of other work (not part of the tests).

    .venv/bin/python bench/seat_fork.py [--seats 8] [--answers 4] [--bare]

Warms a parent as the room's warm parent does (`tui.cli.zygote.warm`: imports, content,
a rehearsed seat, the parsed CSS kept), then forks one seat after the other on a pseudo-
terminal of 80×24, each alone on the machine but for the others waiting. For each seat:
- CPU from the fork until its welcome ("plek ") is on the terminal, every thread of the
  seat counted, in nanoseconds (/proc/PID/task/*/schedstat), not clock ticks;
- its own memory (USS: Private_Clean + Private_Dirty of /proc/PID/smaps_rollup) on its
  welcome, and again after Enter and `--answers` answers in the walk.
With `--bare`, each child runs a bare Textual app instead (one Static that says "plek A", rehearsed
in the parent as well), forked and started the same way: the floor a seat's welcome can come down
to (its USS after answers is then its USS a moment later: it has no walk).
The welcome times of bench/room.py depend on what else runs on the two cores; these do not
(much).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import pty
import select
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.room_capacity import uss_kb  # noqa: E402
from tui.cli import zygote  # noqa: E402
from tui.content import load_code_words  # noqa: E402
from tui.room.store import RoomStore  # noqa: E402
from tui.serve.seat_pty import set_size  # noqa: E402


def cpu_ns(pid: int) -> int:
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        with contextlib.suppress(OSError):
            total += int(Path(f"/proc/{pid}/task/{task}/schedstat").read_text().split()[0])
    return total


def read_until(master: int, needle: bytes, timeout: float) -> bytes:
    """What the seat wrote until `needle` (or until `timeout` seconds passed)."""
    seen = bytearray()
    end = time.monotonic() + timeout
    while needle not in seen and time.monotonic() < end:
        ready, _, _ = select.select([master], [], [], 0.02)
        if ready:
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
    return bytes(seen)


def fork_seat(
    master: int,
    slave: int,
    folder: Path,
    language: str,
    label: str,
    term: str = "xterm",
    before: Callable[[], None] | None = None,
) -> int:
    """A seat forked from this warm process onto the pseudo-terminal (`master`, `slave`), as the room's
    warm parent forks one; its pid. The child never comes back; here `slave` is closed. `before` runs in
    the child first."""
    pid = os.fork()
    if pid == 0:
        os.close(master)
        code = 1
        try:
            if before is not None:
                before()
            code = zygote.become_seat(slave, ["--lang", language, "room", "seat", str(folder), label], term)
        finally:
            os._exit(code)
    os.close(slave)
    return pid


def answer_in_walk(master: int, answers: int) -> None:
    """Enter on the welcome, then `answers` answers (3) in the walk, each once the screen has settled."""
    os.write(master, b"\r")
    read_until(master, b"Deel 1/5", 10)
    for _ in range(answers):
        read_until(master, b"\0", 0.3)
        os.write(master, b"3")
    read_until(master, b"\0", 0.5)


def bare_app(label: str) -> Any:
    """Textual's App with one Static: the seat's floor. Its first paint lets `tui.app.shown`'s waiters go on."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    from tui.app.shown import shown

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static(f"plek {label}")

        def on_mount(self) -> None:
            self.call_after_refresh(shown)

    return Bare()


def rehearse_bare() -> None:
    """The bare app once, headless, as `zygote.rehearse` does for a seat: Textual's caches filled for it too."""
    import asyncio

    async def once() -> None:
        async with bare_app("A").run_test(size=(80, 24)) as pilot:
            await pilot.pause()

    asyncio.run(once())


def run_bare(argv: list[str]) -> int:
    """In place of `tui.cli.main.main` in a bare child: the bare app for the seat's label."""
    bare_app(argv[-1]).run()
    return 0


def use_bare() -> None:
    """In a child: the bare app runs where `samenwerken room seat` would."""
    import tui.cli.main

    tui.cli.main.main = run_bare  # type: ignore[assignment]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seats", type=int, default=8)
    parser.add_argument("--answers", type=int, default=4)
    parser.add_argument("--bare", action="store_true", help="a bare Textual app with one Static: the floor")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="samenwerken-bench-fork-"))
    folder, _ = RoomStore(work / "sessions").create("Bench", max(args.seats, 1), load_code_words())
    began = time.process_time()
    language, labels = zygote.warm(folder.path)
    if args.bare:
        rehearse_bare()
    gc.collect()
    gc.freeze()
    warm = time.process_time() - began
    cpu: list[float] = []
    welcome_uss: list[int] = []
    answered_uss: list[int] = []
    children: list[tuple[int, int]] = []
    for label in sorted(labels)[: args.seats]:
        master, slave = pty.openpty()
        set_size(slave, 80, 24)
        pid = fork_seat(master, slave, folder.path, language, label, before=use_bare if args.bare else None)
        children.append((pid, master))
        assert b"plek " in read_until(master, b"plek ", 30), f"seat {label} showed no welcome"
        cpu.append(cpu_ns(pid) / 1e6)
        read_until(master, b"\0", 0.5)  # its first second's ticks settle
        welcome_uss.append(uss_kb(pid))
        if args.bare:
            read_until(master, b"\0", 0.5)
        else:
            answer_in_walk(master, args.answers)
        answered_uss.append(uss_kb(pid))
    for pid, _ in children:
        os.kill(pid, signal.SIGHUP)
    for pid, master in children:
        os.waitpid(pid, 0)
        os.close(master)

    def mb(values: list[int]) -> str:
        return f"median {statistics.median(values) / 1024:.1f} MB (max {max(values) / 1024:.1f})"

    print(f"warm parent: {warm:.2f} s CPU to load and rehearse, once")
    print(
        f"forked seat, fork to welcome on its terminal: median {statistics.median(cpu):.0f} ms CPU "
        f"(min {min(cpu):.0f}, max {max(cpu):.0f}) over {len(cpu)} seats"
    )
    print(f"seat's own memory (USS): on its welcome {mb(welcome_uss)}; after {args.answers} answers {mb(answered_uss)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
