"""CPU per SSH login into a room, split by who spends it (not part of the tests).

    python bench/login_cpu.py [--seats 20] [--waves 1] [--held] [--profile FILE]

Starts `room serve --headless` on a fresh room, then lets `--seats` participants log in with
the real OpenSSH client (each from its own loopback address, as in bench/room.py), in
`--waves` groups one after the other (1: all at once). When every seat shows its welcome and
the room has been quiet for a moment, it reports per login the CPU of:
- the server (asyncssh, the door and the gate, scrypt, relaying the seat's screen);
- the seat's own process, from its fork until its welcome (and the bytes of that welcome);
- the participant's ssh client;
the warm parent (its forks); and the wall clock of the welcomes, with how much of the machine
stayed idle meanwhile and how much CPU it spent in all. Without `--held`, the clock starts as
every client starts at the same moment (bench/start_gate.py: their own start and key exchange
on the same two cores included); with it, once every client waits at the password prompt,
when all type their code at the same moment (bench/held_codes.py). Each welcome's moment is
noted as its bytes arrive (`room_capacity.Participant`). `--profile FILE` runs the server under cProfile and
writes its statistics to FILE when the server stops (the profile slows the server).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import room_capacity  # noqa: E402
from bench.held_codes import HeldCodes  # noqa: E402
from bench.room import seat_pids  # noqa: E402
from bench.start_gate import StartGate  # noqa: E402
from tests.helpers.terminal import PtyApp, free_port  # noqa: E402
from tui.content import load_code_words  # noqa: E402
from tui.room.store import RoomStore  # noqa: E402

PROFILED = """
import cProfile, runpy, signal, sys, time
out = sys.argv.pop(1)
profile = cProfile.Profile(time.thread_time)  # the event loop's thread: scrypt's threads are not in it
signal.signal(signal.SIGUSR1, lambda *_: profile.enable())  # from the first login on
try:
    runpy.run_module("tui", run_name="__main__")
except (SystemExit, KeyboardInterrupt):
    pass
finally:
    profile.disable()
    profile.dump_stats(out)
"""
"""The server under cProfile, counting the CPU of its event loop's thread."""


