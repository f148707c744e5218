"""The room a year later, as a seat and the facilitator see it (Pilot): "Vorige keer", the carried steps, the board."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, OptionList, Static

from tests.helpers.room_apps import board_app, screen_text, seat_app
from tests.helpers.room_year import AGREEMENT, DONE_STEP, FIRST, OPEN_STEP, last_year, this_year
from tests.helpers.session import read_session, until, widget_text

SIZE = (80, 24)


def steps_shown(app) -> list[str]:
    steps = app.screen.query_one("#steps", OptionList)
    return [str(steps.get_option_at_index(i).prompt) for i in range(steps.option_count)]


async def test_a_seat_of_next_years_room_sees_last_time_and_its_carried_steps(tmp_path: Path) -> None:
    earlier = last_year(tmp_path)
    folder, _ = this_year(tmp_path, earlier)
    app = seat_app(folder, "A")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        welcome = screen_text(app)
        assert "Deze regiosessie volgt ‘Regio Noord 2026’ op" in welcome
        assert "nooit jouw antwoorden met die van vorig jaar" in welcome
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
        shown = app.screen.query_one("#item-earlier", Static)
        await until(pilot, lambda: shown.display)
        assert widget_text(shown) == "Vorige keer: 1"  # seat A answered (0 + 0) % 5 + 1 last year
        await pilot.press("4")  # a different answer now: the file keeps this year's
        assert widget_text(shown) == "Vorige keer: 2"  # the next statement: (1 + 0) % 5 + 1
        await pilot.press("shift+tab")  # back from the first part to the last: Vervolg, the steps
        await until(pilot, lambda: bool(app.screen.query("#steps")) and bool(steps_shown(app)))
        rows = "\n".join(steps_shown(app))
        assert OPEN_STEP in rows and AGREEMENT in rows
        assert DONE_STEP not in rows  # a done step stays last year's
    data = read_session(folder.seat_path("A"))
    assert data["answers"][FIRST]["score"] == 4
    assert data["follows"] == read_session(earlier.seat_path("A"))["id"]


async def test_seat_b_sees_its_own_last_time_not_seat_as(tmp_path: Path) -> None:
    folder, _ = this_year(tmp_path, last_year(tmp_path))
    app = seat_app(folder, "B")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
        shown = app.screen.query_one("#item-earlier", Static)
        await until(pilot, lambda: shown.display)
        assert widget_text(shown) == "Vorige keer: 2"  # seat B: (0 + 1) % 5 + 1
        await pilot.press("shift+tab")
        await until(pilot, lambda: bool(app.screen.query("#steps")) and bool(steps_shown(app)))
        rows = "\n".join(steps_shown(app))
        assert AGREEMENT in rows and OPEN_STEP not in rows  # seat A's own step stays seat A's


async def test_the_board_shows_last_times_median_and_the_move(tmp_path: Path) -> None:
    from tests.helpers.room import answer
    from tests.helpers.room_year import item_ids

    earlier = last_year(tmp_path)
    folder, _ = this_year(tmp_path, earlier)
    for label in "ABC":
        answer(folder, label, {FIRST: 5})
    app = board_app(folder)
    async with app.run_test(size=(120, 30)) as pilot:
        table = app.screen.query_one("#board-items", DataTable)
        await until(pilot, lambda: table.row_count == len(item_ids()))
        labels = [str(c.label) for c in table.columns.values()]
        assert "Vorige" in labels and "±" in labels
        row = [str(cell) for cell in table.get_row(FIRST)]
        # last year: 1, 2, 3, 4 → median 2,5; now three fives → 5,0: moved +2,5
        assert row[labels.index("Mediaan")] == "5,0"
        assert row[labels.index("Vorige")] == "2,5"
        assert row[labels.index("±")] == "+2,5"
        hidden = [str(cell) for cell in table.get_row(item_ids()[1])]  # nobody answered it this year
        assert hidden[labels.index("Vorige")] == "3,5" and hidden[labels.index("±")] == ""


async def test_at_80_columns_the_board_keeps_the_move_and_room_for_the_statement(tmp_path: Path) -> None:
    from tests.helpers.room import answer
    from tests.helpers.room_year import item_ids

    folder, _ = this_year(tmp_path, last_year(tmp_path))
    for label in "ABC":
        answer(folder, label, {FIRST: 5})
    app = board_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#board-items", DataTable)
        await until(pilot, lambda: table.row_count == len(item_ids()))
        labels = [str(c.label) for c in table.columns.values()]
        assert "±" in labels and "Vorige" not in labels  # last time's median only where the histogram fits
        row = [str(cell) for cell in table.get_row(FIRST)]
        assert row[labels.index("±")] == "+2,5" and row[labels.index("Mediaan")] == "5,0"
