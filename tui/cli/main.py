"""The command line: parses arguments, runs text-only commands, starts the app for the rest.

Text-only commands (list, export, …) never import Textual, so they stay fast.
Problems with files are printed as one line on stderr, never a traceback: exit
code 1 for a failure, 2 for bad usage or bad input. Everything printed to a
terminal shows control, bidi and invisible characters as visible stand-ins.

The language is known before the parser is built (`--lang` in the arguments, else
the settings file, else Dutch), so the help, argparse's own words and every
message come in that language, all from content/strings.toml.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import tui
from tui.app.shown import hold_collection, release_collection
from tui.core.errors import ContentError, LimitExceeded, SessionNotFound, UserFileError
from tui.core.paths import sessions_dir
from tui.session.settings import config_path, read_settings

if TYPE_CHECKING:
    import argparse

    from tui.content.i18n import Strings
from tui.cli.commands import TEXT_COMMANDS, list_sessions, run_app
from tui.cli.output import EXIT_PROBLEM, EXIT_USAGE, not_found, say, say_unsafe_cache
from tui.cli.parser import asks_version, language_asked
from tui.cli.quick_args import OPENS_APP, quick_parse


def _parsed(argv: list[str], strings: Strings) -> argparse.Namespace:
    """argparse's reading of `argv`, for everything but a plain start of the app or `list` (`tui.cli.quick_args`)."""
    from tui.cli.parser import build_parser

    return build_parser(strings).parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the language is chosen here, once, and handed to everything that words text.

    `--lang` wins, then the settings file, then Dutch; it is known before the parser is
    built, so `--help` and argparse's own errors are in it too.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    if asks_version(argv):
        print(f"samenwerken {tui.__version__}")
        return 0
    strings: Strings | None = None
    folder: Path | None = None
    hold_collection()  # a start of the app collects once its first screen is painted (released below otherwise)
    try:
        from tui.content.i18n import strings_for

        settings, broken = read_settings(config_path())
        strings = strings_for(language_asked(argv) or settings.language or "nl")
        quick = quick_parse(argv)  # the command lines that open the app, and `list`
        args = quick or _parsed(argv, strings)
        if quick is None or (args.command is not None and args.command not in OPENS_APP):
            release_collection()
        folder = sessions_dir(getattr(args, "sessions_dir", None))
        if broken is not None:
            say(broken.text(strings))
        say_unsafe_cache(args, strings)
        if args.command == "list":
            return list_sessions(folder, strings, as_json=args.json)
        if args.command == "room":
            from tui.cli.room import run_room

            return run_room(args, folder, strings)
        if args.command == "plenary":
            from tui.cli.plenary import run_plenary

            return run_plenary(args, folder, strings)
        text_command = "overview-print" if args.command == "overview" and args.print else args.command
        if text_command in TEXT_COMMANDS:
            return TEXT_COMMANDS[text_command](args, folder, strings)
        if args.command in ("new", "resume", "walk"):
            from tui.cli.plain_choice import wants_plain

            if getattr(args, "plain", False) or wants_plain():
                from tui.cli.plain_walk import start_plain

                release_collection()
                return start_plain(args, folder, strings)
        return run_app(args, folder, strings, settings)
    except ContentError as error:
        say(str(error))
        return EXIT_PROBLEM
    except SessionNotFound as error:
        say(not_found(error, strings) if strings else str(error))
        return EXIT_USAGE
    except UserFileError as error:
        from tui.session.delivery import NotDelivered

        say(error.text(strings) if strings else str(error))
        return EXIT_PROBLEM if isinstance(error, NotDelivered) else EXIT_USAGE
    except LimitExceeded as error:
        from tui.session.limits import OverLimit

        say(error.reason.text(strings) if isinstance(error, OverLimit) and strings else str(error))
        return EXIT_USAGE
    except OSError as error:
        from tui.core.os_errors import describe_os_error, os_error_reason

        reason = describe_os_error(error, strings) if strings else str(os_error_reason(error))
        say(f"{error.filename}: {reason}" if error.filename else reason)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - the last guard: a line and a log, never a traceback
        from tui.content.i18n import strings_for
        from tui.core.crash import write_crash_log

        log = write_crash_log(folder or sessions_dir(None), error)
        words = strings or strings_for("nl")
        say(words("cli.unexpected", kind=type(error).__name__, log=log or words("cli.no_log")))
        return EXIT_PROBLEM
    finally:
        release_collection()