def loop_seconds(pid: int) -> float:
    """CPU of the process's main thread (the server's event loop: asyncssh, the door, the relay), not scrypt's."""
    try:
        fields = Path(f"/proc/{pid}/task/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / room_capacity.TICK


def quiet(pids: list[int], still: float = 0.5, timeout: float = 30.0) -> None:
    """Until the processes used no CPU for `still` seconds (what a welcome set going has settled)."""
    end = time.monotonic() + timeout
    last = room_capacity.cpu_seconds(pids)
    while time.monotonic() < end:
        time.sleep(still)
        now = room_capacity.cpu_seconds(pids)
        if now - last < 0.011:
            return
        last = now


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seats", type=int, default=20)
    parser.add_argument("--waves", type=int, default=1)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--cipher", help="ssh -c CIPHER (what the client offers)")
    parser.add_argument(
        "--held", action="store_true", help="clients connect first, then all type their code at once (held_codes.py)"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="samenwerken-bench-login-"))
    folder, codes = RoomStore(work / "sessions").create("Bench", args.seats, load_code_words())
    held = HeldCodes(work / "held", hold=args.held)
    port = free_port()
    python = [sys.executable, "-c", PROFILED, str(args.profile)] if args.profile else [sys.executable, "-m", "tui"]
    server = subprocess.Popen(
        [*python, "--sessions-dir", str(work / "sessions"), "room", "serve", folder.room.id,
         "--headless", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT,
    )  # fmt: skip
    assert server.stdout is not None
    assert server.stdout.readline(), "room serve said nothing"
    ssh = ["ssh", "-p", str(port), "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
           "-o", "LogLevel=ERROR", "-o", "PubkeyAuthentication=no"]  # fmt: skip
    if args.cipher:
        ssh += ["-c", args.cipher]
    seats: list[PtyApp] = []
    welcome: list[float] = []
    idle: list[tuple[float, float]] = []
    own_cpu = 0.0
    client_before = 0.0
    busy = busy_window = 0.0
    sampler = room_capacity.IdleSampler()
    try:
        time.sleep(1.0)
        quiet([server.pid])
        parent = room_capacity.warm_parent(folder.path)
        parent_before = room_capacity.cpu_seconds([parent]) if parent else 0.0
        server_before = room_capacity.cpu_seconds([server.pid])
        loop_before = loop_seconds(server.pid)
        if args.profile:
            server.send_signal(signal.SIGUSR1)
        per_wave = -(-args.seats // args.waves)
        for wave in range(args.waves):
            gate = StartGate()
            batch = []
            for n in range(wave * per_wave, min(args.seats, (wave + 1) * per_wave)):
                address = room_capacity.own_address(n)
                command = [ssh[0], *address, *ssh[1:], "x@127.0.0.1"]
                batch.append(
                    room_capacity.Participant(
                        [], command=gate.wrap(command), env=held.env(codes[n]), pass_fds=gate.pass_fds
                    )
                )
            gate.wait_waiting([seat.process.pid for seat in batch])
            client_before += room_capacity.cpu_seconds([seat.process.pid for seat in batch])  # their shells
            started = gate.release()
            if args.held:
                held.wait_ready(len(seats) + len(batch))
                started = held.release()
            own_before = time.process_time()
            times = room_capacity.welcome_times(batch, started)
            own_cpu += time.process_time() - own_before
            idle.append(
                (
                    sampler.idle_between(started, started + statistics.median(times)),
                    sampler.idle_between(started, started + max(times)),
                )
            )
            welcome += times
            busy += sampler.busy_seconds(started, started + max(times))
            busy_window += max(times)
            seats += batch
            quiet([server.pid, *seat_pids(folder.path)])
        server_cpu = room_capacity.cpu_seconds([server.pid]) - server_before
        parent_cpu = (room_capacity.cpu_seconds([parent]) - parent_before) if parent else 0.0
        loop_cpu = loop_seconds(server.pid) - loop_before
        pids = seat_pids(folder.path)
        seat_cpu = [room_capacity.cpu_seconds([pid]) for pid in pids]
        client_cpu = room_capacity.cpu_seconds([s.process.pid for s in seats]) - client_before
        painted = [len(s.output) for s in seats]
    finally:
        sampler.stop()
        for terminal in seats:
            terminal.close()
        server.send_signal(signal.SIGTERM)
        server.wait(60)
    n = args.seats
    load = os.getloadavg()
    print(f"{n} logins in {args.waves} wave(s), {os.cpu_count()} cores, load {load[0]:.2f} {load[1]:.2f}")
    print(
        f"per login CPU: server {server_cpu / n * 1000:.0f} ms (its event loop {loop_cpu / n * 1000:.0f}, "
        f"scrypt's threads {(server_cpu - loop_cpu) / n * 1000:.0f}), seat to welcome "
        f"{sum(seat_cpu) / max(1, len(seat_cpu)) * 1000:.0f} ms (median "
        f"{statistics.median(seat_cpu or [0]) * 1000:.0f}), ssh client {client_cpu / n * 1000:.0f} ms; "
        f"warm parent {parent_cpu / n * 1000:.0f} ms; "
        f"sum {(server_cpu + sum(seat_cpu) + client_cpu + parent_cpu) / n * 1000:.0f} ms"
    )
    print(
        f"the whole machine (every process and the kernel) from the start until the last welcome: "
        f"{busy / n * 1000:.0f} ms a login, over {busy_window:.2f} s"
    )
    w = sorted(welcome)
    print("welcome, every tenth of the seats (s):", " ".join(f"{w[i * (len(w) - 1) // 10]:.2f}" for i in range(11)))
    print(
        f"welcome: median {statistics.median(w):.2f} s, worst {w[-1]:.2f} s; "
        f"bytes on a seat's screen until then: median {statistics.median(painted):.0f}"
    )
    print(
        "the machine's cores left idle until the median welcome, until the last: "
        + ", ".join(f"{middle:.0%} {last:.0%}" for middle, last in idle)
        + f"; this bench's own CPU while they came: {own_cpu / n * 1000:.1f} ms a login"
    )
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
