"""The command line: parses arguments, runs text-only commands, starts the app for the rest.

Text-only commands (list, export, …) never import Textual, so they stay fast.
Problems with files are printed as one line on stderr, never a traceback: exit
code 1 for a failure, 2 for bad usage or bad input. Everything printed to a
terminal shows control, bidi and invisible characters as visible stand-ins.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tui
from tui.compare_export import COMPARE_FORMATS
from tui.config import Settings, config_path, read_settings
from tui.errors import ContentError, LimitExceeded, SessionNotFound, UserFileError
from tui.export import EXPORT_FORMATS, FORMATS, export, for_terminal, to_text
from tui.paths import sessions_dir
from tui.text import safe_line, terminal_json

if TYPE_CHECKING:
    from tui.i18n import Strings

EXIT_USAGE = 2
EXIT_PROBLEM = 1
UNWRAPPED = 10_000


class VersionAction(argparse.Action):
    """Print the version; read only when asked, so every other start stays fast."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        print(f"samenwerken {tui.__version__}")
        parser.exit()


class HelpFormatter(argparse.HelpFormatter):
    """Wraps the description and epilog without breaking a path at its hyphens."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap

        text = " ".join(text.split())
        return textwrap.fill(
            text, width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False, break_long_words=False
        )


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--sessions-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="folder with session files (default: $SAMENWERKEN_SESSIONS, else the user data folder)",
    )
    common.add_argument(
        "--lang", choices=("nl", "en"), default=argparse.SUPPRESS, help="interface language (default nl)"
    )
    common.add_argument(
        "--no-mouse",
        action="store_true",
        default=argparse.SUPPRESS,
        help="run the app without the mouse, so the terminal's own selection works",
    )

    parser = argparse.ArgumentParser(
        prog="samenwerken",
        description="Lees de notitie 'Samen werken aan goed onderwijs', reflecteer op een samenwerking "
        "en zie sterke punten en knelpunten. Zonder commando opent het beginscherm.",
        epilog=f"settings (theme, language, mouse): {config_path()}",
        formatter_class=HelpFormatter,
        parents=[common],
    )
    parser.add_argument("--version", action=VersionAction, help="show the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    read = commands.add_parser("read", parents=[common], help="read the note (optionally at a section)")
    read.add_argument(
        "section", nargs="?", metavar="SECTION-ID", help="e.g. vooraf, focus, factoren, kortom, bijlage-1"
    )

    new = commands.add_parser("new", parents=[common], help="start a reflection on one cooperation")
    new.add_argument("title", nargs="?", metavar="TITLE", help="the cooperation, e.g. 'RPO Noord-Veluwe'")
    new.add_argument("--from", dest="follows", metavar="ID", help="a follow-up: copy context and open next steps of ID")

    resume = commands.add_parser("resume", parents=[common], help="continue a reflection (the latest without ID)")
    resume.add_argument("id", nargs="?", metavar="ID")

    walk = commands.add_parser("walk", parents=[common], help="answer the statements (the latest without ID)")
    walk.add_argument("id", nargs="?", metavar="ID")
    walk.add_argument("--plain", action="store_true", help="one line per item, for a screen reader or a pipe")

    listing = commands.add_parser("list", parents=[common], help="list the sessions without opening the app")
    listing.add_argument("--json", action="store_true", help="one JSON array of sessions")

    over = commands.add_parser("overview", parents=[common], help="strengths, obstacles and next steps of a session")
    over.add_argument("id", metavar="ID")
    over.add_argument("--print", action="store_true", help="print as text instead of opening the app")

    exp = commands.add_parser("export", parents=[common], help=f"a report for a meeting: {', '.join(EXPORT_FORMATS)}")
    exp.add_argument("id", metavar="ID")
    exp.add_argument("--format", choices=EXPORT_FORMATS, default="md")
    exp.add_argument("-o", "--output", metavar="FILE", help="write to FILE (private, 0600) instead of stdout")
    exp.add_argument("--force", action="store_true", help="replace FILE if it exists (else you are asked)")

    comp = commands.add_parser("compare", parents=[common], help="compare sessions: over time or between partners")
    comp.add_argument("ids", nargs="+", metavar="ID")
    comp.add_argument("--format", choices=COMPARE_FORMATS, default="table")
    comp.add_argument("--names", action="store_true", help="show whose session is whose (the roles)")
    comp.add_argument("-o", "--output", metavar="FILE", help="write to FILE (private, 0600) instead of stdout")
    comp.add_argument("--force", action="store_true", help="replace FILE if it exists (else you are asked)")

    imp = commands.add_parser("import", parents=[common], help="copy a session file (e.g. a partner's) into the folder")
    imp.add_argument("file", metavar="FILE")

    web = commands.add_parser("serve", parents=[common], help="open the app in a browser tab (one app per tab)")
    web.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine only)")
    web.add_argument("--port", type=int, default=8000)
    web.add_argument("--public-url", metavar="URL", help="the address browsers use, behind a reverse proxy")

    from tui.room.cli import add_room_commands

    add_room_commands(commands, common)
    return parser


def say(text: str) -> None:
    """One line on stderr, safe for the terminal whatever file or key it names."""
    print(f"samenwerken: {safe_line(text)}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the language is chosen here, once, and handed to everything that words text."""
    args = build_parser().parse_args(argv)
    folder = sessions_dir(getattr(args, "sessions_dir", None))
    strings: Strings | None = None
    try:
        from tui.i18n import strings_for

        settings, broken = read_settings(config_path())
        strings = strings_for(getattr(args, "lang", None) or settings.language or "nl")
        if broken is not None:
            say(broken.text(strings))
        if args.command == "list":
            return list_sessions(folder, strings, as_json=args.json)
        if args.command == "room":
            from tui.room.cli import run_room

            return run_room(args, folder, strings)
        text_command = "overview-print" if args.command == "overview" and args.print else args.command
        if text_command in TEXT_COMMANDS:
            return TEXT_COMMANDS[text_command](args, folder, strings)
        if args.command in ("new", "resume", "walk"):
            from tui.plain import start_plain, wants_plain

            if getattr(args, "plain", False) or wants_plain():
                return start_plain(args, folder, strings)
        return run_app(args, folder, strings, settings)
    except ContentError as error:
        say(str(error))
        return EXIT_PROBLEM
    except (UserFileError, SessionNotFound) as error:
        say(str(error))
        return EXIT_USAGE
    except LimitExceeded as error:
        from tui.session.limits import OverLimit

        say(error.reason.text(strings) if isinstance(error, OverLimit) and strings else str(error))
        return EXIT_USAGE
    except OSError as error:
        from tui.session.store import describe_os_error, os_error_reason

        reason = describe_os_error(error, strings) if strings else str(os_error_reason(error))
        say(f"{error.filename}: {reason}" if error.filename else reason)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - the last guard: a line and a log, never a traceback
        from tui.crash import write_crash_log

        log = write_crash_log(folder, error)
        say(f"unexpected error ({type(error).__name__}); details without your text: {log or 'no log written'}")
        return EXIT_PROBLEM


