"""The facilitator's board under a burst: how fast it answers a key while every seat joins, then leaves.

    python bench/room_board.py [--seats 60] [--ssh-port P]   (bench/room.py calls it too)

The board runs as the facilitator runs it: `room serve` in a pseudo-terminal of 80×24
(tests/helpers/terminal.PtyApp), its screen drawn by pyte as a terminal would. The seats log
in over real `ssh`, all at once, as in bench/room.py. Meanwhile the board is given `?` (its
keys open over it) and `?` again (they close), over and over; each key is timed until the screen
shows the change. The same is measured first on an idle board. (Not `a` and Escape: a lone
Escape byte waits to be told from the start of a key's sequence, which is the terminal's time.)
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import signal
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import pyte

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers.terminal import PtyApp, answers_in, free_port, wait_for  # noqa: E402
from tui.content import load_code_words, load_tool  # noqa: E402
from tui.content.i18n import strings_for  # noqa: E402
from tui.room.store import RoomStore  # noqa: E402

NL = strings_for("nl")
HELP = NL("help.board")
POLL = 0.003


class BoardTerminal(PtyApp):
    """`room serve` with its board, on a pty of 80×24; pyte keeps the screen as a terminal shows it."""

    def __init__(self, args: list[str]) -> None:
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.lock = threading.Lock()
        super().__init__(args, env={"COLUMNS": "80", "LINES": "24"})

    def received(self, chunk: bytes) -> None:
        with self.lock:
            self.stream.feed(chunk)
            self.output += chunk

    def text(self) -> str:
        with self.lock:
            return "\n".join(self.screen.display)

    def shows(self, words: str, timeout: float = 60.0) -> bool:
        return wait_for(lambda: words in self.text(), timeout, step=POLL)

    def key_until(self, key: str, shown: bool, timeout: float = 60.0) -> float:
        """Seconds from writing `key` until the board's keys (`?`) are (or are no longer) on the screen."""
        sent = time.monotonic()
        self.send(key)
        if not wait_for(lambda: (HELP in self.text()) == shown, timeout, step=POLL):
            raise TimeoutError(f"the board did not answer {key!r} in {timeout:.0f} s; screen:\n{self.text()}")
        return time.monotonic() - sent


def own_address(n: int) -> str:
    """Seat `n`'s own loopback address (127.0.0.2 on): sixty laptops, not sixty logins from one address,
    which the gate lets in only a few at a time (`tui.serve.gate`: `per_address`)."""
    return f"127.0.{n // 200}.{n % 200 + 2}"


def rounds(board: BoardTerminal, until: threading.Event, at_least: int = 0) -> list[float]:
    """`?` and `?` again on the board, over and over, until `until` is set (and at least `at_least` rounds)."""
    times: list[float] = []
    n = 0
    while not until.is_set() or n < at_least:
        times.append(board.key_until("?", True))
        time.sleep(0.1)
        times.append(board.key_until("?", False))
        time.sleep(0.1)
        n += 1
    return times


def summary(times: list[float], what: str = "keys") -> str:
    ordered = sorted(times)
    p90 = ordered[int(len(ordered) * 0.9)] if ordered else 0.0
    p95 = ordered[int(len(ordered) * 0.95)] if ordered else 0.0
    return (
        f"median {statistics.median(times) * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"max {max(times) * 1000:.0f} ms over {len(times)} {what}"
    )


COUNTS = re.compile(r"\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s")


def answers_on_board(board: BoardTerminal, statement: str) -> int:
    """The answers the board counts for the item whose statement starts with `statement` (0 while hidden).

    Below the histogram's width the board's row starts with the six counts (1–5 and n.v.t.).
    """
    for line in board.text().splitlines():
        if statement in line:
            counts = COUNTS.match(line.strip("│ ┃▌▐"))
            return sum(int(n) for n in counts.groups()) if counts else 0
    return 0


def answer_to_board(
    board: BoardTerminal, terminals: list[PtyApp], seat_files: list[Path], min_group: int
) -> list[float]:
    """Seconds from a seat's answer key until the board's row for the first item counts it.

    Every seat opens the walk; the first `min_group` answer untimed (below that the board shows no
    counts). Then the others answer one at a time, each after a random pause (as people do, at any
    moment of the board's refresh), and each answer is timed until the board's count has grown.
    """
    statement = load_tool().items[0].loc("text", "nl")[:18]
    for terminal in terminals:
        terminal.send("\r")
    assert all(wait_for(lambda t=t: b"Deel 1/5" in t.output, 60) for t in terminals), "a seat did not open its walk"
    for terminal, path in zip(terminals[:min_group], seat_files, strict=False):
        terminal.send("3")
        assert wait_for(lambda p=path: answers_in(p), 30), f"{path} never held the answer"
    assert wait_for(lambda: answers_on_board(board, statement) == min_group, 30), board.text()
    times: list[float] = []
    for n, terminal in enumerate(terminals[min_group:], start=min_group + 1):
        time.sleep(random.uniform(0.0, 1.0))
        sent = time.monotonic()
        terminal.send(str(1 + n % 5))
        if not wait_for(lambda n=n: answers_on_board(board, statement) >= n, 30, step=POLL):
            raise TimeoutError(f"the board did not count answer {n} in 30 s; screen:\n{board.text()}")
        times.append(time.monotonic() - sent)
    return times


