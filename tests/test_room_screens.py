"""A seat's app and the facilitator's board, driven through Pilot (the SSH door is tested in test_room_ssh)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from tests.helpers.room import FakeServer, answer, make_room
from tests.helpers.room_apps import (
    ROOM_CHECK_SECONDS,
    as_facilitator,
    board_app,
    highlighted,
    row_ids,
    screen_text,
    seat_app,
)
from tests.helpers.session import item_ids, read_session, until, widget_text
from tui.app.factory import make_app
from tui.app.start import Board, RoomSeat, Seat
from tui.room.model import Agreement, Discussion
from tui.room.store import read_room

SIZE = (80, 24)
WHY = "waarom.geen-noodzaak"


async def test_a_seat_lands_on_the_welcome_and_answers_in_the_walk(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path)
    app = seat_app(folder, "B")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "RoomWelcomeScreen"
        shown = screen_text(app)
        assert "Regio Test" in shown and "Welkom!" in shown
        assert "Je zit op plek B." in shown
        # what the welcome says of privacy is what happens: kept on the facilitator's computer, per letter
        assert "worden bewaard op de computer van de begeleider, bij de letter B" in shown
        assert (
            "Het bord toont alleen aantallen, nooit namen, en pas als 3 plekken een uitspraak beantwoordden." in shown
        )
        assert "tenzij je er een deelt (g, of het vakje bij de aantekening)" in shown
        assert "van jou alleen" not in shown
        assert "Je reflectie meenemen naar huis: bij de vragen o (overzicht), dan e." in shown
        assert f"Enter: naar de {len(item_ids())} uitspraken." in shown
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
        await pilot.press("3")
        await pilot.press("q")
        await until(pilot, lambda: type(app.screen).__name__ == "RoomWelcomeScreen")
        assert f"Je hebt 1 van de {len(item_ids())} uitspraken beantwoord." in screen_text(app)
        # a seat never sees the home screen, which would list the other seats' files
        assert not any(type(s).__name__ == "HomeScreen" for s in app.screen_stack)
    assert read_session(folder.seat_path("B"))["answers"]["waarom.geen-noodzaak"]["score"] == 3
    assert read_session(folder.seat_path("A"))["answers"] == {}


async def test_the_item_under_discussion_shows_the_group_beside_ones_own_answer(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path)
    app = seat_app(folder, "A")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
        await pilot.press("4")
        panel = app.screen.query_one("#room-panel", Static)
        assert not panel.display  # nothing under discussion yet

        board = as_facilitator(folder)
        board.room.phase = "discussion"
        board.room.discussion = Discussion(
            item="waarom.geen-noodzaak", counts={"1": 0, "2": 1, "3": 0, "4": 2, "5": 0, "nvt": 1}
        )
        board.save()
        await until(pilot, lambda: panel.display)
        text = widget_text(panel)
        assert "In gesprek: We ervaren (nog) geen noodzaak" in text
        assert "1:0 2:1 3:0 4:2 5:0 n.v.t.:1" in text
        assert "jij: 4" in text

        # below the room's minimum (an older room file may still hold counts): none are shown
        board.room.discussion = Discussion(item="waarom.geen-noodzaak", counts={"1": 0, "2": 1, "4": 1})
        board.save()
        await until(pilot, lambda: "nog te weinig antwoorden" in widget_text(panel))
        assert "2:1" not in widget_text(panel) and "jij: 4" in widget_text(panel)

        board.room.discussion = None
        board.save()
        await until(pilot, lambda: "In gesprek" not in widget_text(panel))
        assert "Fase 3 van 4: bespreken" in widget_text(panel)  # the phase stays in sight


async def test_a_shared_remark_is_marked_in_the_file_and_on_screen(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path)
    app = seat_app(folder, "A")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
        await pilot.press("g")  # no remark yet: nothing to share
        assert any("Schrijf eerst een aantekening" in n.message for n in app._notifications)
        app.screen.editor.remark("waarom.geen-noodzaak", "Dit mag de groep zien")
        app.screen._show_item()
        await pilot.press("g")
        assert read_session(folder.seat_path("A"))["answers"]["waarom.geen-noodzaak"]["shared"] is True
        assert "[gedeeld met de groep]" in widget_text(app.screen.query_one("#item-note", Static))
        await pilot.press("g")
        assert read_session(folder.seat_path("A"))["answers"]["waarom.geen-noodzaak"]["shared"] is False


async def test_the_groups_agreements_show_in_vervolg(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path)
    board = as_facilitator(folder)
    board.room.agreements = [Agreement(text="Gezamenlijke scholingsdag", who="Anna", when="juni")]
    board.save()
    app = seat_app(folder, "A")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
        await pilot.press("shift+tab")  # from the first part back to the last: Vervolg
        panel = app.screen.query_one("#room-panel", Static)
        await until(pilot, lambda: panel.display)
        assert "Gezamenlijke scholingsdag (Anna — juni)" in widget_text(panel)


# the board ---------------------------------------------------------------------------


async def test_the_board_shows_seats_counts_and_opens_an_item_for_discussion(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path)
    answer(folder, "A", {"waarom.geen-noodzaak": 1, "helpt.urgentie": 2})
    answer(folder, "B", {"waarom.geen-noodzaak": 5})
    answer(folder, "C", {"helpt.urgentie": 4})
    folder.room.phase = "discussion"  # the seats read the counts of the item under discussion
    folder.save()
    server = FakeServer(as_facilitator(folder), seats={"A"})
    app = make_app(server.folder.seat_store(), Board(server))  # type: ignore[arg-type]
    app.room_check_seconds = ROOM_CHECK_SECONDS
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "BoardScreen"
        assert "Verbinden: ssh -p 2299 127.0.0.1   (wachtwoord: de persoonlijke code)" in screen_text(app)
        n = len(item_ids())
        seats = widget_text(app.screen.query_one("#board-seats", Static))
        assert f"1 verbonden · 0/3 plekken bezet  A ● 2/{n}  B · 1/{n}  C · 1/{n}" in seats
        table = app.screen.query_one("#board-items", DataTable)
        # two answers each: no counts, median or spread anywhere on the board
        for item_id in ("waarom.geen-noodzaak", "helpt.urgentie"):
            assert [str(cell) for cell in table.get_row(item_id)[:8]] == ["–", "", "", "", "", "", "", ""]
        rule = widget_text(app.screen.query_one("#board-rule", Static))
        assert f"Aantallen vanaf 3 antwoorden; {n} uitspraken: nog te weinig antwoorden." in rule
        parts = widget_text(app.screen.query_one("#board-parts", Static))
        assert "nog te weinig antwoorden" in parts and "5,0" not in parts and "1,0" not in parts

        # open a hidden item for discussion: the board and the room file the seats read carry no counts
        await pilot.press("enter")
        room = read_room(folder.room_file)
        assert room.discussion is not None and room.discussion.item == "waarom.geen-noodzaak"
        assert room.discussion.counts == {}
        focus = widget_text(app.screen.query_one("#board-focus", Static))
        assert "nog te weinig antwoorden (aantallen vanaf 3 antwoorden)" in focus and "mediaan" not in focus
        await pilot.press("enter")
        assert read_room(folder.room_file).discussion is None

        # a third answer arrives: the board shows it within a refresh
        answer(folder, "C", {"waarom.geen-noodzaak": 5})
        # (at 80 columns the counts themselves, no histogram: the statements get its width)
        await until(pilot, lambda: table.get_row_at(0)[4] == "2", timeout=5)
        assert table.get_row_at(0)[:7] == ["1", "0", "0", "0", "2", "0", "5,0"]
        assert f"{n - 1} uitspraken: nog te weinig antwoorden" in widget_text(
            app.screen.query_one("#board-rule", Static)
        )

        await pilot.press("enter")
        room = read_room(folder.room_file)
        assert room.discussion is not None and room.discussion.item == "waarom.geen-noodzaak"
        assert room.discussion.counts == {"1": 1, "2": 0, "3": 0, "4": 0, "5": 2, "nvt": 0}
        assert "In gesprek:" in widget_text(app.screen.query_one("#board-focus", Static))
        await pilot.press("enter")
        assert read_room(folder.room_file).discussion is None


async def test_the_board_writes_an_agreement_into_the_register(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path)
    server = FakeServer(as_facilitator(folder))
    app = make_app(server.folder.seat_store(), Board(server))  # type: ignore[arg-type]
    app.room_check_seconds = ROOM_CHECK_SECONDS
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await until(pilot, lambda: type(app.screen).__name__ == "StepDialog")
        await pilot.press(*"Samen plannen", "enter", *"Anna", "enter", *"mei", "enter")
        await until(pilot, lambda: type(app.screen).__name__ == "BoardScreen")
        assert "Samen plannen (Anna — mei)" in widget_text(app.screen.query_one("#board-agreements", Static))
    agreements = read_room(folder.room_file).agreements
    assert [(a.text, a.who, a.when) for a in agreements] == [("Samen plannen", "Anna", "mei")]


# a seat's export -------------------------------------------------------------------------


def files_under(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under `root`, with its size and modification time."""
    return {str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()}


