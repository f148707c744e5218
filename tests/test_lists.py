"""Lists behave as people expect: the first step is highlighted, Down at the end stays, one notification at a time."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, TextArea

from tests.helpers.session import read_session, until, walk_app

SIZE = (80, 24)
SUGGESTION_A = (
    "Geef zelf het goede voorbeeld: stem af met de andere betrokken besturen en partijen als je bij een "
    "kwestie van een school of bestuur betrokken bent."
)


async def test_vervolg_highlights_the_first_step_and_down_at_the_end_stays(tmp_path: Path) -> None:
    app, _, stored = walk_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for text in ("Eerste", "Tweede", "Derde"):
            app.screen.editor.add_step(text)
        await pilot.press("shift+tab")
        steps = app.screen.query_one("#steps", OptionList)
        assert steps.highlighted == 0  # on entry: the first step, so space acts on what is shown
        await pilot.press("down", "down", "down", "down")
        assert steps.highlighted == 2  # the last one, not back to the top
        await pilot.press("space")
        done = [s["done"] for s in read_session(stored.path)["next_steps"]]
        assert done == [False, False, True]
        await pilot.press("up", "up", "up")
        assert steps.highlighted == 0


async def test_the_items_list_stops_at_its_ends(tmp_path: Path) -> None:
    app, _, _ = walk_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        items = app.screen.query_one("#items", OptionList)
        await pilot.press("k")
        assert items.highlighted == 0
        await pilot.press(*"jjjjjjj")
        assert items.highlighted == 4  # part 1 has five items


async def test_a_suggestion_opens_whole_in_a_wrapped_editor(tmp_path: Path) -> None:
    app, _, stored = walk_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("shift+tab", "s")
        await until(pilot, lambda: type(app.screen).__name__ == "SuggestionPicker")
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "StepDialog")
        editor = app.screen.query_one("#step-text", TextArea)
        assert editor.text == SUGGESTION_A
        assert editor.soft_wrap and editor.wrapped_document.height >= 2  # all of it in view, over lines
        await pilot.press("enter", "enter", "enter")  # Enter moves on, as in the other fields
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
    assert [s["text"] for s in read_session(stored.path)["next_steps"]] == [SUGGESTION_A]


async def test_notifications_never_pile_up(tmp_path: Path) -> None:
    app, _, _ = walk_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.say("Eerste melding")
        app.say("Tweede melding")
        app.notify("Derde melding")
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["Derde melding"]


async def test_a_follow_up_shows_last_times_answer_with_each_item(tmp_path: Path) -> None:
    from textual.widgets import Static

    from tests.helpers.session import widget_text
    from tui.app.factory import make_app
    from tui.app.start import Walk
    from tui.session import SessionStore
    from tui.session.editor import SessionEditor

    store = SessionStore(tmp_path / "sessions")
    earlier = store.create("Regio Voorjaar")
    editor = SessionEditor(store, earlier)
    editor.answer("waarom.geen-noodzaak", 3)
    editor.not_applicable("waarom.niet-op-netvlies")
    editor.close()
    follow_up = store.create("Regio Najaar", follows=store.read(earlier.path))
    app = make_app(store, Walk(follow_up))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = app.screen.query_one("#item-earlier", Static)
        assert shown.display and widget_text(shown) == "Vorige keer: 3"
        await pilot.press("4")  # answering differently is fine: the file keeps this time's answer
        assert widget_text(shown) == "Vorige keer: n.v.t."
        await pilot.press("j")
        assert not shown.display  # not answered last time: nothing to show
    assert read_session(follow_up.path)["answers"]["waarom.geen-noodzaak"]["score"] == 4


async def test_context_choices_read_without_colour(tmp_path: Path) -> None:
    from textual.widgets import RadioButton

    app, _, _ = walk_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await until(pilot, lambda: type(app.screen).__name__ == "ContextScreen")
        themes = app.screen.query_one("#ctx-themes")
        themes.select(themes.get_option_at_index(1).value)
        await pilot.pause()
        first, second = (themes.render_line(n).text for n in (0, 1))
        assert first.startswith("[ ] ") and second.startswith("[x] ")
        buttons = list(app.screen.query(RadioButton))
        buttons[1].value = True
        await pilot.pause()
        marks = [b.render().plain[:3] for b in buttons[:3]]
        assert marks == ["(○)", "(●)", "(○)"]


async def test_the_overview_says_how_to_reach_the_steps(tmp_path: Path) -> None:
    from textual.widgets import Static

    from tests.helpers.session import widget_text
    from tui.app.factory import make_app
    from tui.app.start import Overview

    _, store, stored = walk_app(tmp_path)
    app = make_app(store, Overview(stored))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        hint = widget_text(app.screen.query_one("#ov-steps-hint", Static))
        assert hint == "Tab brengt je naar de stappen: daar werken Enter, spatie en x."
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#ov-steps #steps")
