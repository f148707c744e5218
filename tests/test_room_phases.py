"""The meeting's phases and the seats' votes, driven through Pilot and the command line."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static, TextArea

from tests.helpers.cli import run_process
from tests.helpers.room import FakeServer, answer, make_room
from tests.helpers.room_apps import ROOM_CHECK_SECONDS, as_facilitator, board_app, row_ids, screen_text, seat_app
from tests.helpers.session import until, widget_text
from tui.app.factory import make_app
from tui.app.start import Board
from tui.content import load_tool
from tui.room.phases import set_phase, toggle_part
from tui.room.store import RoomFolder, read_room
from tui.room.votes import read_votes, toggle_vote
from tui.session.model import now
from tui.views.group import SeatReader
from tui.views.keeper import keep_counts

SIZE = (80, 24)
WHY = "waarom.geen-noodzaak"
WHY_COUNTS = "1:0 2:1 3:1 4:0 5:1 n.v.t.:0"


def others_answered(tmp_path: Path) -> RoomFolder:
    """Four seats; B, C and D answered WHY (A, the seat on screen, has not: its walk starts there)."""
    folder, _ = make_room(tmp_path, seats=4)
    answer(folder, "B", {WHY: 2})
    answer(folder, "C", {WHY: 3})
    answer(folder, "D", {WHY: 5})
    return folder


def facilitate(folder: RoomFolder, phase: str, reveal: str | None = None, minutes: float | None = None) -> None:
    """What the board does on its keys: the phase, a part revealed, the seats' counts kept, the file saved."""
    board = as_facilitator(folder)
    set_phase(board.room, phase, now(), minutes)  # type: ignore[arg-type]
    if reveal is not None:
        toggle_part(board.room, reveal)
    keep_counts(SeatReader(board).view(load_tool()))
    board.save()


async def in_walk(pilot, app) -> Static:
    await pilot.pause()
    await pilot.press("enter")
    await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
    return app.screen.query_one("#room-panel", Static)


# phases on a seat ------------------------------------------------------------------------


async def test_a_seat_sees_no_counts_while_answering_and_a_parts_counts_once_revealed(tmp_path: Path) -> None:
    folder = others_answered(tmp_path)
    app = seat_app(folder, "A")
    async with app.run_test(size=SIZE) as pilot:
        panel = await in_walk(pilot, app)
        assert not panel.display  # answering: nothing of the group
        facilitate(folder, "answering")
        assert read_room(folder.room_file).revealed == {}

        facilitate(folder, "reveal")
        await until(pilot, lambda: "Fase 2 van 4: resultaten tonen" in widget_text(panel))
        assert "nog niet getoond" in widget_text(panel) and "1:0" not in widget_text(panel)
        assert read_room(folder.room_file).revealed == {}  # the file the seats read holds none either

        facilitate(folder, "reveal", reveal="helpt")  # another part: WHY's stays hidden
        await pilot.pause(ROOM_CHECK_SECONDS * 4)
        assert "nog niet getoond" in widget_text(panel)

        facilitate(folder, "reveal", reveal="waarom")
        await until(pilot, lambda: WHY_COUNTS in widget_text(panel))
        assert "jij: –" in widget_text(panel) and "m: markeer wat je wilt bespreken (0 van 3)" in widget_text(panel)
        assert set(read_room(folder.room_file).revealed) == {WHY}

        facilitate(folder, "answering")  # back: everything hidden again, in the file too
        await until(pilot, lambda: not panel.display)
        assert read_room(folder.room_file).revealed == {}


async def test_a_phase_change_waits_while_a_remark_is_typed(tmp_path: Path) -> None:
    folder = others_answered(tmp_path)
    app = seat_app(folder, "A")
    async with app.run_test(size=SIZE) as pilot:
        panel = await in_walk(pilot, app)
        await pilot.press("n")
        await until(pilot, lambda: type(app.screen).__name__ == "RemarkDialog")
        await pilot.press("o", "n", "s")
        facilitate(folder, "reveal", reveal="waarom")
        watch = app.room_watch
        assert watch is not None
        await until(pilot, lambda: watch.room.phase == "reveal")  # the app has read the change…
        await pilot.pause(ROOM_CHECK_SECONDS * 4)
        # …and the one typing is left alone: the dialog, its text and the panel below as they were
        assert type(app.screen).__name__ == "RemarkDialog"
        assert app.screen.query_one(TextArea).text == "ons"
        assert app.screen.query_one(TextArea).has_focus
        assert not panel.display
        await pilot.press("x")
        assert app.screen.query_one(TextArea).text == "onsx"
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
        await until(pilot, lambda: WHY_COUNTS in widget_text(panel))
        assert "Fase 2 van 4" in widget_text(panel)