def board_response(seats: int) -> list[str]:
    """Run the board with `seats` seats joining and leaving at once; the lines to report."""
    if shutil.which("ssh") is None:
        return ["board: needs the OpenSSH client (ssh)"]
    work = Path(tempfile.mkdtemp(prefix="samenwerken-bench-board-"))
    sessions = work / "sessions"
    folder, codes = RoomStore(sessions).create("Bench", seats, load_code_words())
    askpass = work / "askpass.sh"
    askpass.write_text('#!/bin/sh\nprintf "%s\\n" "$ROOM_CODE"\n')
    askpass.chmod(0o700)
    port = free_port()
    board = BoardTerminal(["--sessions-dir", str(sessions), "room", "serve", folder.room.id, "--port", str(port)])
    ssh = ["ssh", "-p", str(port), "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
           "-o", "LogLevel=ERROR", "-o", "PubkeyAuthentication=no", "-l", "x", "127.0.0.1"]  # fmt: skip
    terminals: list[PtyApp] = []
    try:
        assert board.shows(NL("board.present", connected=0, joined=0, total=seats)), board.text()
        time.sleep(1.0)
        idle = threading.Event()
        idle.set()
        alone = rounds(board, idle, at_least=5)

        # Every seat logs in at once; the board is asked meanwhile, until all are on it and 2 s more.
        joined = threading.Event()
        during_join: list[float] = []
        keys = threading.Thread(target=lambda: during_join.extend(rounds(board, joined, at_least=3)))
        started = time.monotonic()
        keys.start()
        for n, code in enumerate(codes):
            env = {"SSH_ASKPASS": str(askpass), "SSH_ASKPASS_REQUIRE": "force", "ROOM_CODE": code, "DISPLAY": ":0"}
            terminals.append(PtyApp([], command=[*ssh[:-1], "-b", own_address(n), ssh[-1]], env=env))
        arrived = all(wait_for(lambda t=t: b"plek " in t.output, 180) for t in terminals)
        on_board = board.shows(NL("board.present", connected=seats, joined=seats, total=seats), 60)
        all_in = time.monotonic() - started
        time.sleep(2.0)
        joined.set()
        keys.join()

        # The seats answer the first item one at a time; the board is timed until it counts each.
        min_group = folder.room.min_group
        answered = answer_to_board(board, terminals, [folder.seat_path(s.label) for s in folder.room.seats], min_group)

        # Every seat leaves at once (their connections drop).
        left = threading.Event()
        during_leave: list[float] = []
        keys = threading.Thread(target=lambda: during_leave.extend(rounds(board, left, at_least=3)))
        keys.start()
        started = time.monotonic()
        for terminal in terminals:
            terminal.hang_up()
        gone = board.shows(NL("board.present", connected=0, joined=seats, total=seats), 120)
        all_out = time.monotonic() - started
        left.set()
        keys.join()
    finally:
        for terminal in terminals:
            terminal.close()
        board.kill(signal.SIGTERM)
        if board.wait(60) is None:
            board.close()
        board.hang_up()
    shutil.rmtree(work, ignore_errors=True)
    return [
        f"board (80x24, {seats} seats): a key to its screen change ('?' opens its keys over it, '?' closes them)",
        f"  idle: {summary(alone)}",
        f"  while {seats} seats join at once ({'all arrived' if arrived and on_board else 'NOT all arrived'}, "
        f"on the board after {all_in:.1f} s): {summary(during_join)}",
        f"  answer → board: a seat's key until the board counts it ({len(answered)} answers one at a time, "
        f"after the first {min_group}): {summary(answered, 'answers')}",
        f"  while {seats} seats leave at once ({'all gone' if gone else 'NOT all gone'} after {all_out:.1f} s): "
        f"{summary(during_leave)}",
    ]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seats", type=int, default=60)
    args = parser.parse_args()
    for line in board_response(args.seats):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
