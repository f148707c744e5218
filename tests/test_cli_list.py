"""`samenwerken list` and `resume` without the TUI: in this process through `main`, and once as a real process."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.helpers.cli import run_process
from tests.helpers.session import file_state, item_ids
from tui.session import Answer, SessionStore

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


pytestmark = pytest.mark.usefixtures("no_sessions_env")


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
            answers[ids[answered]] = Answer(remark="alleen een notitie")  # a note alone does not
        stored.session.answers = answers
        stored.session.updated = T0 + timedelta(hours=n)
        store.save(stored, touch=False)
        counts[stored.session.id] = answered
    return counts


def test_list_json_rows_from_the_console_script(tmp_path: Path) -> None:
    """A real process: the console script (or `python -m tui`), its own stdout encoding, nothing in stderr."""
    folder = tmp_path / "sessions"
    counts = make_sessions(folder)
    result = run_process("--sessions-dir", str(folder), "list", "--json")
    assert result.code == 0, result.err
    assert result.err == ""
    rows = json.loads(result.out)
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


def test_list_with_broken_file(tmp_path: Path, run) -> None:
    folder = tmp_path / "sessions"
    counts = make_sessions(folder)
    broken = folder / "garbage.toml"
    broken.write_bytes(b"not toml [[[")
    before = file_state(broken)
    result = run("--sessions-dir", str(folder), "list", "--json")
    assert result.code == 0
    rows = json.loads(result.out)
    assert {r["id"] for r in rows} == set(counts)
    assert "garbage.toml" in result.err
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert file_state(broken) == before


def test_list_text_form(tmp_path: Path, run) -> None:
    folder = tmp_path / "sessions"
    make_sessions(folder)
    result = run("--sessions-dir", str(folder), "list")
    assert result.code == 0
    lines = result.out.strip().splitlines()
    assert len(lines) == 3
    assert "Vijf 🙂" in lines[0]


def test_list_empty_folder(tmp_path: Path, run) -> None:
    result = run("--sessions-dir", str(tmp_path / "none"), "list", "--json")
    assert result.code == 0
    assert json.loads(result.out) == []


def test_resume_unknown_id_fails_before_the_tui(tmp_path: Path, run) -> None:
    folder = tmp_path / "sessions"
    make_sessions(folder)
    result = run("--sessions-dir", str(folder), "resume", "nonexistent-id")
    assert result.code == 2  # bad input
    assert "Traceback" not in result.err
    message = result.err.strip()
    assert len(message.splitlines()) == 1, message
    assert "nonexistent-id" in message
    assert result.out == ""  # no terminal output: the app never started


def test_resume_in_empty_folder_fails_cleanly(tmp_path: Path, run) -> None:
    result = run("--sessions-dir", str(tmp_path / "empty"), "resume")
    assert result.code == 2  # bad input
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_sessions_env_var_is_honoured(tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "from-env"
    counts = make_sessions(folder)
    monkeypatch.setenv("SAMENWERKEN_SESSIONS", str(folder))
    result = run("list", "--json")
    assert result.code == 0, result.err
    assert {r["id"] for r in json.loads(result.out)} == set(counts)


def test_option_beats_env_var(tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = tmp_path / "chosen"
    counts = make_sessions(chosen)
    other = tmp_path / "other"
    make_sessions(other)
    monkeypatch.setenv("SAMENWERKEN_SESSIONS", str(other))
    result = run("--sessions-dir", str(chosen), "list", "--json")
    assert {r["id"] for r in json.loads(result.out)} == set(counts)
