"""The overview and compare screens, driven by keys through Textual's Pilot at 80×24."""

from __future__ import annotations

import stat
from pathlib import Path

from textual.widgets import DataTable, Static

from tests.helpers.overview import answer_all, answered_session, body_text
from tests.helpers.pilot import SIZE, press, screen_name
from tests.helpers.session import item_ids, read_session, walk_app
from tui.app.start import Overview
from tui.content import load_tool
from tui.session import SessionStore
from tui.session.store import export_name

FIRST_STRENGTH = "We zijn bevlogen over het inhoudelijke doel van de samenwerking."
"""The first strength when every item is answered `alternating`: helpt.bevlogenheid, answered 5."""


# from the walk -----------------------------------------------------------------


async def test_overview_from_the_walk(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen_name(app) == "WalkScreen"
        await answer_all(app, pilot)
        await press(pilot, "o")
        assert screen_name(app) == "OverviewScreen"
        text = body_text(app)
        assert FIRST_STRENGTH in text
        # headings are shown in capitals: "Knelpunten" -> "KNELPUNTEN"
        assert "knelpunten" in text.casefold()
        assert "sterke punten" in text.casefold()
        assert app.screen.query_one("#overview").max_scroll_x == 0


async def test_overview_answers_by_keys_are_shown(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    ids = item_ids()
    tool = load_tool()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "5", "1")  # waarom: reason applies strongly, then not at all
        await press(pilot, "o")
        assert screen_name(app) == "OverviewScreen"
        text = body_text(app)
        assert tool.item(ids[0]).text in text  # an obstacle
        assert tool.item(ids[1]).text not in text  # 'waarom' answered 1 is no strength
        assert f"{len(ids) - 2} items" in str(app.screen.query_one("#ov-rest", Static).render())


async def test_export_from_the_overview(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await answer_all(app, pilot)
        await press(pilot, "o", "e")
        assert screen_name(app) == "ExportPicker"
        await press(pilot, "enter")  # "md" is the first format
        assert screen_name(app) == "OverviewScreen"
        target = store.root / "exports" / export_name(stored.session, "md")
        assert target.is_file()
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        text = target.read_text(encoding="utf-8")
        assert text.startswith(f"# {stored.session.title}")
        assert FIRST_STRENGTH in text


async def test_export_picker_escape_writes_nothing(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "o", "e", "escape")
        assert screen_name(app) == "OverviewScreen"
        assert not (store.root / "exports").exists()


async def test_add_a_step_in_the_overview(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await answer_all(app, pilot)
        await press(pilot, "o", "tab")  # from the scrolling report to the steps list
        assert app.focused is app.screen.query_one("#ov-steps #steps")
        await press(pilot, "a")
        assert screen_name(app) == "StepDialog"
        await pilot.press(*"Agenda maken")
        await press(pilot, "enter")
        await pilot.press(*"Anna")
        await press(pilot, "enter")
        await pilot.press(*"mei")
        await press(pilot, "enter")
        assert screen_name(app) == "OverviewScreen"
        steps = read_session(stored.path)["next_steps"]
        assert [(s["text"], s["who"], s["when"]) for s in steps] == [("Agenda maken", "Anna", "mei")]
        assert "Agenda maken" in app.screen.query_one("#ov-steps #steps").get_option_at_index(0).prompt.plain


async def test_a_adds_a_step_right_after_opening_the_overview(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "o", "a")
        assert screen_name(app) == "StepDialog"


async def test_walk_and_back_from_the_overview(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "o")
        assert screen_name(app) == "OverviewScreen"
        await press(pilot, "w")
        assert screen_name(app) == "WalkScreen"
        await press(pilot, "o")
        assert screen_name(app) == "OverviewScreen"
        await press(pilot, "q")
        assert screen_name(app) == "WalkScreen"


# from home ---------------------------------------------------------------------


async def test_overview_from_home(tmp_path: Path, app_factory) -> None:
    store = SessionStore(tmp_path / "sessions")
    stored = answered_session(store, "Regio Thuis")
    app = app_factory(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"
        await press(pilot, "o")
        assert screen_name(app) == "OverviewScreen"
        assert app.screen.editor.session.id == stored.session.id
        assert FIRST_STRENGTH in body_text(app)
        await press(pilot, "q")
        assert screen_name(app) == "HomeScreen"


async def test_compare_from_home(tmp_path: Path, app_factory) -> None:
    store = SessionStore(tmp_path / "sessions")
    answered_session(store, "Partner Alfa")
    answered_session(store, "Partner Beta", lambda n: 3)
    app = app_factory(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen_name(app) == "HomeScreen"
        await press(pilot, "space", "down", "space", "v")
        assert screen_name(app) == "CompareScreen"
        table = app.screen.query_one("#cmp-items", DataTable)
        assert table.row_count == len(item_ids())
        assert table.get_row_at(0)[0] == "2 !"
        await press(pilot, "q")
        assert screen_name(app) == "HomeScreen"


async def test_compare_needs_two_marked(tmp_path: Path, app_factory) -> None:
    store = SessionStore(tmp_path / "sessions")
    answered_session(store, "Partner Alfa")
    answered_session(store, "Partner Beta", lambda n: 3)
    app = app_factory(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "space", "v")
        assert screen_name(app) == "HomeScreen"


# started on the overview --------------------------------------------------------


async def test_start_on_the_overview(tmp_path: Path, app_factory) -> None:
    store = SessionStore(tmp_path / "sessions")
    stored = answered_session(store, "Regio Direct")
    app = app_factory(Overview(stored), store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen_name(app) == "OverviewScreen"
        text = body_text(app)
        assert FIRST_STRENGTH in text
        assert "Knelpunten" in text  # headings as the text overview writes them
        assert app.screen.query_one("#overview").max_scroll_x == 0
        await press(pilot, "q")
        assert screen_name(app) == "HomeScreen"


async def test_empty_session_overview_fits(tmp_path: Path, app_factory) -> None:
    store = SessionStore(tmp_path / "sessions")
    stored = store.create("Regio Leeg")
    app = app_factory(Overview(stored), store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen_name(app) == "OverviewScreen"
        assert str(len(item_ids())) in str(app.screen.query_one("#ov-rest", Static).render())
        assert app.screen.query_one("#overview").max_scroll_x == 0


async def test_number_keys_jump_to_the_sections_instead_of_scrolling(tmp_path: Path, app_factory) -> None:
    """1 Per deel, 2 Sterke punten, 3 Knelpunten, 4 Vervolgstappen: each heading comes to the top of the view."""
    store = SessionStore(tmp_path / "sessions")
    stored = answered_session(store, "Regio Sprong")
    app = app_factory(Overview(stored), store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen_name(app) == "OverviewScreen"
        scroller = app.screen.query_one("#overview")
        body = str(app.screen.query_one("#ov-body", Static).render()).split("\n")
        seen = []
        for key, heading in (("3", "Knelpunten"), ("2", "Sterke punten"), ("1", "Per deel")):
            await press(pilot, key)
            assert body[round(scroller.scroll_y)].strip() == heading
            seen.append(scroller.scroll_y)
        assert seen[0] > seen[1] > seen[2]  # the later section lies further down
        await press(pilot, "4")
        heading = app.screen.query_one("#ov-steps-heading")
        assert scroller.region.contains_region(heading.region)  # in view: at the top, or the page's end is reached
        assert heading.region.y == scroller.region.y or scroller.scroll_y == scroller.max_scroll_y
        assert scroller.scroll_y > seen[0]
        await press(pilot, "question_mark")
        assert "Naar ‘Knelpunten’" in " ".join(str(s.render()) for s in app.screen.query(Static))
