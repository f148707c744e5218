"""Nothing lost: kill -9 at random moments, a hang-up, SIGTERM — every saved answer stays on disk."""

from __future__ import annotations

import os
import random
import signal
import time
import tomllib
from pathlib import Path
from typing import IO

import pytest

from tests.helpers.terminal import PtyApp, answers_in, wait_for
from tui.content import load_tool
from tui.session import SessionStore
from tui.session.editor import SessionEditor

pytestmark = pytest.mark.slow  # kill loops and real pseudo-terminals

KILLS = 200
KILL_BUDGET_SECONDS = 150


def answering_child(root: Path, session_id: str, seed: int) -> tuple[int, IO[str]]:
    """A process that answers items in a loop through the real editor; its pid and its report.

    It writes "B item score" before each save and "A" once the save returned: whatever was
    acknowledged must survive a kill. It is forked from this process, which has imported
    the app already (a fresh interpreter spent 0.25 s of each round importing it), and it
    never returns into the test runner: it writes with os.write and leaves with os._exit.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_end)
            store = SessionStore(root)
            editor = SessionEditor(store, store.find(session_id))
            ids = [i.id for i in load_tool().items]
            rng = random.Random(seed)
            os.write(write_end, b"R\n")
            while True:
                item, score = rng.choice(ids), rng.randint(1, 5)
                os.write(write_end, f"B {item} {score}\n".encode())
                if rng.random() < 0.2:
                    editor.remark(item, "noot " + "x" * rng.randint(0, 3000))
                editor.answer(item, score)
                os.write(write_end, b"A\n")
        finally:
            os._exit(1)
    os.close(write_end)
    return pid, os.fdopen(read_end, "r", encoding="utf-8")


def test_kill_9_at_random_moments_loses_no_saved_answer(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions")
    stored = store.create("Kill test")
    expected: dict[str, int] = {}
    kills = 0
    rng = random.Random(20261129)
    start = time.monotonic()
    while kills < KILLS and time.monotonic() - start < KILL_BUDGET_SECONDS:
        pid, report = answering_child(store.root, stored.session.id, kills)
        assert report.readline().strip() == "R"
        deadline = time.monotonic() + rng.uniform(0.0, 0.08)
        pending: tuple[str, int] | None = None
        acknowledged = dict(expected)
        while time.monotonic() < deadline:
            raw = report.readline()
            if not raw.endswith("\n"):
                break  # the child is gone mid-line: that line's save never started
            line = raw.split()
            if line[0] == "B":
                pending = (line[1], int(line[2]))
            elif line[0] == "A" and pending:
                acknowledged[pending[0]] = pending[1]
                pending = None
        os.kill(pid, signal.SIGKILL)
        # Acknowledgements already written to the pipe happened before the kill too.
        # A last line cut short by the kill was never acted on: only whole lines count.
        for rest in report.read().split("\n")[:-1]:
            parts = rest.split()
            if parts and parts[0] == "B":
                pending = (parts[1], int(parts[2]))
            elif parts and parts[0] == "A" and pending:
                acknowledged[pending[0]] = pending[1]
                pending = None
        report.close()
        os.waitpid(pid, 0)
        kills += 1
        on_disk = tomllib.loads(stored.path.read_text(encoding="utf-8"))  # parseable, always
        scores = {k: v.get("score") for k, v in on_disk.get("answers", {}).items()}
        for item, score in acknowledged.items():
            in_flight = pending is not None and pending[0] == item and scores.get(item) == pending[1]
            assert scores.get(item) == score or in_flight, (item, score, scores.get(item))
        if pending is not None and scores.get(pending[0]) == pending[1]:
            acknowledged[pending[0]] = pending[1]
        expected = {k: v for k, v in scores.items() if v is not None}
        leftovers = [p for p in store.root.iterdir() if p.name.endswith(".tmp")]
        for p in leftovers:  # a temp file of a killed save may stay; the session file never suffers
            p.unlink()
    assert kills >= KILLS, f"only {kills} kills in {KILL_BUDGET_SECONDS}s"
    assert store.read(stored.path).answers  # still a valid session


def _walk_in_pty(tmp_path: Path) -> tuple[PtyApp, Path]:
    store = SessionStore(tmp_path / "sessions")
    stored = store.create("Regio Pty")
    app = PtyApp(["--sessions-dir", str(store.root), "resume", stored.session.id])
    assert wait_for(lambda: b"Deel 1/5" in app.output or b"Deel" in app.output, 20), app.output[-500:]
    return app, stored.path


@pytest.mark.parametrize("how", ["hangup", "sigterm"])
def test_closing_the_terminal_or_sigterm_keeps_every_answer(tmp_path: Path, how: str) -> None:
    app, path = _walk_in_pty(tmp_path)
    try:
        app.send("4" * 12, pause=0.05)
        ids = [i.id for i in load_tool().items][:12]
        assert wait_for(lambda: all(answers_in(path).get(i) == 4 for i in ids), 15)
        if how == "hangup":
            app.hang_up()
        else:
            app.kill(signal.SIGTERM)
        assert app.wait(15) is not None, "the app did not exit"
        assert all(answers_in(path).get(i) == 4 for i in ids)
    finally:
        app.close()


def test_kill_9_of_the_real_app_mid_walk(tmp_path: Path) -> None:
    rng = random.Random(7)
    for round_ in range(5):
        app, path = _walk_in_pty(tmp_path / str(round_))
        try:
            count = rng.randint(5, 25)
            app.send("3" * count, pause=0.02)
            time.sleep(rng.uniform(0.0, 0.3))
            app.kill()
            app.wait(10)
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            assert all(a.get("score") == 3 for a in data.get("answers", {}).values())
        finally:
            app.close()
