"""Errors carry a Reason from where they arise: every file error of the stores and the room reads Dutch."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers.cli import run_main
from tui.content.i18n import strings_for

ROOT = Path(__file__).resolve().parent.parent
FILE_ERRORS = {"UserFileError", "SessionFileError", "UnsafePath", "ChangedOnDisk", "NotDelivered", "ExportExists"}
DOMAIN = ["tui/core", "tui/session", "tui/room", "tui/views", "tui/render"]
ENGLISH = ("Expected", "line", "invalid", "column", "cannot", " the ", "not ", "file is", "Field required", "Input")


def raise_sites() -> list[tuple[str, int, ast.Call]]:
    """Every `raise FileError(path, where, problem)` below the app."""
    sites = []
    for folder in DOMAIN:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                    name = node.exc.func
                    if isinstance(name, ast.Name) and name.id in FILE_ERRORS:
                        sites.append((str(path.relative_to(ROOT)), node.lineno, node.exc))
    return sites


def test_every_file_error_below_the_app_is_raised_with_a_reason() -> None:
    sites = raise_sites()
    assert len(sites) > 30  # the walk finds them
    worded = [
        f"{path}:{line}"
        for path, line, call in sites
        if len(call.args) >= 3 and isinstance(call.args[2], ast.Constant | ast.JoinedStr)
    ]
    assert worded == []


def test_every_file_reason_has_its_own_dutch() -> None:
    dutch, english = strings_for("nl"), strings_for("en")
    keys = [key for key in dutch.table if key.startswith("file.") and key not in ("file.line", "file.where")]
    same = [key for key in keys if "{" not in dutch(key) and dutch(key) == english(key)]
    assert same == []


SESSION = 'schema_version = 3\nid = "x"\ntitle = "T"\ncreated = 2024-01-01T10:00:00Z\nupdated = 2024-01-01T10:00:00Z\n'


@pytest.mark.parametrize(
    ("content", "dutch"),
    [
        (b"", "het bestand is leeg"),
        (b"\x00\x01", "geen tekstbestand"),
        (b"\xff\xfe = 1", "geen geldige UTF-8-tekst"),
        (b"a = = 1\n", "kan niet gelezen worden: regel 1, kolom 5 is geen geldige TOML"),
        (b"a = 1\n", "schema_version ontbreekt"),
        (b"schema_version = 99\n", "geschreven door een nieuwere samenwerken"),
        (SESSION.replace("schema_version = 3", "schema_version = -1").encode(), "formaat -1 is onbekend"),
        (SESSION.replace('title = "T"\n', "").encode(), "(title) ontbreekt"),
        (SESSION.replace('title = "T"', "title = 3").encode(), "(title) klopt niet"),
        (SESSION.encode() + b"onbekend = 1\n", "onbekende sleutel"),
        (b"a = " + b"[" * 2000 + b"]" * 2000, "te diep genest"),
    ],
)
def test_the_cli_says_what_is_wrong_with_a_session_file_in_dutch(
    capsys, tmp_path: Path, content: bytes, dutch: str
) -> None:
    source = tmp_path / "kapot.toml"
    source.write_bytes(content)
    ran = run_main(capsys, "--sessions-dir", str(tmp_path / "s"), "--lang", "nl", "import", str(source))
    assert ran.code == 2
    assert dutch in ran.err
    said = ran.err.replace(str(source), "")
    if "klopt niet" not in said:  # pydantic's own words only as a quoted detail
        assert not [word for word in ENGLISH if word in said], ran.err


@pytest.mark.parametrize(
    ("kind", "dutch"),
    [("folder", "een map, geen reflectiebestand"), ("dead", "een link die nergens heen gaat"), ("fifo", "geen gewoon")],
)
def test_the_cli_says_what_a_path_is_in_dutch(capsys, tmp_path: Path, kind: str, dutch: str) -> None:
    import os

    source = tmp_path / "vreemd.toml"
    if kind == "folder":
        source.mkdir()
    elif kind == "dead":
        source.symlink_to(tmp_path / "weg.toml")
    else:
        os.mkfifo(source)
    ran = run_main(capsys, "--sessions-dir", str(tmp_path / "s"), "--lang", "nl", "import", str(source))
    assert ran.code == 2
    assert dutch in ran.err
    assert not [word for word in ENGLISH if word in ran.err.replace(str(source), "")], ran.err


@pytest.mark.parametrize(
    ("content", "dutch"),
    [
        ("not = [toml\nb = 1", "kan niet gelezen worden: regel 1, kolom 8 is geen geldige TOML"),
        ("schema_version = 99\n", "(schema_version) geschreven door een nieuwere samenwerken (formaat 99)"),
        (None, "hier is geen bestand van een regiosessie"),
    ],
)
def test_a_broken_room_file_is_said_in_dutch(tmp_path: Path, content: str | None, dutch: str) -> None:
    from tests.helpers.room import make_room
    from tui.core.errors import SessionFileError
    from tui.room.store import read_room

    room, _ = make_room(tmp_path)
    if content is None:
        room.room_file.unlink()
    else:
        room.room_file.write_text(content, "utf-8")
    with pytest.raises(SessionFileError) as caught:
        read_room(room.room_file)
    assert caught.value.text(strings_for("nl")) == f"{room.room_file}: {dutch}"


def test_open_elsewhere_is_dutch() -> None:
    from tui.core.errors import OpenElsewhere

    error = OpenElsewhere("/s/a.toml", "pid 7 op laptop")
    assert (
        error.text(strings_for("nl")) == "/s/a.toml: open in een ander venster (pid 7 op laptop); sluit het daar eerst"
    )
    assert str(error) == "/s/a.toml: open in another window (pid 7 op laptop); close it there first"
