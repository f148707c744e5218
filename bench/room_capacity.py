"""How many seats one machine holds: welcome times, each seat's own memory and CPU (used by bench/room.py).

- welcome: from the moment every participant typed `ssh` at once (or, held, gave their code
  at once: bench/held_codes.py) until their seat's welcome screen (its "plek X") showed;
- a seat's own memory is its USS: the pages only it has (Private_Clean + Private_Dirty
  in /proc/PID/smaps_rollup); pages shared with the room's warm parent count once, there;
- CPU: user + system time of every seat, the server and the warm parent while every
  seat answers, per second of that time;
- seats per GB and per core follow from those two: a GB holds (1 GB - the server and
  the warm parent) / USS seats; a core holds 1 / (CPU per seat) seats answering at
  this pace (about a key every 0.5 s: faster than people answer).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from tests.helpers.terminal import PtyApp

TICK = os.sysconf("SC_CLK_TCK")


class Screen(Protocol):
    output: bytearray


WELCOME = b"plek "
"""What a seat's welcome screen shows (its "plek X")."""


class Participant(PtyApp):
    """A participant's ssh on its own terminal, noting the moment its welcome's bytes arrived.

    Noted by the thread that reads the terminal, as they come: a bench busy with something else
    (starting the other clients) does not delay the moment it records.
    """

    welcomed_at: float | None = None

    def received(self, chunk: bytes) -> None:
        super().received(chunk)
        if self.welcomed_at is None and WELCOME in self.output[-(len(chunk) + len(WELCOME)) :]:
            self.welcomed_at = time.monotonic()


def own_address(n: int) -> list[str]:
    """ssh's options to come from a loopback address of participant `n`'s own, as from their own laptop.

    The room's gate compares at most two codes of one address at a time and refuses the rest
    (a guesser's burst): sixty participants behind one address would be slowed by design.
    """
    return ["-b", f"127.0.{1 + n // 250}.{2 + n % 250}"]


def welcome_times(seats: Sequence[Screen], started: float, timeout: float = 120.0) -> list[float]:
    """Seconds from `started` until each seat showed its welcome; the whole timeout for one that never did."""
    arrived: dict[int, float] = {}
    end = started + timeout
    while len(arrived) < len(seats) and time.monotonic() < end:
        for n, seat in enumerate(seats):
            if n not in arrived and WELCOME in seat.output:
                at = getattr(seat, "welcomed_at", None)
                arrived[n] = (at if at is not None else time.monotonic()) - started
        time.sleep(0.01)
    return [arrived.get(n, timeout) for n in range(len(seats))]


def uss_kb(pid: int) -> int:
    """The memory only this process has (kB)."""
    total = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith(("Private_Clean:", "Private_Dirty:")):
                total += int(line.split()[1])
    except OSError:
        return 0
    return total


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_seconds(pids: Sequence[int]) -> float:
    """User + system time the processes have used so far."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICK


def warm_parent(folder: Path) -> int | None:
    """The room's warm parent (`tui.cli.zygote`), when seats are forked."""
    found = subprocess.run(["pgrep", "-f", f"tui.cli.zygote {folder}"], capture_output=True, text=True)
    pids = [int(p) for p in found.stdout.split()]
    return pids[0] if pids else None


@dataclass
class JoinCpu:
    """CPU seconds spent while every seat joined, besides the seats' own: the room's server (SSH, the
    code's scrypt, carrying each seat's screen), the warm parent (its loading once, then the forks)
    and the participants' ssh clients (on this same machine here)."""

    server: float
    warm_parent: float
    clients: float

    def line(self, seats: int) -> str:
        return (
            f"while {seats} seats joined, per login: server {self.server / seats * 1000:.0f} ms CPU, "
            f"warm parent {self.warm_parent * 1000:.0f} ms CPU in all (its loading once, then the forks), "
            f"ssh client {self.clients / seats * 1000:.0f} ms CPU"
        )


