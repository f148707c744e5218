"""`samenwerken room phase ROOM NAME [--minutes N] [--part P]`: move the meeting on from any terminal.

When nobody serves the room, this command takes the room's lock and writes room.toml
itself. When the board (or a headless room) holds it, this command leaves a request
that the serving process applies within a second (see tui.room.phases), and waits for it.
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.core.text import safe_line
from tui.room.model import Phase
from tui.room.phases import (
    MAX_TIMER_MINUTES,
    PhaseRequest,
    apply_request,
    drop_request,
    phase_line,
    phase_named,
    request_waiting,
    write_request,
)
from tui.session.model import now

if TYPE_CHECKING:
    from tui.cli.arguments import Parser
    from tui.content.i18n import Strings
    from tui.room.store import RoomFolder

WAIT_SECONDS = 5.0
"""How long the serving process has to take a request (it looks every second)."""


def phase_type(strings: Strings) -> Callable[[str], Phase]:
    def phase(text: str) -> Phase:
        named = phase_named(text)
        if named is None:
            raise argparse.ArgumentTypeError(strings("cli.error.phase", value=text))
        return named

    return phase


def timer_minutes(strings: Strings) -> Callable[[str], float]:
    def minutes(text: str) -> float:
        try:
            n = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(strings("cli.error.not_a_number", value=text)) from None
        if not (math.isfinite(n) and 0 < n <= MAX_TIMER_MINUTES):
            raise argparse.ArgumentTypeError(strings("cli.error.minutes", value=text))
        return n

    return minutes


def add_phase_command(actions: argparse._SubParsersAction[Parser], common: Parser, strings: Strings, ref: str) -> None:
    from tui.cli.arguments import add_command

    phase = add_command(actions, "phase", common, strings, "cli.help.room.phase")
    phase.add_argument("room", metavar="ROOM", help=ref)
    phase.add_argument("phase", type=phase_type(strings), metavar="FASE", help=strings("cli.help.room.phase.name"))
    phase.add_argument(
        "--minutes", type=timer_minutes(strings), metavar="N", help=strings("cli.help.room.phase.minutes")
    )
    phase.add_argument("--part", metavar="DEEL", help=strings("cli.help.room.phase.part"))


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
