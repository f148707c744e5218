"""A seat on a phone: at 44 columns the walk shows one statement and large buttons, and taps answer it.

Pilot's clicks are what a tap becomes on its way through textual-serve's xterm.js (a
mouse click); the browser itself, at a phone's 390×844, is in test_phone_browser.py.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from tests.helpers.room import make_room
from tests.helpers.room_apps import screen_text, seat_app
from tests.helpers.session import item_ids, read_session, until, walk_app
from tests.helpers.terminal import answers_in
from tui.app.factory import make_app
from tui.app.screens.home import SessionList
from tui.app.start import Home
from tui.app.widgets.phone import PhoneBar
from tui.session import SessionStore

PHONE = (44, 40)


async def tap(pilot, selector: str) -> None:
    """A click on a button once it is laid out (a click on an empty region lands at 0,0: the header's palette
    icon) and its last press has faded (Textual ignores a press within 0.2 s of the last)."""
    await until(pilot, lambda: bool(pilot.app.screen.query(selector)))
    button = pilot.app.screen.query_one(selector)
    await until(pilot, lambda: button.region.area > 0 and not button.has_class("-active"))
    await pilot.click(selector)


async def open_remark_by_tap(pilot) -> None:
    """From the walk, once it shows, the remark button's dialog (a phone's way to `n`)."""
    await until(pilot, lambda: type(pilot.app.screen).__name__ == "WalkScreen")
    await tap(pilot, "#phone-remark")
    await until(pilot, lambda: type(pilot.app.screen).__name__ == "RemarkDialog")


def shown(app, selector: str) -> bool:
    if not app.screen.query(selector):  # the phone bar is made only when the walk is a phone's width
        return False
    return bool(app.screen.query_one(selector).display) and app.screen.query_one(selector).region.area > 0


async def test_at_a_phones_width_the_walk_shows_one_statement_and_taps_answer_it(tmp_path: Path) -> None:
    app, _, stored = walk_app(tmp_path)
    ids = item_ids()
    async with app.run_test(size=PHONE) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
        assert app.screen.has_class("-phone")
        assert not shown(app, "#items") and not shown(app, "#scale")  # no list, no one-line scale
        assert shown(app, "#item-text") and shown(app, "#item-explain")  # the statement and its explanation
        bar = app.screen.query_one(PhoneBar)
        assert bar.region.bottom <= PHONE[1] - 1 and bar.region.right <= PHONE[0]  # whole, above the key bar
        for button in bar.query("Button"):
            assert button.region.height == 3 and button.region.width >= 7, button.id  # large enough for a thumb
        assert bar.query_one("#phone-previous").disabled  # nothing before the first item

        for score in (4, 2, 5):
            await tap(pilot, "#phone-" + str(score))
        await tap(pilot, "#phone-0")  # n.v.t.
        await until(pilot, lambda: len(read_session(stored.path).get("answers", {})) == 4)
        answers = read_session(stored.path)["answers"]
        assert [answers[i].get("score") for i in ids[:3]] == [4, 2, 5]
        assert answers[ids[3]]["not_applicable"] is True

        # Previous shows the last answer again, chosen; a tap on another number changes it.
        await tap(pilot, "#phone-previous")
        await until(pilot, lambda: bar.value == 0)
        await tap(pilot, "#phone-previous")
        await until(pilot, lambda: bar.value == 5)
        assert bar.query_one("#phone-5").has_class("-chosen")
        await tap(pilot, "#phone-3")
        await until(pilot, lambda: answers_in(stored.path).get(ids[2]) == 3)
        await tap(pilot, "#phone-next")  # past the n.v.t. one, to the first open item
        assert app.screen.query_one("#items", OptionList).highlighted == 4

        # Next at a part's end goes into the next part; previous comes back to its last item.
        first_part = len(app.screen.tool.parts[0].items)
        for _ in range(first_part - 4):
            await tap(pilot, "#phone-next")
        await until(pilot, lambda: app.screen.part_index == 1)
        await tap(pilot, "#phone-previous")
        await until(pilot, lambda: app.screen.part_index == 0)
        assert app.screen.query_one("#items", OptionList).highlighted == first_part - 1


async def test_the_remark_button_opens_the_remark_and_only_it_needs_the_keyboard(tmp_path: Path) -> None:
    app, _, stored = walk_app(tmp_path)
    async with app.run_test(size=PHONE) as pilot:
        await open_remark_by_tap(pilot)
        await pilot.press(*"op papier")
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
        await until(pilot, lambda: read_session(stored.path)["answers"][item_ids()[0]].get("note") == "op papier")


async def test_a_phone_closes_its_remark_with_a_tap_having_no_escape_key(tmp_path: Path) -> None:
    app, _, stored = walk_app(tmp_path)
    async with app.run_test(size=PHONE) as pilot:
        await open_remark_by_tap(pilot)
        await until(pilot, lambda: shown(app, "#note-done"))
        assert "Esc" not in screen_text(app) and "direct bewaard" in screen_text(app)
        await pilot.press(*"met de buren")
        await tap(pilot, "#note-done")
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
        assert read_session(stored.path)["answers"][item_ids()[0]]["note"] == "met de buren"
        assert app.screen.focused is not None  # the walk has its keys back


async def test_the_remark_at_80_columns_says_esc_and_shows_no_button(tmp_path: Path) -> None:
    app, _, _ = walk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
        await pilot.press("n")
        await until(pilot, lambda: type(app.screen).__name__ == "RemarkDialog")
        await until(pilot, lambda: "Esc sluit" in screen_text(app))
        assert not shown(app, "#note-done") and not shown(app, "#note-hint-phone")


async def test_a_room_seat_on_a_phone_starts_and_answers_by_tapping(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path, seats=2)
    app = seat_app(folder, "B")
    async with app.run_test(size=PHONE) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "RoomWelcomeScreen")
        await until(pilot, lambda: "uitspraken, een voor een" in screen_text(app))
        assert "Enter" not in screen_text(app) and "(overzicht)" not in screen_text(app)  # keys a phone lacks
        await tap(pilot, "#welcome-start")
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
        for score in (1, 2, 3, 4, 5):
            await tap(pilot, "#phone-" + str(score))
        await until(pilot, lambda: len(answers_in(folder.seat_path("B"))) == 5)
        assert list(answers_in(folder.seat_path("B")).values()) == [1, 2, 3, 4, 5]
        assert "Regio Test" in app.title + screen_text(app)


async def test_a_room_seat_on_a_phone_shares_its_remark_by_tapping(tmp_path: Path) -> None:
    """A phone has no `g` key: the remark's checkbox shares it with the group, or takes it back."""
    folder, _ = make_room(tmp_path, seats=2)
    item = item_ids()[0]
    app = seat_app(folder, "A")
    async with app.run_test(size=PHONE) as pilot:
        await tap(pilot, "#welcome-start")
        await open_remark_by_tap(pilot)
        await tap(pilot, "#note-share")  # nothing written yet: refused, and the box stays empty
        await until(pilot, lambda: any("Schrijf eerst" in n.message for n in app._notifications))
        assert app.screen.query_one("#note-share").value is False
        await pilot.press(*"mag de groep zien")
        await tap(pilot, "#note-share")
        await until(pilot, lambda: read_session(folder.seat_path("A"))["answers"][item].get("shared") is True)
        assert read_session(folder.seat_path("A"))["answers"][item]["note"] == "mag de groep zien"
        await tap(pilot, "#note-share")
        await until(pilot, lambda: read_session(folder.seat_path("A"))["answers"][item].get("shared") is False)
        await tap(pilot, "#note-done")
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")


