"""The compare screen at 80×24, driven by keys through Textual's Pilot: items, remarks, one item, export."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from textual.widgets import DataTable, Static

from tests.helpers.compare import open_compare, two
from tests.helpers.pilot import SIZE, screen_name
from tests.helpers.session import until
from tui.content import load_tool

FIRST = "We ervaren (nog) geen noodzaak: wat er in de regio op ons afkomt, is nog niet goed in beeld."
"""The first item: answered 5 by Alfa and 3 by Beta, a spread of 2."""
HOSTILE_TITLE = "Regio [bold]Noord[/bold] \x1b[31mrood"
HOSTILE_REMARK = "[red]Geen opmaak[/red] \x07 en " + "lang" * 25 + "\nTweede regel"


def plain(widget: Static) -> str:
    return str(widget.render())


async def test_items_show_whole_text_and_remarks_labelled(tmp_path: Path, app_factory) -> None:
    app = app_factory(store=two(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_compare(app, pilot)
        head = plain(app.screen.query_one("#cmp-parts", Static)).splitlines()
        assert head[1:3] == ["  A  Partner Alfa (01-05-2024)", "  B  Partner Beta (01-05-2024)"]
        table = app.screen.query_one("#cmp-items", DataTable)
        assert table.row_count == len(load_tool().items)
        spread, a, b, text = table.get_row_at(0)
        assert (spread, a, b) == ("2 !", "5", "3")
        assert text.plain == f"{FIRST}\nA: Alfa zegt: eerst geld.\nB: Beta zegt: eerst tijd."
        assert table.rows[table.coordinate_to_cell_key((0, 0)).row_key].height == 4  # wrapped, nothing cut


async def test_enter_shows_every_answer_and_remark_side_by_side(tmp_path: Path, app_factory) -> None:
    app = app_factory(store=two(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_compare(app, pilot)
        await pilot.press("enter")
        await until(pilot, lambda: screen_name(app) == "CompareItemScreen")
        screen = app.screen
        assert plain(screen.query_one("#cmpi-title", Static)) == FIRST
        assert plain(screen.query_one("#cmpi-part", Static)) == "Deel ‘Waarom (nog) niet?’, verschil ‘2’"
        columns = [[plain(s) for s in screen.query_one(f"#cmpi-{i}").query(Static)] for i in (0, 1)]
        assert [(c[0], c[2]) for c in columns] == [
            ("A: antwoord ‘5’", "Alfa zegt: eerst geld."),
            ("B: antwoord ‘3’", "Beta zegt: eerst tijd."),
        ]
        a, b = (screen.query_one(f"#cmpi-{i}").region for i in (0, 1))
        assert a.y == b.y and a.right <= b.x  # side by side
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "CompareScreen")
        await pilot.press("down", "enter")
        await until(pilot, lambda: screen_name(app) == "CompareItemScreen")
        assert plain(app.screen.query_one("#cmpi-0 .cmpi-remark", Static)) == "geen aantekening"
        await pilot.press("q")
        await until(pilot, lambda: screen_name(app) == "CompareScreen")
        await pilot.press("q")
        await until(pilot, lambda: screen_name(app) == "HomeScreen")


async def test_hostile_title_and_remark_are_shown_literally(tmp_path: Path, app_factory) -> None:
    app = app_factory(store=two(tmp_path, HOSTILE_TITLE, HOSTILE_REMARK))
    async with app.run_test(size=SIZE) as pilot:
        await open_compare(app, pilot)
        head = plain(app.screen.query_one("#cmp-parts", Static)).splitlines()
        assert head[1] == "  A  Regio [bold]Noord[/bold] ␛[31mrood (01-05-2024)"
        text = app.screen.query_one("#cmp-items", DataTable).get_row_at(0)[3].plain
        assert text.splitlines()[1] == "A: [red]Geen opmaak[/red] ␇ en…"  # the whole remark: Enter
        await pilot.press("enter")
        await until(pilot, lambda: screen_name(app) == "CompareItemScreen")
        remark = plain(app.screen.query_one("#cmpi-0 .cmpi-remark", Static))
        assert remark.replace("\n", "") == "[red]Geen opmaak[/red] ␇ en " + "lang" * 25 + "Tweede regel"
        assert "Tweede regel" in remark.splitlines()[-1]


async def test_e_exports_the_comparison_in_the_chosen_format(tmp_path: Path, app_factory) -> None:
    store = two(tmp_path)
    app = app_factory(store=store)
    exports = store.root / "exports"
    async with app.run_test(size=SIZE) as pilot:
        await open_compare(app, pilot)
        await pilot.press("e")
        await until(pilot, lambda: screen_name(app) == "CompareExportPicker")
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "CompareScreen")
        assert not exports.exists()
        await pilot.press("e")
        await until(pilot, lambda: screen_name(app) == "CompareExportPicker")
        await pilot.press("down", "down", "down", "enter")  # table, md, html, json
        await until(pilot, lambda: exports.exists() and any(exports.iterdir()))
        (written,) = exports.iterdir()
        assert written.suffix == ".json"
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
        data = json.loads(written.read_text(encoding="utf-8"))
        assert [s["title"] for s in data["sessions"]] == ["Partner Alfa", "Partner Beta"]
        assert data["items"][0]["remarks"] == ["Alfa zegt: eerst geld.", "Beta zegt: eerst tijd."]
        assert [n.message for n in app._notifications][-1] == f"Geëxporteerd naar {written}"
        assert screen_name(app) == "CompareScreen"


async def test_a_failed_export_is_said(tmp_path: Path, app_factory) -> None:
    store = two(tmp_path)
    (store.root / "exports").write_text("not a folder")
    app = app_factory(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await open_compare(app, pilot)
        await pilot.press("e")
        await until(pilot, lambda: screen_name(app) == "CompareExportPicker")
        await pilot.press("down", "enter")
        await until(pilot, lambda: any(n.message.startswith("Exporteren mislukt: ") for n in app._notifications))
        assert screen_name(app) == "CompareScreen"


async def test_a_wider_window_gives_the_text_more_room(tmp_path: Path, app_factory) -> None:
    app = app_factory(store=two(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_compare(app, pilot)
        table = app.screen.query_one("#cmp-items", DataTable)
        await pilot.press("down", "down")
        assert table.columns[table.ordered_columns[-1].key].width == 60
        await pilot.resize_terminal(120, 30)
        await until(pilot, lambda: table.ordered_columns[-1].width == 100)
        assert table.cursor_row == 2
