"""The store under a second window, planted links, bad files and limits (issue 8, round 2).

Each test names the item of the issue it holds. "Another instance" is a second
SessionEditor: flock is per open file, so within one process it behaves exactly
as another process would.
"""

from __future__ import annotations

import errno
import os
import stat
from datetime import datetime
from pathlib import Path

import pytest

from tests.helpers.hostile import VALID, make_hostile_folder
from tests.helpers.session import file_state, item_ids, read_session
from tui.content.i18n import strings_for
from tui.core.errors import LimitExceeded, SessionFileError, UnsafePath
from tui.core.os_errors import describe_os_error
from tui.core.reason import Reason
from tui.session import SessionStore
from tui.session.delivery import ExportExists, deliver_file, export_target
from tui.session.editor import ReadOnly, SaveFailed, SessionEditor
from tui.session.limits import MAX_FILE_BYTES, MAX_NOTE, MAX_STEPS, MAX_TITLE, OverLimit
from tui.session.lock import SessionLock
from tui.session.model import Answer, NextStep

DUTCH, ENGLISH = strings_for("nl"), strings_for("en")

# 1. No stale copy ever overwrites newer answers --------------------------------------


def test_an_old_copy_from_a_list_is_read_afresh_when_opened(store: SessionStore) -> None:
    stored = store.create("Regio Oud")
    old_listing, _ = store.scan()  # instance B's list, made before A's answers
    ids = item_ids()
    a = SessionEditor(store, stored)
    for item in ids[:7]:
        a.answer(item, 4)
    a.close()

    b = SessionEditor(store, old_listing[0])
    b.answer(ids[7], 2)
    b.close()
    answers = read_session(stored.path)["answers"]
    assert {i: answers[i]["score"] for i in ids[:8]} == {**{i: 4 for i in ids[:7]}, ids[7]: 2}


def test_a_file_changed_underneath_is_read_again_and_both_changes_kept(store: SessionStore) -> None:
    stored = store.create("Regio Samen")
    ids = item_ids()
    mine = SessionEditor(store, stored)
    other = SessionEditor(store, stored, lock=False)  # e.g. an instance without locks (Windows)
    other.answer(ids[0], 5)
    other.add_step("Agenda delen", who="Mieke")
    mine.answer(ids[1], 1)

    data = read_session(stored.path)
    assert data["answers"][ids[0]]["score"] == 5
    assert data["answers"][ids[1]]["score"] == 1
    assert [s["text"] for s in data["next_steps"]] == ["Agenda delen"]
    assert mine.merged is True
    assert mine.session.answers[ids[0]].score == 5  # what the screen shows is the merged file


def test_a_file_that_became_unreadable_is_never_overwritten(store: SessionStore) -> None:
    stored = store.create("Regio Kapot")
    ids = item_ids()
    editor = SessionEditor(store, stored, lock=False)
    stored.path.write_bytes(b"schema_version = 99\nid = 'x'\n")  # a newer app wrote it meanwhile
    before = file_state(stored.path)
    with pytest.raises(SaveFailed, match="newer"):
        editor.answer(ids[0], 3)
    assert file_state(stored.path) == before
    assert editor.unsaved and editor.session.answers[ids[0]].score == 3  # kept in memory
    assert editor.retry() is False
    assert file_state(stored.path) == before


def test_a_file_gone_meanwhile_is_written_again(store: SessionStore) -> None:
    stored = store.create("Regio Weg")
    editor = SessionEditor(store, stored, lock=False)
    stored.path.unlink()
    editor.answer(item_ids()[0], 2)
    assert read_session(stored.path)["answers"][item_ids()[0]]["score"] == 2


# 3. One lock per file, wherever it is opened from ------------------------------------


def test_one_lock_per_file_from_two_sessions_folders(tmp_path: Path) -> None:
    home = SessionStore(tmp_path / "a")
    elsewhere = SessionStore(tmp_path / "b")
    stored = home.create("Regio Gedeeld")
    first = SessionEditor(elsewhere, elsewhere.find(str(stored.path)))
    second = SessionEditor(home, home.find(stored.session.id))
    assert not first.read_only
    assert second.read_only and second.read_only_reason is not None
    assert second.read_only_reason.key == "readonly.locked"
    assert second.read_only_reason.text(ENGLISH) == "open in another window"
    assert second.read_only_reason.text(DUTCH) == "open in een ander venster"
    with pytest.raises(ReadOnly) as refused:
        second.answer(item_ids()[0], 1)
    assert refused.value.reason == second.read_only_reason
    assert not (tmp_path / "b" / ".locks").exists()  # the lock lives beside the file