@dataclass
class Capacity:
    seats: int
    welcome: list[float]
    seat_uss_kb: list[int]
    seat_rss_kb: list[int]
    fixed_kb: int
    """The server's and the warm parent's resident memory: paid once per room."""
    cpu_per_seat: float
    """Cores one seat used while answering (CPU seconds per second)."""
    cores: int
    start_cpu: list[float]
    """CPU seconds each seat's app had used when every seat was on its welcome (its start)."""
    held: bool = False
    """The welcome's clock started when every client, already at the prompt, gave its code (bench/held_codes.py)."""

    def per_gb(self) -> float:
        uss = statistics.median(self.seat_uss_kb) if self.seat_uss_kb else 1
        return (1024 * 1024 - self.fixed_kb) / uss

    def per_core(self) -> float:
        return 1 / self.cpu_per_seat if self.cpu_per_seat > 0 else float("inf")

    def lines(self) -> list[str]:
        w = sorted(self.welcome)
        uss = statistics.median(self.seat_uss_kb) / 1024 if self.seat_uss_kb else 0.0
        rss = statistics.median(self.seat_rss_kb) / 1024 if self.seat_rss_kb else 0.0
        return [
            f"welcome, {self.seats} seats joining at once "
            f"({'from the code, typed by all at once' if self.held else 'from the start of their ssh'}): "
            f"median {statistics.median(w):.2f} s, "
            f"p90 {w[int(len(w) * 0.9)]:.2f} s, worst {w[-1]:.2f} s (goal: median <= 2 s, worst <= 5 s)",
            f"seat's own memory (USS): median {uss:.1f} MB, max {max(self.seat_uss_kb) / 1024:.1f} MB "
            f"(resident {rss:.0f} MB, shared with the warm parent); server + warm parent "
            f"{self.fixed_kb / 1024:.0f} MB once (goal USS <= 15 MB)",
            f"a seat's start until its welcome: median {statistics.median(self.start_cpu or [0]) * 1000:.0f} ms CPU "
            f"(the SSH login and the server's part not counted)",
            f"CPU while every seat answers: {self.cpu_per_seat * 100:.1f} % of a core per seat",
            f"capacity: {self.per_gb():.0f} seats per GB, {self.per_core():.0f} seats per core "
            f"(this machine: {self.cores} cores)",
        ]


def measure(
    folder: Path,
    server_pid: int,
    seat_pids: Sequence[int],
    welcome: list[float],
    cpu_per_seat: float,
    start_cpu: list[float],
    held: bool = False,
) -> Capacity:
    parent = warm_parent(folder)
    fixed = rss_kb(server_pid) + (rss_kb(parent) if parent else 0)
    return Capacity(
        len(welcome),
        welcome,
        [uss_kb(pid) for pid in seat_pids],
        [rss_kb(pid) for pid in seat_pids],
        fixed,
        cpu_per_seat,
        os.cpu_count() or 1,
        start_cpu,
        held,
    )


def all_pids(folder: Path, server_pid: int, seat_pids: Sequence[int]) -> list[int]:
    parent = warm_parent(folder)
    return [server_pid, *seat_pids, *([parent] if parent else [])]


class IdleSampler:
    """How much of the machine's CPU went unused, sampled from /proc/stat every 50 ms in a thread."""

    def __init__(self) -> None:
        self.samples: list[tuple[float, int, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
            self.samples.append((time.monotonic(), fields[3] + fields[4], sum(fields[:8])))
            self._stop.wait(0.05)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def idle_between(self, start: float, end: float) -> float:
        """The share of CPU time left idle from `start` to `end` (0 to 1)."""
        inside = [s for s in self.samples if start <= s[0] <= end]
        if len(inside) < 2:
            return 0.0
        (_, idle0, total0), (_, idle1, total1) = inside[0], inside[-1]
        return (idle1 - idle0) / max(1, total1 - total0)

    def busy_seconds(self, start: float, end: float) -> float:
        """CPU seconds the whole machine spent (every process and the kernel) from `start` to `end`."""
        inside = [s for s in self.samples if start <= s[0] <= end]
        if len(inside) < 2:
            return 0.0
        (_, idle0, total0), (_, idle1, total1) = inside[0], inside[-1]
        return ((total1 - total0) - (idle1 - idle0)) / TICK
