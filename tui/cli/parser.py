"""The parser: every command and option, in the chosen language, argparse's own words included.

The language is known before the parser is built (`--lang` in the arguments, else the
settings file, else Dutch), so the help, argparse's own words and every message come in
that language, all from content/strings.toml. Describing a command imports nothing it runs:
its choices are plain data (tui.cli.choices), its body is imported when it runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.cli.choices import COMPARE_FORMATS, EXPORT_FORMATS
from tui.session.settings import config_path

if TYPE_CHECKING:
    from tui.cli.arguments import Parser
    from tui.content.i18n import Strings

COMMANDS = ("read", "new", "resume", "walk", "list", "overview", "export", "compare", "import", "serve", "room")


def build_parser(strings: Strings | None = None) -> Parser:
    """The whole command line, every word in the language of `strings` (Dutch when not given)."""
    from tui.cli.arguments import Parser, VersionAction, add_command, common_options  # argparse: not at start

    if strings is None:
        from tui.content.i18n import strings_for

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

    from tui.cli.room_parser import add_plenary_command, add_room_commands, port_number

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
    add_plenary_command(commands, common, strings)
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
        if token == "--" or token in COMMANDS or token == "plenary":
            return False
        if token == "--version":
            return True
    return False
