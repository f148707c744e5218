"""`samenwerken plenary FILE…`: the group reports of many tables merged into one picture.

Each table exported its room (`room export ROOM --format json`) on its own machine;
the files came here by whatever means. Each is read as hostile (see
`tui.views.table_export`): a file that cannot be used is named in one line, and
nothing is merged.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.content.i18n import Strings
    from tui.views.plenary import Plenary

MAX_TABLES = 500
"""More files than tables a hall holds is a mistake (a glob too wide), not a plenary."""


def run_plenary(args: argparse.Namespace, folder: Path, strings: Strings) -> int:
    """Read every table's file, merge them, deliver the plenary; a bad file is one line and exit 2."""
    from tui.cli.output import EXIT_USAGE, deliver, say
    from tui.content import load_tool
    from tui.render.plenary import PLENARY_RENDERERS, to_table
    from tui.views.plenary import PlenaryError, build_plenary
    from tui.views.table_export import TableFileError, read_table

    if len(args.files) > MAX_TABLES:
        say(strings("plenary.error.too_many", max=MAX_TABLES))
        return EXIT_USAGE
    try:
        exports = [read_table(Path(name)) for name in args.files]
    except TableFileError as error:
        say(f"{error.path}: {error.reason.text(strings)}")
        return EXIT_USAGE
    try:
        plenary = build_plenary(load_tool(), exports)
    except PlenaryError as error:
        say(error.reason.text(strings))
        return EXIT_USAGE
    if args.serve is not None:
        return _serve(args, plenary, strings)
    if args.format == "table" and not args.output and sys.stdout.isatty():  # fitted to the terminal
        text = to_table(plenary, strings, width=shutil.get_terminal_size((80, 24)).columns)
    else:
        text = PLENARY_RENDERERS[args.format](plenary, strings)
    return deliver(text, args.format, args.output, args.force, strings)


def _serve(args: argparse.Namespace, plenary: Plenary, strings: Strings) -> int:
    """The plenary on the beamer's page until Ctrl+C: its address (with a new key) printed, nothing written."""
    import asyncio
    import secrets

    from tui.core.net import is_loopback
    from tui.room.serving import BEAMER_KEY_BYTES
    from tui.serve.web.plenary_beamer import PlenaryBeamer, serve_plenary

    beamer = PlenaryBeamer(plenary, secrets.token_urlsafe(BEAMER_KEY_BYTES), strings, args.part)

    def tell(line: str) -> None:
        print(line, flush=True)
        if not is_loopback(args.host):
            print(strings("room.open_network"), flush=True)

    try:
        asyncio.run(serve_plenary(beamer, args.host, args.serve, tell))
    except OSError as error:
        from tui.cli.output import EXIT_USAGE, say

        say(strings("plenary.error.serve", port=args.serve, error=error.strerror or str(error)))
        return EXIT_USAGE
    return 0
