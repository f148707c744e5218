"""`list` reads a row straight from the TOML (tui/session/row_read.py) and says exactly what the full reading says.

For every file here, valid or spoiled: either the quick reading hands it to the full one
(None), or it makes exactly the entry the full reading makes (issue 24). And `list` of a
folder of many files, good and bad, read on every core, prints byte for byte what the
full reading prints, one file at a time.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.helpers.session import item_ids
from tests.helpers.spoils import ITEM, ODD_VALUES, SESSION_PLACES, T0, spoil
from tui.core.errors import SessionFileError
from tui.session import SessionStore, canonical, early_listing, listing, model, parallel_read, row_read
from tui.session.stored import read_as, status_of


def good() -> dict[str, Any]:
    """A document as the app writes it, with every field there."""
    return {
        "schema_version": model.SCHEMA_VERSION,
        "id": "regio-noord-1a2b3c",
        "title": 'Regio "Noord" \u202e\\ ☃',
        "language": "nl",
        "created": T0,
        "updated": T0 + timedelta(hours=1, microseconds=5),
        "follows": "",
        "notes": "vrij",
        "context": {"themes": ["Krimp"], "forms": [], "partners": "PO en VO", "role": "", "stage": "starten"},
        "answers": {
            ITEM: {"score": 3, "not_applicable": False, "note": "goed", "at": T0, "tool_version": 2, "shared": False},
            "helpt.urgentie": {"not_applicable": True, "note": "", "at": T0, "shared": True},
            "helpt.x": {"note": "alleen een notitie"},
            "niet.in.de.tool": {"score": 1},
        },
        "next_steps": [
            {"id": "ab12cd34", "text": "Plannen", "who": "Anna", "when": "mei 2026", "due": date(2026, 5, 31)},
            {"text": "Klaar", "done": True, "due": date(2026, 1, 1)},
            {"text": "Zonder datum", "suggestion": "b"},
        ],
    }


ODD: list[Any] = [
    *ODD_VALUES,
    {"score": 2, "not_applicable": True},
    {"text": "t", "due": date(2020, 1, 1)},
    datetime(2024, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=5, minutes=30))),
    datetime(1, 1, 1, 0, 0, tzinfo=timezone(timedelta(hours=14))),
    datetime(2100, 1, 1, 0, 0, tzinfo=UTC),
]
ODD_SAMPLED = st.sampled_from(ODD)

PLACES: list[tuple[Any, ...]] = [
    *SESSION_PLACES,
    ("answers", "helpt.urgentie", "score"),
    ("answers", "helpt.urgentie", "not_applicable"),
    ("answers", "helpt.x", "score"),
    ("next_steps",),
    ("next_steps", 0),
    ("next_steps", 0, "due"),
    ("next_steps", 0, "id"),
    ("next_steps", 0, "done"),
    ("next_steps", 1, "done"),
    ("next_steps", 1, "text"),
    ("next_steps", 2, "when"),
]


def full_entry(store: SessionStore, path: Path, items: list[str]) -> list[Any] | None:
    """What `list` keeps of the file read in full (None: it names the file as unreadable, or does not keep it)."""
    try:
        stored = store.load(path)
    except SessionFileError:
        return None
    status = status_of(os.lstat(path))
    if not read_as(stored, status):
        return None
    return [*status, *listing.kept_of(listing.row_from(stored.session, items, str(path)))]


def check(store: SessionStore, path: Path, items: list[str]) -> list[Any] | None:
    """The quick entry of `path`, after checking that it is None or what the full reading keeps."""
    quick = row_read.read_entry(str(path), status_of(os.lstat(path)), items)
    if quick is not None:
        assert quick == full_entry(store, path, items), path.read_text()
    return quick


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(
    spoils=st.lists(st.tuples(st.sampled_from(PLACES), ODD_SAMPLED, st.booleans()), max_size=3),
    items=st.sampled_from([[ITEM, "helpt.urgentie", "helpt.x"], [ITEM, ITEM], [], ["niet.in.de.tool", ITEM]]),
)
def test_a_quick_row_is_the_full_reading_s_row_or_none(tmp_path: Path, spoils: list[Any], items: list[str]) -> None:
    document = good()
    for place, value, remove in spoils:
        try:
            spoil(document, place, value, remove)
        except (KeyError, IndexError, TypeError):
            continue
    try:
        text = tomli_w.dumps(document)
    except (TypeError, ValueError):
        assume(False)
    store = SessionStore(tmp_path / "sessions")
    store.root.mkdir(exist_ok=True)
    path = store.root / "s.toml"
    path.write_text(text)
    if check(store, path, items) is None and not spoils:
        raise AssertionError("the app's own form went the slow way")


def test_every_single_spoil_is_read_alike(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    quick = 0
    for n, (place, value, remove) in enumerate(
        (place, value, remove) for place in PLACES for value in ODD for remove in (False, True)
    ):
        document = good()
        try:
            spoil(document, place, value, remove)
            text = tomli_w.dumps(document)
        except (KeyError, IndexError, TypeError, ValueError):
            continue
        path = tmp_path / f"{n}.toml"
        path.write_text(text)
        quick += check(store, path, [ITEM, "helpt.urgentie"]) is not None
    assert quick > 100


def test_the_quick_reading_knows_the_answers_keys_and_their_types() -> None:
    assert set(row_read._ANSWER_TYPES) == canonical._ANSWER_KEYS


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("   \n", id="blank"),
        pytest.param("schema_version = 4\x00", id="binary"),
        pytest.param("\ufeffschema_version = 4", id="byte order mark"),
        pytest.param("dit is = = geen toml", id="not TOML"),
        pytest.param("created = 2024-03-01T09:30:00+25:00", id="offset too large"),
    ],
)
def test_odd_text_goes_the_full_way(tmp_path: Path, text: str) -> None:
    store = SessionStore(tmp_path)
    path = tmp_path / "s.toml"
    path.write_text(text)
    assert check(store, path, [ITEM]) is None


def written(store: SessionStore, document: dict[str, Any]) -> Path:
    path = store.root / f"{document['id']}.toml"
    path.write_text(tomli_w.dumps(document))
    return path


def test_other_formats_links_and_moved_files_go_the_full_way(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    path = written(store, good())
    assert check(store, path, [ITEM]) is not None
    for version in (3, model.SCHEMA_VERSION + 1):
        older = {**good(), "id": f"versie-{version}", "schema_version": version}
        assert check(store, written(store, older), [ITEM]) is None
    (tmp_path / "link.toml").symlink_to(path)
    assert row_read.read_entry(str(tmp_path / "link.toml"), status_of(os.stat(path)), [ITEM]) is None
    status = status_of(os.lstat(path))
    path.write_text(path.read_text() + "\n")  # changed since its status was asked for
    assert row_read.read_entry(str(path), status, [ITEM]) is None


@pytest.fixture
def many(tmp_path: Path) -> SessionStore:
    """Sixty files: the app's own, older and newer formats, spoiled ones, a link, a folder and broken text."""
    store = SessionStore(tmp_path / "sessions")
    store.root.mkdir()
    ids = item_ids()
    for n in range(40):
        document = good()
        document["id"] = f"sessie-{n:02d}"
        document["title"] = f"Sessie {n} \x1b[31m"
        document["updated"] = T0 + timedelta(minutes=n % 7)  # equal times keep the files' order
        document["answers"] = {ids[k]: {"score": k % 5 + 1} for k in range(n % 9)}
        if n % 5 == 1:
            document["schema_version"] = 3
        if n % 11 == 2:
            document["schema_version"] = model.SCHEMA_VERSION + 1
        if n % 13 == 3:
            document["answers"][ids[0]] = {"score": 9}
        if n % 7 == 4:
            document["updated"] = datetime(2024, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=5, minutes=30)))
        written(store, document)
    (store.root / "kapot.toml").write_text("dit is = = geen toml")
    (store.root / "leeg.toml").write_text("")
    (store.root / "map.toml").mkdir()
    (store.root / "link.toml").symlink_to(store.root / "sessie-00.toml")
    (store.root / "weg.toml").symlink_to(tmp_path / "nergens.toml")
    return store


