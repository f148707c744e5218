"""Reliability and safety of the real app: failed saves, two instances, old and hostile files,
hostile text, privacy, terminal sizes, no terminal, crashes, and writes outside the folder."""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Static, TextArea

from tests.helpers.pilot import SIZE, press
from tests.helpers.session import file_state, item_ids, read_session, until, walk_app, widget_text
from tests.helpers.terminal import PtyApp, answers_in, wait_for
from tui.app.factory import make_app
from tui.app.screens.home import SessionList
from tui.app.start import Home, New, Overview, Read, Start, Walk
from tui.content.i18n import strings_for
from tui.session import SessionStore
from tui.session.editor import ReadOnly, SessionEditor

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "session-v1.toml"


def run_cli(
    *args: str,
    stdin=subprocess.DEVNULL,
    env: dict[str, str] | None = None,
    timeout: float = 60,
    input: str | None = None,
):
    """`python -m tui ARGS` in a child process; returns the CompletedProcess (text). `input` is typed on stdin."""
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        stdin=stdin if input is None else None,
        input=input,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def tree(root: Path) -> dict[str, tuple]:
    """Every entry under `root` (not following links) with its kind, size and mtime."""
    out: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            info = path.lstat()
            out[str(path.relative_to(root))] = (stat.S_IFMT(info.st_mode), info.st_size, info.st_mtime_ns)
    return out


# how a walk is opened ----------------------------------------------------------

RESUME_BUG = (
    "app bug: with Start('walk') (`samenwerken resume ID`) app.on_mount pushes HomeScreen and then opens "
    "the walk; HomeScreen.on_screen_resume (tui/app/screens/home.py) runs afterwards and calls "
    "app.release_editors() (tui/app/application.py), which closes the walk editor's lock and empties app._editors: "
    "a second instance can write the same session, and a failed save is never retried "
    "(_retry_saves sees no editors and says 'Alles is weer bewaard')"
)
OPENED = [
    pytest.param("home", id="opened-from-home"),
    pytest.param("resume", id="resume-start"),
]


def walk_session(tmp_path: Path, how: str, title: str = "Regio Test"):
    """`(app, store, stored)`: `resume` starts in the walk; `home` starts home (Enter opens it)."""
    if how == "resume":
        return walk_app(tmp_path, title)
    store = SessionStore(tmp_path / "sessions")
    stored = store.create(title)
    return make_app(store, Home()), store, stored


async def enter_walk(pilot, app, how: str) -> None:
    await pilot.pause()
    if how == "home":
        await press(pilot, "enter")
    assert type(app.screen).__name__ == "WalkScreen"


# a failed save ---------------------------------------------------------------


@pytest.mark.parametrize("how", OPENED)
async def test_failed_save_keeps_answer_in_memory_and_retries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    app, store, stored = walk_session(tmp_path, how)
    first = item_ids()[0]

    tries = 0

    def disk_full(path, data):
        nonlocal tries
        tries += 1
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    app.save_retry_seconds = 0.05
    async with app.run_test(size=SIZE) as pilot:
        await enter_walk(pilot, app, how)
        editor = app.screen.editor
        before = stored.path.read_bytes()
        monkeypatch.setattr("tui.session.store.write_atomic", disk_full)
        await press(pilot, "4")

        assert editor.session.answers[first].score == 4  # kept in memory
        assert editor.unsaved is True
        assert "schijf is vol" in editor.last_error.text(app.strings)
        total = widget_text(app.screen.query_one("#walk-total", Static))
        assert "NIET BEWAARD" in total
        messages = [n.message for n in app._notifications]
        assert any("Niet bewaard" in m and "schijf is vol" in m for m in messages), messages
        assert stored.path.read_bytes() == before  # the old file is intact
        assert not [p for p in store.root.iterdir() if p.name.endswith(".tmp")]

        # A second answer while the disk is still full: also kept.
        await press(pilot, "2")
        assert editor.session.answers[item_ids()[1]].score == 2
        assert editor.unsaved is True

        # The retries fail too: still unsaved, still locked, no "saved again".
        tried = tries
        await until(pilot, lambda: tries >= tried + 2)
        assert editor.unsaved is True
        assert editor.lock.held
        assert not any("weer bewaard" in n.message for n in app._notifications)

        monkeypatch.undo()
        await until(pilot, lambda: not editor.unsaved)
        assert editor.unsaved is False
        answers = read_session(stored.path)["answers"]
        assert answers[first]["score"] == 4
        assert answers[item_ids()[1]]["score"] == 2
        total = app.screen.query_one("#walk-total", Static)
        await until(pilot, lambda: "NIET BEWAARD" not in widget_text(total))  # the banner follows on its next refresh
        assert f"2/{len(item_ids())}" in widget_text(total)
        assert any("weer bewaard" in n.message for n in app._notifications)


