"""The guided walk and the home screen, driven by keys through Textual's Pilot."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.widgets import Input, OptionList, Static, TextArea

from tests.helpers.markdown import highlighted_source
from tests.helpers.pilot import SIZE, press, screen_name
from tests.helpers.session import file_state, item_ids, read_session, until, walk_app, widget_text
from tui.app.factory import make_app
from tui.app.screens.home import SessionList
from tui.app.start import Home, New, Walk
from tui.content import load_tool
from tui.session import SessionStore


def highlighted(app) -> int | None:
    return app.screen.query_one("#items", OptionList).highlighted


def where(app) -> str:
    return widget_text(app.screen.query_one("#walk-where", Static))


def current_item_id(app) -> str:
    screen = app.screen
    return screen.part.items[highlighted(app)].id


# answering -------------------------------------------------------------------


async def test_thirty_answers_are_in_the_file(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    ids = item_ids()
    tool = load_tool()
    first_part = len(tool.parts[0].items)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen_name(app) == "WalkScreen"
        assert app.screen.part_index == 0
        for n in range(30):
            await pilot.press("4")
            await pilot.pause()
            if n + 1 == first_part - 1:
                assert app.screen.part_index == 0
            if n + 1 == first_part:
                # auto-advance crossed the end of part 1
                assert app.screen.part_index == 1
                assert highlighted(app) == 0
        data = read_session(stored.path)  # while the app is still running
        answers = data["answers"]
        assert set(answers) == set(ids[:30])
        for item_id in ids[:30]:
            assert answers[item_id]["score"] == 4
            assert answers[item_id].get("not_applicable", False) is False
            assert "at" in answers[item_id]
        # 5 + 12 + 12 = 29 items in parts 1-3: the 30th was the first of part 4
        done = sum(len(p.items) for p in tool.parts[: app.screen.part_index])
        assert done <= 30 < done + len(app.screen.part.items)
        assert app.screen.part_index == 3
        assert current_item_id(app) == ids[30]
        assert f"30/{len(ids)}" in widget_text(app.screen.query_one("#walk-total", Static))


async def test_not_applicable_and_clear(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    ids = item_ids()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "0")
        data = read_session(stored.path)
        assert data["answers"][ids[0]]["not_applicable"] is True
        assert "score" not in data["answers"][ids[0]]
        assert ids[1] not in data["answers"]  # unanswered: no entry at all
        assert highlighted(app) == 1
        # score after n.v.t. replaces it
        await press(pilot, "k", "3")
        data = read_session(stored.path)
        assert data["answers"][ids[0]]["score"] == 3
        assert data["answers"][ids[0]].get("not_applicable", False) is False
        # backspace takes the answer back: the entry disappears
        await press(pilot, "k", "backspace")
        assert highlighted(app) == 0
        data = read_session(stored.path)
        assert ids[0] not in data["answers"]
        # n.v.t. then backspace
        await press(pilot, "0", "k", "backspace")
        assert ids[0] not in read_session(stored.path)["answers"]
        assert store.read(stored.path).answered_count(ids) == 0


async def test_the_list_marks_not_applicable_with_the_scale_s_word(tmp_path: Path) -> None:
    """'✓ n.v.t.' in Dutch and '✓ n/a' in English: the content's word, every mark as wide as the widest."""
    for language, word in (("nl", "n.v.t."), ("en", "n/a")):
        app, _, _ = walk_app(tmp_path / language, language=language)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await press(pilot, "0", "4")
            items = app.screen.query_one("#items", OptionList)
            labels = [str(items.get_option_at_index(n).prompt) for n in range(3)]
            assert labels[0].startswith(f"✓ {word} ")
            assert labels[1].startswith("✓ 4 ")
            assert labels[2].startswith("· ")
            assert "nvt" not in labels[0]
            width = len(word) + 3
            assert {len(label) - len(label[width:].lstrip("✎ ")) for label in labels} == {width + 2}