def test_list_of_many_files_on_every_core_says_what_one_file_at_a_time_says(
    run, many: SessionStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def listed(quick: bool) -> tuple[list[tuple[int, str, str]], dict[str, bytes]]:
        """`list --json` and `list`, and what is kept, one file at a time the full way or read on two cores."""
        cache = tmp_path / ("quick" if quick else "slow")
        with monkeypatch.context() as patched:
            patched.setenv("SAMENWERKEN_CACHE", str(cache))
            if quick:
                patched.setattr(parallel_read, "FROM", 2)
                patched.setattr(parallel_read, "_helpers", lambda: 1)
            else:
                patched.setattr(parallel_read, "_helpers", lambda: 0)
                patched.setattr(listing, "read_entry", lambda *_: None)
                patched.setattr(early_listing, "read_values", lambda *_: None)
            ran = [run("--sessions-dir", str(many.root), "list", *args) for args in (("--json",), ())]
        kept = {path.name: path.read_bytes() for path in (cache / "folders").iterdir()}
        return [(r.code, r.out, r.err) for r in ran], kept

    first = listed(quick=False)
    assert listed(quick=True) == first  # nothing kept yet: each file's status as it was read
    assert "kapot.toml" in first[0][0][2] and "Sessie 3" in first[0][0][1]
    for n in (5, 6, 7):  # changed, gone, new and broken: read again beside what is kept
        path = many.root / f"sessie-{n:02d}.toml"
        path.write_text(path.read_text().replace(f"Sessie {n}", f"Sessie {n} opnieuw"))
    (many.root / "sessie-08.toml").unlink()
    (many.root / "nieuw.toml").write_text((many.root / "sessie-09.toml").read_text().replace("sessie-09", "nieuw"))
    (many.root / "kapot-2.toml").write_text("schema_version = 99")
    second = listed(quick=False)
    assert listed(quick=True) == second
    assert "opnieuw" in second[0][0][1] and "kapot-2.toml" in second[0][0][2]


def test_a_helper_that_fails_before_the_items_are_known_costs_nothing_but_time(
    run, many: SessionStore, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = run("--sessions-dir", str(many.root), "list", "--json")
    for path in (cache / "folders").iterdir():
        path.unlink()
    parent, quick = os.getpid(), row_read.read_values

    def breaks_in_a_helper(*args: Any) -> Any:
        if os.getpid() != parent:
            os._exit(3)
        return quick(*args)

    monkeypatch.setattr(parallel_read, "FROM", 2)
    monkeypatch.setattr(parallel_read, "_helpers", lambda: 1)
    monkeypatch.setattr(early_listing, "read_values", breaks_in_a_helper)
    shared = run("--sessions-dir", str(many.root), "list", "--json")
    assert (shared.code, shared.out, shared.err) == (alone.code, alone.out, alone.err)