async def test_a_remark_outside_a_room_has_nothing_to_share(tmp_path: Path) -> None:
    app, _, _ = walk_app(tmp_path)
    async with app.run_test(size=PHONE) as pilot:
        await open_remark_by_tap(pilot)
        assert not app.screen.query("#note-share")


async def test_home_at_a_phones_width_opens_a_reflection_with_a_tap(tmp_path: Path) -> None:
    """`samenwerken serve` starts on home: its list of reflections opens with a tap too."""
    store = SessionStore(tmp_path / "sessions")
    store.create("Op de telefoon")
    app = make_app(store, Home())
    async with app.run_test(size=PHONE) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        table = app.screen.query_one("#sessions", SessionList)
        await until(pilot, lambda: table.row_count == 1 and table.region.area > 0)
        await pilot.click("#sessions", offset=(3, 1))  # the first row (under the header)
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
        await tap(pilot, "#phone-4")
        await until(pilot, lambda: len(answers_in(store.scan()[0][0].path)) == 1)


async def test_the_welcome_names_keys_at_80_columns_and_the_button_at_a_phones_width(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path, seats=2)
    app = seat_app(folder, "A")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "Enter: naar de" in screen_text(app))
        assert "(overzicht)" in screen_text(app) and "een voor een" not in screen_text(app)
        assert not shown(app, "#welcome-start")
        await pilot.resize_terminal(*PHONE)
        await until(pilot, lambda: shown(app, "#welcome-start") and "Enter" not in screen_text(app))


async def test_at_80_columns_the_phone_bar_and_button_stay_hidden(tmp_path: Path) -> None:
    app, _, _ = walk_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "WalkScreen")
        assert not app.screen.has_class("-phone")
        assert not shown(app, "#phone-bar") and shown(app, "#items") and shown(app, "#scale")
        await pilot.resize_terminal(*PHONE)
        await until(pilot, lambda: shown(app, "#phone-bar") and not shown(app, "#items"))


async def test_the_welcome_names_its_keys_again_when_a_phone_widens(tmp_path: Path) -> None:
    """Its words are one widget: a phone's words at a phone's width, the keys again at 80 columns."""
    folder, _ = make_room(tmp_path, seats=2)
    app = seat_app(folder, "A")
    async with app.run_test(size=PHONE) as pilot:
        await until(pilot, lambda: "een voor een" in screen_text(app))
        assert "(overzicht)" not in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: "Enter: naar de" in screen_text(app) and "(overzicht)" in screen_text(app))
        assert "een voor een" not in screen_text(app) and not shown(app, "#welcome-start")