def test_a_path_through_a_linked_folder_shares_the_lock(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "real")
    stored = store.create("Regio Link")
    (tmp_path / "alias").symlink_to(tmp_path / "real")
    first = SessionEditor(store, stored)
    via_alias = SessionStore(tmp_path / "alias")
    second = SessionEditor(via_alias, via_alias.find(str(tmp_path / "alias" / stored.path.name)))
    assert first.lock.held and second.read_only


# 4. Never follow a link the app did not make ------------------------------------------


def test_a_lock_file_that_is_a_link_is_refused_and_its_target_untouched(store: SessionStore, tmp_path: Path) -> None:
    stored = store.create("Regio Slot")
    victim = tmp_path / "precious.txt"
    victim.write_text("do not truncate me")
    lock = SessionLock(stored.path)
    lock.path.parent.mkdir(exist_ok=True)
    lock.path.symlink_to(victim)
    editor = SessionEditor(store, stored)
    assert editor.read_only and editor.read_only_reason is not None
    assert "link" in editor.read_only_reason.text(ENGLISH)
    assert victim.read_text() == "do not truncate me"


@pytest.mark.parametrize("folder", [".locks", "exports", ".prullenbak", ".logs"])
def test_app_folders_that_are_links_are_refused_and_never_chmodded(
    store: SessionStore, tmp_path: Path, folder: str
) -> None:
    stored = store.create("Regio Map")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o755)
    elsewhere.chmod(0o755)
    (store.root / folder).symlink_to(elsewhere)
    if folder == ".locks":
        assert SessionEditor(store, stored).read_only
    elif folder == "exports":
        with pytest.raises(UnsafePath):
            export_target(store.root, "x.md")
    elif folder == ".prullenbak":
        with pytest.raises(UnsafePath):
            store.trash(stored)
        assert stored.path.exists()
    else:
        from tui.core.crash import write_crash_log

        assert write_crash_log(store.root, RuntimeError("x")) is None
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o755
    assert list(elsewhere.iterdir()) == []


def test_an_app_folder_that_is_a_file_is_refused(store: SessionStore) -> None:
    store.create("Regio Bestand")
    (store.root / "exports").write_text("not a folder")
    with pytest.raises(UnsafePath, match="not a folder"):
        export_target(store.root, "x.md")


def test_a_session_file_that_is_a_link_opens_read_only_and_stays_a_link(store: SessionStore) -> None:
    stored = store.create("Regio Echt")
    link = store.root / "verwijzing.toml"
    link.symlink_to(stored.path.name)
    editor = SessionEditor(store, store.load(link))
    assert editor.read_only_reason == Reason("readonly.link")
    assert editor.read_only_reason.text(DUTCH) == "het bestand is een link; samenwerken vervangt geen links"
    with pytest.raises(ReadOnly):
        editor.answer(item_ids()[0], 5)
    with pytest.raises(SessionFileError, match="link"):
        store.save(store.load(link))
    assert link.is_symlink()


@pytest.mark.parametrize("kind", ["symlink", "fifo", "folder", "device"])
def test_export_to_a_non_regular_file_is_refused(store: SessionStore, tmp_path: Path, kind: str) -> None:
    store.create("Regio Export")
    target = tmp_path / "target"
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    if kind == "symlink":
        target.symlink_to(victim)
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        target = Path("/dev/null")
    with pytest.raises(UnsafePath):
        deliver_file(target, b"# x", replace=True)
    assert victim.read_text() == "keep"


def test_export_over_an_existing_file_needs_permission(store: SessionStore, tmp_path: Path) -> None:
    stored = store.create("Regio Export")
    target = tmp_path / "verslag.md"
    target.write_text("oud")
    with pytest.raises(ExportExists):
        deliver_file(target, b"nieuw")
    assert target.read_text() == "oud"
    deliver_file(target, b"nieuw", replace=True)
    assert target.read_text() == "nieuw"
    assert stored.path.exists()


