"""What every command prints: one safe line on stderr, the exit codes, where an export goes.

Problems are one line on stderr, never a traceback: exit code 1 for a failure, 2 for bad
usage or bad input. Everything printed to a terminal shows control, bidi and invisible
characters as visible stand-ins.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.errors import SessionNotFound
from tui.core.text import safe_line

if TYPE_CHECKING:
    import argparse

    from tui.content.i18n import Strings


EXIT_USAGE = 2
EXIT_PROBLEM = 1
UNWRAPPED = 10_000
"""The width of text printed to a file or a pipe: lines are not wrapped."""


def say(text: str) -> None:
    """One line on stderr, safe for the terminal whatever file or key it names."""
    print(f"samenwerken: {safe_line(text)}", file=sys.stderr)


def say_unsafe_cache(args: argparse.Namespace | None, strings: Strings) -> None:
    """Say once that the cache folder is not used because others could change it (see `tui.core.kept`).

    Not in a participant's seat of a regional session, nor in a browser tab's app: the
    facilitator's folders are not theirs to see, and the serving process says it already.
    """
    from tui.core.kept import unsafe_folder

    if args is not None and getattr(args, "room_command", None) == "seat":
        return
    if os.environ.get("TEXTUAL_DRIVER", "").endswith("web_driver:WebDriver"):
        return
    folder = unsafe_folder()
    if folder is not None:
        say(strings("cli.cache_unsafe", folder=safe_line(str(folder))))


def not_found(error: SessionNotFound, strings: Strings) -> str:
    """A SessionNotFound (or RoomNotFound) in the chosen language: every raiser gives its Reason."""
    return error.reason.text(strings) if error.reason is not None else str(error)


def terminal_problem() -> str | None:
    """Why the full-screen app cannot run here (a key of strings.toml), or None when it can."""
    import os

    if os.environ.get("TEXTUAL_DRIVER", "").endswith("web_driver:WebDriver"):
        return None  # a browser tab through textual-serve: the pipes are its terminal
    if os.environ.get("TERM", "") in ("dumb", "unknown"):
        return "cli.term_dumb"
    for key, stream in (("cli.no_terminal_input", sys.stdin), ("cli.no_terminal_output", sys.stderr)):
        if stream is None or not stream.isatty():
            return key
    return None


def deliver(text: str | bytes, fmt: str, output: str | None, force: bool, strings: Strings) -> int:
    """An export to stdout, or to the private file `output` through the delivery service.

    An existing file is replaced with `--force`, or after a yes on a terminal; a link, folder,
    FIFO or device is refused (`tui.session.delivery`), said in the user's language by `main`.
    Bytes (a binary format) go to stdout as they are: the caller makes sure it is no terminal.
    """
    if not output:
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        elif sys.stdout.isatty():
            # A terminal shows the byte order mark of CSV for Excel as a stand-in: leave it out there.
            from tui.render.export import for_terminal

            sys.stdout.write(for_terminal(text.removeprefix("\ufeff"), fmt))
        else:
            sys.stdout.write(text)
        return 0
    from tui.session.delivery import ExportExists, deliver_file

    target = Path(output)
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    try:
        deliver_file(target, data, replace=force)
    except ExportExists:
        if not sys.stdin.isatty():
            say(strings("cli.exists_use_force", path=target))
            return EXIT_PROBLEM
        answer = input(strings("cli.replace_ask", path=safe_line(str(target))) + " ").strip().casefold()
        if answer not in ("y", "yes", "j", "ja"):
            say(strings("cli.nothing_written"))
            return EXIT_PROBLEM
        deliver_file(target, data, replace=True)
    print(safe_line(str(target)), file=sys.stderr)
    return 0