def list_sessions(folder: Path, strings: Strings, as_json: bool) -> int:
    """Print the sessions with their progress; bad files go to stderr, one line each."""
    from tui.content import load_tool
    from tui.session import SessionStore

    item_ids = [item.id for item in load_tool().items]
    sessions, bad = SessionStore(folder).scan()
    rows = [
        {
            "id": s.session.id,
            "title": s.session.title,
            "answered": s.session.answered_count(item_ids),
            "total": len(item_ids),
            "updated": s.session.updated.isoformat(),
            "created": s.session.created.isoformat(),
            "follows": s.session.follows,
            "path": str(s.path),
        }
        for s in sessions
    ]
    for problem in bad:
        say(f"{problem.path}: {problem.reason}")
    from tui.session.rescue import find_rescues

    for path in find_rescues(folder):
        say(f"rescue copy {path}: restore with 'samenwerken import {path}'")
    if as_json:
        print(terminal_json(rows))
    elif not rows:
        print(strings("cli.no_sessions", folder=safe_line(str(folder))))
    else:
        width = max(len(s.session.id) for s in sessions)
        for s in sessions:
            answered, updated = s.session.answered_count(item_ids), s.session.updated.isoformat()[:16].replace("T", " ")
            print(f"{s.session.id:<{width}}  {answered:>3}/{len(item_ids):<3}  {updated}  {safe_line(s.session.title)}")
    return 0


