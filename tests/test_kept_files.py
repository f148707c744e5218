"""No file the app keeps can run code, and none is read through a link or from a folder others can change (tui/core/kept.py)."""

from __future__ import annotations

import argparse
import ast
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CONTENT
from tests.helpers.cli import ROOT, Ran, run_process
from tests.helpers.terminal import PtyApp, wait_for
from tui.content import loader
from tui.session import SessionStore

TITLE = "Regio Kept"
UNSAFE = {"nl": "Cache niet gebruikt", "en": "cache not used"}


class Planted:
    """A pickle that makes `marker` (a folder) when it is unpickled: what an attacker would put in the cache."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.mkdir, (str(self.marker),)


def fresh_process() -> None:
    for load in (loader.load_note, loader.load_tool, loader.load_language):
        load.cache_clear()


@pytest.fixture
def sessions(tmp_path: Path) -> Path:
    store = SessionStore(tmp_path / "sessions")
    store.create(TITLE)
    return store.root


def listed(sessions: Path, cache: Path, *extra: str) -> Ran:
    """`samenwerken list` as a real process, with `cache` as its cache folder."""
    return run_process("--sessions-dir", str(sessions), *extra, "list", env={"SAMENWERKEN_CACHE": str(cache)})


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` and its bytes (folders as empty names ending in /)."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)) + ("/" if p.is_dir() else ""): b"" if p.is_dir() else p.read_bytes()
        for p in sorted(folder.rglob("*"))
    }


# A link in place of a kept file or folder


def test_a_link_in_place_of_a_kept_file_is_not_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("SAMENWERKEN_CACHE", str(cache))
    fresh_process()
    tool = loader.load_tool(CONTENT)
    (kept,) = cache.glob("tool-*.json")
    lure = tmp_path / "elsewhere" / "tool.json"  # the user's own file, which a link would make the app read
    lure.parent.mkdir()
    document = json.loads(kept.read_bytes())
    document["parts"][0]["title"] = "Taken over"
    lure.write_text(json.dumps(document))
    kept.unlink()
    kept.symlink_to(lure)

    fresh_process()
    again = loader.load_tool(CONTENT)
    assert again == tool and again.parts[0].title != "Taken over"
    assert not kept.is_symlink() and json.loads(kept.read_bytes())["parts"][0]["title"] == tool.parts[0].title
    assert json.loads(lure.read_bytes())["parts"][0]["title"] == "Taken over"  # written next to, never through


def test_a_link_in_place_of_the_folder_of_lists_is_not_followed(tmp_path: Path, sessions: Path) -> None:
    cache = tmp_path / "cache"
    assert listed(sessions, cache).code == 0
    (cache / "folders").rename(tmp_path / "moved")
    target = tmp_path / "target"
    target.mkdir(mode=0o700)
    (cache / "folders").symlink_to(target)

    ran = listed(sessions, cache)
    assert ran.code == 0 and TITLE in ran.out and ran.err == ""
    assert tree(target) == {}  # nothing written through the link
    assert (cache / "folders").is_symlink()


# A folder others could change: no cache, said once


def loosen(tmp_path: Path, cache: Path, how: str) -> Path:
    """Make the cache folder (or the one above it) changeable by others; the folder to be named."""
    parent = cache.parent
    parent.mkdir(parents=True, exist_ok=True)
    if how == "cache folder group-writable":
        cache.mkdir(mode=0o700)
        cache.chmod(0o770)
        return cache
    if how == "parent group-writable":
        parent.chmod(0o775)
        return parent
    if how == "parent writable by all, no sticky bit":
        parent.chmod(0o777)
        return parent
    if how == "grandparent group-writable":
        parent.parent.chmod(0o770)
        return parent.parent
    if how == "parent owned by another user":
        if os.geteuid() != 0:
            pytest.skip("only root can give a folder to another user")
        os.chown(parent, 65534, 65534)
        parent.chmod(0o755)
        return parent
    raise AssertionError(how)


@pytest.mark.parametrize(
    "how",
    [
        "cache folder group-writable",
        "parent group-writable",
        "parent writable by all, no sticky bit",
        "grandparent group-writable",
        "parent owned by another user",
    ],
)
def test_a_folder_others_could_change_means_no_cache_said_once(tmp_path: Path, sessions: Path, how: str) -> None:
    cache = tmp_path / "shared" / "below" / "cache"
    (tmp_path / "shared" / "below").mkdir(parents=True)
    named = loosen(tmp_path, cache, how)
    before = tree(tmp_path / "shared")
    for language in ("nl", "en"):
        ran = listed(sessions, cache, "--lang", language)
        assert ran.code == 0 and TITLE in ran.out
        lines = ran.err.splitlines()
        assert len(lines) == 1, ran.err
        assert lines[0].startswith(f"samenwerken: {UNSAFE[language]}") and str(named) in lines[0]
    json_rows = run_process("--sessions-dir", str(sessions), "list", "--json", env={"SAMENWERKEN_CACHE": str(cache)})
    assert [row["title"] for row in json.loads(json_rows.out)] == [TITLE]
    assert tree(tmp_path / "shared") == before  # nothing written there, not even the cache folder


def test_a_sticky_folder_writable_by_all_above_our_own_is_used(tmp_path: Path, sessions: Path) -> None:
    """As /tmp: only an entry's owner may rename it, so our own folder under it cannot be swapped."""
    shared = tmp_path / "sticky"
    shared.mkdir()
    shared.chmod(0o1777)
    cache = shared / "cache"
    first, second = listed(sessions, cache), listed(sessions, cache)
    assert (first.err, second.err) == ("", "") and first.out == second.out and TITLE in first.out
    assert sorted(p.name.split("-")[0] for p in cache.glob("*.json")) == ["note", "strings_nl", "tool"]
    assert len(list((cache / "folders").glob("*.json"))) == 1


