"""The command lines that start the app, and `list`, read without argparse: argparse and its parser cost every start.

`samenwerken`, `new [TITLE] [--from ID]`, `read [SECTION]`, `resume [ID]`, `walk [ID] [--plain]`
and `list [--json]`, with `--sessions-dir`, `--lang` and `--no-mouse` anywhere, give exactly the
namespace argparse would give (a test compares the two over many command lines). Anything else (help, an
abbreviation, a repeated option, a value that starts with a dash, another command) is None:
argparse reads it, with its own words for every mistake. Importing argparse (and gettext) and
building the whole parser, every command's help included, was about 0.45 MB and some
milliseconds of every start (issue 24), and 15 ms of a `list --json` that takes 0.2 s (issue 14).
"""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    import argparse

_VALUED = {"--sessions-dir": "sessions_dir", "--lang": "lang"}
"""Options every command takes, with a value (argparse keeps them only when given)."""
_FLAGS = {"--no-mouse": "no_mouse"}

_COMMANDS: dict[str, tuple[str | None, dict[str, str], dict[str, str]]] = {
    "new": ("title", {"--from": "follows"}, {}),
    "read": ("section", {}, {}),
    "resume": ("id", {}, {}),
    "walk": ("id", {}, {"--plain": "plain"}),
    "list": (None, {}, {"--json": "json"}),
}
"""Each command read here: its one optional positional (None: it takes none), its options with a value, its flags."""

OPENS_APP = frozenset(("new", "read", "resume", "walk"))
"""The commands above that open the app (with no command at all); `list` only prints."""


def quick_parse(argv: Sequence[str]) -> argparse.Namespace | None:
    """What `build_parser(...).parse_args(argv)` gives for a plain start of the app or `list`; else None."""
    given: dict[str, object] = {}
    command: str | None = None
    positional: list[str] = []
    tokens = iter(argv)
    for token in tokens:
        if not token.startswith("-"):
            if command is None:
                if token not in _COMMANDS:
                    return None
                command = token
            else:
                positional.append(token)
            continue
        name, equals, value = token.partition("=")
        valued = _VALUED | (_COMMANDS[command][1] if command else {})
        flags = _FLAGS | (_COMMANDS[command][2] if command else {})
        if name in valued:
            if not equals:
                value = next(tokens, "-")  # a missing value: argparse says so
                if value.startswith("-"):
                    return None
            dest = valued[name]
            if dest in given or (dest == "lang" and value not in ("nl", "en")):
                return None
            given[dest] = value
        elif name in flags and not equals and flags[name] not in given:
            given[flags[name]] = True
        else:
            return None
    if command is None:
        return None if positional else cast("argparse.Namespace", SimpleNamespace(command=None, **given))
    kept_as, valued, flags = _COMMANDS[command]
    if len(positional) > (0 if kept_as is None else 1):
        return None
    values: dict[str, object] = {"command": command}
    if kept_as is not None:
        values[kept_as] = positional[0] if positional else None
    values |= {dest: None for dest in valued.values()} | {dest: False for dest in flags.values()} | given
    return cast("argparse.Namespace", SimpleNamespace(**values))
