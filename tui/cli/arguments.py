"""argparse in the chosen language: the help's layout, argparse's own messages translated, bad usage as one line."""

from __future__ import annotations

import argparse
import ast
import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING, Any, NoReturn

import tui

if TYPE_CHECKING:
    from tui.content.i18n import Strings
from tui.cli.output import EXIT_USAGE, say

COMMANDS = ("read", "new", "resume", "walk", "list", "overview", "export", "compare", "import", "serve", "room")


class VersionAction(argparse.Action):
    """Print the version; read only when asked, so every other start stays fast."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        print(f"samenwerken {tui.__version__}")
        parser.exit()


class HelpFormatter(argparse.HelpFormatter):
    """Wraps the description and epilog without breaking a path at its hyphens; says "usage:" in its language.

    A line of the text that starts with spaces (an example command) is kept as it is.
    """

    usage_prefix = "usage: "

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
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
    from tui.content.i18n import strings_for

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