def terminal_problem() -> str | None:
    """Why the full-screen app cannot run here, or None when it can."""
    import os

    if os.environ.get("TEXTUAL_DRIVER", "").endswith("web_driver:WebDriver"):
        return None  # a browser tab through textual-serve: the pipes are its terminal
    if os.environ.get("TERM", "") in ("dumb", "unknown"):
        return "this terminal (TERM=dumb) cannot show the app"
    for name, stream in (("input", sys.stdin), ("output", sys.stderr)):
        if stream is None or not stream.isatty():
            return f"the app needs a terminal, and its {name} is not one"
    return None


def run_app(args: argparse.Namespace, folder: Path, strings: Strings, settings: Settings | None = None) -> int:
    """Check what the first screen needs, then start the Textual app."""
    from tui.content import load_note
    from tui.session import SessionStore
    from tui.start import Start

    store = SessionStore(folder)
    command = args.command
    if command == "read":
        note = load_note()
        if args.section:
            try:
                note.section(args.section)
            except KeyError:
                known = ", ".join(s.id for s in note.sections)
                say(f"no section {args.section!r}; choose one of: {known}")
                return EXIT_USAGE
        start = Start("read", section=args.section or note.sections[0].id)
    elif command == "new" and not args.follows:
        start = Start("new", title=(args.title or "").strip() or None)
    elif command == "new" and args.follows:
        earlier = store.find(args.follows).session
        start = Start("walk", stored=store.create(args.title or earlier.title, strings.language, follows=earlier))
    elif command == "resume":
        start = Start("walk", stored=store.find(args.id))
    elif command == "walk":
        latest = store.find(args.id) if args.id else next(iter(store.scan()[0]), None)
        start = Start("walk", stored=latest) if latest else Start("new")
    elif command == "overview":
        start = Start("overview", stored=store.find(args.id))
    else:
        start = Start("home")

    problem = terminal_problem()
    if problem is not None and not getattr(args, "headless", False):
        print(
            f"samenwerken: {problem}. Without a terminal, use 'samenwerken walk --plain', 'samenwerken list', "
            "'samenwerken overview ID --print' or 'samenwerken export ID'.",
            file=sys.stderr,
        )
        return EXIT_USAGE

    from tui.factory import make_app

    settings = settings or Settings()
    app = make_app(store, start, strings.language, theme=settings.theme, settings_file=config_path())
    app.run(mouse=settings.mouse and not getattr(args, "no_mouse", False))
    return app.return_code or 0


def print_overview(args: argparse.Namespace, folder: Path, strings: Strings) -> int:
    """`overview ID --print`: the overview as text, fitted to the terminal, colour only on a terminal."""
    import os
    import shutil

    from tui.content import load_tool
    from tui.report import build_report
    from tui.session import SessionStore

    stored = SessionStore(folder).find(args.id)
    terminal = sys.stdout.isatty()
    color = terminal and not os.environ.get("NO_COLOR")
    # Fitted to a terminal; into a pipe or file, lines stay whole so grep and editors see them.
    width = shutil.get_terminal_size((80, 24)).columns if terminal else UNWRAPPED
    report = build_report(load_tool(), stored.session, strings, SessionStore(folder).earlier_of(stored.session))
    sys.stdout.write(to_text(report, width=width, color=color))
    return 0


def export_session(args: argparse.Namespace, folder: Path, strings: Strings) -> int:
    """`export ID --format F [-o FILE [--force]]`: to a file exactly as typed, to a terminal made safe."""
    from tui.content import load_tool
    from tui.report import build_report
    from tui.session import SessionStore

    store = SessionStore(folder)
    stored = store.find(args.id)
    earlier = store.earlier_of(stored.session)
    if args.format not in FORMATS:  # bytes (xlsx): to a file or a pipe, never onto a terminal
        if not args.output and sys.stdout.isatty():
            say(strings("cli.binary_needs_file", fmt=args.format))
            return EXIT_USAGE
        from tui.export_office import export_bytes

        data = export_bytes(build_report(load_tool(), stored.session, strings, earlier), args.format)
        return deliver(data, args.format, args.output, args.force, folder)
    text = export(build_report(load_tool(), stored.session, strings, earlier), args.format)
    return deliver(text, args.format, args.output, args.force, folder)


