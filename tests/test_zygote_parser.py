"""A forked seat parses its command line with the parser its warm parent made (tui/cli/zygote.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

import tui.cli.parser
from tui.cli import main as cli_main
from tui.cli import zygote
from tui.content.i18n import strings_for


def test_a_seat_parses_with_the_parents_parser_and_builds_none(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    strings = strings_for("nl")
    made = tui.cli.parser.build_parser(strings)
    built: list[object] = []
    original = tui.cli.parser.build_parser

    def counting(given: object = None) -> object:
        built.append(given)
        return original(given)  # type: ignore[arg-type]  # the same call, counted

    monkeypatch.setattr(tui.cli.parser, "build_parser", counting)
    monkeypatch.setattr(zygote, "_PARSER", [(made, "nl")])
    zygote.use_made_parser()
    argv = ["--lang", "nl", "room", "seat", str(tmp_path), "A", "--ssh-host", "127.0.0.1", "--ssh-port", "2222"]
    args = cli_main._parsed(argv, strings)  # what `main` does with a seat's argv
    assert (args.command, args.ssh_port) == ("room", 2222)
    assert built == []  # the seat built no parser of its own
    cli_main._parsed(["--lang", "en", "room", "seat", str(tmp_path), "A"], strings_for("en"))
    assert len(built) == 1  # another language than the room's: built as before
