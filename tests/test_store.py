"""The sessions folder without Textual: round trips, privacy, atomic writes, bad files, names."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.session import file_state, item_ids, read_session
from tui.core.errors import SessionFileError, SessionNotFound
from tui.session import Answer, NextStep, SessionStore, codec
from tui.session.editor import SessionEditor

T0 = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    return SessionStore(tmp_path / "sessions")


def good_file(store: SessionStore, title: str, updated: datetime):
    stored = store.create(title)
    stored.session.created = updated
    stored.session.updated = updated
    store.save(stored, touch=False)
    return stored


# round trip ------------------------------------------------------------------


def test_create_save_read_round_trip(store: SessionStore) -> None:
    stored = store.create("RPO Noord-Veluwe")
    ids = item_ids()
    session = stored.session
    session.answers = {
        ids[0]: Answer(score=4, remark="goed", at=T0),
        ids[1]: Answer(not_applicable=True, at=T0),
        ids[2]: Answer(remark="alleen een notitie"),
    }
    session.context.partners = "PO en VO"
    session.context.themes = ["thema"]
    session.remarks = "algemeen\nmet twee regels"
    session.next_steps = [NextStep(text="overleg plannen", who="Anna", when="mei", done=True, suggestion="b")]
    store.save(stored)

    back = store.read(stored.path)
    assert back == session
    data = read_session(stored.path)
    assert data["schema_version"] == 4
    assert data["answers"][ids[0]]["score"] == 4
    assert data["answers"][ids[1]]["not_applicable"] is True
    assert "score" not in data["answers"][ids[1]]
    assert ids[3] not in data["answers"]


def test_create_writes_file_at_once(store: SessionStore) -> None:
    stored = store.create("Nieuw")
    assert stored.path.is_file()
    assert stored.path.parent == store.root
    assert store.read(stored.path).title == "Nieuw"


def test_save_touch_updates_updated(store: SessionStore) -> None:
    stored = good_file(store, "x", T0)
    store.save(stored)
    assert store.read(stored.path).updated > T0
    stored2 = good_file(store, "y", T0)
    assert store.read(stored2.path).updated == T0


# privacy and atomic writes ---------------------------------------------------


def test_file_and_folder_are_private(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        store = SessionStore(tmp_path / "deep" / "sessions")
        stored = store.create("Privé")
        store.save(stored)
    finally:
        os.umask(old)
    assert stat.S_IMODE(stored.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.root.stat().st_mode) == 0o700


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o277, 0o677])
def test_a_file_is_private_and_the_owners_own_under_any_umask(tmp_path: Path, umask: int) -> None:
    """The mode is set only when the umask took bits from it (0o277 takes the owner's write): always 0o600."""
    store = SessionStore(tmp_path / "sessions")
    stored = store.create("Privé")
    old = os.umask(umask)
    try:
        store.save(stored)
        store.save(stored)  # over a file it wrote itself
    finally:
        os.umask(old)
    assert stat.S_IMODE(stored.path.stat().st_mode) == 0o600
    assert store.read(stored.path) == stored.session


def test_existing_open_folder_is_made_private(tmp_path: Path) -> None:
    root = tmp_path / "sessions"
    root.mkdir(mode=0o755)
    root.chmod(0o755)
    SessionStore(root).create("x")
    assert stat.S_IMODE(root.stat().st_mode) == 0o700


def test_atomic_write_leaves_no_temp_files(store: SessionStore) -> None:
    stored = store.create("Atomic")
    for n in range(5):
        stored.session.remarks = f"versie {n}"
        store.save(stored)
    names = sorted(p.name for p in store.root.iterdir())
    assert names == [stored.path.name]
    assert not any(name.endswith(".tmp") for name in names)


def test_failed_save_keeps_old_file(store: SessionStore, monkeypatch: pytest.MonkeyPatch) -> None:
    stored = store.create("Oud")
    before = stored.path.read_bytes()

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    stored.session.remarks = "nieuw"
    with pytest.raises(OSError):
        store.save(stored)
    monkeypatch.undo()
    assert stored.path.read_bytes() == before
    assert [p.name for p in store.root.iterdir()] == [stored.path.name]


# scan: good and bad files ----------------------------------------------------


def make_bad_files(store: SessionStore, tmp_path: Path) -> dict[str, str]:
    """Bad files in the folder; name -> word expected in the reason."""
    root = store.root
    valid = (root / next(root.glob("*.toml")).name).read_text("utf-8")
    (root / "empty.toml").write_bytes(b"")
    (root / "binary.toml").write_bytes(b"schema_version = 1\x00\x01\x02")
    (root / "latin1.toml").write_bytes('title = "Café"\n'.encode("latin-1"))
    (root / "invalid.toml").write_bytes(b"not toml [[[")
    (root / "wrongtype.toml").write_text(valid + '\n[answers."waarom.geen-noodzaak"]\nscore = "x"\n', "utf-8")
    (root / "unknown.toml").write_text("extra_key = 1\n" + valid, "utf-8")
    (root / "newer.toml").write_text(valid.replace("schema_version = 4", "schema_version = 99"), "utf-8")
    (root / "folder.toml").mkdir()
    outside = tmp_path / "outside.toml"
    outside.write_text(valid, "utf-8")
    (root / "link.toml").symlink_to(outside)
    (root / "huge.toml").write_bytes(b"# " + b"x" * (6 * 1024 * 1024) + b"\n" + valid.encode())
    return {
        "empty.toml": "empty",
        "binary.toml": "binary",
        "latin1.toml": "UTF-8",
        "invalid.toml": "TOML",
        "wrongtype.toml": "score",
        "unknown.toml": "unknown key",
        "newer.toml": "newer",
        "folder.toml": "folder",
        "link.toml": "outside",
        "huge.toml": "large",
    }


def test_scan_good_newest_first_and_bad_files_named(store: SessionStore, tmp_path: Path) -> None:
    old = good_file(store, "Oud", T0)
    new = good_file(store, "Nieuw", T0 + timedelta(days=2))
    middle = good_file(store, "Midden", T0 + timedelta(days=1))
    expected = make_bad_files(store, tmp_path)
    before = {p.name: file_state(p) for p in store.root.iterdir() if p.is_file() and not p.is_symlink()}
    outside_before = file_state(tmp_path / "outside.toml")

    good, bad = store.scan()

    assert [s.session.title for s in good] == ["Nieuw", "Midden", "Oud"]
    assert [s.path for s in good] == [new.path, middle.path, old.path]
    reasons = {b.path.name: b.reason for b in bad}
    assert set(reasons) == set(expected)
    for name, word in expected.items():
        reason = reasons[name]
        assert word.casefold() in reason.casefold(), (name, reason)
        assert "\n" not in reason, (name, reason)
        assert len(reason) < 300, (name, reason)
    # Nothing was changed, moved or deleted.
    after = {p.name: file_state(p) for p in store.root.iterdir() if p.is_file() and not p.is_symlink()}
    assert after == before
    assert file_state(tmp_path / "outside.toml") == outside_before
    assert (store.root / "folder.toml").is_dir()
    assert (store.root / "link.toml").is_symlink()


def test_scan_skips_hidden_and_other_files(store: SessionStore) -> None:
    store.create("x")
    (store.root / ".prullenbak").mkdir()
    (store.root / ".hidden.toml").write_text("garbage")
    (store.root / "readme.txt").write_text("garbage")
    good, bad = store.scan()
    assert len(good) == 1 and bad == []


def test_scan_of_missing_folder_is_empty(tmp_path: Path) -> None:
    assert SessionStore(tmp_path / "nope").scan() == ([], [])
    assert not (tmp_path / "nope").exists()


def test_symlink_inside_folder_is_read(store: SessionStore) -> None:
    stored = store.create("Echt")
    (store.root / "alias.toml").symlink_to(stored.path)
    assert store.read(store.root / "alias.toml").title == "Echt"


def test_loading_without_change_writes_nothing(store: SessionStore) -> None:
    stored = good_file(store, "Stil", T0)
    stored.session.answers = {item_ids()[0]: Answer(score=3, remark="n", at=T0)}
    store.save(stored, touch=False)
    before = file_state(stored.path)
    os.utime(stored.path, ns=(before[1] - 10**9, before[1] - 10**9))
    before = file_state(stored.path)

    store.scan()
    store.find(stored.session.id)
    loaded = store.find()
    editor = SessionEditor(store, loaded)
    editor.remark(item_ids()[0], "n")  # same note
    editor.set_title("Stil")  # same title
    editor.set_title("   ")  # blank title is ignored
    editor.set_context(partners="")  # same context
    editor.set_remarks("")  # same notes
    editor.close()

    assert file_state(stored.path) == before
    # Only the session file (a lock folder may exist beside it, but no new session data).
    assert sorted(p.name for p in store.root.iterdir() if p.suffix == ".toml" or p.name.endswith(".tmp")) == [
        stored.path.name
    ]


# names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title", ["../../x", "/etc/passwd", "..", "CON", "x" * 400, "🙂 emoji", "nul", "...", "a/b\\c"]
)
def test_titles_give_safe_file_names(store: SessionStore, tmp_path: Path, title: str) -> None:
    stored = store.create(title)
    path = stored.path
    assert path.parent == store.root
    assert path.resolve().parent == store.root.resolve()
    name = path.name
    assert name.endswith(".toml")
    stem = name[: -len(".toml")]
    assert stem and not stem.startswith(".")
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in stem), name
    assert stem.split("-")[0].casefold() not in {"con", "prn", "aux", "nul"}
    assert len(name) <= 60
    assert store.read(path).title == title
    assert read_session(path)["title"] == title
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sessions"]


