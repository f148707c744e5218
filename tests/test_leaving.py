"""Leaving with answers not on disk, two windows, read-only folders and hostile files, in the real app.

Issue 8, round 2: items 1, 2, 7, 8, 10 and 11 as a person meets them at 80×24.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from textual.widgets import Button, Input, SelectionList

from tests.helpers.hostile import make_hostile_folder
from tests.helpers.session import file_state, item_ids, read_session, until, walk_app
from tests.helpers.terminal import PtyApp, answers_in, wait_for
from tui.app.factory import make_app
from tui.app.screens.dialogs import UnsavedChoice
from tui.app.start import Home
from tui.session import SessionStore
from tui.session.editor import SessionEditor

SIZE = (80, 24)
ROOT = Path(__file__).resolve().parent.parent


def disk_full(path, data):
    raise OSError(errno.ENOSPC, "No space left on device", str(path))


@pytest.fixture
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Rescue copies go to this test's own state folder."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state" / "samenwerken" / "rescue"


# 2. Quitting never silently drops unsaved answers ----------------------------------------


async def test_quit_with_unsaved_answers_asks_and_escape_stays(tmp_path: Path, monkeypatch, state_home) -> None:
    app, store, stored = walk_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        monkeypatch.setattr("tui.session.store.write_atomic", disk_full)
        await pilot.press("3")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, UnsavedChoice))
        assert app.screen.query_one("#stay", Button).has_focus
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
        assert app.is_running
        assert app.screen.editor.unsaved


async def test_rescue_copy_on_quit_holds_the_answers_and_is_private(tmp_path: Path, monkeypatch, state_home) -> None:
    app, store, stored = walk_app(tmp_path)
    first = item_ids()[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        monkeypatch.setattr("tui.session.store.write_atomic", disk_full)
        await pilot.press("4")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, UnsavedChoice))
        await pilot.press("r")
        await until(pilot, lambda: not app.is_running)
    assert app.return_code == 0
    [copy] = list(state_home.iterdir())
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert read_session(copy)["answers"][first]["score"] == 4
    assert first not in read_session(stored.path).get("answers", {})  # the original was never half-written


async def test_quit_anyway_exits_non_zero(tmp_path: Path, monkeypatch, state_home) -> None:
    app, store, stored = walk_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        monkeypatch.setattr("tui.session.store.write_atomic", disk_full)
        await pilot.press("2")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, UnsavedChoice))
        await pilot.click("#leave")
        await until(pilot, lambda: not app.is_running)
    assert app.return_code == 1
    assert not state_home.exists()


async def test_back_from_the_walk_with_unsaved_answers_asks_and_keeps_retrying(
    tmp_path: Path, monkeypatch, state_home
) -> None:
    store = SessionStore(tmp_path / "sessions")
    stored = store.create("Regio Terug")
    app = make_app(store, Home())
    app.save_retry_seconds = 0.05
    first = item_ids()[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
        monkeypatch.setattr("tui.session.store.write_atomic", disk_full)
        await pilot.press("5")
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, UnsavedChoice))
        await pilot.click("#leave")
        await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        monkeypatch.undo()  # the disk has room again: the app's retry saves it
        monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
        await until(pilot, lambda: answers_in(stored.path).get(first) == 5)


def can_mount() -> bool:
    return sys.platform.startswith("linux") and os.geteuid() == 0 and shutil.which("mount") is not None


@contextlib.contextmanager
def tmpfs(where: Path, size: str = "2m"):
    """A small file system of its own at `where` (root only); unmounted afterwards."""
    where.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)], capture_output=True
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def remount_read_only(where: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True, capture_output=True)


def fill_up(where: Path) -> None:
    """Write until the file system is full, as a disk fills up under a running app."""
    with open(where / "filler", "wb") as out:
        with contextlib.suppress(OSError):
            while True:
                out.write(b"\0" * 65536)
                out.flush()


@pytest.mark.slow
@pytest.mark.skipif(not can_mount(), reason="needs root to mount a file system")
@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM], ids=["hangup", "sigterm"])
def test_hang_up_with_unsaved_answers_writes_a_rescue_copy_and_says_so_next_time(tmp_path: Path, sig: int) -> None:
    with tmpfs(tmp_path / "disk") as disk:
        store = SessionStore(disk / "sessions")
        stored = store.create("Regio Ophangen")
        before = stored.path.read_bytes()
        state = tmp_path / "state"
        env = {"XDG_STATE_HOME": str(state)}
        os.environ.update(env)
        try:
            app = PtyApp(["--sessions-dir", str(store.root), "resume", stored.session.id])
            try:
                assert wait_for(lambda: b"Waarom" in app.output or b"Deel 1" in app.output or len(app.output) > 2000)
                assert wait_for(lambda: (store.root / ".locks").exists())
                fill_up(disk)  # from now on nothing can be saved there
                app.send("3")
                assert wait_for(lambda: b"NIET BEWAARD" in app.output)
                app.kill(sig)
                code = app.wait(15)
            finally:
                app.close()
            assert code not in (0, None)
            rescues = list((state / "samenwerken" / "rescue").iterdir())
            assert len(rescues) == 1
            assert answers_in(rescues[0]) == {item_ids()[0]: 3}
            assert stat.S_IMODE(rescues[0].stat().st_mode) == 0o600
            listed = subprocess.run(
                [sys.executable, "-m", "tui", "--sessions-dir", str(store.root), "list"],
                capture_output=True,
                text=True,
                cwd=ROOT,
                timeout=60,
            )
            assert str(rescues[0]) in listed.stderr
            assert stored.path.read_bytes() == before
        finally:
            for key in env:
                os.environ.pop(key, None)


# 1. Two windows: a stale list never overwrites newer answers -------------------------------


async def test_second_window_opening_from_an_old_list_keeps_the_first_windows_answers(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions")
    stored = store.create("Regio Twee Vensters")
    ids = item_ids()
    app_b = make_app(store, Home())
    async with app_b.run_test(size=SIZE) as pilot:
        await pilot.pause()  # B shows its list, read before A's answers
        a = SessionEditor(store, stored)
        for item in ids[:7]:
            a.answer(item, 4)
        a.close()
        await pilot.press("enter")
        await until(pilot, lambda: type(app_b.screen).__name__ == "WalkScreen")
        await pilot.press("2")
        await until(pilot, lambda: len(answers_in(stored.path)) == 8)
    assert answers_in(stored.path) == {**{i: 4 for i in ids[:7]}, ids[7]: 2}


# 8. A read-only sessions folder opens everything read-only, with a banner ---------------------


@pytest.mark.skipif(not can_mount(), reason="needs root to mount a file system")
async def test_read_only_sessions_folder_opens_read_only_with_a_banner(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk") as disk:
        store = SessionStore(disk / "sessions")
        stored = store.create("Regio Alleen Lezen")
        before = file_state(stored.path)
        remount_read_only(disk)
        app = make_app(store, Home())
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            banner = str(app.screen.query_one("#home-bad").render())
            assert "Alleen-lezen" in banner and "alleen gelezen" in banner
            await pilot.press("enter")
            await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
            assert app.screen.editor.read_only
            await pilot.press("3")
            await pilot.pause()
            assert any("Alleen-lezen" in n.message for n in app._notifications)
        assert file_state(stored.path) == before


# 7. One bad file never stops the app's start ------------------------------------------------


async def test_the_app_starts_beside_every_kind_of_bad_file(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions")
    expected = make_hostile_folder(store.root)
    app = make_app(store, Home())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert [row.id for row in app.screen.rows] == ["goed"]
        assert {b.path.name for b in app.screen.bad} == set(expected)


# 10. Nothing the user wrote is dropped by an edit --------------------------------------------


async def test_own_themes_and_forms_survive_a_context_edit(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    editor = SessionEditor(store, stored, lock=False)
    editor.set_context(themes=["Thuiszitters", "Ons eigen thema"], forms=["Onze vorm"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        themes = app.screen.query_one("#ctx-themes", SelectionList)
        assert "Ons eigen thema" in themes.selected
        themes.deselect("Thuiszitters")
        await until(pilot, lambda: read_session(stored.path)["context"]["themes"] == ["Ons eigen thema"])
        own = app.screen.query_one("#ctx-own-forms", Input)
        own.value = "Gedeelde inkoop"
        own.focus()
        await pilot.press("enter")
        await until(pilot, lambda: read_session(stored.path)["context"]["forms"] == ["Onze vorm", "Gedeelde inkoop"])


# 11. Deleting is refused while the session is open elsewhere ----------------------------------


async def test_delete_in_the_app_is_refused_while_open_elsewhere(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions")
    stored = store.create("Regio Elders Open")
    elsewhere = SessionEditor(store, stored)
    app = make_app(store, Home())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.press("j")
        await pilot.pause()
        assert any("ander venster" in n.message for n in app._notifications)
    assert stored.path.exists()
    elsewhere.close()


def test_rescue_folders_are_private_and_ignore_someone_elses(tmp_path: Path, monkeypatch) -> None:
    from tui.session.rescue import find_rescues, rescue_folders

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    planted = rescue_folders(tmp_path / "sessions")[2]
    planted.parent.mkdir(parents=True)
    planted.symlink_to(tmp_path)  # someone put a link where the temp rescue folder goes
    (tmp_path / "lokaas.toml").write_text("x")
    assert find_rescues(tmp_path / "sessions") == []
