"""The note's sections are parsed once and kept (tui/content/blocks.py): a later start shows them without markdown-it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CONTENT
from tui.content import blocks, loader

ROOT = Path(__file__).resolve().parent.parent

START = """
import sys
from tui.content import load_note
from tui.content.blocks import section_pieces
note = load_note()
pieces = {s.id: section_pieces(note, s.id) for s in note.sections}
print("markdown_it" in sys.modules, sum(len(p) for p in pieces.values()))
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    return copy


def fresh_process() -> None:
    """What a new start knows: nothing remembered in memory."""
    loader.load_note.cache_clear()
    blocks._kept_sections.cache_clear()


def start(cache: Path) -> tuple[bool, int]:
    env = {**os.environ, "SAMENWERKEN_CACHE": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", START], cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=60
    )
    imported, count = done.stdout.split()
    return imported == "True", int(count)


def test_only_the_first_start_imports_markdown_it(cache: Path) -> None:
    imported, count = start(cache)
    assert imported and count > 100
    assert start(cache) == (False, count)
    assert [p.name.split("-")[0] for p in cache.iterdir() if p.name.startswith("sections-")] == ["sections"]


def test_kept_pieces_are_what_a_parse_gives(root: Path, cache: Path) -> None:
    fresh_process()
    note = loader.load_note(root)
    first = {s.id: blocks.section_pieces(note, s.id) for s in note.sections}
    fresh_process()
    note = loader.load_note(root)
    for section in note.sections:
        kept = blocks.section_pieces(note, section.id)
        assert kept == first[section.id] == blocks.parse(blocks.section_source(note, section.id))


def test_a_changed_section_is_parsed_again_and_replaces_the_kept_file(root: Path, cache: Path) -> None:
    fresh_process()
    note = loader.load_note(root)
    blocks.section_pieces(note, "vooraf")
    (root / "note" / "vooraf.md").write_text("Een *nieuwe* tekst.\n\n- een punt\n", encoding="utf-8")
    fresh_process()
    note = loader.load_note(root)
    pieces = blocks.section_pieces(note, "vooraf")
    words = [p for p in pieces if p.kind == "inline"]
    assert [w.text for w in words] == ["Vooraf", "Een nieuwe tekst.", "een punt"]
    assert [(s.start, s.end, s.style) for s in words[1].spans] == [(4, 10, "em")]
    assert len([p for p in cache.iterdir() if p.name.startswith("sections-")]) == 1


def test_a_broken_kept_file_is_parsed_again(root: Path, cache: Path) -> None:
    fresh_process()
    note = loader.load_note(root)
    first = blocks.section_pieces(note, "focus")
    (kept,) = [p for p in cache.iterdir() if p.name.startswith("sections-")]
    data = json.loads(kept.read_bytes())
    focus = json.loads(data["focus"])
    focus[0]["start"] = "not a number"
    data["focus"] = json.dumps(focus)
    data["vooraf"] = "[{"
    kept.write_text(json.dumps(data), encoding="utf-8")
    fresh_process()
    note = loader.load_note(root)
    assert blocks.section_pieces(note, "focus") == first
    assert blocks.section_pieces(note, "vooraf") == blocks.parse(blocks.section_source(note, "vooraf"))
    kept.write_text("{broken", encoding="utf-8")
    fresh_process()
    assert blocks.section_pieces(loader.load_note(root), "focus") == first
    assert json.loads(json.loads(kept.read_bytes())["focus"])[0]["start"] == first[0].start  # written anew