# 7. One bad file never stops anything ----------------------------------------------------


def test_local_times_and_bare_dates_are_read_as_local_time(store: SessionStore) -> None:
    store.root.mkdir(parents=True)
    (store.root / "lokaal.toml").write_text(VALID.format(id="lokaal", updated="2024-01-01T10:00:00"))
    (store.root / "datum.toml").write_text(VALID.format(id="datum", updated="2024-01-02"))
    (store.root / "zone.toml").write_text(VALID.format(id="zone", updated="2024-01-03T10:00:00+01:00"))
    good, bad = store.scan()
    assert bad == []
    assert [s.session.id for s in good] == ["zone", "datum", "lokaal"]
    local = next(s for s in good if s.session.id == "lokaal").session.updated
    assert local.utcoffset() is not None
    assert local == datetime(2024, 1, 1, 10, 0).astimezone()
    editor = SessionEditor(store, good[2])
    editor.answer(item_ids()[0], 3)  # saved as an aware time, reads back the same
    assert store.load(good[2].path).session.answers[item_ids()[0]].score == 3


def test_every_kind_of_bad_file_is_listed_with_a_reason(store: SessionStore) -> None:
    expected = make_hostile_folder(store.root)
    good, bad = store.scan()
    assert [s.session.id for s in good] == ["goed"]
    reasons = {b.path.name: b.reason for b in bad}
    assert set(reasons) == set(expected)
    for name, word in expected.items():
        assert word in reasons[name], (name, reasons[name])
        assert "\n" not in reasons[name]


def test_a_file_that_cannot_be_read_is_listed(store: SessionStore, monkeypatch: pytest.MonkeyPatch) -> None:
    store.root.mkdir(parents=True)
    (store.root / "geheim.toml").write_text(VALID.format(id="geheim", updated="2024-01-01T10:00:00Z"))

    def denied(path, limit):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("tui.session.store.read_limited", denied)
    good, bad = store.scan()
    assert (
        good == []
        and bad[0].reason == "cannot be read (permission denied; check who owns it, or choose another folder)"
    )


# 9. What it writes, it can read again --------------------------------------------------


def test_limits_are_checked_before_anything_changes(store: SessionStore) -> None:
    stored = store.create("Regio Grens")
    editor = SessionEditor(store, stored)
    before = file_state(stored.path)
    with pytest.raises(LimitExceeded):
        editor.remark(item_ids()[0], "x" * (MAX_NOTE + 1))
    with pytest.raises(LimitExceeded):
        editor.set_title("t" * (MAX_TITLE + 1))
    with pytest.raises(LimitExceeded):
        store.create("t" * (MAX_TITLE + 1))
    assert file_state(stored.path) == before
    assert item_ids()[0] not in editor.session.answers
    for n in range(MAX_STEPS):
        editor.add_step(f"stap {n}")
    with pytest.raises(LimitExceeded):
        editor.add_step("een te veel")
    assert len(read_session(stored.path)["next_steps"]) == MAX_STEPS


@pytest.mark.parametrize(
    ("strings", "too_long", "too_many"),
    [
        (DUTCH, "De titel is 401 tekens lang; er passen er hoogstens 400 in", "Vervolgstappen: hoogstens 200"),
        (ENGLISH, "The title is 401 characters long; at most 400 fit", "Next steps: at most 200"),
    ],
)
def test_a_limit_says_what_and_how_much_in_the_language_asked(store: SessionStore, strings, too_long, too_many) -> None:
    stored = store.create("Regio Grens")
    editor = SessionEditor(store, stored)
    with pytest.raises(OverLimit) as caught:
        editor.set_title("t" * (MAX_TITLE + 1))
    assert caught.value.reason.text(strings) == too_long
    assert str(caught.value) == "The title is 401 characters long; at most 400 fit"
    editor.close()
    stored.session.next_steps = [NextStep(text=f"stap {n}") for n in range(MAX_STEPS)]
    store.save(stored)  # full in one write (adding them one by one is the test above)
    editor = SessionEditor(store, store.load(stored.path))
    with pytest.raises(OverLimit) as caught:
        editor.add_step("een te veel")
    assert caught.value.reason.text(strings) == too_many