# Nothing kept is unpickled


def plant(cache: Path, marker: Path) -> list[Path]:
    """Replace every kept file with a pickle that makes `marker`, and add one under a pickle's name."""
    payload = pickle.dumps(Planted(marker))
    planted = [p for p in cache.rglob("*") if p.is_file()]
    planted.append(cache / "tool-0123456789012345678901234567890123456789.pickle")
    for path in planted:
        path.write_bytes(payload)
    return planted


def test_a_pickle_planted_in_the_cache_is_never_loaded_by_list(tmp_path: Path, sessions: Path) -> None:
    cache = tmp_path / "cache"
    first = listed(sessions, cache)
    marker = tmp_path / "ran"
    planted = plant(cache, marker)
    pickle.loads(planted[0].read_bytes())  # the payload works: unpickling it makes the marker
    assert marker.is_dir()
    marker.rmdir()

    again = listed(sessions, cache)
    assert (again.code, again.out, again.err) == (first.code, first.out, first.err)
    assert not marker.exists()
    for path in planted:  # each was read as broken JSON and made again (the pickle-named one removed)
        assert not path.exists() or json.loads(path.read_bytes())
    assert not planted[-1].exists()


@pytest.mark.slow
def test_a_pickle_planted_in_the_cache_is_never_loaded_by_the_app(tmp_path: Path, sessions: Path) -> None:
    cache = tmp_path / "cache"
    listed(sessions, cache)
    marker = tmp_path / "ran"
    plant(cache, marker)
    app = PtyApp(["--sessions-dir", str(sessions)], env={"SAMENWERKEN_CACHE": str(cache)})
    try:
        assert wait_for(lambda: TITLE.encode() in app.output, 20), bytes(app.output[-500:])
        app.send("\x11")  # ctrl+q
        assert app.wait(15) == 0
    finally:
        app.close()
    assert not marker.exists()
    assert sorted(p.name.split("-")[0] for p in cache.glob("*.json")) == ["note", "strings_nl", "tool"]
    assert all(json.loads(p.read_bytes()) for p in cache.glob("*.json"))


# A broken JSON file is ignored and replaced


