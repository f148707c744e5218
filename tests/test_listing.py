"""`list` keeps what it showed of each file (tui/session/listing.py): unchanged files are not parsed again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.session import item_ids
from tui.core.text import terminal_json
from tui.session import Answer, SessionStore, listing
from tui.session.editor import SessionEditor

HOSTILE = "\x1b]0;pwned\x07 Regio \u202eNoord"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    store = SessionStore(tmp_path / "sessions")
    for title in ("Regio Zuid", HOSTILE):
        stored = store.create(title)
        stored.session.answers = {item_ids()[0]: Answer(score=4)}
        store.save(stored)
    return store.root


def never_parsed(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files parsed from here on: read the quick way (tui.session.row_read), or else in full."""
    parsed: list[Path] = []
    load, quick = SessionStore.load, listing.read_entry

    def counted(self: SessionStore, path: Path):
        parsed.append(path)
        return load(self, path)

    def counted_quick(path: str, *args: Any) -> Any:
        entry = quick(path, *args)
        if entry is not None:  # else read in full, and counted there
            parsed.append(Path(path))
        return entry

    monkeypatch.setattr(SessionStore, "load", counted)
    monkeypatch.setattr(listing, "read_entry", counted_quick)
    return parsed


def kept_file(cache: Path) -> Path:
    (path,) = (cache / "folders").iterdir()
    return path


def test_a_second_list_parses_nothing_and_says_the_same(
    run, folder: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = [run("--sessions-dir", str(folder), "list", *args) for args in ((), ("--json",))]
    assert kept_file(cache).stat().st_mode & 0o777 == 0o600
    parsed = never_parsed(monkeypatch)
    again = [run("--sessions-dir", str(folder), "list", *args) for args in ((), ("--json",))]
    assert parsed == []
    assert [(r.code, r.out, r.err) for r in again] == [(r.code, r.out, r.err) for r in first]
    rows = json.loads(again[1].out)
    assert {r["title"] for r in rows} == {"Regio Zuid", HOSTILE}
    assert "\x1b" not in again[0].out and "\u202e" not in again[0].out


def test_changed_new_removed_and_broken_files_are_seen(
    run, folder: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SessionStore(folder)
    run("--sessions-dir", str(folder), "list")
    (zuid,) = [s for s in store.scan()[0] if s.session.title == "Regio Zuid"]
    hostile = next(s for s in store.scan()[0] if s.session.title == HOSTILE)
    editor = SessionEditor(store, zuid)
    editor.answer(item_ids()[1], 2)
    editor.close()
    hostile.path.unlink()
    new = store.create("Regio West")
    (folder / "kapot.toml").write_text("dit is = = geen toml")
    parsed = never_parsed(monkeypatch)
    for _ in range(2):  # a bad file is named every time
        ran = run("--sessions-dir", str(folder), "list", "--json")
        rows = {r["title"]: r["answered"] for r in json.loads(ran.out)}
        assert rows == {"Regio Zuid": 2, "Regio West": 0}
        assert "kapot.toml" in ran.err
    assert sorted(p.name for p in parsed) == sorted([zuid.path.name, new.path.name, "kapot.toml", "kapot.toml"])


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda doc: "{", id="not JSON"),
        pytest.param(lambda doc: json.dumps([1, 2]), id="not an object"),
        pytest.param(lambda doc: json.dumps({**doc, "format": 99}), id="another format"),
        pytest.param(lambda doc: json.dumps({**doc, "items": "x"}), id="other items"),
        pytest.param(
            lambda doc: json.dumps({**doc, "columns": doc["columns"][:5] + [[v] * 2 for v in (1, 2, "x", 4, 5, 6)]}),
            id="wrong types",
        ),
        pytest.param(
            lambda doc: json.dumps({**doc, "columns": [[0, 0]] * 5 + doc["columns"][5:]}),
            id="another file's status",
        ),
        pytest.param(lambda doc: json.dumps({**doc, "columns": doc["columns"][:-1]}), id="a column missing"),
        pytest.param(
            lambda doc: json.dumps({**doc, "columns": [column[:1] for column in doc["columns"]]}),
            id="columns cut short",
        ),
        pytest.param(lambda doc: json.dumps({**doc, "names": [[1], [2]]}), id="names that are not strings"),
        pytest.param(
            lambda doc: json.dumps(
                {**doc, "format": 2, "files": dict(zip(doc["names"], zip(*doc["columns"], strict=True), strict=True))}
            ),
            id="the format before",
        ),
    ],
)
def test_a_damaged_or_foreign_kept_file_means_reading_the_files(
    run, folder: Path, cache: Path, monkeypatch: pytest.MonkeyPatch, damage
) -> None:
    first = run("--sessions-dir", str(folder), "list", "--json")
    kept = kept_file(cache)
    kept.write_text(damage(json.loads(kept.read_text())))
    parsed = never_parsed(monkeypatch)
    again = run("--sessions-dir", str(folder), "list", "--json")
    assert again.out == first.out and again.err == ""
    assert len(parsed) == 2


def test_without_a_cache_folder_list_reads_every_file(run, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMENWERKEN_CACHE", "")
    parsed = never_parsed(monkeypatch)
    for _ in range(2):
        assert run("--sessions-dir", str(folder), "list").code == 0
    assert len(parsed) == 4


ODD_TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"]) | st.sampled_from('"\\\x00\x1b\u202e\n'))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.builds(
            listing.Row,
            id=ODD_TEXT,
            title=ODD_TEXT,
            answered=st.integers(0, 60),
            updated=ODD_TEXT,
            created=ODD_TEXT,
            follows=st.none() | ODD_TEXT,
            path=ODD_TEXT,
            due=st.just(()),
        ),
        max_size=4,
    ),
    st.integers(0, 60),
)
def test_rows_in_json_are_what_terminal_json_writes(rows: list[listing.Row], total: int) -> None:
    """`list --json` writes its rows without a dict each: the same text as `terminal_json` of the dicts."""
    assert listing.rows_json(rows, total) == terminal_json([row.as_json(total) for row in rows])


def test_rows_of_other_types_in_json_are_left_to_json() -> None:
    """A value no row holds (a bool as the count, a number as a title) is written by `json.dumps`'s own rules."""
    row = listing.Row("a", "T", 3, "2026-03-01T10:00:00+00:00", "2026-03-01T10:00:00+00:00", None, "/x/a.toml")
    odd_values: list[dict[str, Any]] = [{"answered": True}, {"title": 7}, {"follows": 1.5}]
    for odd in (row._replace(**values) for values in odd_values):
        assert listing.rows_json([row, odd], 49) == terminal_json([r.as_json(49) for r in (row, odd)])
    assert listing.rows_json([], 49) == terminal_json([])