@pytest.mark.parametrize(
    ("strings", "full", "denied"),
    [
        (DUTCH, "de schijf is vol; maak ruimte vrij", "je mag niet schrijven in {folder}"),
        (ENGLISH, "the disk is full; free some space", "you may not write in {folder}"),
    ],
)
def test_file_problems_are_said_in_the_language_asked(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch, strings, full: str, denied: str
) -> None:
    stored = store.create("Regio Vol")
    editor = SessionEditor(store, stored)

    def disk_full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr("tui.session.store.write_atomic", disk_full)
    with pytest.raises(SaveFailed) as caught:
        editor.answer(item_ids()[0], 4)
    assert editor.unsaved and editor.last_error == caught.value.reason
    assert caught.value.reason.text(strings) == full
    assert describe_os_error(OSError(errno.ENOSPC, "x"), strings) == full
    assert describe_os_error(OSError(errno.EBUSY, "Device or resource busy"), strings) == "Device or resource busy"

    assert store.not_writable(strings) == ""
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    assert store.not_writable(strings) == denied.format(folder=store.root)


def test_a_session_too_large_for_its_file_is_not_written(store: SessionStore) -> None:
    stored = store.create("Regio Groot")
    ids = item_ids()
    big = "é" * MAX_NOTE  # two bytes each
    fit = MAX_FILE_BYTES // (2 * MAX_NOTE)  # remarks that still fit: one more does not
    stored.session.answers = {item: Answer(remark=big) for item in ids[:fit]}
    store.save(stored)  # as full as a file may be, in one write instead of one per remark
    editor = SessionEditor(store, store.load(stored.path))
    with pytest.raises(SaveFailed, match="more than a reflection may hold"):
        for item in ids[fit:]:
            editor.remark(item, big)
    assert stored.path.stat().st_size <= MAX_FILE_BYTES
    store.load(stored.path)  # what is on disk still reads


def test_import_refuses_a_huge_file_before_parsing(
    store: SessionStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    huge = tmp_path / "groot.toml"
    with open(huge, "wb") as out:
        out.truncate(MAX_FILE_BYTES + 1)

    def never(*_: object) -> None:
        raise AssertionError("parsed a file larger than the limit")

    monkeypatch.setattr("tui.session.codec.parse_versioned", never)
    with pytest.raises(SessionFileError, match="too large"):
        store.import_file(huge)


# 11. Deleting is refused while the session is open elsewhere ----------------------------


def test_delete_is_refused_while_open_elsewhere(store: SessionStore) -> None:
    stored = store.create("Regio Open")
    editor = SessionEditor(store, stored)
    with pytest.raises(SessionFileError, match="another window"):
        store.trash(stored)
    assert stored.path.exists()
    editor.close()
    assert store.trash(stored).exists()


# 12. Finding a session by title ignores the Unicode form --------------------------------


@pytest.mark.parametrize("typed", ["Café Noord", "Cafe\u0301 Noord", "CAFÉ NOORD", "cafe\u0301 noord"])
def test_title_lookup_ignores_unicode_form_and_case(store: SessionStore, typed: str) -> None:
    stored = store.create("Caf\u00e9 Noord")
    store.create("Cafe Zuid")
    assert store.find(typed).session.id == stored.session.id


def test_a_rescue_copy_is_put_back_and_the_version_it_replaces_kept(
    store: SessionStore, tmp_path: Path, monkeypatch
) -> None:
    from tui.cli.main import main
    from tui.session.rescue import write_rescue

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    stored = store.create("Regio Gered")
    editor = SessionEditor(store, stored)
    editor.answer(item_ids()[0], 5)
    editor.session.answers = {**editor.session.answers}
    editor.session.remarks = "alleen in het geheugen"
    copy = write_rescue(editor.session, store.root)
    editor.close()
    assert main(["--sessions-dir", str(store.root), "import", str(copy)]) == 0
    assert not copy.exists()
    restored = store.find(stored.session.id).session
    assert restored.remarks == "alleen in het geheugen"
    assert len(store.scan()[0]) == 1  # put back in place, not a second session
    [replaced] = (store.root / ".prullenbak").iterdir()
    assert store.read(replaced).remarks == ""
