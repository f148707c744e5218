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

import argparse
import ast
import os
import re
import sys
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import tui
from tui.compare_export import COMPARE_FORMATS
from tui.config import Settings, config_path, read_settings
from tui.errors import ContentError, LimitExceeded, SessionNotFound, UserFileError
from tui.export import EXPORT_FORMATS, FORMATS, export, for_terminal, to_text
from tui.paths import sessions_dir
from tui.text import local_time, safe_line, terminal_json

if TYPE_CHECKING:
    from tui.i18n import Strings

EXIT_USAGE = 2
EXIT_PROBLEM = 1
UNWRAPPED = 10_000
COMMANDS = ("read", "new", "resume", "walk", "list", "overview", "export", "compare", "import", "serve", "room")


class VersionAction(argparse.Action):
    """Print the version; read only when asked, so every other start stays fast."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        print(f"samenwerken {tui.__version__}")
        parser.exit()


class HelpFormatter(argparse.HelpFormatter):
    """Wraps the description and epilog without breaking a path at its hyphens; says "usage:" in its language.

    A line of the text that starts with spaces (an example command) is kept as it is.
    """

    usage_prefix = "usage: "

    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, self.usage_prefix if prefix is None else prefix)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap

        lines = []
        for line in text.splitlines():
            if line.startswith(" ") or not line.strip():
                lines.append(indent + line if line.strip() else "")
            else:
                lines.append(
                    textwrap.fill(
                        " ".join(line.split()),
                        width,
                        initial_indent=indent,
                        subsequent_indent=indent,
                        break_on_hyphens=False,
                        break_long_words=False,
                    )
                )
        return "\n".join(lines)


@cache
def formatter_for(language: str) -> type[HelpFormatter]:
    """The help formatter that says "usage:" in `language`."""
    from tui.i18n import strings_for

    prefix = strings_for(language)("cli.usage") + " "
    return type(f"HelpFormatter_{language}", (HelpFormatter,), {"usage_prefix": prefix})


def _unquote(text: str) -> str:
    """A value argparse shows as its repr ('x'), as typed."""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
    return value if isinstance(value, str) else text


def _choices(text: str) -> str:
    """argparse's "'md', 'html'" as "md, html"."""
    try:
        values = ast.literal_eval(f"[{text}]")
    except (ValueError, SyntaxError):
        return text
    return ", ".join(str(value) for value in values)


_ARGUMENT = re.compile(r"argument (?P<argument>\S+?): (?P<message>.+)", re.DOTALL)
_ARGPARSE_MESSAGES: tuple[tuple[re.Pattern[str], str, dict[str, Callable[[str], str]]], ...] = (
    (re.compile(r"the following arguments are required: (?P<names>.+)", re.DOTALL), "cli.error.required", {}),
    (re.compile(r"unrecognized arguments: (?P<args>.*)", re.DOTALL), "cli.error.unrecognized", {}),
    (
        re.compile(r"invalid choice: (?P<value>.+?) \(choose from (?P<choices>.*)\)", re.DOTALL),
        "cli.error.invalid_choice",
        {"value": _unquote, "choices": _choices},
    ),
    (re.compile(r"expected one argument"), "cli.error.expected_one", {}),
    (re.compile(r"expected at least one argument"), "cli.error.expected_some", {}),
    (re.compile(r"ignored explicit argument (?P<value>.+)", re.DOTALL), "cli.error.no_value", {"value": _unquote}),
    (
        re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)", re.DOTALL),
        "cli.error.ambiguous",
        {"option": _unquote},
    ),
    (
        re.compile(r"invalid (?:int|float) value: (?P<value>.+)", re.DOTALL),
        "cli.error.not_a_number",
        {"value": _unquote},
    ),
)
"""argparse's own English messages (Python 3.11 and later) and the key that words each; others pass unchanged."""


def argparse_message(message: str, strings: Strings) -> str:
    """One of argparse's error messages in the language of `strings`; an unknown one as it is."""
    found = _ARGUMENT.fullmatch(message)
    if found:
        inner = argparse_message(found["message"], strings)
        return strings("cli.error.argument", argument=found["argument"], message=inner)
    for pattern, key, convert in _ARGPARSE_MESSAGES:
        found = pattern.fullmatch(message)
        if found:
            values = {name: convert.get(name, str)(value) for name, value in found.groupdict().items()}
            return strings(key, **values)
    return message


