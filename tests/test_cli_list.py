"""`samenwerken list` and `resume` as a user runs them: a real process, no TUI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.session_helpers import file_state, item_ids
from tui.session import Answer, SessionStore

ROOT = Path(__file__).resolve().parent.parent
T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def run(*args: str, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k != "SAMENWERKEN_SESSIONS"}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        cwd=ROOT,
        env=full_env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def make_sessions(folder: Path) -> dict[str, int]:
    """Three sessions with 0, 3 and 5 answered items; id -> answered."""
    store = SessionStore(folder)
    ids = item_ids()
    counts = {}
    for n, (title, answered) in enumerate([("Nul", 0), ("Drie", 3), ("Vijf 🙂", 5)]):
        stored = store.create(title)
        answers = {ids[i]: Answer(score=2, at=T0) for i in range(answered)}
        if answered:
            answers[ids[answered - 1]] = Answer(not_applicable=True, at=T0)  # n.v.t. counts as answered
            answers[ids[answered]] = Answer(note="alleen een notitie")  # a note alone does not
        stored.session.answers = answers
        stored.session.updated = T0 + timedelta(hours=n)
        store.save(stored, touch=False)
        counts[stored.session.id] = answered
    return counts


def test_list_json_rows(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    counts = make_sessions(folder)
    result = run("--sessions-dir", str(folder), "list", "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    rows = json.loads(result.stdout)
    assert len(rows) == 3
    total = len(item_ids())
    for row in rows:
        assert {"id", "title", "answered", "total", "updated", "path"} <= set(row)
        assert row["answered"] == counts[row["id"]]
        assert row["total"] == total
        assert Path(row["path"]).parent == folder
        assert Path(row["path"]).is_file()
        datetime.fromisoformat(row["updated"])
    assert [r["title"] for r in rows] == ["Vijf 🙂", "Drie", "Nul"]  # newest first


def test_list_with_broken_file(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    counts = make_sessions(folder)
    broken = folder / "garbage.toml"
    broken.write_bytes(b"not toml [[[")
    before = file_state(broken)
    result = run("--sessions-dir", str(folder), "list", "--json")
    assert result.returncode == 0
    rows = json.loads(result.stdout)
    assert {r["id"] for r in rows} == set(counts)
    assert "garbage.toml" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert file_state(broken) == before


def test_list_text_form(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    make_sessions(folder)
    result = run("--sessions-dir", str(folder), "list")
    assert result.returncode == 0
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 3
    assert "Vijf 🙂" in lines[0]


def test_list_empty_folder(tmp_path: Path) -> None:
    result = run("--sessions-dir", str(tmp_path / "none"), "list", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == []


def test_resume_unknown_id_fails_before_the_tui(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    make_sessions(folder)
    result = run("--sessions-dir", str(folder), "resume", "nonexistent-id", timeout=30)
    assert result.returncode == 2  # bad input
    assert "Traceback" not in result.stderr
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert "nonexistent-id" in message
    assert result.stdout == ""  # no terminal output: the app never started


def test_resume_in_empty_folder_fails_cleanly(tmp_path: Path) -> None:
    result = run("--sessions-dir", str(tmp_path / "empty"), "resume", timeout=30)
    assert result.returncode == 2  # bad input
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_sessions_env_var_is_honoured(tmp_path: Path) -> None:
    folder = tmp_path / "from-env"
    counts = make_sessions(folder)
    result = run("list", "--json", env={"SAMENWERKEN_SESSIONS": str(folder)})
    assert result.returncode == 0, result.stderr
    assert {r["id"] for r in json.loads(result.stdout)} == set(counts)


def test_option_beats_env_var(tmp_path: Path) -> None:
    chosen = tmp_path / "chosen"
    counts = make_sessions(chosen)
    other = tmp_path / "other"
    make_sessions(other)
    result = run("--sessions-dir", str(chosen), "list", "--json", env={"SAMENWERKEN_SESSIONS": str(other)})
    assert {r["id"] for r in json.loads(result.stdout)} == set(counts)
