"""A room served as `room serve --headless --web` in its own process, for the browser tests."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from tests.helpers.room import make_room
from tests.helpers.terminal import free_port, stop_served
from tui.room.store import RoomFolder

ROOT = Path(__file__).resolve().parents[2]


@contextlib.contextmanager
def served_room(
    tmp_path: Path, seats: int = 2, *more: str, prepare: Callable[[RoomFolder], None] = lambda _: None
) -> Iterator[tuple[subprocess.Popen[bytes], RoomFolder, list[str], str]]:
    """The room (made, then `prepare`d) served on free ports; yields the process, the folder, the codes and the
    web URL, once the server printed its three lines (a beamer line, when there is one, is left to read)."""
    folder, codes = make_room(tmp_path, seats=seats)
    prepare(folder)
    ssh_port, web_port = free_port(), free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "--sessions-dir", str(tmp_path / "sessions"), "room", "serve", folder.room.id,
         "--headless", "--port", str(ssh_port), "--web", str(web_port), *more],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        said = [process.stdout.readline().decode() for _ in range(3)]
        assert said[2].startswith(f"Of in een browser: http://127.0.0.1:{web_port}"), said
        yield process, folder, codes, f"http://127.0.0.1:{web_port}/"
    finally:
        stop_served(process)