class Parser(argparse.ArgumentParser):
    """An argument parser that speaks the language of `strings`: usage, group titles and errors.

    It adds no -h of its own: every parser here has `common` as a parent, which holds
    -h/--help with its help in the chosen language. A parser that is `only_a_parent` keeps
    argparse's group titles, so its options join the child's groups (argparse merges them
    by title, before the child's titles are translated).
    """

    def __init__(self, *args: Any, strings: Strings, only_a_parent: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", formatter_for(strings.language))
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self.strings = strings
        if not only_a_parent:
            self._positionals.title = strings("cli.positionals")
            self._optionals.title = strings("cli.optionals")

    def error(self, message: str) -> NoReturn:
        """Bad usage: one line on stderr in the chosen language, exit 2."""
        text = self.strings("cli.error.see_help", message=argparse_message(message, self.strings), command=self.prog)
        say(text)
        self.exit(EXIT_USAGE)


def add_command(
    commands: argparse._SubParsersAction[Parser],
    name: str,
    common: Parser,
    strings: Strings,
    key: str | None = None,
    **values: object,
) -> Parser:
    """A subcommand with its help, description and (when strings.toml has them) examples as the epilog."""
    key = key or f"cli.help.{name}"
    summary = strings(key, **values) if values else strings(key)
    examples = f"{key}.examples"
    return commands.add_parser(
        name,
        parents=[common],
        strings=strings,
        help=summary,
        description=summary[:1].upper() + summary[1:] + ".",
        epilog=strings(examples) if strings.has(examples) else None,
    )


def common_options(strings: Strings) -> Parser:
    """The options every command takes (the parent of every parser): -h, --sessions-dir, --lang, --no-mouse."""
    common = Parser(strings=strings, only_a_parent=True)
    common.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=strings("cli.help.help"))
    common.add_argument(
        "--sessions-dir",
        metavar=strings("cli.metavar.dir"),
        default=argparse.SUPPRESS,
        help=strings("cli.help.sessions_dir"),
    )
    common.add_argument("--lang", choices=("nl", "en"), default=argparse.SUPPRESS, help=strings("cli.help.lang"))
    common.add_argument("--no-mouse", action="store_true", default=argparse.SUPPRESS, help=strings("cli.help.no_mouse"))
    return common


def build_parser(strings: Strings | None = None) -> Parser:
    """The whole command line, every word in the language of `strings` (Dutch when not given)."""
    if strings is None:
        from tui.i18n import strings_for

        strings = strings_for("nl")
    common = common_options(strings)
    file_, ref = strings("cli.metavar.file"), strings("cli.help.ref")

    parser = Parser(
        prog="samenwerken",
        description=strings("cli.help.description"),
        epilog=strings("cli.help.examples") + "\n\n" + strings("cli.help.settings_file", path=config_path()),
        parents=[common],
        strings=strings,
    )
    parser.add_argument("--version", action=VersionAction, help=strings("cli.help.version"))
    commands = parser.add_subparsers(
        dest="command", metavar=strings("cli.metavar.command"), title=strings("cli.commands")
    )

    read = add_command(commands, "read", common, strings)
    read.add_argument(
        "section", nargs="?", metavar=strings("cli.metavar.section"), help=strings("cli.help.read.section")
    )

    new = add_command(commands, "new", common, strings)
    new.add_argument("title", nargs="?", metavar=strings("cli.metavar.title"), help=strings("cli.help.new.title"))
    new.add_argument(
        "--from", dest="follows", metavar=strings("cli.metavar.id_or_file"), help=strings("cli.help.new.from")
    )

    resume = add_command(commands, "resume", common, strings)
    resume.add_argument("id", nargs="?", metavar="ID", help=ref)

    walk = add_command(commands, "walk", common, strings)
    walk.add_argument("id", nargs="?", metavar="ID", help=ref)
    walk.add_argument("--plain", action="store_true", help=strings("cli.help.walk.plain"))

    listing = add_command(commands, "list", common, strings)
    listing.add_argument("--json", action="store_true", help=strings("cli.help.list.json"))

    over = add_command(commands, "overview", common, strings)
    over.add_argument("id", metavar="ID", help=ref)
    over.add_argument("--print", action="store_true", help=strings("cli.help.overview.print"))

    exp = add_command(commands, "export", common, strings, formats=", ".join(EXPORT_FORMATS))
    exp.add_argument("id", metavar="ID", help=ref)
    exp.add_argument("--format", choices=EXPORT_FORMATS, default="md", help=strings("cli.help.export.format"))
    exp.add_argument("-o", "--output", metavar=file_, help=strings("cli.help.output"))
    exp.add_argument("--force", action="store_true", help=strings("cli.help.force"))

    comp = add_command(commands, "compare", common, strings)
    comp.add_argument("ids", nargs="+", metavar="ID", help=strings("cli.help.compare.ids"))
    comp.add_argument("--format", choices=COMPARE_FORMATS, default="table", help=strings("cli.help.compare.format"))
    comp.add_argument("--names", action="store_true", help=strings("cli.help.compare.names"))
    comp.add_argument("-o", "--output", metavar=file_, help=strings("cli.help.output"))
    comp.add_argument("--force", action="store_true", help=strings("cli.help.force"))

    imp = add_command(commands, "import", common, strings)
    imp.add_argument("file", metavar=file_, help=strings("cli.help.import.file"))

    from tui.room.cli import add_room_commands, port_number

    web = add_command(commands, "serve", common, strings)
    web.add_argument("--host", default="127.0.0.1", help=strings("cli.help.serve.host"))
    web.add_argument(
        "--port",
        type=port_number(strings),
        default=8000,
        metavar=strings("cli.metavar.port"),
        help=strings("cli.help.serve.port"),
    )
    web.add_argument("--public-url", metavar="URL", help=strings("cli.help.serve.public_url"))

    add_room_commands(commands, common, strings)
    return parser