def test_same_title_twice_gives_two_files(store: SessionStore) -> None:
    a = store.create("Zelfde")
    b = store.create("Zelfde")
    assert a.path != b.path and a.session.id != b.session.id
    assert len(store.scan()[0]) == 2


# find --------------------------------------------------------------------------


def test_find(store: SessionStore) -> None:
    a = good_file(store, "Alfa Regio", T0)
    b = good_file(store, "Beta Regio", T0 + timedelta(hours=1))
    assert store.find().path == b.path  # newest
    assert store.find(None).path == b.path
    assert store.find(a.session.id).path == a.path
    assert store.find(a.session.id[: len("alfa-regio-") + 2]).path == a.path
    assert store.find("alfa-").path == a.path
    assert store.find("alfa regio").path == a.path  # title, case-insensitive
    assert store.find(str(a.path)).path == a.path
    with pytest.raises(SessionNotFound):
        store.find("gamma")
    with pytest.raises(SessionNotFound):
        store.find("nonexistent-id")


def test_find_ambiguous_prefix(store: SessionStore) -> None:
    store.create("Regio")
    store.create("Regio")
    with pytest.raises(SessionNotFound, match="more than one"):
        store.find("regio-")


def test_find_in_empty_folder(store: SessionStore) -> None:
    with pytest.raises(SessionNotFound):
        store.find()
    with pytest.raises(SessionNotFound):
        store.find("x")