async def test_the_timer_counts_down_on_the_seat_and_moves_nobody(tmp_path: Path) -> None:
    folder = others_answered(tmp_path)
    facilitate(folder, "answering", minutes=10)
    app = seat_app(folder, "A")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert re.search(r"Fase 1 van 4: antwoorden · nog (10:00|9:[0-5]\d)", screen_text(app))
        panel = await in_walk(pilot, app)
        assert panel.display and "Fase 1 van 4: antwoorden · nog " in widget_text(panel)
        assert "1:0" not in widget_text(panel)
        board = as_facilitator(folder)
        board.room.phase_ends = now() - timedelta(seconds=1)
        board.save()
        await until(pilot, lambda: "de tijd is om" in widget_text(panel))
        assert read_room(folder.room_file).phase == "answering"


# votes ---------------------------------------------------------------------------------


async def test_a_seat_marks_up_to_three_items_and_marking_again_takes_it_away(tmp_path: Path) -> None:
    folder = others_answered(tmp_path)
    app = seat_app(folder, "A")
    async with app.run_test(size=SIZE) as pilot:
        panel = await in_walk(pilot, app)
        await pilot.press("m")  # not in answering: nothing written
        await pilot.pause()
        assert read_votes(folder, "A") == []
        facilitate(folder, "reveal", reveal="waarom")
        await until(pilot, lambda: "m: markeer" in widget_text(panel))
        await pilot.press("m", "j", "m", "j", "m")
        await until(pilot, lambda: len(read_votes(folder, "A")) == 3)
        assert read_votes(folder, "A") == [WHY, "waarom.niet-op-netvlies", "waarom.niet-willen"]
        assert "(3 van 3)" in widget_text(panel)
        await pilot.press("j", "m")  # a fourth: refused, nothing written
        await pilot.pause()
        assert len(read_votes(folder, "A")) == 3
        await pilot.press("k", "m")  # again on a marked one: the mark goes
        await until(pilot, lambda: read_votes(folder, "A") == [WHY, "waarom.niet-op-netvlies"])
        assert "(2 van 3)" in widget_text(panel)
        # the walk marks them in its list
        items = app.screen.query_one("#items")
        assert "★" in str(items.get_option_at_index(0).prompt)
        assert "★" not in str(items.get_option_at_index(2).prompt)
    assert (folder.path / "votes" / "A.toml").stat().st_mode & 0o777 == 0o600


async def test_the_board_sorts_by_votes_then_spread(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path, seats=3)
    for label, score in zip("ABC", (1, 3, 5), strict=True):
        answer(folder, label, {WHY: score, "helpt.urgentie": 3, "helpt.bevlogenheid": 2})
    app = board_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert row_ids(app)[0] == WHY  # the largest spread
        toggle_vote(folder, "A", "helpt.bevlogenheid")
        toggle_vote(folder, "B", "helpt.bevlogenheid")
        toggle_vote(folder, "C", "helpt.urgentie")
        await until(pilot, lambda: row_ids(app)[:3] == ["helpt.bevlogenheid", "helpt.urgentie", WHY])
        table = app.screen.query_one("#board-items", DataTable)
        assert str(table.get_row("helpt.bevlogenheid")[-1]).startswith("★2 2↑")
        view = SeatReader(folder).view(load_tool())
        assert view.votes["helpt.bevlogenheid"] == 2 and view.votes[WHY] == 0


# the board's keys -----------------------------------------------------------------------


async def test_the_board_moves_the_phase_forward_and_back_and_reveals_a_part(tmp_path: Path) -> None:
    folder = others_answered(tmp_path)
    app = board_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.sub_title == "Fase 1 van 4: antwoorden"
        await pilot.press("o")  # only in reveal
        await pilot.pause()
        assert read_room(folder.room_file).revealed_parts == []
        await pilot.press("greater_than_sign")
        await until(pilot, lambda: read_room(folder.room_file).phase == "reveal")
        assert app.screen.sub_title == "Fase 2 van 4: resultaten tonen"
        assert row_ids(app)[0] == WHY
        await pilot.press("o")
        room = read_room(folder.room_file)
        assert room.revealed_parts == ["waarom"] and room.shown_part == "waarom"
        assert room.revealed[WHY] == {"1": 0, "2": 1, "3": 1, "4": 0, "5": 1, "nvt": 0}
        assert "✓ 1 " in widget_text(app.screen.query_one("#board-parts", Static))
        await pilot.press("greater_than_sign", "greater_than_sign", "greater_than_sign")
        await until(pilot, lambda: read_room(folder.room_file).phase == "agreements")
        assert app.screen.sub_title == "Fase 4 van 4: afspraken maken"
        await pilot.press("less_than_sign", "less_than_sign", "less_than_sign", "less_than_sign")
        await until(pilot, lambda: read_room(folder.room_file).phase == "answering")
        room = read_room(folder.room_file)
        assert room.revealed_parts == [] and room.shown_part is None and room.revealed == {}
        await pilot.press("question_mark")
        await until(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
        shown = screen_text(app)
        assert "Volgende fase" in shown and "Vorige fase" in shown and "Deel tonen" in shown


async def test_the_board_shows_the_timer(tmp_path: Path) -> None:
    folder = others_answered(tmp_path)
    facilitate(folder, "discussion", minutes=5)
    app = board_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "Fase 3 van 4: bespreken · nog " in str(app.screen.sub_title))
        assert re.search(r"nog (5:00|4:[0-5]\d)$", str(app.screen.sub_title))


