"""A room without a browser door stops without loading the web server's modules (aiohttp)."""

from __future__ import annotations

import sys

import pytest

from tui.serve.headless import close_doors


class StoppingServer:
    """Stands in for the SSH door: only its stop is asked for."""

    def __init__(self) -> None:
        self.stopped = False

    async def stop(self) -> None:
        self.stopped = True


async def test_a_room_without_web_closes_without_importing_the_web_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tui.serve.web.room", None)  # importing it now raises ImportError
    server = StoppingServer()
    await close_doors(server, None)  # type: ignore[arg-type]
    assert server.stopped