# trash ---------------------------------------------------------------------


def test_trash_moves_into_prullenbak(store: SessionStore) -> None:
    stored = store.create("Weg")
    data = stored.path.read_bytes()
    target = store.trash(stored)
    assert target.parent == store.root / ".prullenbak"
    assert target.read_bytes() == data
    assert not stored.path.exists()
    assert store.scan() == ([], [])


# the model -----------------------------------------------------------------


def test_answer_cannot_have_score_and_not_applicable() -> None:
    with pytest.raises(ValueError):  # pydantic.ValidationError is one too
        Answer(score=3, not_applicable=True)
    answer = Answer(score=3)
    with pytest.raises(ValueError):  # pydantic.ValidationError is one too
        answer.not_applicable = True
    with pytest.raises(ValueError):  # pydantic.ValidationError is one too
        Answer(score=6)
    with pytest.raises(ValueError):  # pydantic.ValidationError is one too
        Answer(score=0)
    assert Answer(not_applicable=True).answered
    assert not Answer(remark="x").answered


def test_parse_refuses_score_and_not_applicable_in_file(store: SessionStore) -> None:
    stored = store.create("x")
    text = stored.path.read_text("utf-8") + '\n[answers."waarom.geen-noodzaak"]\nscore = 3\nnot_applicable = true\n'
    stored.path.write_text(text, "utf-8")
    with pytest.raises(SessionFileError):
        store.read(stored.path)


# property: anything typed survives --------------------------------------------

texts = st.text().filter(lambda s: not any(0xD800 <= ord(c) <= 0xDFFF for c in s))
answers = st.dictionaries(
    st.sampled_from(item_ids()),
    st.one_of(
        st.builds(Answer, score=st.integers(1, 5), note=texts, at=st.just(T0)),
        st.builds(Answer, not_applicable=st.just(True), note=texts),
        st.builds(Answer, note=texts),
    ),
    max_size=10,
)
steps = st.lists(
    st.builds(
        NextStep, text=texts, who=texts, when=texts, done=st.booleans(), suggestion=st.sampled_from(["", "a", "i"])
    ),
    max_size=3,
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=texts, notes=texts, partners=texts, answers=answers, steps=steps)
def test_any_text_and_answers_survive_save_and_read(tmp_path: Path, title, notes, partners, answers, steps) -> None:
    store = SessionStore(tmp_path / "prop")
    stored = store.create("prop")
    session = stored.session
    session.title = title
    session.remarks = notes
    session.context.partners = partners
    session.answers = answers
    session.next_steps = steps
    expected = session.model_copy(deep=True)
    # codec first: a failure here names the characters TOML cannot hold.
    raw = codec.dump(session)
    assert codec.parse(raw, "mem") == expected
    store.save(stored, touch=False)
    back = store.read(stored.path)
    assert back == expected
    assert back.title == title and back.remarks == notes
    for key, answer in answers.items():
        assert back.answers[key].remark == answer.remark