async def test_backspace_keeps_the_note(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    ids = item_ids()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.editor.remark(ids[0], "bewaar mij")
        await press(pilot, "5", "k", "backspace")
        answer = read_session(stored.path)["answers"][ids[0]]
        assert answer["note"] == "bewaar mij"
        assert "score" not in answer
        assert answer.get("not_applicable", False) is False


# moving ----------------------------------------------------------------------


async def test_moving_between_items_and_parts(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    tool = load_tool()
    nparts = len(tool.scale_parts)  # the next steps come after the parts, without a number
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert highlighted(app) == 0
        assert f"Deel 1/{nparts}" in where(app)
        assert "Deel 1/5" in where(app)  # as the plain walk counts
        assert "item 1/5" in where(app)
        await press(pilot, "down")
        assert highlighted(app) == 1
        assert "item 2/5" in where(app)
        await press(pilot, "j")
        assert highlighted(app) == 2
        await press(pilot, "k")
        assert highlighted(app) == 1
        await press(pilot, "up")
        assert highlighted(app) == 0
        await press(pilot, "tab")
        assert app.screen.part_index == 1
        assert "Deel 2/5" in where(app)
        assert f"item 1/{len(tool.parts[1].items)}" in where(app)
        await press(pilot, "tab")
        assert app.screen.part_index == 2
        await press(pilot, "shift+tab", "shift+tab")
        assert app.screen.part_index == 0
        assert "Deel 1/5" in where(app)
        # moving writes nothing
        assert read_session(stored.path)["answers"] == {}


# resuming --------------------------------------------------------------------


async def test_resume_at_first_unanswered_item(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    ids = item_ids()
    session_id = stored.session.id
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, *"5555533")
        await press(pilot, "q")  # back home: the session is let go
        assert screen_name(app) == "HomeScreen"
    first = read_session(stored.path)["answers"]
    assert set(first) == set(ids[:7])

    again = make_app(store, Walk(store.find(session_id)))
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen_name(again) == "WalkScreen"
        assert current_item_id(again) == ids[7]  # the 8th item, part 2 item 3
        assert again.screen.part_index == 1
        assert highlighted(again) == 2
        await press(pilot, *"22222")
        answers = read_session(stored.path)["answers"]
    assert set(answers) == set(ids[:12])
    for item_id in ids[7:12]:
        assert answers[item_id]["score"] == 2
    assert {k: answers[k] for k in ids[:7]} == first  # untouched, `at` included


async def test_resume_with_everything_answered_opens_vervolg(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions")
    stored = store.create("Klaar")
    from tui.session.editor import SessionEditor

    editor = SessionEditor(store, stored)
    for item_id in item_ids():
        editor.answer(item_id, 3)
    editor.close()
    app = make_app(store, Walk(store.find(stored.session.id)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.part.kind == "steps"


# notes -----------------------------------------------------------------------


async def test_note_typed_is_saved(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    ids = item_ids()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "n")
        assert screen_name(app) == "RemarkDialog"
        await pilot.press(*"Goed gesprek")
        await pilot.pause()
        # saved while typing, before Escape
        assert read_session(stored.path)["answers"][ids[0]]["note"] == "Goed gesprek"
        await press(pilot, "escape")
        assert screen_name(app) == "WalkScreen"
        answer = read_session(stored.path)["answers"][ids[0]]
        assert answer["note"] == "Goed gesprek"
        assert "score" not in answer  # a note is not an answer
        assert "Goed gesprek" in widget_text(app.screen.query_one("#item-note", Static))
        assert highlighted(app) == 0  # a note does not move on


NASTY = 'Regel 1\nZe zei "ja" 🙂 [bold]niet vet[/bold] \\ end'


async def test_note_with_newlines_quotes_emoji_and_brackets(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    ids = item_ids()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # typed through the note editor: what keys allow
        await press(pilot, "n")
        await pilot.press(*"Regel 1")
        await pilot.press("enter")
        await pilot.press(*'Ze zei "ja" [bold]niet vet[/bold] \\ end')
        await pilot.pause()
        await press(pilot, "escape")
        typed = read_session(stored.path)["answers"][ids[0]]["note"]
        assert typed == 'Regel 1\nZe zei "ja" [bold]niet vet[/bold] \\ end'

        # the full text, emoji included, through the editor
        app.screen.editor.remark(ids[1], NASTY)
        await press(pilot, "j")
        assert read_session(stored.path)["answers"][ids[1]]["note"] == NASTY
        assert store.read(stored.path).answers[ids[1]].remark == NASTY
        preview = widget_text(app.screen.query_one("#item-note", Static))
        assert "[bold]niet vet[/bold]" in preview
        assert "🙂" in preview

        # opening and closing the note editor changes nothing
        before = file_state(stored.path)
        await press(pilot, "n", "escape")
        assert read_session(stored.path)["answers"][ids[1]]["note"] == NASTY
        assert file_state(stored.path) == before


# other screens ---------------------------------------------------------------


async def test_source_opens_reader_and_q_returns(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "j", "j")
        item = app.screen.item
        await press(pilot, "l")
        await pilot.pause()
        assert screen_name(app) == "ReaderScreen"
        assert app.screen.section_id == item.source
        await press(pilot, "q")
        assert screen_name(app) == "WalkScreen"
        assert highlighted(app) == 2
        assert app.screen.item.id == item.id


async def test_context_screen_saves_partners(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "c")
        assert screen_name(app) == "ContextScreen"
        partners = app.screen.query_one("#ctx-partners", Input)
        partners.focus()
        await pilot.pause()
        await pilot.press(*"PO en VO")
        await pilot.pause()
        assert read_session(stored.path)["context"]["partners"] == "PO en VO"
        await press(pilot, "escape")
        assert screen_name(app) == "WalkScreen"
        assert read_session(stored.path)["context"]["partners"] == "PO en VO"
        assert read_session(stored.path)["title"] == "Regio Test"


async def test_help_lists_keys(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "question_mark")
        assert screen_name(app) == "HelpScreen"
        text = widget_text(app.screen.query_one("#help-keys", Static))
        descriptions = (
            "Antwoord",
            "n.v.t.",
            "Antwoord wissen",
            "Aantekening",
            "Volgend item",
            "Vorig item",
            "Volgend deel",
            "Vorig deel",
            "Bron",
            "Context",
            "Terug",
        )
        for description in descriptions:  # in Dutch
            assert description in text, description
        lines = text.splitlines()
        assert any(line.split()[0] == "0" for line in lines if line.strip())
        assert any(line.split()[0] == "q" for line in lines if line.strip())
        # the screen's own keys first; the list's general keys after, under a heading, in Dutch
        heading = lines.index("Algemene toetsen van dit onderdeel")
        assert heading > lines.index(next(line for line in lines if line.endswith("Terug")))
        general = "\n".join(lines[heading:])
        assert "Omlaag" in general and "Omhoog" in general
        assert "Down" not in general and "Scroll" not in text
        await press(pilot, "escape")
        assert screen_name(app) == "WalkScreen"


# Vervolg: next steps -----------------------------------------------------------


async def test_next_steps_add_toggle_and_suggestion(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    tool = load_tool()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "shift+tab")
        assert app.screen.part_index == len(tool.parts) - 1
        assert app.screen.part.kind == "steps"
        assert where(app) == "Vervolg" and "Deel" not in where(app)
        # scale keys do nothing here
        await press(pilot, "4", "0")
        assert read_session(stored.path)["answers"] == {}

        await press(pilot, "a")
        assert screen_name(app) == "StepDialog"
        await pilot.press(*"Overleg plannen")
        await press(pilot, "enter")
        await pilot.press(*"Anna")
        await press(pilot, "enter")
        await pilot.press(*"voor de zomer")
        await press(pilot, "enter")
        assert screen_name(app) == "WalkScreen"
        steps = read_session(stored.path)["next_steps"]
        assert len(steps) == 1
        assert steps[0]["text"] == "Overleg plannen"
        assert steps[0]["who"] == "Anna"
        assert steps[0]["when"] == "voor de zomer"
        assert steps[0]["done"] is False

        await press(pilot, "space")
        assert read_session(stored.path)["next_steps"][0]["done"] is True
        await press(pilot, "space")
        assert read_session(stored.path)["next_steps"][0]["done"] is False

        await press(pilot, "s")
        assert screen_name(app) == "SuggestionPicker"
        await press(pilot, "enter")
        assert screen_name(app) == "StepDialog"  # the suggestion's text, ready to adjust
        await press(pilot, "enter", "enter", "enter")
        assert screen_name(app) == "WalkScreen"
        steps = read_session(stored.path)["next_steps"]
        assert len(steps) == 2
        assert steps[1]["suggestion"] == "a"
        assert steps[1]["text"] == (
            "Geef zelf het goede voorbeeld: stem af met de andere betrokken besturen en partijen als je bij een "
            "kwestie van een school of bestuur betrokken bent."
        )
        assert "(naar bijlage 1 a)" in str(app.screen.query_one("#steps").get_option_at_index(1).prompt)

        app.screen.query_one("#steps").highlighted = 1
        await press(pilot, "l")  # the step's suggestion: its original in Bijlage 1
        assert screen_name(app) == "ReaderScreen"
        assert app.screen.section_id == "bijlage-1"
        await until(pilot, lambda: "**a.**" in highlighted_source(app.screen))
        await press(pilot, "q")
        assert screen_name(app) == "WalkScreen"


async def test_step_dialog_escape_keeps_what_was_typed(tmp_path: Path) -> None:
    """As Escape keeps a note elsewhere: nothing typed is silently thrown away."""
    app, store, stored = walk_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "shift+tab", "a")
        await pilot.press(*"bewaard")
        await press(pilot, "escape")
        assert screen_name(app) == "WalkScreen"
        assert [step["text"] for step in read_session(stored.path)["next_steps"]] == ["bewaard"]


async def test_step_dialog_escape_without_a_description_adds_nothing(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "shift+tab", "a")
        await press(pilot, "escape")
        assert screen_name(app) == "WalkScreen"
        assert read_session(stored.path)["next_steps"] == []


# home ------------------------------------------------------------------------


async def test_q_from_walk_returns_home_listing_the_session(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "4")
        await press(pilot, "q")
        assert screen_name(app) == "HomeScreen"
        table = app.screen.query_one("#sessions", SessionList)
        assert table.row_count == 1
        row = table.get_row_at(0)
        assert "Regio Test" in str(row[0])
        assert str(row[1]) == f"1/{len(item_ids())}"


def two_sessions(tmp_path: Path) -> tuple[SessionStore, list]:
    store = SessionStore(tmp_path / "sessions")
    t0 = datetime(2024, 1, 10, 10, 0, tzinfo=UTC)
    made = []
    for n, title in enumerate(["Oudere regio", "Nieuwere regio"]):
        stored = store.create(title)
        stored.session.created = stored.session.updated = t0 + timedelta(days=n)
        store.save(stored, touch=False)
        made.append(stored)
    return store, made


async def test_home_new_session(tmp_path: Path) -> None:
    store, made = two_sessions(tmp_path)
    app = make_app(store, Home())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#sessions", SessionList).row_count == 2
        await press(pilot, "n")
        assert screen_name(app) == "TextPrompt"
        await pilot.press(*"Derde regio")
        await press(pilot, "enter")
        assert screen_name(app) == "WalkScreen"
        assert app.screen.editor.session.title == "Derde regio"
        await press(pilot, "q")
        assert app.screen.query_one("#sessions", SessionList).row_count == 3
    good, bad = store.scan()
    assert sorted(s.session.title for s in good) == ["Derde regio", "Nieuwere regio", "Oudere regio"]


async def test_home_rename_keeps_file_name(tmp_path: Path) -> None:
    store, made = two_sessions(tmp_path)
    newest = made[1]
    app = make_app(store, Home())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "h")
        assert screen_name(app) == "TextPrompt"
        prompt = app.screen.query_one("#prompt-input", Input)
        assert prompt.value == "Nieuwere regio"
        prompt.value = ""
        await pilot.press(*"Hernoemd [x]")
        await press(pilot, "enter")
        assert screen_name(app) == "HomeScreen"
        assert read_session(newest.path)["title"] == "Hernoemd [x]"
        assert read_session(made[0].path)["title"] == "Oudere regio"
        assert sorted(p.name for p in store.root.glob("*.toml")) == sorted(s.path.name for s in made)
        titles = [str(app.screen.query_one("#sessions", SessionList).get_row_at(i)[0]) for i in range(2)]
        assert any("Hernoemd [x]" in t for t in titles)


async def test_home_delete_moves_to_trash(tmp_path: Path) -> None:
    store, made = two_sessions(tmp_path)
    newest = made[1]
    data = newest.path.read_bytes()
    app = make_app(store, Home())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "x")
        assert screen_name(app) == "Confirm"
        await press(pilot, "j")
        assert screen_name(app) == "HomeScreen"
        assert app.screen.query_one("#sessions", SessionList).row_count == 1
    assert not newest.path.exists()
    trashed = store.root / ".prullenbak" / newest.path.name
    assert trashed.read_bytes() == data
    assert made[0].path.exists()


async def test_home_delete_declined(tmp_path: Path) -> None:
    store, made = two_sessions(tmp_path)
    app = make_app(store, Home())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "x", "n")
        assert screen_name(app) == "HomeScreen"
    assert all(s.path.exists() for s in made)
    assert not (store.root / ".prullenbak").exists()


async def test_home_lists_broken_file_without_touching_it(tmp_path: Path) -> None:
    store, made = two_sessions(tmp_path)
    broken = store.root / "garbage.toml"
    broken.write_bytes(b"not toml [[[")
    before = file_state(broken)
    app = make_app(store, Home())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#sessions", SessionList).row_count == 2
        bad = app.screen.query_one("#home-bad", Static)
        assert bad.display
        assert "garbage.toml" in widget_text(bad)
        await press(pilot, "q")
    assert file_state(broken) == before


async def test_new_without_title_asks_first(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions")
    app = make_app(store, New(None))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert screen_name(app) == "TextPrompt"
        assert store.scan() == ([], [])  # nothing written before a title is given
        await pilot.press(*"Vanaf de opdrachtregel")
        await press(pilot, "enter")
        assert screen_name(app) == "WalkScreen"
    good, _ = store.scan()
    assert [s.session.title for s in good] == ["Vanaf de opdrachtregel"]


async def test_new_prompt_escape_creates_nothing(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions")
    app = make_app(store, New(None))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        await press(pilot, "escape")
        assert screen_name(app) == "HomeScreen"
    assert store.scan() == ([], [])


async def test_enter_edits_a_step(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.editor.add_step("Eerste versie")
        await press(pilot, "shift+tab")
        app.screen.query_one("#steps", OptionList).highlighted = 0
        assert app.focused is not None and app.focused.id == "steps"
        await press(pilot, "enter")
        assert screen_name(app) == "StepDialog"
        step_text = app.screen.query_one("#step-text", TextArea)
        assert step_text.text == "Eerste versie"
        step_text.load_text("Tweede\nversie")  # a line break typed or pasted: one line when kept
        await press(pilot, "ctrl+s")
        assert screen_name(app) == "WalkScreen"
        steps = read_session(stored.path)["next_steps"]
        assert [s["text"] for s in steps] == ["Tweede versie"]


async def test_home_shows_whole_title(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions")
    store.create("Samenwerkingsverband Zuid")
    app = make_app(store, Home())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#sessions", SessionList)
        assert table.render_widths[0] >= len("Samenwerkingsverband Zuid")


async def test_key_labels_follow_the_language_of_each_app(tmp_path: Path) -> None:
    """A Dutch app and then an English one in the same process: each footer in its own language."""
    footers = {}
    for language in ("nl", "en"):
        app, _, _ = walk_app(tmp_path / language, language=language)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            footers[language] = " ".join(
                binding.description for _, binding, _, _ in app.screen.active_bindings.values() if binding.show
            )
    assert "Antwoord" in footers["nl"] and "Bron" in footers["nl"]
    assert "Answer" in footers["en"] and "Source" in footers["en"]
    assert "Antwoord" not in footers["en"] and "Bron" not in footers["en"]
