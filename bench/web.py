"""The app in browser tabs: memory per tab and key latency against a terminal (not part of the tests).

    python bench/web.py [--tabs 10] [--answers 8]

A "tab" here is what a browser tab costs the machine that serves: one websocket
to `samenwerken serve` and the app process behind it (the browser's own memory is
on the participant's computer). The latency of an answer key is measured from
sending the key to the last byte of the screen's change (quiet for 40 ms), over
the websocket, against the same keys in a local pseudo-terminal in the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.room import settle_time  # noqa: E402
from bench.room_capacity import rss_kb  # noqa: E402
from tests.helpers.terminal import PtyApp, free_port, wait_for  # noqa: E402
from tui.session import SessionStore  # noqa: E402

QUIET = 0.04


def descendants(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    children = [int(p) for p in found.stdout.split()]
    return children + [d for c in children for d in descendants(c)]


class Tab:
    """One websocket to textual-serve, as the page's script keeps it."""

    def __init__(self, websocket) -> None:
        self.websocket = websocket
        self.received = 0
        self.last = time.monotonic()
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.websocket:
            if message.type.name == "BINARY":
                self.received += len(message.data)
                self.last = time.monotonic()

    async def send(self, text: str) -> None:
        await self.websocket.send_str(json.dumps(["stdin", text]))

    async def settle(self, key: str, timeout: float = 10.0) -> float:
        before, sent = self.received, time.monotonic()
        await self.send(key)
        while time.monotonic() - sent < timeout:
            await asyncio.sleep(0.002)
            if self.received > before and time.monotonic() - self.last >= QUIET:
                return self.last - sent
        return timeout


async def run(url: str, tabs: int, answers: int, serve_pid: int) -> tuple[list[float], list[int], float]:
    import aiohttp

    base, token = url.split("/?token=")
    ws_url = base.replace("http", "ws", 1) + f"/ws?token={token}&width=80&height=24"
    async with aiohttp.ClientSession() as http:
        opened: list[Tab] = []
        started = time.monotonic()
        for _ in range(tabs):
            websocket = await http.ws_connect(ws_url)
            opened.append(Tab(websocket))
        while any(tab.received < 2000 for tab in opened) and time.monotonic() - started < 120:
            await asyncio.sleep(0.05)
        opening = time.monotonic() - started
        await asyncio.sleep(1.0)
        first = opened[0]
        await first.settle("\r")  # resume the reflection: the walk
        times = [await first.settle("3") for _ in range(answers)]
        processes = descendants(serve_pid)
        memory = [rss_kb(pid) for pid in processes]
        for tab in opened:
            await tab.websocket.close()
        return times, memory, opening


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tabs", type=int, default=10)
    parser.add_argument("--answers", type=int, default=8)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="samenwerken-bench-web-"))
    store = SessionStore(work / "sessions")
    for n in range(args.tabs):
        store.create(f"Tab {n}")

    # The floor: the same keys in a terminal.
    terminal = PtyApp(["--sessions-dir", str(work / "solo"), "new", "Solo"])
    assert wait_for(lambda: b"Deel 1/5" in terminal.output, 30)
    time.sleep(0.5)
    terminal_times = [settle_time(terminal, "3") for _ in range(args.answers)]
    terminal_rss = rss_kb(terminal.process.pid)
    terminal.close()

    port = free_port()
    serve = subprocess.Popen(
        [sys.executable, "-m", "tui", "--sessions-dir", str(store.root), "serve", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT,
    )  # fmt: skip
    try:
        assert serve.stdout is not None
        select.select([serve.stdout], [], [], 30)
        url = serve.stdout.readline().decode().split(": ", 1)[1].strip()
        serve_rss = rss_kb(serve.pid)
        times, memory, opening = asyncio.run(run(url, args.tabs, args.answers, serve.pid))
    finally:
        serve.send_signal(signal.SIGINT)
        serve.wait(30)

    apps = sorted(memory)[-args.tabs :]  # the app processes (the shells between are small)
    per_tab = statistics.median(apps)
    total = sum(memory) + serve_rss
    print(f"tabs: {args.tabs}, all painted in {opening:.1f} s")
    print(
        f"memory: server {serve_rss / 1024:.0f} MB, per tab {per_tab / 1024:.0f} MB (terminal app "
        f"{terminal_rss / 1024:.0f} MB); {args.tabs} tabs use {total / 1024:.0f} MB -> "
        f"{1024 * 1024 / per_tab:.0f} tabs per GB"
    )
    web, local = statistics.median(times), statistics.median(terminal_times)
    print(
        f"answer key to screen settled: browser path {web * 1000:.0f} ms, terminal {local * 1000:.0f} ms "
        f"-> {web / local:.2f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
