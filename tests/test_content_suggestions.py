"""Suggestions of Bijlage 1: credited as rewrites, linked for a reason, and `l` shows the original."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from textual.app import App
from textual.content import Content
from textual.signal import Signal
from textual.widgets import OptionList

from tests.helpers.markdown import fold, highlighted_source, list_items, unmarked
from tests.helpers.session import until
from tui.content import load_note, load_strings, load_tool
from tui.content.i18n import strings_for
from tui.core.errors import ContentError

ROOT = Path(__file__).resolve().parent.parent
SIZE = (80, 24)


@pytest.fixture(scope="module")
def tool():
    return load_tool()


@pytest.fixture(scope="module")
def letters() -> dict[str, str]:
    """Bijlage 1's letters a–i with their text (sub-points of d included)."""
    out = {}
    for text, subs in list_items(load_note().body("bijlage-1")):
        match = re.match(r"^\*\*([a-i])\.\*\*\s+(.*)$", text)
        assert match
        out[match.group(1)] = unmarked(" ".join([match.group(2), *subs]))
    return out


# --------------------------------------------------------------------------- the original


def test_every_suggestion_quotes_its_own_letter(tool, letters):
    assert [s.letter for s in tool.suggestions] == list("abcdefghi")
    for suggestion in tool.suggestions:
        holders = [x for x, text in letters.items() if fold(suggestion.quote) in fold(text)]
        assert holders == [suggestion.letter], f"{suggestion.letter}: quote found in {holders}"


# --------------------------------------------------------------------------- credited as a rewrite


def test_the_credit_says_naar_bijlage_1():
    strings = load_strings()
    assert strings["nl"]["report.appendix1"] == "naar bijlage 1"
    assert strings["en"]["report.appendix1"] == "adapted from appendix 1"


def test_no_text_credits_a_rewrite_as_bijlage_1_itself(tool):
    """'bijlage 1 c' alone would pass the rewrite off as the note's own words."""
    strings = load_strings()
    texts = list(strings["nl"].values()) + [tool.parts[-1].intro]
    texts += [load_note().body("bijlage-3")]
    bare = re.compile(r"(?<!naar )\bbijlage 1 [a-i]\b", re.IGNORECASE)
    assert not [text for text in texts if bare.search(text)]


def test_picker_labels_credit_each_rewrite():
    from tui.app.screens.suggestions import credit, option_label

    tool = load_tool()
    assert credit("c", strings_for("nl")) == "naar bijlage 1 c"
    label = option_label(tool.suggestion("c"), strings_for("nl")).plain
    assert label.startswith(tool.suggestion("c").text)
    assert label.endswith("(naar bijlage 1 c)")


class PickerApp(App[None]):
    """Only the picker, over an empty screen."""

    def __init__(self) -> None:
        super().__init__()
        self.chosen: list[str | None] = []
        self.strings = strings_for("nl")
        self.tool = load_tool()
        self.note = load_note()
        self.save_state_signal: Signal[None] = Signal(self, "save-state")  # screens hear the app's broadcasts
        self.room_signal: Signal[None] = Signal(self, "room")

    def cover_if_too_small(self) -> None:
        """Screens ask the app this when they come to the front; this one is always large enough."""

    def on_mount(self) -> None:
        from tui.app.screens.suggestions import SuggestionPicker

        self.push_screen(SuggestionPicker(load_tool()), self.chosen.append)


async def test_l_opens_the_original_letter_and_q_comes_back(tool):
    app = PickerApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "SuggestionPicker"
        options = app.screen.query_one("#suggestions", OptionList)
        prompt = options.get_option_at_index(0).prompt
        assert isinstance(prompt, Content)
        assert prompt.plain.endswith("(naar bijlage 1 a)")
        await pilot.press("down", "down")
        assert options.highlighted == 2
        await pilot.press("l")
        await until(pilot, lambda: type(app.screen).__name__ == "ReaderScreen")
        assert app.screen.section_id == "bijlage-1"
        marked = highlighted_source(app.screen)
        assert "**c.**" in marked or fold(tool.suggestion("c").quote) in fold(marked)
        assert "**b.**" not in marked and "**d.**" not in marked
        await pilot.press("q")
        await pilot.pause()
        assert type(app.screen).__name__ == "SuggestionPicker"
        await pilot.press("enter")
        await pilot.pause()
    assert app.chosen == ["c"]


# --------------------------------------------------------------------------- links that fit


def test_every_item_links_a_suggestion_with_a_reason(tool):
    for item in tool.items:
        assert item.suggestions, f"{item.id} links no suggestion"
        assert set(item.why) == set(item.suggestions), item.id
        for letter, why in item.why.items():
            assert len(why) >= 20 and "\n" not in why, f"{item.id}: why.{letter} should be one real line"


def test_every_letter_is_linked_somewhere(tool):
    used = {letter for item in tool.items for letter in item.suggestions}
    assert used == set("abcdefghi")


def test_links_issue_13_found_wrong(tool):
    assert "b" in tool.item("hindert.bekostiging").suggestions
    assert "e" not in tool.item("hindert.weerstand-medewerkers").suggestions  # e speaks to administrators
    assert "e" not in tool.item("helpt.organisatie").suggestions


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content", root)
    return root


def test_a_link_without_a_reason_is_refused(content):
    path = content / "tool.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index('id = "hindert.schaalverschillen"')
    line = 'why.i = "i asks large boards to take small ones along as equals: the answer to differences in scale."\n'
    assert line in text[start:]
    path.write_text(text[:start] + text[start:].replace(line, "", 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_tool(content)
    assert "hindert.schaalverschillen" in str(caught.value)
    assert "why.i" in str(caught.value)
