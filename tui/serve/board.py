"""`room serve` with the board: the doors and the facilitator's board in one event loop."""

from __future__ import annotations

import asyncio
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.content.i18n import Strings
    from tui.room.serving import ServeOptions
    from tui.room.store import RoomFolder


def run_board(folder: RoomFolder, options: ServeOptions, strings: Strings) -> int:
    """Serve the room and show the board in one event loop; stopping the board ends every seat."""
    return asyncio.run(_run(folder, options, strings))


async def _run(folder: RoomFolder, options: ServeOptions, strings: Strings) -> int:
    from tui.app.factory import make_app
    from tui.app.start import Board
    from tui.serve.headless import close_doors, open_doors

    server, web = await open_doors(folder, options)
    app = make_app(folder.seat_store(), Board(server), strings.language)
    try:
        await app.run_async()
    finally:
        server.on_change = lambda: None  # the board has gone: the seats end without it
        print(strings("room.stopping"), file=sys.stderr, flush=True)
        await close_doors(server, web)
    return app.return_code or 0
