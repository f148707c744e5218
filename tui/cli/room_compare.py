"""The room a year later: `room new TITLE --from ROOM` and `room compare ROOM ROOM`.

`--from` reads last year's room and every seat's session before anything is made
(tui.room.succession): a room that cannot be read, is newer, or has a broken seat
file is one line on stderr, and no room is made. `room compare` writes the two
groups side by side (tui.views.room_compare), through the one delivery of exports.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui.render.room_compare import ROOM_COMPARE_FORMATS

if TYPE_CHECKING:
    from tui.cli.arguments import Parser
    from tui.content.i18n import Strings
    from tui.room.store import RoomFolder


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


def follow_up_room(
    args: argparse.Namespace, folder: Path, strings: Strings, title: str
) -> tuple[RoomFolder, list[str]]:
    """Next year's room from `args.follows`; its minimum group is last year's unless `--min-group` says otherwise."""
    from tui.content import load_code_words
    from tui.room.store import RoomStore
    from tui.room.succession import find_earlier, follow_room, read_last_year

    store = RoomStore(folder)
    last = read_last_year(find_earlier(store, args.follows))
    min_group = last.folder.room.min_group if args.min_group is None else args.min_group
    return follow_room(
        store,
        last,
        title,
        args.seats,
        load_code_words(),
        strings.language,
        welcome=args.welcome.strip(),
        min_group=min_group,
    )


def run_compare(args: argparse.Namespace, folder: Path, strings: Strings) -> int:
    """Both rooms' groups side by side, delivered as the other exports are."""
    from tui.cli.output import EXIT_USAGE, deliver, say
    from tui.content import load_tool
    from tui.render.room_compare import ROOM_COMPARE_RENDERERS, to_table
    from tui.room.store import RoomStore
    from tui.room.succession import find_earlier
    from tui.views.room_compare import compare_rooms

    store = RoomStore(folder)
    earlier, later = find_earlier(store, args.earlier), find_earlier(store, args.later)
    if earlier.path.resolve() == later.path.resolve():
        say(strings("room_compare.same_room"))
        return EXIT_USAGE
    comparison = compare_rooms(load_tool(), earlier, later)
    if args.format == "table" and not args.output and sys.stdout.isatty():  # fitted to the terminal
        text = to_table(comparison, strings, width=shutil.get_terminal_size((80, 24)).columns)
    else:
        text = ROOM_COMPARE_RENDERERS[args.format](comparison, strings)
    return deliver(text, args.format, args.output, args.force, strings)