# the command line ------------------------------------------------------------------------


def test_room_phase_sets_the_phase_timer_and_part_when_nobody_serves(tmp_path: Path, run) -> None:
    folder = others_answered(tmp_path)
    sessions = str(tmp_path / "sessions")
    result = run("--sessions-dir", sessions, "room", "phase", "Regio Test", "reveal", "--minutes", "15", "--part", "1")
    assert result.code == 0, result.err
    assert re.search(r"Fase 2 van 4: resultaten tonen · nog (15:00|14:5\d)", result.out), result.out  # (a slow second)
    room = read_room(folder.room_file)
    assert room.phase == "reveal" and room.revealed_parts == ["waarom"] and room.shown_part == "waarom"
    assert room.phase_ends is not None and timedelta(minutes=14) < room.phase_ends - now() <= timedelta(minutes=15)
    assert WHY in room.revealed
    result = run("--sessions-dir", sessions, "room", "phase", "Regio Test", "bespreken")  # Dutch is fine too
    assert result.code == 0, result.err
    room = read_room(folder.room_file)
    assert room.phase == "discussion" and room.phase_ends is None and room.revealed_parts == ["waarom"]
    assert run("--sessions-dir", sessions, "room", "phase", "Regio Test", "later").code == 2
    assert run("--sessions-dir", sessions, "room", "phase", "Regio Test", "reveal", "--part", "9").code == 2
    assert run("--sessions-dir", sessions, "room", "phase", "Regio Test", "reveal", "--minutes", "nan").code == 2
    assert read_room(folder.room_file).phase == "discussion"


def test_status_json_gives_the_phase_its_timer_and_votes(tmp_path: Path, run) -> None:
    folder = others_answered(tmp_path)
    facilitate(folder, "reveal", reveal="waarom", minutes=20)
    toggle_vote(folder, "B", "helpt.urgentie")
    toggle_vote(folder, "C", "helpt.urgentie")
    result = run("--sessions-dir", str(tmp_path / "sessions"), "room", "status", "Regio Test", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    room = read_room(folder.room_file)
    assert data["phase"] == "reveal" and room.phase_ends is not None
    assert data["phase_ends"] == room.phase_ends.isoformat()
    assert data["revealed_parts"] == ["waarom"] and data["shown_part"] == "waarom"
    assert data["items"][0]["id"] == "helpt.urgentie" and data["items"][0]["votes"] == 2
    assert all(item["votes"] == 0 for item in data["items"][1:])
    # counted without names: nothing in the status says which seat marked what
    assert '"B"' not in result.out and '"C"' not in result.out
    text = run("--sessions-dir", str(tmp_path / "sessions"), "room", "status", "Regio Test").out
    assert "Fase 2 van 4: resultaten tonen · nog " in text


@pytest.mark.slow
async def test_room_phase_from_another_terminal_reaches_a_served_board(tmp_path: Path) -> None:
    """While the board holds the room's lock, `room phase` leaves a request the board applies."""
    folder = others_answered(tmp_path)
    lock = folder.lock()
    assert lock.acquire()  # as `room serve` holds it
    try:
        server = FakeServer(as_facilitator(folder))
        app = make_app(server.folder.seat_store(), Board(server))  # type: ignore[arg-type]
        app.room_check_seconds = ROOM_CHECK_SECONDS
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            sessions = str(tmp_path / "sessions")
            argv = ("--sessions-dir", sessions, "room", "phase", folder.room.id, "reveal", "--part", "waarom")
            running = asyncio.ensure_future(asyncio.to_thread(run_process, *argv, "--minutes", "3"))
            await until(pilot, running.done, timeout=30)
            result = running.result()
            assert result.code == 0, result.err
            assert "Fase 2 van 4: resultaten tonen · nog " in result.out
            await until(pilot, lambda: str(app.screen.sub_title).startswith("Fase 2 van 4: resultaten tonen · nog"))
            room = read_room(folder.room_file)
            assert room.phase == "reveal" and room.revealed_parts == ["waarom"] and WHY in room.revealed
            assert not (folder.path / "phase-request.toml").exists()
            # the board's own next save keeps what the request did
            await pilot.press("greater_than_sign")
            await until(pilot, lambda: read_room(folder.room_file).phase == "discussion")
            assert read_room(folder.room_file).revealed_parts == ["waarom"]
    finally:
        lock.release()


def test_a_room_file_from_before_phases_reads_as_answering(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path)
    text = folder.room_file.read_text("utf-8")
    assert 'phase = "answering"' in text and "[revealed]" not in text
    folder.room_file.write_text("\n".join(line for line in text.splitlines() if not line.startswith("phase")), "utf-8")
    room = read_room(folder.room_file)
    assert room.phase == "answering" and room.phase_ends is None and room.revealed_parts == []
    assert room.shown_part is None and room.revealed == {}