def language_asked(argv: Sequence[str]) -> str | None:
    """The language `--lang X` or `--lang=X` (or an abbreviation, as argparse allows) asks for, if a valid one."""
    for at, token in enumerate(argv):
        if token == "--":
            break
        name, equals, value = token.partition("=")
        if len(name) < 4 or not "--lang".startswith(name):
            continue
        if not equals:
            value = argv[at + 1] if at + 1 < len(argv) else ""
        if value in ("nl", "en"):
            return value
    return None


def asks_version(argv: Sequence[str]) -> bool:
    """`--version` before any command: answered before anything else is read, so it stays fast."""
    for token in argv:
        if token == "--" or token in COMMANDS:
            return False
        if token == "--version":
            return True
    return False


def say(text: str) -> None:
    """One line on stderr, safe for the terminal whatever file or key it names."""
    print(f"samenwerken: {safe_line(text)}", file=sys.stderr)


def say_unsafe_cache(args: argparse.Namespace | None, strings: Strings) -> None:
    """Say once that the cache folder is not used because others could change it (see `tui.kept`).

    Not in a participant's seat of a regional session, nor in a browser tab's app: the
    facilitator's folders are not theirs to see, and the serving process says it already.
    """
    from tui.kept import unsafe_folder

    if args is not None and getattr(args, "room_command", None) == "seat":
        return
    if os.environ.get("TEXTUAL_DRIVER", "").endswith("web_driver:WebDriver"):
        return
    folder = unsafe_folder()
    if folder is not None:
        say(strings("cli.cache_unsafe", folder=safe_line(str(folder))))


def not_found(error: SessionNotFound, strings: Strings) -> str:
    """A SessionNotFound (or RoomNotFound) in the chosen language.

    It carries a Reason when its raiser gave one; else its English message is matched
    against the ones the stores raise. An unknown one is shown as it is.
    """
    if error.reason is not None:
        return error.reason.text(strings)
    message = str(error)
    for pattern, key in _NOT_FOUND:
        found = pattern.fullmatch(message)
        if found:
            values = found.groupdict()
            if "ref" in values:
                values["ref"] = _unquote(values["ref"])
            return strings(key, **values)
    return message


_REPR = r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\""
"""A string's repr: what the stores put around the name typed."""
_NOT_FOUND = (
    (re.compile(r"no sessions in (?P<folder>.+)", re.DOTALL), "cli.not_found.none"),
    (re.compile(rf"no session (?P<ref>{_REPR}) in (?P<folder>.+)", re.DOTALL), "cli.not_found.session"),
    (
        re.compile(rf"(?P<ref>{_REPR}) matches more than one session: (?P<names>.+)", re.DOTALL),
        "cli.not_found.sessions",
    ),
    (re.compile(rf"no room (?P<ref>{_REPR}) in (?P<folder>.+)", re.DOTALL), "cli.not_found.room"),
    (re.compile(rf"(?P<ref>{_REPR}) matches more than one room: (?P<names>.+)", re.DOTALL), "cli.not_found.rooms"),
)
"""The English messages of tui/session/store.py and tui/room/store.py, and the key that words each."""


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
    try:
        from tui.i18n import strings_for

        settings, broken = read_settings(config_path())
        strings = strings_for(language_asked(argv) or settings.language or "nl")
        args = build_parser(strings).parse_args(argv)
        folder = sessions_dir(getattr(args, "sessions_dir", None))
        if broken is not None:
            say(broken.text(strings))
        say_unsafe_cache(args, strings)
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
    except SessionNotFound as error:
        say(not_found(error, strings) if strings else str(error))
        return EXIT_USAGE
    except UserFileError as error:
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
        from tui.i18n import strings_for

        log = write_crash_log(folder or sessions_dir(None), error)
        words = strings or strings_for("nl")
        say(words("cli.unexpected", kind=type(error).__name__, log=log or words("cli.no_log")))
        return EXIT_PROBLEM


