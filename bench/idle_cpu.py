"""What an app costs while nobody types (not part of the tests).

    .venv/bin/python bench/idle_cpu.py [--seconds 10] [--runs 3] [--forked 60]

Starts, each in a pseudo-terminal of 80×24 as a person's terminal would be, a room's seat
(`samenwerken room seat`, on its welcome) and the home screen (`samenwerken`), waits until the
screen is there and has settled, and then, for `--seconds`, reads without touching it:
- CPU of all its threads together (/proc/PID/task/*/schedstat, nanoseconds), in ms per second;
- how often each thread was woken (its context switches, /proc/PID/task/*/status), per second:
  the event loop's thread (`main`) and the others together (`threads`: the terminal's input and
  output threads of Textual's driver).
With `--forked N`, this process then becomes a room's warm parent (`tui.cli.zygote.warm`) and forks
N seats of one room, one after the other, each on a pseudo-terminal of its own, as `room serve`
does; once all show their welcome, the same reading of all of them together: what a waiting room
costs.
The app is the one the interpreter running this script has installed (this folder is only appended
to the import path): `/work/main/.venv/bin/python bench/idle_cpu.py` measures main's app.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))  # for tests.helpers; `tui` stays the interpreter's own (see above)

from tests.helpers.terminal import PtyApp, wait_for  # noqa: E402
from tui.content import load_code_words  # noqa: E402
from tui.room.store import RoomStore  # noqa: E402


def _tasks(pid: int) -> list[str]:
    with contextlib.suppress(OSError):
        return os.listdir(f"/proc/{pid}/task")
    return []


def cpu_ns(pid: int) -> int:
    """CPU of every thread of `pid` so far, in nanoseconds."""
    total = 0
    for task in _tasks(pid):
        with contextlib.suppress(OSError, ValueError, IndexError):
            total += int(Path(f"/proc/{pid}/task/{task}/schedstat").read_text().split()[0])
    return total


def switches(pid: int) -> dict[int, int]:
    """Context switches (voluntary and not) of each thread of `pid` so far."""
    counts: dict[int, int] = {}
    for task in _tasks(pid):
        with contextlib.suppress(OSError, ValueError):
            lines = Path(f"/proc/{pid}/task/{task}/status").read_text().splitlines()
            counts[int(task)] = sum(int(line.split()[1]) for line in lines if "ctxt_switches:" in line)
    return counts


def idle(app: PtyApp, seconds: float) -> tuple[float, float, float]:
    """ms of CPU per second, wakeups per second of the main thread and of the other threads."""
    pid = app.process.pid
    quiet_since = time.monotonic()
    seen = len(app.output)
    while time.monotonic() - quiet_since < 1.0:  # settled: a second without output
        time.sleep(0.1)
        if len(app.output) != seen:
            seen, quiet_since = len(app.output), time.monotonic()
    cpu, woken, began = cpu_ns(pid), switches(pid), time.monotonic()
    time.sleep(seconds)
    cpu_after, woken_after, elapsed = cpu_ns(pid), switches(pid), time.monotonic() - began
    main = woken_after.get(pid, 0) - woken.get(pid, 0)
    others = sum(n - woken.get(task, 0) for task, n in woken_after.items() if task != pid)
    return (cpu_after - cpu) / 1e6 / elapsed, main / elapsed, others / elapsed


def measure(args: list[str], ready: bytes, cwd: Path, seconds: float) -> tuple[float, float, float]:
    app = PtyApp(args, cwd=cwd)
    try:
        assert wait_for(lambda: ready in app.output, 60), bytes(app.output[-300:])
        return idle(app, seconds)
    finally:
        app.close()


def forked(count: int, seconds: float) -> tuple[float, float]:
    """`count` seats forked from a warm parent, all on their welcome: ms of CPU per second, wakeups per second."""
    import gc
    import pty
    import select
    import signal

    from tui.cli import zygote
    from tui.serve.seat_pty import set_size

    work = Path(tempfile.mkdtemp(prefix="samenwerken-bench-idle-"))
    folder, _ = RoomStore(work / "sessions").create("Bench", count, load_code_words())
    language, labels = zygote.warm(folder.path)
    gc.collect()
    gc.freeze()
    seats: dict[int, int] = {}  # the seat's terminal -> its pid
    shown: dict[int, bytes] = {}

    def drain(until: float) -> None:
        while time.monotonic() < until:
            ready, _, _ = select.select(list(seats), [], [], 0.05)
            for master in ready:
                try:
                    shown[master] = (shown.get(master, b"") + os.read(master, 65536))[-4096:]
                except OSError:
                    shown[master] = shown.get(master, b"") + b"<gone>"

    try:
        for label in sorted(labels)[:count]:
            master, slave = pty.openpty()
            set_size(slave, 80, 24)
            pid = os.fork()
            if pid == 0:
                os.close(master)
                code = 1
                try:
                    argv = ["--lang", language, "room", "seat", str(folder.path), label]
                    code = zygote.become_seat(slave, argv, "xterm-256color")
                finally:
                    os._exit(code)
            os.close(slave)
            seats[master] = pid
            end = time.monotonic() + 30
            while b"plek " not in shown.get(master, b"") and time.monotonic() < end:
                drain(time.monotonic() + 0.05)
            assert b"plek " in shown.get(master, b""), f"seat {label} showed no welcome"
        drain(time.monotonic() + 2.0)  # the last ones settle
        pids = list(seats.values())
        cpu = sum(cpu_ns(pid) for pid in pids)
        woken = sum(sum(switches(pid).values()) for pid in pids)
        began = time.monotonic()
        drain(began + seconds)
        elapsed = time.monotonic() - began
        cpu = sum(cpu_ns(pid) for pid in pids) - cpu
        woken = sum(sum(switches(pid).values()) for pid in pids) - woken
        return cpu / 1e6 / elapsed, woken / elapsed
    finally:
        for pid in seats.values():
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGHUP)
        for master, pid in seats.items():
            with contextlib.suppress(OSError):
                os.waitpid(pid, 0)
            os.close(master)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--forked", type=int, default=0, help="then this many forked seats of one room together")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="samenwerken-bench-idle-") as name:
        work = Path(name)
        folder, _ = RoomStore(work / "sessions").create("Bench", 2, load_code_words())
        apps = {
            "seat (welcome)": (["--lang", "nl", "room", "seat", str(folder.path), "A"], b"plek "),
            "home": (["--sessions-dir", str(work / "home")], b"beginscherm"),
        }
        print(f"{sys.executable}: idle {args.seconds:.0f} s, {args.runs} runs each")
        for label, (argv, ready) in apps.items() if args.runs > 0 else ():
            runs = [measure(argv, ready, work, args.seconds) for _ in range(args.runs)]
            cpu = [run[0] for run in runs]
            print(
                f"{label:15} CPU {statistics.median(cpu):.2f} ms/s (min {min(cpu):.2f}, max {max(cpu):.2f}); "
                f"wakeups/s: main {statistics.median(r[1] for r in runs):.1f}, "
                f"other threads {statistics.median(r[2] for r in runs):.1f}"
            )
    if args.forked > 0:
        cpu_ms, wakeups = forked(args.forked, args.seconds)
        print(
            f"{args.forked} forked seats together: CPU {cpu_ms:.1f} ms/s ({cpu_ms / args.forked:.2f} per seat), "
            f"wakeups {wakeups:.0f}/s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
