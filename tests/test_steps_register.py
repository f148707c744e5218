"""Next steps as a register on screen: dates read in the dialog, overdue marks, the table, suggestions taken.

"Today" is fixed at 2 December 2026 through the one clock of due dates (`tui.session.due.today`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from tests.helpers.answers import alternating
from tests.helpers.golden import golden_session
from tests.helpers.overview import answered_session, body_text
from tests.helpers.pilot import press, screen_name
from tests.helpers.session import read_session, walk_app
from tui.app.factory import make_app
from tui.app.screens.home import SessionList
from tui.app.start import Overview
from tui.content import load_tool
from tui.content.i18n import strings_for
from tui.session import NextStep, SessionStore
from tui.views.report import build_report

TODAY = date(2026, 12, 2)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tui.session.due.today", lambda: TODAY)


def note(app) -> str:
    return str(app.screen.query_one("#step-when-note", Static).render())


def rows(app) -> list[str]:
    steps = app.screen.query_one("#steps", OptionList)
    return [str(steps.get_option_at_index(i).prompt) for i in range(steps.option_count)]


async def add_step(pilot, what: str, who: str, when: str, check=None) -> None:
    await press(pilot, "a")
    await pilot.press(*what)
    await press(pilot, "enter")
    await pilot.press(*who)
    await press(pilot, "enter")
    await pilot.press(*when)
    await pilot.pause()
    if check is not None:
        check()
    await press(pilot, "enter")


async def test_the_dialog_reads_a_date_and_keeps_other_text_with_a_gentle_note(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "shift+tab")  # Vervolg

        def dated() -> None:
            assert note(app) == "Datum: 1 maart 2027."

        await add_step(pilot, "Agenda maken", "Anna", "1 maart", dated)

        def undated() -> None:
            assert note(app).startswith("Geen datum herkend: ‘na de zomer’ blijft zoals getypt.")

        await add_step(pilot, "Overleg plannen", "", "na de zomer", undated)
        assert screen_name(app) == "WalkScreen"  # not an error: the step is kept
        steps = read_session(stored.path)["next_steps"]
        assert [(s["text"], s["when"], s.get("due")) for s in steps] == [
            ("Agenda maken", "1 maart", date(2027, 3, 1)),
            ("Overleg plannen", "na de zomer", None),
        ]
        assert "1 maart 2027" in rows(app)[0] and "na de zomer" in rows(app)[1]


async def test_editing_a_step_keeps_its_date_unless_its_when_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, store, stored = walk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "shift+tab")
        await add_step(pilot, "Agenda maken", "Anna", "1 maart")
        monkeypatch.setattr("tui.session.due.today", lambda: date(2027, 4, 1))  # months later
        await press(pilot, "enter")  # edit
        assert screen_name(app) == "StepDialog"
        assert note(app) == "Datum: 1 maart 2027."  # the date it has, not next year's
        await press(pilot, "enter", "enter", "enter")
        assert read_session(stored.path)["next_steps"][0]["due"] == date(2027, 3, 1)
        assert "⚠ te laat" in rows(app)[0]  # and now it is overdue


def register_session(store: SessionStore, title: str = "Regio Register"):
    stored = answered_session(store, title)
    stored.session.next_steps = [
        NextStep(text="Agenda opstellen", who="Anna", when="1 november", due=date(2026, 11, 1)),
        NextStep(text="Al gedaan", who="Bram", when="1 oktober", due=date(2026, 10, 1), done=True),
        NextStep(text="Later", who="Carla", when="maart 2027", due=date(2027, 3, 31)),
        NextStep(text="Zonder datum", when="na de zomer"),
    ]
    store.save(stored)
    return stored


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_overview_shows_the_steps_as_a_readable_table_with_overdue_marked(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    store = SessionStore(tmp_path / "sessions")
    stored = register_session(store)
    app = make_app(store, Overview(stored), "nl")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()
        head = str(app.screen.query_one("#steps-head", Static).render())
        assert head.split() == ["Wat", "Wie", "Wanneer", "Klaar"]
        shown = rows(app)
        assert "⚠ te laat" in shown[0] and "1 november" in shown[0] and "2026" in shown[0]
        assert all("te laat" not in row for row in shown[1:])  # done, ahead, or without a date
        assert "maart 2027" in shown[2] and "na de zomer" in shown[3]
        pane_width = app.screen.query_one("#steps", OptionList).content_region.width
        lines = [line for row in [head, *shown] for line in row.splitlines()]
        assert all(len(line) <= pane_width for line in lines), (pane_width, lines)
        klaar = head.index("Klaar")
        assert [row.splitlines()[0][klaar] for row in shown] == ["☐", "☑", "☐", "☐"]  # aligned under Klaar


async def test_home_counts_the_overdue_steps_of_each_session(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions")
    register_session(store, "Met stappen")
    answered_session(store, "Zonder stappen")
    app = make_app(store, None, "nl")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#sessions", SessionList)
        assert table.headers[3] == "Te laat"
        by_title = {str(table.get_row_at(r)[0]): str(table.get_row_at(r)[3]) for r in range(table.row_count)}
        assert by_title == {"Met stappen": "⚠ 1", "Zonder stappen": ""}


async def test_home_has_no_overdue_column_while_nothing_is_overdue(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions")
    stored = register_session(store, "Met stappen")
    app = make_app(store, None, "nl")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#sessions", SessionList)
        assert len(table.headers) == 4
        widths = table.render_widths
        assert sum(widths) <= 58, widths  # every column inside the window at 60 columns
        stored.session.next_steps = [s.model_copy(update={"done": True}) for s in stored.session.next_steps]
        store.save(stored)
        app.screen.refresh_sessions()
        await pilot.pause()
        assert table.headers == ["Samenwerking", "Beantwoord", "Laatst gewijzigd"]


async def test_a_suggestion_taken_as_a_step_is_marked_in_the_overview_and_the_picker(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions")
    stored = answered_session(store, "Regio Suggesties", alternating)
    tool = load_tool()
    letters = [h.letter for h in build_report(tool, stored.session, strings_for("nl")).help]
    taken = letters[0]
    stored.session.next_steps = [NextStep(text="Overgenomen", suggestion=taken)]
    store.save(stored)
    app = make_app(store, Overview(stored), "nl")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        body = body_text(app)
        assert f"naar bijlage 1 {taken} — past bij" in body
        marked = [line for line in body.split("naar bijlage 1 ") if "✓ al een stap" in line]
        assert [line[0] for line in marked] == [taken]  # only the suggestion taken
        await press(pilot, "s")
        assert screen_name(app) == "SuggestionPicker"
        options = app.screen.query_one("#suggestions", OptionList)
        labels = {options.get_option_at_index(i).id: str(options.get_option_at_index(i).prompt) for i in range(9)}
        assert "✓ al een stap" in labels[taken]
        assert [letter for letter, label in labels.items() if "✓ al een stap" in label] == [taken]


def test_english_words_and_dates_in_the_register() -> None:
    tool = load_tool()
    store_session = NextStep(text="Agenda", who="Anna", when="1 March", due=date(2026, 3, 1))
    from tui.render.export import to_text

    session = golden_session(tool).model_copy(update={"next_steps": [store_session]})
    text = to_text(build_report(tool, session, strings_for("en"), today=TODAY), sections=("steps",))
    lines = text.splitlines()
    assert lines[1].split() == ["What", "Who", "When", "Done"]
    assert "1 March 2026" in lines[2] and "⚠ overdue" in lines[3]


async def test_at_60x20_the_note_on_a_date_takes_the_hints_place_and_is_seen_whole(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await press(pilot, "shift+tab", "a")
        await pilot.press(*"Plan")
        await press(pilot, "enter", "enter")
        await pilot.press(*"binnenkort")
        await pilot.pause()
        shown = app.screen.query_one("#step-when-note", Static)
        assert str(shown.render()).startswith("Geen datum herkend: ‘binnenkort’ blijft zoals getypt.")
        assert not app.screen.query_one("#step-hint", Static).display
        assert shown.region.height >= 2 and shown.region.bottom <= 19  # inside the dialog's frame, on screen
        await press(pilot, "enter")
        assert read_session(stored.path)["next_steps"][0]["when"] == "binnenkort"