async def test_a_seats_export_writes_nothing_here_and_says_the_bewaar_command(tmp_path: Path) -> None:
    from tui.render.take_home import Door

    folder, _ = make_room(tmp_path)
    answer(folder, "A", {"waarom.geen-noodzaak": 4})
    store = folder.seat_store()
    seat = RoomSeat(folder, "A", door=Door("regio.example.org", 2222))
    app = make_app(store, Seat(seat, store.load(folder.seat_path("A"))))
    app.room_check_seconds = ROOM_CHECK_SECONDS
    sessions = tmp_path / "sessions"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
        await pilot.press("o")
        await until(pilot, lambda: type(app.screen).__name__ == "OverviewScreen")
        before = files_under(sessions)  # the seat's file and its lock, as the seat's app keeps them
        await pilot.press("e")
        await until(pilot, lambda: type(app.screen).__name__ == "BewaarDialog")
        shown = screen_text(app)
        assert "ssh -p 2222 regio@regio.example.org bewaar > mijn-reflectie.toml" in shown
        assert "ssh -p 2222 regio@regio.example.org bewaar md > mijn-reflectie.md" in shown
        assert "samenwerken new --from mijn-reflectie.toml" in shown
        assert "Geëxporteerd naar" not in shown and str(tmp_path) not in shown
        await pilot.press("c")
        assert app.clipboard == "ssh -p 2222 regio@regio.example.org bewaar > mijn-reflectie.toml"
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen).__name__ == "OverviewScreen")
        # the ordinary export's way to disk is shut for a seat too
        with pytest.raises(PermissionError):
            app.write_export(app.screen.editor.session, "md")
        assert files_under(sessions) == before  # nothing written, not even an exports/ folder
        assert not any(p.name == "exports" for p in sessions.rglob("*"))


