"""`samenwerken room phase ROOM NAME [--minutes N] [--part P]`: move the meeting on from any terminal.

When nobody serves the room, this command takes the room's lock and writes room.toml
itself. When the board (or a headless room) holds it, this command leaves a request
that the serving process applies within a second (see tui.room.phases), and waits for it.
"""

from __future__ import annotations

import argparse
import time
from typing import TYPE_CHECKING

from tui.core.text import safe_line
from tui.room.phases import (
    PhaseRequest,
    apply_request,
    drop_request,
    phase_line,
    request_waiting,
    write_request,
)
from tui.session.model import now

if TYPE_CHECKING:
    from tui.content.i18n import Strings
    from tui.room.store import RoomFolder

WAIT_SECONDS = 5.0
"""How long the serving process has to take a request (it looks every second)."""


def part_id(text: str, part_ids: list[str]) -> str | None:
    """A part named by its number as the board shows it (1, 2, …) or by its id."""
    if text.isdigit() and 1 <= int(text) <= len(part_ids):
        return part_ids[int(text) - 1]
    return text if text in part_ids else None


def room_phase(args: argparse.Namespace, opened: RoomFolder, strings: Strings) -> int:
    from tui.cli.output import EXIT_PROBLEM, EXIT_USAGE, say
    from tui.content import load_tool

    if opened.room.closed is not None:
        say(strings("room.is_closed", title=safe_line(opened.room.title)))
        return EXIT_USAGE
    tool = load_tool()
    part_ids = [p.id for p in tool.scale_parts]
    part = None
    if args.part is not None:
        part = part_id(args.part.strip(), part_ids)
        if part is None:
            message = strings("cli.error.part", value=safe_line(args.part[:40]), n=len(part_ids))
            say(strings("cli.error.argument", argument="--part", message=message))
            return EXIT_USAGE
    request = PhaseRequest(args.phase, args.minutes, part)
    lock = opened.lock()
    if lock.acquire():  # nobody serves the room: write it here, as the board would
        try:
            from tui.views.group import SeatReader
            from tui.views.keeper import keep_counts

            opened.reload()
            apply_request(opened.room, request, now(), part_ids)
            keep_counts(SeatReader(opened).view(tool))
            opened.save()
        finally:
            lock.release()
    else:
        write_request(opened, request)
        deadline = time.monotonic() + WAIT_SECONDS
        while request_waiting(opened) and time.monotonic() < deadline:
            time.sleep(0.05)
        if request_waiting(opened):
            drop_request(opened)
            say(strings("room.phase_not_taken"))
            return EXIT_PROBLEM
        opened.reload()
    print(strings("room.phase_set", title=safe_line(opened.room.title), line=phase_line(opened.room, strings, now())))
    return 0
