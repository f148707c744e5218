"""The room, phase and plenary commands as the parser describes them: their options, types and help.

Nothing here imports what the commands run (the room, its store, the renderers): the
numbers and formats they offer come from `tui.cli.choices`, and a `room phase` name is
looked up only when it is parsed. The commands' bodies are in tui.cli.room, .phase, .plenary.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.cli.choices import (
    GROUP_FORMATS,
    MAX_SEATS,
    MAX_TIMER_MINUTES,
    MIN_GROUP,
    MIN_GROUP_FLOOR,
    PLENARY_FORMATS,
    ROOM_COMPARE_FORMATS,
)

if TYPE_CHECKING:
    from tui.cli.arguments import Parser
    from tui.content.i18n import Strings
    from tui.room.model import Phase


def whole_number(
    strings: Strings,
    low: int,
    high: int,
    out_of_range: str,
    not_a_number: str = "cli.error.not_a_number",
    **values: object,
) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high`, each refusal said in the language of `strings`."""

    def number(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(strings(not_a_number, value=text)) from None
        if not low <= n <= high:
            raise argparse.ArgumentTypeError(strings(out_of_range, **values))
        return n

    return number


def seat_count(strings: Strings) -> Callable[[str], int]:
    """The type of `--seats`: as many seats as a room may have."""
    return whole_number(strings, 1, MAX_SEATS, "cli.error.seats", max=MAX_SEATS)


MAX_PART = 99
"""`plenary --part` at most: the tool has a handful of parts; a number past the last shows the last."""


def part_number(strings: Strings) -> Callable[[str], int]:
    """The type of `plenary --part`: a part's number from 1."""
    return whole_number(strings, 1, MAX_PART, "cli.error.plenary_part", max=MAX_PART)


def group_size(strings: Strings) -> Callable[[str], int]:
    """The type of `--min-group`: at least 2."""
    return whole_number(strings, MIN_GROUP_FLOOR, MAX_SEATS, "cli.error.min_group", least=MIN_GROUP_FLOOR)


def port_number(strings: Strings) -> Callable[[str], int]:
    """The type of a port option: 0 to 65535."""
    return whole_number(strings, 0, 65535, "cli.error.port_range", not_a_number="cli.error.not_a_port")


MAX_IDLE_MINUTES = 7 * 24 * 60.0
"""A week: a larger `--idle-minutes` is as good as never, and stays a number the clock can add."""


def idle_minutes(strings: Strings) -> Callable[[str], float]:
    """The type of `--idle-minutes`: a positive, finite number (0, negatives, nan and inf are refused)."""

    def minutes(text: str) -> float:
        try:
            n = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(strings("cli.error.not_a_number", value=text)) from None
        if not (math.isfinite(n) and 0 < n <= MAX_IDLE_MINUTES):
            raise argparse.ArgumentTypeError(strings("cli.error.minutes", value=text))
        return n

    return minutes


def add_room_commands(commands: argparse._SubParsersAction[Parser], common: Parser, strings: Strings) -> None:
    """`room` and its subcommands, every word of their help in the language of `strings`."""
    from tui.cli.arguments import add_command

    room = add_command(commands, "room", common, strings)
    actions = room.add_subparsers(
        dest="room_command",
        metavar="new|serve|status|phase|export|compare|close",
        required=True,
        title=strings("cli.commands"),
    )
    ref, port = strings("cli.help.room.ref"), strings("cli.metavar.port")

    new = add_command(actions, "new", common, strings, "cli.help.room.new")
    new.add_argument("title", metavar=strings("cli.metavar.title"), help=strings("cli.help.room.new.title"))
    new.add_argument(
        "--seats",
        type=seat_count(strings),
        required=True,
        metavar="N",
        help=strings("cli.help.room.new.seats", max=MAX_SEATS),
    )
    new.add_argument(
        "--min-group",
        type=group_size(strings),
        default=None,
        metavar="N",
        help=strings("cli.help.room.new.min_group", default=MIN_GROUP, least=MIN_GROUP_FLOOR),
    )
    new.add_argument("--from", dest="follows", metavar="ROOM", help=strings("cli.help.room.new.from"))
    new.add_argument(
        "--welcome", default="", metavar=strings("cli.metavar.text"), help=strings("cli.help.room.new.welcome")
    )
    new.add_argument("--json", action="store_true", help=strings("cli.help.room.new.json"))
    new.add_argument("--cards", metavar=strings("cli.metavar.file"), help=strings("cli.help.room.new.cards"))
    new.add_argument("--host", default="127.0.0.1", help=strings("cli.help.room.new.host"))
    new.add_argument(
        "--ssh-port", type=port_number(strings), default=2222, metavar=port, help=strings("cli.help.room.new.ssh_port")
    )
    new.add_argument(
        "--web-port", type=port_number(strings), default=8080, metavar=port, help=strings("cli.help.room.new.web_port")
    )
    new.add_argument("--public-url", metavar="URL", help=strings("cli.help.serve.public_url"))

    serve = add_command(actions, "serve", common, strings, "cli.help.room.serve")
    serve.add_argument("room", metavar="ROOM", help=ref)
    serve.add_argument("--host", default="127.0.0.1", help=strings("cli.help.room.serve.host"))
    serve.add_argument(
        "--port", type=port_number(strings), default=2222, metavar=port, help=strings("cli.help.room.serve.port")
    )
    serve.add_argument("--headless", action="store_true", help=strings("cli.help.room.serve.headless"))
    serve.add_argument("--web", type=port_number(strings), metavar=port, help=strings("cli.help.room.serve.web"))
    serve.add_argument("--public-url", metavar="URL", help=strings("cli.help.serve.public_url"))
    serve.add_argument(
        "--idle-minutes",
        type=idle_minutes(strings),
        default=60.0,
        metavar="M",
        help=strings("cli.help.room.serve.idle_minutes"),
    )

    status = add_command(actions, "status", common, strings, "cli.help.room.status")
    status.add_argument("room", metavar="ROOM", help=ref)
    status.add_argument("--json", action="store_true", help=strings("cli.help.room.json"))

    add_phase_command(actions, common, strings, ref)

    export = add_command(actions, "export", common, strings, "cli.help.room.export", formats=", ".join(GROUP_FORMATS))
    export.add_argument("room", metavar="ROOM", help=ref)
    export.add_argument("--format", choices=GROUP_FORMATS, default="md", help=strings("cli.help.room.export.format"))
    export.add_argument("-o", "--output", metavar=strings("cli.metavar.file"), help=strings("cli.help.output"))
    export.add_argument("--force", action="store_true", help=strings("cli.help.force"))

    add_compare_command(actions, common, strings, ref)

    close = add_command(actions, "close", common, strings, "cli.help.room.close")
    close.add_argument("room", metavar="ROOM", help=ref)

    # What `serve` runs per seat (over SSH or for a browser tab's ticket): not for people, so not in the help.
    seat = actions.add_parser("seat", parents=[common], strings=strings)
    seat.add_argument("folder", metavar="ROOM-FOLDER")
    seat.add_argument("label", metavar="SEAT")
    seat.add_argument("--ssh-host", default=None, metavar="HOST")
    seat.add_argument("--ssh-port", type=port_number(strings), default=None, metavar="PORT")


def add_compare_command(
    actions: argparse._SubParsersAction[Parser], common: Parser, strings: Strings, ref: str
) -> None:
    """`room compare ROOM ROOM [--format F] [-o FILE] [--force]`, its help in the language of `strings`."""
    from tui.cli.arguments import add_command

    compare = add_command(
        actions, "compare", common, strings, "cli.help.room.compare", formats=", ".join(ROOM_COMPARE_FORMATS)
    )
    compare.add_argument("earlier", metavar="ROOM", help=strings("cli.help.room.compare.earlier"))
    compare.add_argument("later", metavar="ROOM", help=strings("cli.help.room.compare.later"))
    compare.add_argument(
        "--format", choices=ROOM_COMPARE_FORMATS, default="table", help=strings("cli.help.room.compare.format")
    )
    compare.add_argument("-o", "--output", metavar=strings("cli.metavar.file"), help=strings("cli.help.output"))
    compare.add_argument("--force", action="store_true", help=strings("cli.help.force"))


def phase_type(strings: Strings) -> Callable[[str], Phase]:
    def phase(text: str) -> Phase:
        from tui.room.phases import phase_named

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


def add_plenary_command(commands: argparse._SubParsersAction[Parser], common: Parser, strings: Strings) -> None:
    """`plenary FILE… [--format F] [-o FILE] [--force]`, every word of its help in the language of `strings`."""
    from tui.cli.arguments import add_command

    plenary = add_command(commands, "plenary", common, strings, formats=", ".join(PLENARY_FORMATS))
    plenary.add_argument(
        "files", nargs="+", metavar=strings("cli.metavar.file"), help=strings("cli.help.plenary.files")
    )
    plenary.add_argument("--format", choices=PLENARY_FORMATS, default="table", help=strings("cli.help.plenary.format"))
    plenary.add_argument("-o", "--output", metavar=strings("cli.metavar.file"), help=strings("cli.help.output"))
    plenary.add_argument("--force", action="store_true", help=strings("cli.help.force"))
    plenary.add_argument(
        "--serve",
        type=port_number(strings),
        metavar=strings("cli.metavar.port"),
        help=strings("cli.help.plenary.serve"),
    )
    plenary.add_argument("--host", default="127.0.0.1", help=strings("cli.help.plenary.host"))
    plenary.add_argument(
        "--part", type=part_number(strings), default=1, metavar="N", help=strings("cli.help.plenary.part")
    )
