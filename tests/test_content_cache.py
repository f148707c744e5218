"""Validated content is kept between runs (tui/content/cache.py): reused only for exactly the same files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import CONTENT
from tui.content import loader
from tui.errors import ContentError


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A private copy of content/ (the loaders remember each root for the process)."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    return copy


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SAMENWERKEN_CACHE", str(folder))
    return folder


def fresh_process() -> None:
    """What a new start of the app knows: nothing remembered in memory."""
    for load in (loader.load_note, loader.load_tool, loader.load_strings):
        load.cache_clear()


def never_validated(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> None:
        raise AssertionError("validated again")

    monkeypatch.setattr(loader, "validate", refuse)
    monkeypatch.setattr(loader, "_checked_strings", refuse)


def test_a_second_start_reads_the_kept_content_without_validating(
    root: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh_process()
    tool, note, strings = loader.load_tool(root), loader.load_note(root), loader.load_strings(root)
    assert sorted(p.name.split("-")[0] for p in cache.iterdir()) == ["note", "strings", "tool"]
    assert {p.stat().st_mode & 0o777 for p in cache.iterdir()} == {0o600}
    assert cache.stat().st_mode & 0o777 == 0o700

    fresh_process()
    never_validated(monkeypatch)
    assert loader.load_tool(root) == tool
    assert loader.load_note(root).index == note.index
    assert loader.load_strings(root) == strings
    assert loader.load_note(root).body(note.sections[0].id)  # bodies are still read from the files


def test_a_changed_file_is_validated_again_and_replaces_the_kept_one(root: Path, cache: Path) -> None:
    fresh_process()
    loader.load_tool(root)
    before = {p.name for p in cache.glob("tool-*")}
    (root / "tool.toml").write_text((root / "tool.toml").read_text() + "\n# edited by hand\n")

    fresh_process()
    loader.load_tool(root)
    after = {p.name for p in cache.glob("tool-*")}
    assert len(after) == 1 and after != before


def test_an_edit_that_breaks_the_content_is_reported_every_time(root: Path, cache: Path) -> None:
    fresh_process()
    loader.load_tool(root)
    text = (root / "tool.toml").read_text()
    (root / "tool.toml").write_text(text.replace("[[parts]]", "[[partz]]", 1))
    for _ in range(2):
        fresh_process()
        with pytest.raises(ContentError, match="tool.toml"):
            loader.load_tool(root)


@pytest.mark.parametrize("damage", ["garbage", "empty", "another kind"])
def test_a_damaged_cache_file_is_ignored_and_replaced(root: Path, cache: Path, damage: str) -> None:
    fresh_process()
    strings = loader.load_strings(root)
    loader.load_note(root)
    (kept,) = cache.glob("strings-*")
    if damage == "garbage":
        kept.write_bytes(b"\x80\x05not a pickle")
    elif damage == "empty":
        kept.write_bytes(b"")
    else:
        shutil.copy(next(cache.glob("note-*")), kept)  # a valid pickle of something else
    fresh_process()
    assert loader.load_strings(root) == strings
    assert kept.read_bytes() != b"" and loader.load_strings(root) == strings


def test_a_cache_folder_that_cannot_be_written_only_means_validating(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("SAMENWERKEN_CACHE", str(blocked / "cache"))
    fresh_process()
    assert loader.load_tool(root).parts
    monkeypatch.setenv("SAMENWERKEN_CACHE", "")  # no cache at all
    fresh_process()
    assert loader.load_tool(root).parts


@pytest.mark.parametrize("loosened", ["file", "folder"])
def test_a_kept_file_others_could_have_written_is_not_read(
    root: Path, cache: Path, monkeypatch: pytest.MonkeyPatch, loosened: str
) -> None:
    fresh_process()
    tool = loader.load_tool(root)
    (kept,) = cache.glob("tool-*")
    (kept if loosened == "file" else cache).chmod(0o666 if loosened == "file" else 0o777)
    validated: list[object] = []
    validate = loader.validate

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        validated.append(args[0])
        return validate(*args, **kwargs)

    monkeypatch.setattr(loader, "validate", counted)
    fresh_process()
    assert loader.load_tool(root) == tool
    assert loader.Tool in validated
