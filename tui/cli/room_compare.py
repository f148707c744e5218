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

if TYPE_CHECKING:
    from tui.content.i18n import Strings
    from tui.room.store import RoomFolder


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