async def test_a_seat_not_told_its_door_shows_the_command_in_words(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path, language="en")
    app = make_app(
        folder.seat_store(),
        Seat(RoomSeat(folder, "B"), folder.seat_store().load(folder.seat_path("B"))),
        "en",
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
        await pilot.press("o")
        await until(pilot, lambda: type(app.screen).__name__ == "OverviewScreen")
        await pilot.press("e")
        await until(pilot, lambda: type(app.screen).__name__ == "BewaarDialog")
        assert "ssh -p PORT regio@HOST bewaar > my-reflection.toml" in screen_text(app)


async def test_question_mark_shows_the_boards_keys(tmp_path: Path) -> None:
    """The README says ? works everywhere: on the board too."""
    folder, _ = make_room(tmp_path)
    server = FakeServer(as_facilitator(folder), seats=set())
    app = make_app(server.folder.seat_store(), Board(server))  # type: ignore[arg-type]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "BoardScreen"
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        shown = screen_text(app)
        assert "Toetsen — bord van de begeleider" in shown
        assert "Afspraak" in shown and "Bespreken" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "BoardScreen"


# the board's cursor ----------------------------------------------------------------


async def test_the_cursor_stays_on_the_chosen_item_while_answers_resort_the_rows(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path, seats=6)
    last = item_ids()[-1]
    for label, score in zip("ABC", (1, 5, 3), strict=True):
        answer(folder, label, {"waarom.geen-noodzaak": score})
    app = board_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert row_ids(app)[0] == highlighted(app) == "waarom.geen-noodzaak"
        # answers arrive between refreshes: another item goes to the top. Nothing was chosen yet:
        # the cursor stays on the top row the facilitator looks at (it used to follow the old item down)
        for label, score in zip("DEF", (1, 5, 1), strict=True):
            answer(folder, label, {"helpt.urgentie": score})
        await until(pilot, lambda: row_ids(app)[0] == "helpt.urgentie")
        assert highlighted(app) == "helpt.urgentie"
        await pilot.press("enter")
        room = read_room(folder.room_file)
        assert room.discussion is not None and room.discussion.item == "helpt.urgentie"
        await pilot.press("enter")

        # the facilitator chooses the second row; a re-sort moves it down, the cursor goes with it
        await pilot.press("down")
        assert highlighted(app) == "waarom.geen-noodzaak", (app.focused, row_ids(app)[:3])
        for label, score in zip("ABCD", (1, 5, 1, 5), strict=True):
            answer(folder, label, {last: score})
        await until(pilot, lambda: row_ids(app)[0] == last)
        assert row_ids(app).index("waarom.geen-noodzaak") == 2
        assert highlighted(app) == "waarom.geen-noodzaak"
        await pilot.press("enter")
        room = read_room(folder.room_file)
        assert room.discussion is not None and room.discussion.item == "waarom.geen-noodzaak"
        await pilot.press("enter")

        await pilot.press("end")
        assert highlighted(app) == row_ids(app)[-1]
        await pilot.press("home")
        assert highlighted(app) == row_ids(app)[0] == last
        answer(folder, "E", {last: 3})  # a re-sort: Home chose the item, not the row
        await until(pilot, lambda: row_ids(app)[0] == "helpt.urgentie")
        assert highlighted(app) == last
        # typed at once, as a hurried facilitator does: End moves the cursor before Enter opens its row
        await pilot.press("end", "enter")
        room = read_room(folder.room_file)
        assert room.discussion is not None and room.discussion.item == row_ids(app)[-1]


async def test_v_reads_a_statement_in_full_on_the_board_only(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path, seats=3)
    for label, score in zip("ABC", (5, 5, 4), strict=True):
        answer(folder, label, {"waarom.geen-noodzaak": score})
    app = board_app(folder)
    before = folder.room_file.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        row = app.screen.query_one("#board-items", DataTable).get_row_at(0)
        assert str(row[-1]).startswith("1↓ ")  # part 1, where a high answer is bad
        await pilot.press("v")
        await until(pilot, lambda: type(app.screen).__name__ == "BoardItemDialog")
        shown = screen_text(app)
        assert "We ervaren (nog) geen noodzaak" in shown
        assert "deel 1 · Waarom (nog) niet? · ↓ hoog antwoord is ongunstig" in shown
        assert "mediaan 5,0" in shown and "Alleen op jouw scherm" in shown
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen).__name__ == "BoardScreen")
        await pilot.press("space")
        await until(pilot, lambda: type(app.screen).__name__ == "BoardItemDialog")
        await pilot.press("enter")  # closes the dialog; it does not open the item for everyone
        await until(pilot, lambda: type(app.screen).__name__ == "BoardScreen")
    assert folder.room_file.read_bytes() == before
    assert read_room(folder.room_file).discussion is None