def list_sessions(folder: Path, strings: Strings, as_json: bool) -> int:
    """Print the sessions with their progress; bad files go to stderr, one line each."""
    from tui.content import load_tool
    from tui.session import SessionStore
    from tui.session.listing import list_rows

    item_ids = [item.id for item in load_tool().items]
    rows, bad = list_rows(SessionStore(folder), item_ids)
    say_unsafe_cache(None, strings)  # the cache's own folder was fine, its folder of lists was not
    for problem in bad:
        say(f"{problem.path}: {problem.reason}")
    from tui.session.rescue import find_rescues

    for path in find_rescues(folder):
        say(strings("cli.rescue_copy", path=path))
    if as_json:
        print(terminal_json([row.as_json(len(item_ids)) for row in rows]))
    elif not rows:
        print(strings("cli.no_sessions", folder=safe_line(str(folder))))
    else:
        width = max(len(row.id) for row in rows)
        from datetime import datetime

        for row in rows:
            updated = local_time(datetime.fromisoformat(row.updated))  # as home shows it
            print(f"{row.id:<{width}}  {row.answered:>3}/{len(item_ids):<3}  {updated}  {safe_line(row.title)}")
    return 0


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
                say(strings("cli.no_section", section=args.section, known=known))
                return EXIT_USAGE
        start = Start("read", section=args.section or note.sections[0].id)
    elif command == "new" and not args.follows:
        start = Start("new", title=(args.title or "").strip() or None)
    elif command == "new" and args.follows:
        earlier = store.follow_up_source(args.follows)
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
        say(strings("cli.without_terminal", problem=strings(problem)))
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
        return deliver(data, args.format, args.output, args.force, folder, strings)
    text = export(build_report(load_tool(), stored.session, strings, earlier), args.format)
    return deliver(text, args.format, args.output, args.force, folder, strings)


def deliver(text: str | bytes, fmt: str, output: str | None, force: bool, folder: Path, strings: Strings) -> int:
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
            say(strings("cli.exists_use_force", path=target))
            return EXIT_PROBLEM
        answer = input(strings("cli.replace_ask", path=safe_line(str(target))) + " ").strip().casefold()
        if answer not in ("y", "yes", "j", "ja"):
            say(strings("cli.nothing_written"))
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
    from tui.compare_export import COMPARE_BINARY_FORMATS, compare_bytes, compare_export, compare_table
    from tui.content import load_tool
    from tui.session import SessionStore

    store = SessionStore(folder)
    sessions = [store.find(ref).session for ref in args.ids]
    if len(sessions) < 2:
        say(strings("cli.compare_needs_two"))
        return EXIT_USAGE
    comparison = build_comparison(load_tool(), sessions, strings, names=args.names)
    if args.format == "table" and not args.output and sys.stdout.isatty():
        sys.stdout.write(compare_table(comparison, width=shutil.get_terminal_size((80, 24)).columns))
        return 0
    if args.format in COMPARE_BINARY_FORMATS:  # bytes (xlsx): to a file or a pipe, never onto a terminal
        if not args.output and sys.stdout.isatty():
            say(strings("cli.binary_needs_file", fmt=args.format))
            return EXIT_USAGE
        return deliver(compare_bytes(comparison, args.format), args.format, args.output, args.force, folder, strings)
    return deliver(compare_export(comparison, args.format), args.format, args.output, args.force, folder, strings)


def import_session(args: argparse.Namespace, folder: Path, strings: Strings) -> int:
    """`import FILE`: copy a session file into the sessions folder; a rescue copy is moved in."""
    import os

    from tui.session import SessionStore
    from tui.session.rescue import is_rescue

    source = Path(args.file)
    if not os.path.lexists(source):
        say(f"{source}: {strings('oserror.ENOENT')}")
        return EXIT_USAGE
    store = SessionStore(folder)
    if is_rescue(source, folder):
        stored, replaced = store.restore(source)
        os.unlink(source)
        if replaced is not None:
            say(strings("cli.restored", path=replaced))
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
    from tui.net import is_loopback

    command = shlex.join([sys.executable, "-m", "tui", "--sessions-dir", str(folder), "--lang", strings.language])

    def lines(url: str) -> list[str]:
        said = [strings("web.open", url=url)]
        if not is_loopback(args.host):
            said.append(strings("web.no_tls"))
        return said

    return serve(
        command, args.host, args.port, "samenwerken", lines, public_url=args.public_url, language=strings.language
    )


TEXT_COMMANDS = {
    "overview-print": print_overview,
    "export": export_session,
    "compare": compare_sessions,
    "import": import_session,
    "serve": serve_in_browser,
}
