"""`room serve --headless`: the SSH door without a board, until Ctrl+C or SIGTERM."""

from __future__ import annotations

import asyncio
import signal
import sys
from typing import TYPE_CHECKING

from tui.room.store import RoomFolder

if TYPE_CHECKING:
    from tui.i18n import Strings


def serve_headless(folder: RoomFolder, host: str, port: int, idle_minutes: float, strings: Strings) -> int:
    return asyncio.run(_serve(folder, host, port, idle_minutes, strings))


async def _serve(folder: RoomFolder, host: str, port: int, idle_minutes: float, strings: Strings) -> int:
    from tui.room.cli import how_to_join
    from tui.room.server import RoomServer

    server = RoomServer(folder, host, port, idle_minutes)
    await server.start()
    for line in how_to_join(host, server.port, server.fingerprint, strings):
        print(line, flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    print(strings("room.stopping"), file=sys.stderr, flush=True)
    await server.stop()
    return 0