async def test_at_80x24_the_board_keeps_its_columns_seats_table_and_agreements_in_reach(tmp_path: Path) -> None:
    import re

    from textual.containers import VerticalScroll

    from tui.content import load_tool

    folder, _ = make_room(tmp_path, seats=12)
    ids = item_ids()
    for n, label in enumerate("ABCDEFGHIJKL"):
        answer(folder, label, {**{i: 1 + n % 5 for i in ids[: 4 + n]}, WHY: 5})
    board = as_facilitator(folder)
    board.room.agreements = [Agreement(text=f"Afspraak nummer {n}", who="Anna", when="mei") for n in range(1, 8)]
    board.save()
    app = board_app(folder, seats=set("ABCDEFG"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#board-items", DataTable)
        await until(pilot, lambda: table.row_count == len(ids))
        assert table.get_cell(WHY, "5") == "12"  # two-digit counts ...
        assert table.max_scroll_x == 0  # ... and no sideways scrollbar
        # statements cut at a word, with an ellipsis
        texts = {i.id: i.text for i in load_tool().items}
        for item_id in ids[:10]:
            shown = str(table.get_row(item_id)[-1])
            tag, _, statement = shown.partition(" ")
            assert re.fullmatch(r"[1-5][↑↓]", tag)
            if statement != texts[item_id]:
                assert statement.endswith("…")
                kept = statement[:-1]
                assert texts[item_id].startswith(kept) and texts[item_id][len(kept)] == " "
        # the seats line: every entry whole on one line
        lines = widget_text(app.screen.query_one("#board-seats", Static)).splitlines()
        assert len(lines) > 1
        entries = [e for line in lines for e in line.split("  ")]
        assert entries[0] == "7 verbonden · 0/12 plekken bezet"
        assert all(re.fullmatch(rf"[A-L] [●○·] \d+/{len(ids)}( ✓)?", e) for e in entries[1:]), entries
        assert len(entries) == 13

        # a discussion open: the table still shows rows, and every agreement can be scrolled to
        await pilot.press("enter")
        focus_box = app.screen.query_one("#board-focus-box", VerticalScroll)
        await until(pilot, lambda: focus_box.display)
        await pilot.pause()
        assert table.region.height >= 4 and table.region.bottom <= SIZE[1] - 1
        box = app.screen.query_one("#board-agreements-box", VerticalScroll)
        assert box.region.height >= 2 and box.region.bottom <= SIZE[1] - 1
        for _ in range(4):
            if app.focused is box:
                break
            await pilot.press("tab")
        assert app.focused is box
        assert box.max_scroll_y > 0  # more agreements than fit: the box scrolls to every one
        await pilot.press("end")
        await until(pilot, lambda: box.scroll_y == box.max_scroll_y)
        assert "Afspraak nummer 7" in widget_text(app.screen.query_one("#board-agreements", Static))
        await pilot.press("shift+tab")
        await until(pilot, lambda: app.focused is not box)


async def test_sixty_seats_changing_at_once_make_one_reading_of_their_files(tmp_path: Path) -> None:
    """Each join or answer calls the board; a burst of them is gathered into one reading, which shows them all."""
    folder, _ = make_room(tmp_path, seats=6)
    server = FakeServer(as_facilitator(folder), seats=set())
    app = make_app(server.folder.seat_store(), Board(server))  # type: ignore[arg-type]
    app.room_check_seconds = 60.0  # only the burst reads here, not the once-a-second check
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        board = app.screen
        gathered = []
        read = board.reading.read

        def counted(seats: set[str]):
            gathered.append(1)
            return read(seats)

        board.reading.read = counted
        for label in "ABC":
            answer(folder, label, {WHY: 4})
        for _ in range(60):
            board.seats_changed()
        await until(pilot, lambda: len(gathered) >= 1)
        await pilot.pause(0.4)
        assert len(gathered) == 1
        await until(pilot, lambda: (board.view.item(WHY).counts or {}).get("4") == 3)
