"""A regional session under load: N seats over real SSH, each typing answers (not part of the tests).

    python bench/room.py [--seats 30] [--answers 8] [--held]

Reports, from one run on this machine:
- key-to-screen latency of a seat (time from a key to the last byte of the screen's
  change, when the output has been quiet for 40 ms), as a ratio to one solo app in a
  local pseudo-terminal measured in the same run just before;
- memory per seat (resident set of each seat's app process) and of the server;
- how long the board takes to show an answer: the key until the seat's file has it,
  plus one board refresh (every second) and the time to read every seat again;
- the beamer (`--web`): how fast its state answers while every seat joins, and how
  long until it shows an item the facilitator opened (its page asks every second);
- the board's response: a key on the board until its screen changes, while every seat joins
  and leaves at once (bench/room_board.py).
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
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import room_capacity  # noqa: E402
from bench.held_codes import HeldCodes  # noqa: E402
from bench.start_gate import StartGate  # noqa: E402
from tests.helpers.terminal import PtyApp, answers_in, free_port, wait_for  # noqa: E402
from tui.app.screens.board import BOARD_LOOKS as LOOKS  # noqa: E402
from tui.app.starting import StartingApp  # noqa: E402
from tui.content import load_code_words, load_tool  # noqa: E402
from tui.room.store import RoomStore  # noqa: E402
from tui.views.group import SeatReader  # noqa: E402

BOARD_LOOKS = StartingApp.room_check_seconds * LOOKS
"""Seconds between the board's looks at the seats' files."""

QUIET = 0.04


def settle_time(terminal: PtyApp, key: str, timeout: float = 10.0) -> float:
    """Seconds from sending `key` to the last byte of the change it caused."""
    before = len(terminal.output)
    sent = time.monotonic()
    terminal.send(key)
    last_size, last_change = before, sent
    end = sent + timeout
    while time.monotonic() < end:
        size = len(terminal.output)
        now = time.monotonic()
        if size != last_size:
            last_size, last_change = size, now
        elif size > before and now - last_change >= QUIET:
            return last_change - sent
        time.sleep(0.002)
    return timeout


def seat_pids(folder: Path) -> list[int]:
    found = subprocess.run(["pgrep", "-f", f"room seat {folder}"], capture_output=True, text=True)
    return [int(p) for p in found.stdout.split()]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seats", type=int, default=30)
    parser.add_argument("--answers", type=int, default=8)
    parser.add_argument(
        "--held", action="store_true", help="the welcome's clock from the codes, given by all at once (held_codes.py)"
    )
    args = parser.parse_args()
    if shutil.which("ssh") is None:
        print("needs the OpenSSH client (ssh)")
        return 1
    work = Path(tempfile.mkdtemp(prefix="samenwerken-bench-room-"))
    sessions = work / "sessions"
    folder, codes = RoomStore(sessions).create("Bench", args.seats, load_code_words())
    held = HeldCodes(work / "held", hold=args.held)

    # The floor: one solo app, alone on the machine, answering the same way.
    solo = PtyApp(["--sessions-dir", str(work / "solo"), "new", "Solo"])
    assert wait_for(lambda: b"Deel 1/5" in solo.output, 30)
    time.sleep(0.5)
    solo_times = [settle_time(solo, "4") for _ in range(args.answers)]
    solo_rss = room_capacity.rss_kb(solo.process.pid)
    solo.close()

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tui", "--sessions-dir", str(sessions), "room", "serve", folder.room.id,
         "--headless", "--port", str(port), "--web", str(free_port())],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT,
    )  # fmt: skip
    assert server.stdout is not None
    beamer = ""
    while not beamer:
        line = server.stdout.readline().decode()
        assert line, "room serve said no beamer address"
        beamer = line.split(": ", 1)[1].strip() + "/state" if line.startswith("Beamer: ") else ""
    beamer_times: list[float] = []
    joining = threading.Event()
    watcher = threading.Thread(target=watch_beamer, args=(beamer, joining, beamer_times), daemon=True)
    ssh = ["ssh", "-p", str(port), "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
           "-o", "LogLevel=ERROR", "-o", "PubkeyAuthentication=no", "x@127.0.0.1"]  # fmt: skip
    seats: list[PtyApp] = []
    try:
        server_cpu_before = room_capacity.cpu_seconds([server.pid])
        gate = StartGate()
        for n, code in enumerate(codes):
            command = [*ssh[:1], *room_capacity.own_address(n), *ssh[1:]]
            seats.append(
                room_capacity.Participant([], command=gate.wrap(command), env=held.env(code), pass_fds=gate.pass_fds)
            )
        gate.wait_waiting([seat.process.pid for seat in seats])
        clients_before = room_capacity.cpu_seconds([seat.process.pid for seat in seats])  # their shells
        watcher.start()
        started = gate.release()
        if args.held:
            held.wait_ready(len(seats))
            started = held.release()
        welcome = room_capacity.welcome_times(seats, started)
        missing = [bytes(s.output[-300:]) for s, w in zip(seats, welcome, strict=True) if w >= 120]
        assert not missing, f"{len(missing)} seats did not arrive, e.g. {missing[0]!r}"
        start_cpu = [room_capacity.cpu_seconds([pid]) for pid in seat_pids(folder.path)]
        parent = room_capacity.warm_parent(folder.path)
        join_cpu = room_capacity.JoinCpu(
            server=room_capacity.cpu_seconds([server.pid]) - server_cpu_before,
            warm_parent=room_capacity.cpu_seconds([parent]) if parent else 0.0,
            clients=room_capacity.cpu_seconds([s.process.pid for s in seats]) - clients_before,
        )
        joined = time.monotonic() - started
        joining.set()
        watcher.join()
        for terminal in seats:
            terminal.send("\r")
        assert all(wait_for(lambda s=s: b"Deel 1/5" in s.output, 60) for s in seats)
        time.sleep(1.0)

        latencies: list[float] = []
        lock = threading.Lock()

        def type_answers(terminal: PtyApp, offset: float) -> None:
            time.sleep(offset)
            for _ in range(args.answers):
                took = settle_time(terminal, "3")
                with lock:
                    latencies.append(took)
                time.sleep(0.5)  # a person reads the next statement

        threads = [threading.Thread(target=type_answers, args=(t, n * 0.5 / len(seats))) for n, t in enumerate(seats)]
        counted = room_capacity.all_pids(folder.path, server.pid, seat_pids(folder.path))
        cpu_before, typing_from = room_capacity.cpu_seconds(counted), time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        typing = time.monotonic() - typing_from
        cpu_per_seat = (room_capacity.cpu_seconds(counted) - cpu_before) / typing / len(seats)
        stored = sum(len(answers_in(folder.seat_path(s.label))) >= args.answers for s in folder.room.seats)

        # The board: a key until the seat's file has it, and one full read of every seat.
        path = folder.seat_path("A")
        have = len(answers_in(path))
        sent = time.monotonic()
        seats[0].send("5")
        wait_for(lambda: len(answers_in(path)) > have, 10, step=0.005)
        on_disk = time.monotonic() - sent
        reader = SeatReader(folder)
        tool = load_tool()
        reader.view(tool)
        t0 = time.perf_counter()
        reader.view(tool)  # nothing changed: stat only
        unchanged = time.perf_counter() - t0
        for terminal in seats[1:6]:
            terminal.send("2")
        time.sleep(1.0)
        t0 = time.perf_counter()
        reader.view(tool)  # five seats changed
        changed = time.perf_counter() - t0

        opened = opened_on_beamer(folder.path, beamer)

        pids = seat_pids(folder.path)
        seat_rss = [room_capacity.rss_kb(pid) for pid in pids]
        server_rss = room_capacity.rss_kb(server.pid)
        capacity = room_capacity.measure(folder.path, server.pid, pids, welcome, cpu_per_seat, start_cpu, args.held)
    finally:
        for terminal in seats:
            terminal.close()
        server.send_signal(signal.SIGTERM)
        server.wait(60)

    median = statistics.median(latencies)
    solo_median = statistics.median(solo_times)
    print(f"seats: {args.seats} over SSH on {os.cpu_count()} cores; all arrived in {joined:.1f} s")
    print(
        f"key to screen settled, seat: median {median * 1000:.0f} ms (min {min(latencies) * 1000:.0f}, "
        f"max {max(latencies) * 1000:.0f}, p90 {sorted(latencies)[int(len(latencies) * 0.9)] * 1000:.0f}) "
        f"over {len(latencies)} keys"
    )
    print(f"key to screen settled, solo app alone: median {solo_median * 1000:.0f} ms")
    print(f"ratio seat/solo: {median / solo_median:.2f}x (goal <= 2x)")
    if seat_rss:
        print(
            f"memory per seat: median {statistics.median(seat_rss) / 1024:.0f} MB "
            f"(solo app {solo_rss / 1024:.0f} MB); server {server_rss / 1024:.0f} MB; {len(seat_rss)} seat processes"
        )
    print(
        f"board: answer on disk after {on_disk * 1000:.0f} ms; reading {args.seats} seats takes "
        f"{unchanged * 1000:.1f} ms unchanged, {changed * 1000:.1f} ms with 5 changed; "
        f"the board looks every {BOARD_LOOKS:.1f} s -> shown within {(on_disk + BOARD_LOOKS + changed) * 1000:.0f} ms "
        "(goal <= 2000; measured on the board's screen below)"
    )
    print(
        f"beamer while {args.seats} seats joined: state answered in median "
        f"{statistics.median(beamer_times) * 1000:.0f} ms, max {max(beamer_times) * 1000:.0f} ms "
        f"over {len(beamer_times)} requests; an opened item shown by its state after {opened * 1000:.0f} ms, "
        f"on the page (asks every 1 s) within {(opened + 1.0) * 1000:.0f} ms (goal <= 2000)"
    )
    print(f"every answer stored: {stored} of {args.seats} seats have all {args.answers} answers on disk")
    for line in capacity.lines():
        print(line)
    print(join_cpu.line(args.seats))
    shutil.rmtree(work, ignore_errors=True)
    from bench.room_board import board_response  # the board in its own terminal while every seat joins, leaves

    print("\n".join(board_response(args.seats)))
    return 0


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return str(response.read().decode("utf-8"))


def watch_beamer(url: str, done: threading.Event, times: list[float]) -> None:
    """Ask the beamer's state as its page does (every second, here five times as often) until `done`."""
    while not done.is_set():
        t0 = time.monotonic()
        try:
            fetch(url)
        except OSError:  # the server stopped (the run failed)
            return
        times.append(time.monotonic() - t0)
        time.sleep(0.2)


def opened_on_beamer(folder: Path, url: str) -> float:
    """Open an item for discussion as the board does (room.toml); seconds until the beamer's state shows it."""
    from tui.room.model import Discussion
    from tui.room.store import RoomFolder, read_room

    facilitator = RoomFolder(folder, read_room(folder / "room.toml"))
    facilitator.room.discussion = Discussion(item=load_tool().items[0].id)
    facilitator.save()
    sent = time.monotonic()
    wait_for(lambda: 'class="discussion"' in fetch(url), 10, step=0.02)
    return time.monotonic() - sent


if __name__ == "__main__":
    sys.exit(main())