# two instances ---------------------------------------------------------------

PROBE = """
import sys
from pathlib import Path
from tui.session import SessionStore
from tui.session.editor import SessionEditor
store = SessionStore(Path(sys.argv[1]))
editor = SessionEditor(store, store.find(sys.argv[2]))
print(editor.read_only, flush=True)
if len(sys.argv) > 3:  # hold the lock until killed
    import time
    time.sleep(600)
"""


def probe_read_only(store: SessionStore, session_id: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(store.root), session_id],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.parametrize("how", OPENED)
async def test_second_instance_is_read_only_and_changes_nothing(tmp_path: Path, how: str) -> None:
    app, store, stored = walk_session(tmp_path, how)
    first, second = item_ids()[:2]
    async with app.run_test(size=SIZE) as pilot:
        await enter_walk(pilot, app, how)
        await press(pilot, "3")
        assert read_session(stored.path)["answers"][first]["score"] == 3
        before = file_state(stored.path)

        # The same process, another open file description: flock refuses.
        other = SessionEditor(store, store.find(stored.session.id))
        assert other.read_only
        reason = other.read_only_reason
        assert reason is not None
        assert reason.text(strings_for("nl")) == "open in een ander venster"  # words, not a pid
        assert str(reason.values["holder"]).startswith(f"pid {os.getpid()} on ")  # kept for a log
        snapshot = other.session.model_copy(deep=True)
        for change in (
            lambda: other.answer(second, 5),
            lambda: other.answer(first, 1),
            lambda: other.not_applicable(second),
            lambda: other.clear(first),
            lambda: other.remark(first, "overschreven"),
            lambda: other.set_title("Gekaapt"),
            lambda: other.set_remarks("x"),
            lambda: other.add_step("stap"),
        ):
            with pytest.raises(ReadOnly):
                change()
        assert other.session == snapshot  # nothing changed in memory
        assert file_state(stored.path) == before  # nor on disk
        other.close()
        assert app.screen.editor.lock.held  # closing the read-only one frees nothing

        # Another process sees the lock too.
        assert probe_read_only(store, stored.session.id) == "True"

        # The first instance still writes.
        await press(pilot, "5")
        assert read_session(stored.path)["answers"][second]["score"] == 5
        await press(pilot, "q")  # home: the lock is let go
        assert probe_read_only(store, stored.session.id) == "False"
        await press(pilot, "q")


@pytest.mark.slow
@pytest.mark.parametrize("how", OPENED)
def test_real_app_holds_the_lock_while_open_and_frees_it_on_exit(tmp_path: Path, how: str) -> None:
    store = SessionStore(tmp_path / "sessions")
    stored = store.create("Regio Pty")
    first = item_ids()[0]
    args = ["--sessions-dir", str(store.root)] + (["resume", stored.session.id] if how == "resume" else [])
    app = PtyApp(args)
    try:
        if how == "home":
            assert wait_for(lambda: b"Regio Pty" in app.output, 20), bytes(app.output[-500:])
            app.send("\r")
        assert wait_for(lambda: b"Deel" in app.output, 20), bytes(app.output[-500:])
        app.send("4")
        assert wait_for(lambda: answers_in(stored.path).get(first) == 4, 15)
        assert probe_read_only(store, stored.session.id) == "True"
        app.send("\x11")  # ctrl+q
        assert app.wait(15) == 0
        assert probe_read_only(store, stored.session.id) == "False"
    finally:
        app.close()


