"""Many sessions: `list` reads new files on every core; home keeps its cursor when filled again."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.session import item_ids, until
from tui.app.factory import make_app
from tui.app.screens.home import SessionList
from tui.session import Answer, SessionStore, parallel_read
from tui.session.listing import list_rows


@pytest.fixture
def seven(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SessionStore:
    monkeypatch.setenv("SAMENWERKEN_CACHE", str(tmp_path / "cache"))
    store = SessionStore(tmp_path / "sessions")
    for n in range(7):
        stored = store.create(f"Regio {n}")
        stored.session.answers = {item_ids()[0]: Answer(score=n % 5 + 1)} if n % 2 else {}
        store.save(stored)
    (store.root / "kapot.toml").write_text("dit is = = geen toml")
    return store


def test_rows_read_by_helpers_are_the_rows_read_here(seven: SessionStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel_read, "_helpers", lambda: 0)
    alone, bad_alone = list_rows(seven, item_ids())
    for kept in (seven.root.parent / "cache").rglob("*.json"):
        kept.unlink()  # nothing kept: every file is read again, now by helpers
    monkeypatch.setattr(parallel_read, "FROM", 2)
    monkeypatch.setattr(parallel_read, "_helpers", lambda: 2)
    shared, bad_shared = list_rows(seven, item_ids())
    assert shared == alone and len(shared) == 7
    assert [b.path.name for b in bad_shared] == [b.path.name for b in bad_alone] == ["kapot.toml"]


def test_a_helper_that_fails_costs_nothing_but_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel_read, "FROM", 2)
    monkeypatch.setattr(parallel_read, "_helpers", lambda: 1)
    import os

    parent = os.getpid()

    def row_of(name: str) -> object:
        if os.getpid() != parent:
            raise RuntimeError("a helper breaks down")
        return name.upper()

    rows = parallel_read.read_all(["a", "b", "c", "d"], row_of)
    # Whoever was free took the next file: the helper's come back as None, for the caller to read.
    assert all(row in (name.upper(), None) for name, row in zip("abcd", rows, strict=True))


async def test_home_keeps_its_cursor_on_the_same_session_when_filled_again(seven: SessionStore) -> None:
    app = make_app(seven)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#sessions", SessionList)
        await until(pilot, lambda: table.row_count == 7)
        newest_first = [stored.session.title for stored in seven.scan()[0]]
        assert [str(table.get_row_at(n)[0]) for n in range(7)] == newest_first
        await pilot.press("down", "down", "down")
        assert table.cursor_row == 3
        app.screen.refresh_sessions()  # filled again: the cursor stays where it was
        await until(pilot, lambda: table.row_count == 7)
        await pilot.pause()
        assert table.cursor_row == 3
