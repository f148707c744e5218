"""A plain start of the app is read without argparse, into exactly what argparse would have given (issue 24)."""

from __future__ import annotations

import contextlib
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.cli.parser import build_parser
from tui.cli.quick_args import quick_parse
from tui.content.i18n import strings_for

PARSER = build_parser(strings_for("nl"))

TOKENS = st.sampled_from(
    ["new", "read", "resume", "walk", "list", "export", "room", "Titel", "vooraf", "", "a b", "-1", "-x y", "--",
     "--sessions-dir", "--sessions-dir=d", "--sessions", "--lang", "--lang=en", "--lang=fr", "nl", "en", "fr",
     "--no-mouse", "--no-mouse=1", "--from", "--from=x", "--plain", "--plain=1", "-h", "--help", "--version",
     "--json", "-o", "=", "--=x"]
)  # fmt: skip


def argparse_reading(argv: list[str]) -> dict[str, object] | None:
    """What argparse makes of `argv`, or None where it refuses it (or prints help and stops)."""
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        try:
            return vars(PARSER.parse_args(argv))
        except SystemExit:
            return None


@settings(max_examples=1500, deadline=None)
@given(st.lists(TOKENS, max_size=6))
def test_a_quick_reading_is_argparses_reading(argv: list[str]) -> None:
    quick = quick_parse(argv)
    if quick is not None:
        assert vars(quick) == argparse_reading(argv), argv


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["new"],
        ["new", "Bench"],
        ["--sessions-dir", "/tmp/x", "new", "Bench"],
        ["new", "Tweede", "--from", "eerste", "--lang", "en"],
        ["--lang=en", "read", "vooraf"],
        ["walk", "--plain", "--no-mouse"],
        ["resume", "abc"],
        ["list"],
        ["--sessions-dir", "/tmp/x", "list", "--json"],
        ["list", "--no-mouse", "--lang=en"],
    ],
)
def test_every_plain_start_is_read_quickly(argv: list[str]) -> None:
    quick = quick_parse(argv)
    assert quick is not None and vars(quick) == argparse_reading(argv)


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["new", "-h"],
        ["list", "x"],
        ["list", "--json", "--json"],
        ["list", "--js"],
        ["export", "x"],
        ["new", "a", "b"],
        ["--lang", "fr"],
        ["--sess", "x"],
        ["new", "--"],
    ],
)
def test_anything_else_is_left_to_argparse(argv: list[str]) -> None:
    assert quick_parse(argv) is None