def deliver(text: str | bytes, fmt: str, output: str | None, force: bool, folder: Path) -> int:
    """An export to stdout, or to the private file `output` (asking before replacing one).

    Bytes (a binary format) go to stdout as they are: the caller makes sure it is no terminal.
    """
    from tui.session import SessionStore
    from tui.session.files import check_replaceable

    if not output:
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        elif sys.stdout.isatty():
            # A terminal shows the byte order mark of CSV for Excel as a stand-in: leave it out there.
            sys.stdout.write(for_terminal(text.removeprefix("\ufeff"), fmt))
        else:
            sys.stdout.write(text)
        return 0
    target = Path(output)
    overwrite = force
    if check_replaceable(target) and not overwrite:
        if not sys.stdin.isatty():
            say(f"{target} exists; add --force to replace it")
            return EXIT_PROBLEM
        answer = input(f"{safe_line(str(target))} exists. Replace it? [y/N] ").strip().casefold()
        if answer not in ("y", "yes", "j", "ja"):
            say("nothing written")
            return EXIT_PROBLEM
        overwrite = True
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    SessionStore(folder).export_file(target, data, overwrite=overwrite)
    print(safe_line(str(target)), file=sys.stderr)
    return 0


def compare_sessions(args: argparse.Namespace, folder: Path, strings: Strings) -> int:
    """`compare ID ID [...]`: items ordered by how far the answers lie apart.

    The table fits a terminal's width; into a pipe or a file its lines stay whole. Every
    format goes through `deliver`: to a terminal made safe, to a file exactly.
    """
    import shutil

    from tui.compare import build_comparison
    from tui.compare_export import compare_export, compare_table
    from tui.content import load_tool
    from tui.session import SessionStore

    store = SessionStore(folder)
    sessions = [store.find(ref).session for ref in args.ids]
    if len(sessions) < 2:
        say("compare needs at least two sessions")
        return EXIT_USAGE
    comparison = build_comparison(load_tool(), sessions, strings, names=args.names)
    if args.format == "table" and not args.output and sys.stdout.isatty():
        sys.stdout.write(compare_table(comparison, width=shutil.get_terminal_size((80, 24)).columns))
        return 0
    return deliver(compare_export(comparison, args.format), args.format, args.output, args.force, folder)


def import_session(args: argparse.Namespace, folder: Path, strings: Strings) -> int:
    """`import FILE`: copy a session file into the sessions folder; a rescue copy is moved in."""
    import os

    from tui.session import SessionStore
    from tui.session.rescue import is_rescue

    source = Path(args.file)
    if not os.path.lexists(source):
        say(f"{source}: no such file")
        return EXIT_USAGE
    store = SessionStore(folder)
    if is_rescue(source, folder):
        stored, replaced = store.restore(source)
        os.unlink(source)
        if replaced is not None:
            say(f"restored; the version it replaced is in {replaced}")
    else:
        stored = store.import_file(source)
    print(f"{stored.session.id}\t{safe_line(str(stored.path))}")
    return 0


def serve_in_browser(args: argparse.Namespace, folder: Path, strings: Strings) -> int:
    """`serve`: the app through textual-serve, behind a token in the URL."""
    import shlex

    try:
        from tui.web.server import serve
    except ImportError:
        say(strings("web.needs_extra"))
        return EXIT_PROBLEM
    from tui.room.cli import is_loopback

    command = shlex.join([sys.executable, "-m", "tui", "--sessions-dir", str(folder), "--lang", strings.language])

    def lines(url: str) -> list[str]:
        said = [strings("web.open", url=url)]
        if not is_loopback(args.host):
            said.append(strings("web.no_tls"))
        return said

    return serve(command, args.host, args.port, "samenwerken", lines, public_url=args.public_url)


TEXT_COMMANDS = {
    "overview-print": print_overview,
    "export": export_session,
    "compare": compare_sessions,
    "import": import_session,
    "serve": serve_in_browser,
}
