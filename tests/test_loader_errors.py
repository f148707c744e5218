"""Broken content gives one ContentError naming the file, where in it, and what is wrong."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tui.content import load_note, load_strings, load_tool
from tui.core.errors import ContentError

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A private copy of content/ (a fresh path per test: the loaders cache by root)."""
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content", root)
    return root


def edit(path: Path, old: str, new: str, *, after: str = "") -> None:
    """Replace the first `old` (after the first `after`, if given) in a content file."""
    text = path.read_text(encoding="utf-8")
    start = text.index(after) if after else 0
    assert old in text[start:], f"{old!r} not in {path.name}"
    path.write_text(text[:start] + text[start:].replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def test_intact_copy_loads(content):
    assert len(load_note(content).sections) == 11
    assert len(load_tool(content).items) >= 40
    assert set(load_strings(content)) == {"nl", "en"}


# --------------------------------------------------------------------------- one wrong value, named

LOADERS: dict[str, Callable[[Path], object]] = {
    "note.toml": load_note,
    "tool.toml": load_tool,
    "strings.toml": load_strings,
}

WRONG_VALUES = [
    # file, text replaced (the first after `after`), its replacement, after, the line named (found by its text), words
    pytest.param(
        "note.toml", 'short = "Focus"', 'short = "Focus"\ntitel = "Focus"', "", "titel =",
        ["sections[1].titel", "unknown key", "did you mean 'title'"], id="note-unknown-key-suggests-the-known-one",
    ),
    pytest.param(
        "tool.toml", 'factor = "Gedeelde visie"', 'factr = "Gedeelde visie"', "", "factr =",
        ["factr", "did you mean 'factor'"], id="tool-unknown-key-suggests-the-known-one",
    ),
    pytest.param(
        "note.toml", 'short = "Focus"', "short = 5", "", "short = 5",
        ["sections[1].short", "valid string"], id="note-wrong-type",
    ),
    pytest.param(
        "tool.toml", "strength_at = 4", 'strength_at = "vier"', "", "strength_at =",
        ["scoring.strength_at", "integer"], id="tool-wrong-type",
    ),
    pytest.param(
        "note.toml", 'id = "focus"', 'id = "vooraf"', "", None,
        ["'vooraf'", "twice"], id="duplicate-section-id",
    ),
    pytest.param(
        "tool.toml", 'source = "belangen"', 'source = "nergens"', 'id = "belangen.spanning"', None,
        ["belangen.spanning", "'nergens'", "not a section"], id="item-source-that-is-no-section",
    ),
    pytest.param(
        "tool.toml", 'id = "helpt.benchmarks"', 'id = "helpt.urgentie"', "", None,
        ["'helpt.urgentie'", "twice"], id="duplicate-item-id",
    ),
    pytest.param(
        "tool.toml", 'suggestions = ["b"]', 'suggestions = ["z"]', 'id = "waarom.praktische-redenen"', None,
        ["waarom.praktische-redenen", "'z'", "suggestion"], id="suggestion-letter-that-does-not-exist",
    ),
    pytest.param(
        "strings.toml", '"key.search" =', '# "key.search" =', "\n[en]\n", None,
        ["en.key.search", "English"], id="strings-missing-english-key",
    ),
    pytest.param(
        "strings.toml", '"key.search" = "Search"', '"key.search" = 3', "\n[en]\n", None,
        ["en.key.search", "string"], id="strings-value-not-a-string",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("name", "old", "new", "after", "line", "said"), WRONG_VALUES)
def test_a_wrong_value_names_file_place_and_problem(content, name, old, new, after, line, said):
    path = content / name
    edit(path, old, new, after=after)
    with pytest.raises(ContentError) as caught:
        LOADERS[name](content)
    message = str(caught.value)
    assert str(path) in message
    if line is not None:
        assert f"line {line_of(path, line)}" in message
    for words in said:
        assert words in message


# --------------------------------------------------------------------------- note.toml


def test_invalid_toml_names_file_and_line(content):
    path = content / "note.toml"
    broken_line = line_of(path, 'short = "Focus"')
    edit(path, 'short = "Focus"', 'short = "Focus')  # unterminated string
    with pytest.raises(ContentError) as caught:
        load_note(content)
    message = str(caught.value)
    assert str(path) in message
    assert "not valid TOML" in message
    assert f"line {broken_line}" in message
    assert caught.value.path == str(path)


def test_misspelt_required_key_points_at_its_own_table(content):
    path = content / "note.toml"
    edit(path, 'short = "Focus"', 'shrot = "Focus"')
    with pytest.raises(ContentError) as caught:
        load_note(content)
    message = str(caught.value)
    assert "sections[1]" in message
    # the focus table spans the lines from its [[sections]] header to the next one
    start = line_of(path, 'id = "focus"') - 1
    end = line_of(path, 'id = "themas-en-vormen"') - 1
    reported = int(message.split(", line ")[1].split(")")[0])
    assert start <= reported < end


def test_missing_section_file(content):
    (content / "note" / "focus.md").unlink()
    with pytest.raises(ContentError) as caught:
        load_note(content)
    message = str(caught.value)
    assert str(content / "note.toml") in message
    assert "focus" in message
    assert "note/focus.md" in message
    assert "missing" in message


def test_missing_note_toml(content):
    (content / "note.toml").unlink()
    with pytest.raises(ContentError) as caught:
        load_note(content)
    assert str(content / "note.toml") in str(caught.value)
    assert "missing" in str(caught.value)


# --------------------------------------------------------------------------- markdown bodies


def test_non_utf8_markdown_fails_when_read(content):
    path = content / "note" / "kortom.md"
    path.write_bytes("Café en crème, niet in UTF-8.".encode("latin-1"))
    note = load_note(content)  # bodies are read lazily: loading the index still works
    assert note.body("vooraf").strip()
    with pytest.raises(ContentError) as caught:
        note.body("kortom")
    message = str(caught.value)
    assert str(path) in message
    assert "byte 3" in message
    assert "UTF-8" in message


def test_empty_markdown_fails_when_read(content):
    path = content / "note" / "colofon.md"
    path.write_text("  \n\n", encoding="utf-8")
    note = load_note(content)
    with pytest.raises(ContentError) as caught:
        note.body("colofon")
    assert str(path) in str(caught.value)
    assert "empty" in str(caught.value)


# --------------------------------------------------------------------------- the command line


def run_cli(*args: str, env_extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **env_extra}
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("name", "old", "new", "said"),
    [
        pytest.param("tool.toml", 'id = "helpt.benchmarks"', 'id = "helpt.urgentie"', "helpt.urgentie", id="broken"),
        pytest.param("note.toml", 'short = "Focus"', 'short = "Focus', "line", id="invalid-toml"),
    ],
)
def test_cli_list_with_broken_content(content, tmp_path, name, old, new, said):
    edit(content / name, old, new)
    result = run_cli(
        "list",
        env_extra={"SAMENWERKEN_CONTENT": str(content), "SAMENWERKEN_SESSIONS": str(tmp_path / "sessions")},
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(content / name) in lines[0]
    assert said in lines[0]
