"""Home with 10,000 sessions: the first rows show while the rest are read, keys work meanwhile, every row is reachable."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.many import many_sessions, title_of
from tests.helpers.session import item_ids, until, widget_text
from tui.app.factory import make_app
from tui.app.screens import home
from tui.app.screens.home import HomeScreen, SessionList
from tui.session import SessionStore, listing

COUNT = 10_000


def shown(table: SessionList) -> list[str]:
    """The list's lines as they are drawn now (the header first)."""
    return [table.render_line(y).text.strip() for y in range(table.size.height)]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("many") / "sessions"
    many_sessions(root, COUNT, item_ids())
    return root


@pytest.mark.slow
async def test_ten_thousand_rows_show_while_read_and_every_row_is_reachable(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate, loads = threading.Event(), [0]
    quick = listing.read_entry

    def gated(path: str, *args: Any) -> Any:  # each file is read the quick way first (tui.session.row_read)
        loads[0] += 1
        if loads[0] == 500:  # the rest waits until the test has looked
            assert gate.wait(30), "the gate was never opened"
        return quick(path, *args)

    monkeypatch.setattr(listing, "read_entry", gated)
    app = make_app(SessionStore(folder))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        table = screen.query_one(SessionList)
        await until(pilot, lambda: loads[0] == 500, timeout=30)
        await pilot.pause()
        await pilot.pause()  # the rows sent before the gate are in
        # The first rows are on screen while the other files wait to be read.
        assert screen._reading and home.FIRST_ROWS <= table.row_count < 500
        assert "worden gelezen (10000 bestanden)" in widget_text(screen.query_one("#home-empty"))
        lines = shown(table)
        assert lines[0].split() == ["Samenwerking", "Beantwoord", "Laatst", "gewijzigd"]
        assert lines[1].startswith(table.get_row_at(0)[0])
        # Keys are answered meanwhile.
        await pilot.press("down", "down")
        assert table.cursor_row == 2
        await pilot.press("question_mark")
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        chosen = table.get_row_at(2)[0]
        gate.set()
        await until(pilot, lambda: not screen._reading, timeout=60)
        assert table.row_count == COUNT
        assert table.get_row_at(table.cursor_row)[0] == chosen  # the cursor stayed on its session
        # Every row is reachable: End shows the last (the oldest change), Home the first.
        await pilot.press("end")
        assert table.cursor_row == COUNT - 1
        assert shown(table)[-1].startswith(title_of(0))
        await pilot.press("home")
        assert table.cursor_row == 0
        assert shown(table)[1].startswith(title_of(COUNT - 1))
        page = table.size.height - 1
        await pilot.press("pagedown")
        assert table.cursor_row == page
        assert shown(table)[-1].startswith(title_of(COUNT - 1 - page))
        await pilot.press("pageup", "up")
        assert table.cursor_row == 0
        # A click moves the cursor; a click on the cursor's row opens that session.
        await pilot.click("#sessions", offset=(3, 3))
        assert table.cursor_row == 2
        await pilot.click("#sessions", offset=(3, 3))
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
        assert app.screen.editor is not None and app.screen.editor.session.title == title_of(COUNT - 3)


async def test_a_big_folder_is_listed_again_only_when_it_changed_and_keeps_its_rows_meanwhile(tmp_path: Path) -> None:
    root = tmp_path / "sessions"
    count = HomeScreen.read_beside_from + 50
    many_sessions(root, count, item_ids())
    store = SessionStore(root)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        table = screen.query_one(SessionList)
        await until(pilot, lambda: not screen._reading and table.row_count == count, timeout=30)
        await pilot.press("space")  # a mark: nothing on disk changed, nothing is read again
        assert not screen._reading
        assert shown(table)[1].startswith("☑ " + title_of(count - 1))
        oldest = store.load(root / "sessie-00000.toml")
        oldest.session.title = "Net gewijzigd"
        store.save(oldest)  # now the newest change
        screen.refresh_sessions()
        assert screen._reading and table.row_count == count  # the rows stay while the folder is listed
        await until(pilot, lambda: not screen._reading, timeout=30)
        assert table.row_count == count and table.get_row_at(0)[0] == "Net gewijzigd"
