"""Broken content gives one ContentError naming the file, where in it, and what is wrong."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui.content import load_note, load_strings, load_tool
from tui.errors import ContentError

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


def test_unknown_key_suggests_the_known_one(content):
    path = content / "note.toml"
    edit(path, 'short = "Focus"', 'short = "Focus"\ntitel = "Focus"')
    with pytest.raises(ContentError) as caught:
        load_note(content)
    message = str(caught.value)
    assert str(path) in message
    assert "sections[1].titel" in message
    assert f"line {line_of(path, 'titel =')}" in message
    assert "unknown key" in message
    assert "did you mean 'title'" in message


def test_unknown_key_in_tool_suggests_the_known_one(content):
    path = content / "tool.toml"
    edit(path, 'factor = "Gedeelde visie"', 'factr = "Gedeelde visie"')
    with pytest.raises(ContentError) as caught:
        load_tool(content)
    message = str(caught.value)
    assert str(path) in message
    assert "factr" in message
    assert f"line {line_of(path, 'factr =')}" in message
    assert "did you mean 'factor'" in message


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


def test_wrong_type_names_field_and_line(content):
    path = content / "note.toml"
    edit(path, 'short = "Focus"', "short = 5")
    with pytest.raises(ContentError) as caught:
        load_note(content)
    message = str(caught.value)
    assert str(path) in message
    assert "sections[1].short" in message
    assert f"line {line_of(path, 'short = 5')}" in message
    assert "valid string" in message


def test_wrong_type_in_tool(content):
    path = content / "tool.toml"
    edit(path, "strength_at = 4", 'strength_at = "vier"')
    with pytest.raises(ContentError) as caught:
        load_tool(content)
    message = str(caught.value)
    assert str(path) in message
    assert "scoring.strength_at" in message
    assert f"line {line_of(path, 'strength_at =')}" in message
    assert "integer" in message


def test_missing_section_file(content):
    (content / "note" / "focus.md").unlink()
    with pytest.raises(ContentError) as caught:
        load_note(content)
    message = str(caught.value)
    assert str(content / "note.toml") in message
    assert "focus" in message
    assert "note/focus.md" in message
    assert "missing" in message


def test_duplicate_section_id(content):
    path = content / "note.toml"
    edit(path, 'id = "focus"', 'id = "vooraf"')
    with pytest.raises(ContentError) as caught:
        load_note(content)
    message = str(caught.value)
    assert str(path) in message
    assert "'vooraf'" in message
    assert "twice" in message


def test_missing_note_toml(content):
    (content / "note.toml").unlink()
    with pytest.raises(ContentError) as caught:
        load_note(content)
    assert str(content / "note.toml") in str(caught.value)
    assert "missing" in str(caught.value)


# --------------------------------------------------------------------------- tool.toml


def test_item_source_that_is_no_section(content):
    path = content / "tool.toml"
    edit(path, 'source = "belangen"', 'source = "nergens"', after='id = "belangen.spanning"')
    with pytest.raises(ContentError) as caught:
        load_tool(content)
    message = str(caught.value)
    assert str(path) in message
    assert "belangen.spanning" in message
    assert "'nergens'" in message
    assert "not a section" in message


def test_duplicate_item_id(content):
    path = content / "tool.toml"
    edit(path, 'id = "helpt.benchmarks"', 'id = "helpt.urgentie"')
    with pytest.raises(ContentError) as caught:
        load_tool(content)
    message = str(caught.value)
    assert str(path) in message
    assert "'helpt.urgentie'" in message
    assert "twice" in message


def test_suggestion_letter_that_does_not_exist(content):
    path = content / "tool.toml"
    edit(path, 'suggestions = ["b"]', 'suggestions = ["z"]', after='id = "waarom.praktische-redenen"')
    with pytest.raises(ContentError) as caught:
        load_tool(content)
    message = str(caught.value)
    assert str(path) in message
    assert "waarom.praktische-redenen" in message
    assert "'z'" in message
    assert "suggestion" in message


# --------------------------------------------------------------------------- strings.toml


def test_strings_missing_english_key(content):
    path = content / "strings.toml"
    edit(path, '"key.search" =', '# "key.search" =', after="\n[en]\n")
    with pytest.raises(ContentError) as caught:
        load_strings(content)
    message = str(caught.value)
    assert str(path) in message
    assert "en.key.search" in message
    assert "English" in message


def test_strings_value_not_a_string(content):
    path = content / "strings.toml"
    edit(path, '"key.search" = "Search"', '"key.search" = 3', after="\n[en]\n")
    with pytest.raises(ContentError) as caught:
        load_strings(content)
    assert "en.key.search" in str(caught.value)
    assert "string" in str(caught.value)


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


def test_cli_list_with_broken_content(content, tmp_path):
    edit(content / "tool.toml", 'id = "helpt.benchmarks"', 'id = "helpt.urgentie"')
    result = run_cli(
        "list",
        env_extra={"SAMENWERKEN_CONTENT": str(content), "SAMENWERKEN_SESSIONS": str(tmp_path / "sessions")},
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(content / "tool.toml") in lines[0]
    assert "helpt.urgentie" in lines[0]


def test_cli_list_with_invalid_toml(content, tmp_path):
    edit(content / "note.toml", 'short = "Focus"', 'short = "Focus')
    result = run_cli(
        "list",
        env_extra={"SAMENWERKEN_CONTENT": str(content), "SAMENWERKEN_SESSIONS": str(tmp_path / "sessions")},
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(content / "note.toml") in lines[0]
    assert "line" in lines[0]