@pytest.mark.parametrize("damage", ["cut short", "not JSON", "nested beyond reason", "another shape"])
def test_a_broken_list_file_is_ignored_and_replaced(tmp_path: Path, sessions: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    first = listed(sessions, cache)
    (kept,) = (cache / "folders").glob("*.json")
    good = kept.read_bytes()
    broken = {
        "cut short": good[: len(good) // 2],
        "not JSON": b"\x80\x04not json at all",
        "nested beyond reason": b"[" * 100_000 + b"]" * 100_000,
        "another shape": json.dumps({"format": 1, "items": "x", "files": []}).encode(),
    }[damage]
    kept.write_bytes(broken)
    again = listed(sessions, cache)
    assert (again.code, again.out, again.err) == (first.code, first.out, first.err)
    assert json.loads(kept.read_bytes())["names"]


# The content read back is the content validated


def test_the_kept_content_reads_back_equal_to_the_validated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real content, both languages: validated and kept by one start, read back by the next."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("SAMENWERKEN_CACHE", str(cache))
    fresh_process()
    tool, note, strings = loader.load_tool(CONTENT), loader.load_note(CONTENT), loader.load_strings(CONTENT)
    assert sorted(p.name.split("-")[0] for p in cache.glob("*.json")) == ["note", "strings_en", "strings_nl", "tool"]

    fresh_process()
    monkeypatch.setattr(loader, "validate", None)  # any validation would fail loudly
    again, note_again, strings_again = (
        loader.load_tool(CONTENT),
        loader.load_note(CONTENT),
        loader.load_strings(CONTENT),
    )
    assert again == tool and note_again.index == note.index and strings_again == strings
    assert again.model_dump() == tool.model_dump() and note_again.index.model_dump() == note.index.model_dump()
    assert set(strings_again) == {"nl", "en"} and strings_again["en"] == strings["en"]
    for part, part_again in zip(tool.parts, again.parts, strict=True):
        for item, item_again in zip(part.items, part_again.items, strict=True):
            for lang in ("nl", "en"):
                assert item_again.loc("text", lang) == item.loc("text", lang)
                assert part_again.anchor(item_again, "low", lang) == part.anchor(item, "low", lang)
                assert item_again.wording_at(1, lang) == item.wording_at(1, lang)
    assert [s.heading for s in note_again.sections] == [s.heading for s in note.sections]


def named(annotation: object) -> str:
    """A type as text, the module of a class left out (a plain class and its validator share the name)."""
    text = repr(annotation)
    for module in ("tui.content.schema.", "tui.content.note.", "tui.content.tool."):
        text = text.replace(module, "")
    return text


def test_the_plain_classes_have_exactly_the_validators_fields() -> None:
    """Each plain class of the content holds what its validator of the same name checked, field for field."""
    import dataclasses
    import typing

    from tui.content import note, schema, tool

    plain = {
        c.__name__: c
        for m in (note, tool)
        for c in vars(m).values()
        if isinstance(c, type) and dataclasses.is_dataclass(c)
    }
    validators = [c for c in vars(schema).values() if isinstance(c, type) and issubclass(c, schema.ContentModel)]
    validators = [c for c in validators if c is not schema.ContentModel]
    assert {c.__name__ for c in validators} == set(plain) - {"SearchHit", "Note"}
    for validator in validators:
        kind = plain[validator.__name__]
        hints = typing.get_type_hints(kind)
        fields = {f.name: named(hints[f.name]) for f in dataclasses.fields(kind)}
        assert fields == {name: named(info.annotation) for name, info in validator.model_fields.items()}, kind
        for f in dataclasses.fields(kind):
            info = validator.model_fields[f.name]
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            assert required == info.is_required(), (kind, f.name)
            if not required:
                default = f.default if f.default_factory is dataclasses.MISSING else f.default_factory()
                assert default == info.get_default(call_default_factory=True), (kind, f.name)


def test_a_start_with_the_content_kept_builds_no_validator(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from tui.content import loader\n"
        "loader.load_strings(); loader.load_note(); tool = loader.load_tool()\n"
        "print('pydantic' in sys.modules, len(tool.items))\n"
    )
    env = {**os.environ, "SAMENWERKEN_CACHE": str(tmp_path / "cache")}
    runs = [
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    (first, items), (second, again) = (r.stdout.split() for r in runs)
    assert (first, second) == ("True", "False") and items == again


# Nothing the app reads is unpickled, marshalled or evaluated

CODE_RUNNING_MODULES = {"pickle", "_pickle", "cPickle", "marshal", "shelve", "dill", "cloudpickle", "jsonpickle"}
CODE_RUNNING_MODULES |= {"yaml", "joblib", "dbm", "runpy", "code", "codeop"}
CODE_RUNNING_BUILTINS = {"eval", "exec", "compile", "__import__"}
ALLOWED_CALLS = {
    "ast.literal_eval": "argparse's own message (a repr it made of argv) parsed as a literal: no code runs",
}


def test_no_module_of_the_app_unpickles_marshals_or_evaluates() -> None:
    found: list[str] = []
    for path in sorted((ROOT / "tui").rglob("*.py")):
        where = path.relative_to(ROOT)
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) else [])
                found += [f"{where}: import {n}" for n in names if n and n.split(".")[0] in CODE_RUNNING_MODULES]
            elif isinstance(node, ast.Call):
                called = ast.unparse(node.func)
                suspect = called in CODE_RUNNING_BUILTINS or called.endswith(("import_module", "literal_eval"))
                if suspect and called not in ALLOWED_CALLS:
                    found.append(f"{where}:{node.lineno}: {called}(…)")
    assert found == []


def test_a_participants_seat_is_not_told_about_the_facilitators_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A seat's app writes to the participant's terminal: the facilitator's folders are not theirs to see."""
    from tui.cli.output import say_unsafe_cache
    from tui.content.i18n import strings_for

    shared = tmp_path / "shared"
    shared.mkdir(mode=0o775)
    shared.chmod(0o775)
    monkeypatch.setenv("SAMENWERKEN_CACHE", str(shared / "cache"))
    strings = strings_for("nl")
    fresh_process()
    loader.load_tool(CONTENT)
    say_unsafe_cache(argparse.Namespace(command="room", room_command="seat"), strings)
    assert capsys.readouterr().err == ""
    say_unsafe_cache(argparse.Namespace(command="room", room_command="serve"), strings)
    say_unsafe_cache(None, strings)
    assert capsys.readouterr().err.count(str(shared)) == 1
