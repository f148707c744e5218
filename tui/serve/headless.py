"""`room serve --headless`: the SSH door (and browser tabs with --web) without a board, until Ctrl+C or SIGTERM."""

from __future__ import annotations

import asyncio
import signal
import sys
from typing import TYPE_CHECKING

from tui.room.store import RoomFolder

if TYPE_CHECKING:
    from tui.content.i18n import Strings
    from tui.room.serving import ServeOptions
    from tui.serve.ssh import RoomServer


def serve_headless(folder: RoomFolder, options: ServeOptions, strings: Strings) -> int:
    return asyncio.run(_serve(folder, options, strings))


async def open_doors(folder: RoomFolder, options: ServeOptions) -> tuple[RoomServer, object | None]:
    """Start the SSH server and, when asked, the browser's: both in this event loop."""
    from tui.core.net import shown_host
    from tui.serve.seat_pty import seat_command
    from tui.serve.ssh import RoomServer

    def command(opened: RoomFolder, label: str) -> list[str]:
        """A seat's app, told where participants reach the room (its export shows the `bewaar` command)."""
        door = ["--ssh-host", shown_host(server.host), "--ssh-port", str(server.port)]
        return [*seat_command(opened, label), *door]

    from tui.serve.fork_seat import SeatForker, fork_possible

    forker = SeatForker(folder.path, lambda: (shown_host(server.host), server.port)) if fork_possible() else None
    server = RoomServer(folder, options.host, options.port, options.idle_minutes, command=command, forker=forker)
    await server.start()
    if forker is not None:
        await forker.warm_up()  # the seats' warm parent loads while the facilitator opens the meeting
    web = None
    if options.web is not None:
        from tui.serve.web.room import RoomWebServer

        web = RoomWebServer(  # one limit on wrong codes for both doors: the SSH server's gate
            folder,
            server.gate,
            options.host,
            options.web,
            options.public_url,
            idle_minutes=options.idle_minutes,
            on_seat=server.browser_seat,  # a browser seat counts as joined and connected, as an SSH one
            beamer_key=options.beamer_key,
        )
        server.web_url = options.web_url()
        server.beamer_url = options.beamer_url()
        try:
            await web.start()
        except BaseException:
            await server.stop()
            raise
    return server, web


async def close_doors(server: RoomServer, web: object | None) -> None:
    """The browser's door (if the room has one), then the SSH door and its seats.

    Without `--web` the web server's modules (aiohttp: about 0.9 s of CPU) are not imported on
    the way out: a room that stops should stop at once.
    """
    if web is not None:
        from tui.serve.web.room import RoomWebServer

        if isinstance(web, RoomWebServer):
            await web.stop()
    await server.stop()


async def _serve(folder: RoomFolder, options: ServeOptions, strings: Strings) -> int:
    from tui.room.serving import how_to_join

    server, web = await open_doors(folder, options)
    if server.forker is not None:  # how to join is told once the seats' warm parent is ready (at most 15 s)
        await server.forker.warmed()
    for line in how_to_join(options, server.port, server.fingerprint, strings):
        print(line, flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        loop.add_signal_handler(sig, stop.set)
    from tui.content import load_tool
    from tui.views.keeper import keep_room

    keeper = asyncio.create_task(keep_room(folder, load_tool()))  # `room phase` requests, the seats' counts
    await stop.wait()
    keeper.cancel()
    print(strings("room.stopping"), file=sys.stderr, flush=True)
    await close_doors(server, web)
    return 0
