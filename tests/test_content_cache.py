"""Validated content is kept between runs (tui/content/cache.py): reused only for exactly the same files."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CONTENT
from tui.content import loader, schema
from tui.core.errors import ContentError


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A private copy of content/ (the loaders remember each root for the process)."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    return copy


def fresh_process() -> None:
    """What a new start of the app knows: nothing remembered in memory."""
    for load in (loader.load_note, loader.load_tool, loader.load_language):
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
    assert sorted(p.name.split("-")[0] for p in cache.iterdir()) == ["note", "strings_en", "strings_nl", "tool"]
    assert all(p.suffix == ".json" and json.loads(p.read_bytes()) for p in cache.iterdir())
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


def damaged(kept: Path, damage: str, cache: Path) -> None:
    """Spoil a kept file the way a crash, a hand edit, another version or an attacker would."""
    good = kept.read_bytes()
    if damage == "garbage":
        kept.write_bytes(b"\x80\x05not JSON")
    elif damage == "empty":
        kept.write_bytes(b"")
    elif damage == "cut short":
        kept.write_bytes(good[: len(good) // 2])
    elif damage == "a pickle":
        kept.write_bytes(pickle.dumps({"nl": {}, "en": {}}))
    elif damage == "another kind":
        shutil.copy(next(cache.glob("note-*")), kept)  # valid JSON of something else
    elif damage == "a FIFO":
        kept.unlink()
        os.mkfifo(kept, 0o600)
    else:
        raise AssertionError(damage)


@pytest.mark.parametrize("damage", ["garbage", "empty", "cut short", "a pickle", "another kind", "a FIFO"])
def test_a_damaged_cache_file_is_ignored_and_replaced(root: Path, cache: Path, damage: str) -> None:
    fresh_process()
    strings = loader.load_language("nl", root)
    loader.load_note(root)
    (kept,) = cache.glob("strings_nl-*")
    damaged(kept, damage, cache)
    fresh_process()
    assert loader.load_language("nl", root) == strings
    assert kept.is_file() and json.loads(kept.read_bytes()) == strings
    fresh_process()
    assert loader.load_language("nl", root) == strings


def spoiled_tool(document: dict[str, Any], how: str) -> None:
    item = document["parts"][1]["items"][0]
    if how == "a number for a text":
        item["text"] = 3
    elif how == "a boolean for a number":
        document["version"] = True
    elif how == "an unknown field":
        item["run"] = "rm -rf ~"
    elif how == "a missing field":
        del item["explain"]
    elif how == "a word outside its choices":
        item["direction"] = "sideways"
    elif how == "a list for a model":
        document["scale"] = []
    elif how == "a text in a list of words":
        item["suggestions"] = "a"
    else:
        raise AssertionError(how)


@pytest.mark.parametrize(
    "how",
    [
        "a number for a text",
        "a boolean for a number",
        "an unknown field",
        "a missing field",
        "a word outside its choices",
        "a list for a model",
        "a text in a list of words",
    ],
)
def test_a_kept_tool_of_another_shape_is_validated_again(
    root: Path, cache: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """Kept data is built into models without validating, but every value must have its field's type."""
    fresh_process()
    tool = loader.load_tool(root)
    (kept,) = cache.glob("tool-*")
    document = json.loads(kept.read_bytes())
    spoiled_tool(document, how)
    kept.write_text(json.dumps(document))
    validated = counted_validation(monkeypatch)
    fresh_process()
    assert loader.load_tool(root) == tool
    assert schema.Tool in validated
    assert json.loads(kept.read_bytes()) == tool.model_dump(mode="json")


def test_what_an_earlier_version_kept_is_removed(root: Path, cache: Path) -> None:
    """Kept files of earlier versions, pickles among them, go when the current one is written."""
    cache.mkdir(mode=0o700)
    for old in ("tool-0000000000000000000000000000000000000000.pickle", "tool-1111.json", "strings-2222.pickle"):
        (cache / old).write_bytes(b"old")
    fresh_process()
    loader.load_tool(root)
    loader.load_strings(root)
    assert sorted(p.suffix for p in cache.iterdir()) == [".json"] * 4


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


def counted_validation(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The models validated from now on."""
    validated: list[object] = []
    validate = loader.validate

    def counted(*args, **kwargs):
        validated.append(args[0])
        return validate(*args, **kwargs)

    monkeypatch.setattr(loader, "validate", counted)
    return validated


@pytest.mark.parametrize("loosened", ["file", "folder", "parent"])
def test_a_kept_file_others_could_have_written_is_not_read(
    root: Path, cache: Path, monkeypatch: pytest.MonkeyPatch, loosened: str
) -> None:
    fresh_process()
    tool = loader.load_tool(root)
    (kept,) = cache.glob("tool-*")
    before = kept.read_bytes()
    {"file": kept, "folder": cache, "parent": cache.parent}[loosened].chmod(0o666 if loosened == "file" else 0o775)
    validated = counted_validation(monkeypatch)
    fresh_process()
    assert loader.load_tool(root) == tool
    assert schema.Tool in validated
    if loosened != "file":
        assert kept.read_bytes() == before  # nothing written in a folder others could change