async def test_app_lets_go_of_its_locks_when_it_exits(tmp_path: Path) -> None:
    app, store, stored = walk_session(tmp_path, "home")
    async with app.run_test(size=SIZE) as pilot:
        await enter_walk(pilot, app, "home")
        await press(pilot, "4")
        assert probe_read_only(store, stored.session.id) == "True"
        await press(pilot, "ctrl+q")  # quit straight from the walk
    assert probe_read_only(store, stored.session.id) == "False"


@pytest.mark.slow
def test_lock_of_a_killed_holder_is_free(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions")
    stored = store.create("Verlaten slot")
    holder = subprocess.Popen(
        [sys.executable, "-c", PROBE, str(store.root), stored.session.id, "hold"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "False"  # it got the lock
        mine = SessionEditor(store, store.find(stored.session.id))
        assert mine.read_only and mine.read_only_reason is not None
        assert str(mine.read_only_reason.values["holder"]).startswith(f"pid {holder.pid} on ")
        mine.close()
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(10)
    lock_file = store.root / ".locks" / f"{stored.path.name}.lock"
    assert lock_file.exists()  # a stale lock file is left …
    editor = SessionEditor(store, store.find(stored.session.id))
    try:
        assert not editor.read_only  # … and does not block
        editor.answer(item_ids()[0], 2)
        assert read_session(stored.path)["answers"][item_ids()[0]]["score"] == 2
    finally:
        editor.close()


# file formats ----------------------------------------------------------------


def test_fixture_of_format_1_loads_and_keeps_every_field(tmp_path: Path) -> None:
    root = tmp_path / "sessions"
    root.mkdir()
    path = root / FIXTURE.name
    shutil.copyfile(FIXTURE, path)
    original = tomllib.loads(FIXTURE.read_text("utf-8"))
    store = SessionStore(root)

    session = store.read(path)
    assert session.schema_version == 4  # format 1 is read through its migrations
    assert session.title == "RPO Noord-Veluwe"
    assert session.follows == "rpo-noord-veluwe-0b11aa"
    assert session.answers["waarom.niet-op-netvlies"].not_applicable
    assert session.answers["waarom.niet-op-netvlies"].score is None
    assert session.answers["helpt.urgentie"].remark.count("\n") == 2
    assert session.answers["belangen.dialoog"].answered is False
    assert session.context.stage == "lopend"
    assert [s.done for s in session.next_steps] == [False, True]
    # a 'when' with its year gets its date; one without a date stays text alone
    assert [(s.when, s.due) for s in session.next_steps] == [("voor de zomer", None), ("2024-04-15", date(2024, 4, 15))]
    stored = store.find(session.id)
    assert stored.migrated_from == 1  # its first save keeps the format-1 file as a backup
    good, bad = store.scan()
    assert [s.session.id for s in good] == [session.id] and bad == []

    # Saving through the editor keeps every field; only what was changed differs.
    editor = SessionEditor(store, stored)
    try:
        editor.answer("vaardigheid.weefsel", 3)
    finally:
        editor.close()
    saved = read_session(path)
    assert saved["updated"] > original["updated"]
    assert saved["answers"].pop("vaardigheid.weefsel")["score"] == 3
    assert saved.pop("schema_version") == 4 and original.pop("schema_version") == 1
    # the one field a migration added: the date of a 'when' that names one with its year
    assert [step.pop("due", None) for step in saved["next_steps"]] == [None, date(2024, 4, 15)]
    for data in (saved, original):
        data.pop("updated")
        for answer in data["answers"].values():  # defaults may be written out or left out
            answer.setdefault("not_applicable", False)
            answer.setdefault("note", "")
            answer.setdefault("shared", False)
    assert saved == original
    assert store.read(path).answers["helpt.urgentie"] == session.answers["helpt.urgentie"]
    backup = root / f"{path.stem}.v1.bak"
    assert backup.read_bytes() == FIXTURE.read_bytes()  # the format-1 file, kept as it was


@pytest.mark.slow
def test_file_of_a_newer_format_is_refused_and_left_alone(tmp_path: Path) -> None:
    root = tmp_path / "sessions"
    root.mkdir()
    newer = root / "van-de-toekomst.toml"
    newer.write_text(FIXTURE.read_text("utf-8").replace("schema_version = 1", "schema_version = 99"), "utf-8")
    before = file_state(newer)
    store = SessionStore(root)

    good, bad = store.scan()
    assert good == []
    assert [b.path.name for b in bad] == [newer.name]
    assert "newer" in bad[0].reason

    listed = run_cli("--sessions-dir", str(root), "list", "--json")
    assert listed.returncode == 0 and json.loads(listed.stdout) == []
    assert "newer" in listed.stderr and newer.name in listed.stderr

    for ref in (str(newer), "rpo-noord-veluwe-3fa2c1"):
        done = run_cli("--sessions-dir", str(root), "resume", ref, env={"TERM": "xterm-256color"})
        assert done.returncode == 2, (ref, done.stdout, done.stderr)  # bad input
        if ref == str(newer):
            assert "newer" in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert "Traceback" not in done.stderr + done.stdout
    assert file_state(newer) == before
    assert sorted(p.name for p in root.iterdir()) == [newer.name]


# bad files on the home screen ------------------------------------------------


def make_broken_files(root: Path, valid: str) -> list[str]:
    (root / "empty.toml").write_bytes(b"")
    (root / "binary.toml").write_bytes(bytes(range(256)) * 4)
    (root / "latin1.toml").write_bytes(valid.replace("Regio", "Caf\u00e9").encode("latin-1"))
    (root / "wrongtype.toml").write_text(valid.replace('language = "nl"', "language = 3"), "utf-8")
    (root / "unknown.toml").write_text("extra = true\n" + valid, "utf-8")
    (root / "truncated.toml").write_text(valid[: len(valid) // 3] + '\ntitle = "half', "utf-8")
    with open(root / "huge.toml", "wb") as handle:  # 50 MB, sparse
        handle.write(valid.encode())
        handle.truncate(50 * 1024 * 1024)
    (root / "x.toml").mkdir()
    (root / "evil.toml").symlink_to("/etc/passwd")
    return sorted(
        [
            "empty.toml",
            "binary.toml",
            "latin1.toml",
            "wrongtype.toml",
            "unknown.toml",
            "truncated.toml",
            "huge.toml",
            "x.toml",
            "evil.toml",
        ]
    )


def broken_state(root: Path, names: list[str]) -> dict[str, object]:
    state: dict[str, object] = {}
    for name in names:
        path = root / name
        info = path.lstat()
        if path.is_symlink():
            state[name] = ("link", os.readlink(path), info.st_mtime_ns)
        elif path.is_dir():
            state[name] = ("dir", sorted(os.listdir(path)), info.st_mtime_ns)
        elif name == "huge.toml":
            state[name] = ("file", info.st_size, info.st_mtime_ns)
        else:
            state[name] = ("file", path.read_bytes(), info.st_mtime_ns)
    return state


async def test_broken_files_are_named_and_never_touched(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions")
    made = [store.create(f"Regio {n}") for n in range(6)]
    broken = make_broken_files(store.root, made[0].path.read_text("utf-8"))
    before = broken_state(store.root, broken)
    passwd = file_state(Path("/etc/passwd"))

    app = make_app(store, Home())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#sessions", SessionList).row_count == 6
        bad = app.screen.query_one("#home-bad", Static)
        assert bad.display
        shown = widget_text(bad)
        assert shown.startswith(f"{len(broken)} bestand(en)")
        # The first five are named, the rest summed up as "…".
        named = [name for name in broken if f"  {name}:" in shown]
        assert named == broken[:5], shown
        assert "…" in shown
        await press(pilot, "q")

    listed = run_cli("--sessions-dir", str(store.root), "list", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert sorted(r["title"] for r in rows) == [f"Regio {n}" for n in range(6)]
    problems = listed.stderr.strip().splitlines()
    assert len(problems) == len(broken)
    for name in broken:
        assert sum(f"/{name}:" in line for line in problems) == 1, (name, problems)
    assert "Traceback" not in listed.stderr
    assert "root:" not in listed.stderr + listed.stdout  # nothing of /etc/passwd shown

    assert broken_state(store.root, broken) == before
    assert file_state(Path("/etc/passwd")) == passwd
    assert sorted(p.name for p in store.root.iterdir() if not p.name.startswith(".")) == sorted(
        broken + [s.path.name for s in made]
    )


# hostile text ----------------------------------------------------------------

HOSTILE_TITLES = ["../../escape-attempt", "/etc/passwd", "..", "CON", "a" * 400, "🙂"]


@pytest.mark.parametrize("title", HOSTILE_TITLES, ids=["dotdot", "abs", "dots", "con", "long", "emoji"])
async def test_hostile_title_typed_in_the_app_stays_in_the_folder(tmp_path: Path, title: str) -> None:
    store = SessionStore(tmp_path / "sessions")
    app = make_app(store, New())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "TextPrompt"
        focused = app.screen.focused
        assert isinstance(focused, Input)
        focused.value = title
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "WalkScreen"
        await press(pilot, "4")
        path = app.screen.editor.stored.path
    assert path.parent == store.root
    assert path.resolve().parent == store.root.resolve()
    assert read_session(path)["title"] == title
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sessions"]
    assert [p.name for p in store.root.iterdir() if not p.name.startswith(".")] == [path.name]


MARKUP_NOTE = "[bold]vet[/bold] [link=x]y[/link]"
KEY_NAMES = {"[": "left_square_bracket", "]": "right_square_bracket", "/": "slash", " ": "space", "=": "equals_sign"}


async def test_note_with_markup_is_stored_and_shown_literally(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    first = item_ids()[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "n")
        assert isinstance(app.screen.focused, TextArea)
        for char in MARKUP_NOTE:
            await pilot.press(KEY_NAMES.get(char, char))
        await pilot.pause()
        await press(pilot, "escape")
        assert type(app.screen).__name__ == "WalkScreen"
        assert read_session(stored.path)["answers"][first]["note"] == MARKUP_NOTE
        note = app.screen.query_one("#item-note", Static)
        assert MARKUP_NOTE in widget_text(note)
        assert MARKUP_NOTE in str(note.render())  # rendered as typed, not as markup
    assert store.read(stored.path).answers[first].remark == MARKUP_NOTE


ESC_TITLE = "Regio \x1b[31mrood\x1b[0m\x07\x08 einde"


async def test_control_characters_in_title_are_shown_visibly_and_stored_unchanged(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions")
    stored = store.create(ESC_TITLE)
    app = make_app(store, Walk(stored))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        title = app.screen.title or ""
        assert "␛[31mrood␛[0m␇␈" in title
        assert "\x1b" not in title
        header = app.screen.query_one("AppHeader")
        assert "␛" in str(header.render()) and "\x1b" not in str(header.render())
        await press(pilot, "2")
        await press(pilot, "q")
        assert type(app.screen).__name__ == "HomeScreen"
        cell = str(app.screen.query_one("#sessions", SessionList).get_row_at(0)[0])
        assert "␛[31mrood␛[0m" in cell and "\x1b" not in cell and "\x07" not in cell
        screenshot = app.export_screenshot()
        assert "␛" in screenshot and "\x1b" not in screenshot
    assert read_session(stored.path)["title"] == ESC_TITLE
    assert store.read(stored.path).title == ESC_TITLE


async def test_a_100_kb_note_round_trips(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    first = item_ids()[0]
    line = 'Een lange notitie met é, 🙂, "quotes", [brackets] en \\ backslashes.\n'
    big = (line * (100 * 1024 // len(line.encode()) + 1))[: 100 * 1024]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "n")
        area = app.screen.query_one("#note-text", TextArea)
        area.insert(big)
        await pilot.pause()
        await press(pilot, "escape")
        assert read_session(stored.path)["answers"][first]["note"] == big
        await press(pilot, "n")  # the editor opens with the whole note
        assert app.screen.query_one("#note-text", TextArea).text == big
        await press(pilot, "escape")
    assert len(big.encode()) >= 100 * 1024 - 4
    assert store.read(stored.path).answers[first].remark == big


# privacy -----------------------------------------------------------------------


async def test_everything_written_is_private_even_with_umask_0(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.session import codec

    old = os.umask(0)
    try:
        app, store, stored = walk_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await press(pilot, "4", "o")
            await press(pilot, "e")
            await press(pilot, "enter")  # the first format
            lock = store.root / ".locks" / f"{stored.path.name}.lock"
            assert lock.exists()
            assert mode(lock) == 0o600
            assert mode(lock.parent) == 0o700
        exports = list((store.root / "exports").iterdir())
        assert exports
        app.write_export(stored.session, "html")
        app.write_export(stored.session, "json")

        # A file of an older format (0), migrated on read: its first save keeps a backup.
        def from_0(data):
            return {**data, "schema_version": 1}

        monkeypatch.setitem(codec.MIGRATIONS, 0, from_0)
        old_file = store.root / "oud.toml"
        old_file.write_text(stored.path.read_text("utf-8").replace("schema_version = 4", "schema_version = 0"), "utf-8")
        old_file.chmod(0o644)
        migrated = store.load(old_file)
        assert migrated.migrated_from == 0
        store.save(migrated)
        backup = store.root / "oud.v0.bak"
        assert backup.exists()
    finally:
        os.umask(old)

    assert mode(store.root) == 0o700
    assert mode(store.root / "exports") == 0o700
    for path in store.root.iterdir():
        if path.is_file():
            assert mode(path) == 0o600, path
    for path in (store.root / "exports").iterdir():
        assert mode(path) == 0o600, path
    assert {p.suffix for p in (store.root / "exports").iterdir()} >= {".md", ".html", ".json"}
    assert mode(backup) == 0o600
    assert mode(stored.path) == 0o600


# terminal sizes ------------------------------------------------------------


def start_for(kind: str, store: SessionStore) -> Start:
    stored = store.create("Regio Formaat")
    if kind == "walk":
        editor = SessionEditor(store, stored)
        for item_id in item_ids()[:7]:
            editor.answer(item_id, 3)
        editor.close()
        return Walk(stored)
    if kind == "overview":
        return Overview(stored)
    if kind == "read":
        return Read("vooraf")
    return Home()


@pytest.mark.parametrize("kind", ["home", "read", "walk", "overview"])
@pytest.mark.parametrize("size", [(40, 12), (40, 14), (50, 14), (250, 80)])
async def test_every_start_screen_at_every_size(tmp_path: Path, kind: str, size: tuple[int, int]) -> None:
    from tui.app.screens.too_small import TooSmallScreen

    store = SessionStore(tmp_path / "sessions")
    app = make_app(store, start_for(kind, store))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()
        small = size == (40, 12)
        assert isinstance(app.screen, TooSmallScreen) == small, type(app.screen).__name__
        if small:
            text = widget_text(app.screen.query_one("#too-small", Static))
            assert "minstens 40×14" in text
            assert "40×12" in text
        app.export_screenshot()  # renders without error
        await pilot.resize_terminal(80, 24)  # (80×24 at start: every other test)
        await pilot.pause()
        assert not isinstance(app.screen, TooSmallScreen)
        expected = {"home": "HomeScreen", "read": "ReaderScreen", "walk": "WalkScreen", "overview": "OverviewScreen"}
        assert type(app.screen).__name__ == expected[kind]


async def test_too_small_screen_leaves_no_trace_when_a_walk_starts_small(tmp_path: Path) -> None:
    from tui.app.screens.too_small import TooSmallScreen

    store = SessionStore(tmp_path / "sessions")
    app = make_app(store, New("Klein begonnen"))
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen), [type(s).__name__ for s in app.screen_stack]
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert type(app.screen).__name__ == "WalkScreen"
        await press(pilot, "q")
        assert type(app.screen).__name__ == "HomeScreen"
        assert not any(isinstance(s, TooSmallScreen) for s in app.screen_stack)


async def test_a_resize_that_arrives_late_settles_instead_of_resizing_the_screen_below_forever(tmp_path: Path) -> None:
    """A window made small and large again quickly: the screen in front can still hold the small size's event.

    Textual hands a screen's Resize on to the screen below it; that screen then posts itself one
    Resize per size, and the two stale sizes took turns for ever (100 % CPU, a seat's window that
    never repainted: found over SSH under load).
    """
    import asyncio

    from textual import events
    from textual.geometry import Size

    from tui.app.screens.base import SaveStateChanged

    store = SessionStore(tmp_path / "sessions")
    start_for("walk", store)
    app = make_app(store, Home())
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "enter")
        assert [type(s).__name__ for s in app.screen_stack][-2:] == ["HomeScreen", "WalkScreen"]
        walk, home = app.screen, app.screen_stack[-2]
        for screen in (walk, home):
            screen.post_message(events.Resize(Size(40, 12), Size(40, 12)))  # late: the window is 80×24 again
            screen.post_message(SaveStateChanged())
        await asyncio.wait_for(pilot.pause(), 10)
        for screen in (walk, home):  # the late size is not taken up, so it cannot take turns
            assert screen.has_class("-normal") and not screen.has_class("-narrow"), screen.classes
        await press(pilot, "5")
        assert read_session(app.screen.editor.stored.path)["answers"][item_ids()[7]]["score"] == 5


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["home", "walk"])
async def test_rapid_resizes_never_crash(tmp_path: Path, kind: str) -> None:
    from tui.app.screens.too_small import TooSmallScreen

    store = SessionStore(tmp_path / "sessions")
    app = make_app(store, start_for(kind, store))
    rng = random.Random(1414)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for n in range(20):
            await pilot.resize_terminal(rng.randint(10, 260), rng.randint(3, 90))
            if n % 3 == 0:
                await pilot.pause()
        await pilot.resize_terminal(30, 8)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert not any(isinstance(s, TooSmallScreen) for s in app.screen_stack)
        assert type(app.screen).__name__ == ("HomeScreen" if kind == "home" else "WalkScreen")
        if kind == "walk":
            await press(pilot, "5")
            assert read_session(app.screen.editor.stored.path)["answers"][item_ids()[7]]["score"] == 5


# no terminal -------------------------------------------------------------------


NO_TERMINAL = [
    pytest.param(how, command, id=f"{how}-{' '.join(command) or 'home'}")
    for how in ("term-dumb", "stdin-devnull")
    for command in ([], ["read"], ["new", "Regio"], ["resume"])
    if not (how == "term-dumb" and command[:1] in (["new"], ["resume"]))  # those walk in plain mode (below)
]


@pytest.mark.slow
@pytest.mark.parametrize(("how", "command"), NO_TERMINAL)
def test_without_a_usable_terminal_the_app_says_so(tmp_path: Path, how: str, command: list[str]) -> None:
    store = SessionStore(tmp_path / "sessions")
    store.create("Bestaand")
    before = tree(store.root)
    env = {"TERM": "dumb"} if how == "term-dumb" else {"TERM": "xterm-256color"}
    done = run_cli("--sessions-dir", str(store.root), *command, env=env, timeout=30)
    assert done.returncode == 2, (done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "terminal" in lines[0] and ("dumb" in lines[0] if how == "term-dumb" else "de invoer" in lines[0])
    assert "Traceback" not in done.stderr + done.stdout
    assert "\x1b" not in done.stdout + done.stderr  # no escape codes sent anywhere
    assert tree(store.root) == before  # nothing created (no session for `new`)


@pytest.mark.slow
def test_with_term_dumb_resume_walks_in_plain_lines(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions")
    stored = store.create("Bestaand")
    done = run_cli("--sessions-dir", str(store.root), "resume", env={"TERM": "dumb"}, timeout=30, input="4\nq\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Reflectie ‘Bestaand’: 0 van {len(item_ids())} items beantwoord.")
    assert "\x1b" not in done.stdout + done.stderr
    assert read_session(stored.path)["answers"][item_ids()[0]]["score"] == 4


# a crash -----------------------------------------------------------------------


async def test_a_crash_writes_a_private_log_without_user_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.app.screens.walk import WalkScreen
    from tui.core.crash import Crashed

    app, store, stored = walk_app(tmp_path, title="Geheime Regio")
    ids = item_ids()

    def boom(self) -> None:
        raise RuntimeError("secret user text")

    monkeypatch.setattr(WalkScreen, "action_remark", boom)
    with pytest.raises(Crashed) as caught:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for score in (1, 2, 3, 4, 5):
                await press(pilot, str(score))
            app.screen.editor.remark(ids[0], "vertrouwelijk")
            await press(pilot, "n")
            await pilot.pause()
    assert isinstance(caught.value.__cause__, RuntimeError)
    logs = list((store.root / ".logs").iterdir())
    assert len(logs) == 1 and caught.value.log == logs[0]
    assert mode(logs[0]) == 0o600
    assert mode(store.root / ".logs") == 0o700
    text = logs[0].read_text("utf-8")
    assert "RuntimeError" in text and "test_reliability.py" in text
    for secret in ("secret user text", "Geheime", "vertrouwelijk"):
        assert secret not in text
    rendered = caught.value.__rich__()
    assert str(store.root) in rendered and str(logs[0]) in rendered
    assert "secret user text" not in rendered
    answers = read_session(stored.path)["answers"]
    assert [answers[i]["score"] for i in ids[:5]] == [1, 2, 3, 4, 5]
    assert answers[ids[0]]["note"] == "vertrouwelijk"


# nothing written outside the sessions folder ---------------------------------


async def test_nothing_is_written_outside_the_sessions_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    work = tmp_path / "cwd"
    home.mkdir()
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "SAMENWERKEN_SESSIONS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(work)
    sessions = tmp_path / "sessions"
    checkout_sessions = ROOT / "sessions"
    checkout_before = tree(checkout_sessions) if checkout_sessions.is_dir() else None

    store = SessionStore(sessions)
    app = make_app(store, New("Buiten de map"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "WalkScreen"
        await press(pilot, "4", "0", "3", "n")
        await pilot.press(*"notitie")
        await press(pilot, "escape", "o", "e", "enter")
        assert (sessions / "exports").is_dir()
        await press(pilot, "q", "q")
        await press(pilot, "q")

    assert sorted(p.name for p in tmp_path.iterdir()) == ["cwd", "home", "sessions"]
    # Only the cache the README names (checked content, the list of the sessions folder), as JSON.
    kept = {name for name in tree(home) if name == ".cache" or name.startswith(".cache/samenwerken")}
    files = tree(home)
    assert all(name.endswith(".json") for name in kept if files[name][0] != 0o40000), files
    assert set(tree(home)) - kept == set() and tree(work) == {}
    names = sorted(tree(sessions))
    assert any(n.endswith(".toml") and "/" not in n for n in names)
    assert any(n.startswith("exports/") for n in names)
    if checkout_before is not None:
        assert tree(checkout_sessions) == checkout_before
