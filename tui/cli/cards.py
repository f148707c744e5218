"""`room new --cards FILE`: check before the room is made, write the cards after, say how to serve to match."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.output import EXIT_PROBLEM, say
from tui.core.errors import UnsafePath
from tui.core.net import is_loopback, shown_host
from tui.core.text import safe_line
from tui.render.cards import Door, cards_html, check_new_file, pages, write_cards

if TYPE_CHECKING:
    from tui.content.i18n import Strings
    from tui.room.store import RoomFolder


def cards_may_be_written(path: Path, strings: Strings) -> bool:
    """Before `room new` makes a room: False, said in the user's language, when the cards cannot be written."""
    try:
        import segno  # noqa: F401
    except ImportError:
        say(strings("room.cards_need_segno"))
        return False
    try:
        check_new_file(path)
    except FileExistsError:
        say(strings("room.cards_exists", path=safe_line(str(path))))
        return False
    except (FileNotFoundError, UnsafePath):
        say(strings("room.cards_no_folder", path=safe_line(str(path))))
        return False
    return True


def hand_out_cards(args: argparse.Namespace, opened: RoomFolder, codes: list[str], strings: Strings) -> int:
    """`room new --cards FILE`, after the codes were shown: write the cards and say how to serve to match them.

    With `--json` the notes go to stderr, so that stdout stays one JSON object.
    """
    from tui.core.os_errors import describe_os_error

    if not args.cards:
        return 0
    note: Callable[[str], None] = say if args.json else print
    path = Path(args.cards)
    door = Door(args.host, args.ssh_port, args.web_port, args.public_url)
    try:
        write_cards(path, cards_html(opened.room.title, codes, door, strings))
    except OSError as error:
        say(strings("room.cards_failed", reason=describe_os_error(error, strings)))
        return EXIT_PROBLEM
    note(strings("room.cards_written", path=safe_line(str(path)), n=len(codes), pages=pages(len(codes))))
    note(strings("room.cards_serve", command=door.serve_command(opened.room.id)))
    if is_loopback(door.host):
        note(strings("room.cards_loopback", host=safe_line(shown_host(door.host))))
    return 0
