"""The reader as the user sees it: paging, contents, search, help, deep links, and its command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import OptionList

from tests.helpers.session import until
from tui.app.factory import make_app
from tui.app.start import Home, Read
from tui.app.widgets.section_text import SectionText
from tui.content import load_note

ROOT = Path(__file__).resolve().parent.parent
SIZE = (80, 24)
SECTION_IDS = [s.id for s in load_note().sections]


def reader_app(store, section: str = "vooraf"):
    return make_app(store, Read(section))


def shown(screen) -> str:
    """What the header says: the screen's title and subtitle together."""
    return f"{screen.title} · {screen.sub_title}"


def text_of(screen) -> str:
    return screen.query_one("#text", SectionText).source


def notifications(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def body_start(section_id: str) -> str:
    """The first words of a section's text, as the Markdown source holds them."""
    return load_note().body(section_id).strip().splitlines()[0][:60]


@pytest.mark.parametrize(
    ("section", "number", "title", "phrases"),
    [
        pytest.param(
            "vooraf",
            1,
            "Vooraf",
            [
                "Sinds een aantal jaren komen vertegenwoordigers van de PO-Raad",
                "Tegen deze achtergrond heeft de Overlegraad deze notitie uitgewerkt.",
            ],
            id="vooraf",
        ),
        pytest.param("kortom", 7, "Kortom", ["Denktank VNG"], id="deep-link-to-kortom"),
    ],
)
async def test_opens_at_the_section_asked(store, section, number, title, phrases):
    app = reader_app(store, section)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "ReaderScreen"
        assert screen.section_id == section
        assert screen.sub_title.startswith(f"onderdeel {number} van 11")
        assert title in shown(screen)
        source = text_of(screen)
        assert source.startswith(f"# {title}")
        for phrase in phrases:
            assert phrase in source
        toc = screen.query_one("#toc", OptionList)
        assert toc.display
        assert toc.option_count == 11
        assert toc.highlighted == number - 1


@pytest.mark.parametrize("forward, back", [("n", "p"), ("right", "left")])
async def test_paging_forward_and_back(store, forward, back):
    app = reader_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press(forward)
        await pilot.pause()
        assert screen.section_id == "focus"
        assert screen.sub_title.startswith("onderdeel 2 van 11")
        assert "Focus" in shown(screen)
        assert text_of(screen).startswith("# Focus")
        assert body_start("focus") in text_of(screen)
        assert screen.query_one("#toc", OptionList).highlighted == 1
        await pilot.press(back)
        await pilot.pause()
        assert screen.section_id == "vooraf"
        assert body_start("vooraf") in text_of(screen)
        assert screen.sub_title.startswith("onderdeel 1 van 11")


async def test_paging_through_the_whole_note(store):
    app = reader_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        seen = [screen.section_id]
        for _ in range(len(SECTION_IDS) - 1):
            await pilot.press("n")
            await pilot.pause()
            seen.append(screen.section_id)
        assert seen == SECTION_IDS
        assert screen.sub_title.startswith("onderdeel 11 van 11")
        assert "Colofon" in shown(screen)


@pytest.mark.parametrize(
    ("section", "key", "heading", "said"),
    [
        pytest.param("colofon", "n", "# Colofon", "laatste onderdeel", id="next-at-last"),
        pytest.param("vooraf", "p", "# Vooraf", "eerste onderdeel", id="previous-at-first"),
    ],
)
async def test_paging_past_either_end_stays_and_says_so(store, section, key, heading, said):
    app = reader_app(store, section)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.section_id == section
        await pilot.press(key)
        await pilot.pause()
        assert screen.section_id == section
        assert text_of(screen).startswith(heading)
        assert any(said in message for message in notifications(app))


async def test_t_hides_and_shows_contents(store):
    app = reader_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        toc = app.screen.query_one("#toc", OptionList)
        assert toc.display
        await pilot.press("t")
        await pilot.pause()
        assert not toc.display
        await pilot.press("t")
        await pilot.pause()
        assert toc.display
        assert toc.has_focus


@pytest.mark.parametrize("index", [1, 3, 6])
async def test_clicking_a_contents_entry_opens_it(store, index):
    app = reader_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        toc = screen.query_one("#toc", OptionList)
        top = toc.styles.gutter.top  # border and padding above the first entry
        await pilot.click("#toc", offset=(2, top + index))
        await pilot.pause()
        expected = SECTION_IDS[index]
        assert screen.section_id == expected
        assert screen.sub_title.startswith(f"onderdeel {index + 1} van 11")
        assert body_start(expected) in text_of(screen)


async def test_choosing_a_contents_entry_by_keyboard(store):
    app = reader_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#toc", OptionList).focus()
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert screen.section_id == "focus"
        assert body_start("focus") in text_of(screen)


async def test_search_lists_hits_and_jumps_to_the_first(store):
    app = reader_app(store, "colofon")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        reader = app.screen
        await pilot.press("slash")
        await pilot.pause()
        search = app.screen
        assert type(search).__name__ == "SearchScreen"
        await pilot.press(*"lerarentekort")
        await pilot.pause()
        hits = search.query_one("#search-hits", OptionList)
        assert hits.option_count >= 3
        shorts = [s.short for s in load_note().sections]
        labels = [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
        for label in labels:
            assert any(label.startswith(short + ":") for short in shorts), label
            assert "lerarentekort" in label.casefold()
        assert labels[0].startswith("Vooraf:")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is reader
        assert reader.section_id == "vooraf"
        marked = reader.query_one("#text", SectionText).marked
        assert marked is not None
        start, end = marked
        block = "\n".join(text_of(reader).splitlines()[start:end])
        assert "lerarentekort" in block


async def test_search_escape_keeps_the_section(store):
    app = reader_app(store, "kortom")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        reader = app.screen
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"xyzzy", "escape")
        await pilot.pause()
        assert app.screen is reader
        assert reader.section_id == "kortom"


async def test_help_lists_the_keys(store):
    app = reader_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        reader = app.screen
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert type(help_screen).__name__ == "HelpScreen"
        keys = str(help_screen.query_one("#help-keys").content)
        for description in ("Volgende", "Vorige", "Inhoud", "Zoeken", "Terug"):
            assert description in keys
        lines = {line.split()[-1]: line for line in keys.splitlines() if line.strip()}
        assert "n" in lines["Volgende"].split()
        assert "p" in lines["Vorige"].split()
        assert "t" in lines["Inhoud"].split()
        assert "/" in lines["Zoeken"].split()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is reader


async def test_q_at_root_exits(store):
    app = reader_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_from_home_r_reads_and_q_returns(store):
    app = make_app(store, Home())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert type(home).__name__ == "HomeScreen"
        await pilot.press("r")
        await pilot.pause()
        reader = app.screen
        assert type(reader).__name__ == "ReaderScreen"
        assert reader.section_id == "vooraf"
        assert text_of(reader).startswith("# Vooraf")
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is home
        assert app.is_running


# --------------------------------------------------------------------------- the command line


def run_cli(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SAMENWERKEN_SESSIONS": str(tmp_path / "sessions")}
    env.pop("SAMENWERKEN_CONTENT", None)
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
    )


def test_cli_read_unknown_section(tmp_path):
    result = run_cli("read", "nonsense", tmp_path=tmp_path)
    assert result.returncode == 2
    assert "nonsense" in result.stderr
    for section_id in SECTION_IDS:
        assert section_id in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_help_lists_commands(tmp_path):
    result = run_cli("--help", tmp_path=tmp_path)
    assert result.returncode == 0
    for command in ("read", "new", "resume", "list"):
        assert command in result.stdout


def test_cli_version(tmp_path):
    result = run_cli("--version", tmp_path=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == "samenwerken 0.1.0"


async def test_a_passage_far_down_is_marked_at_the_top_of_the_page(store):
    """A jump to a passage puts its block at the page's top, also when the new section brings a scrollbar."""
    app = reader_app(store, "colofon")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        reader = app.screen
        line = next(n for n, text in enumerate(load_note().body("factoren").splitlines()) if "leidt tot" in text)
        reader.go("factoren", line=line)
        text = reader.query_one("#text", SectionText)
        page = reader.query_one("#page")

        def marked_at_top() -> list:
            marked = [b for b in text.blocks() if (b.start, b.end) == text.marked]
            return marked if marked and page.scroll_y == text.line_of(marked[0]) else []

        await until(pilot, lambda: bool(marked_at_top()))  # however long a busy machine takes to lay it out
        block = marked_at_top()[0]
        assert text.line_of(block) > 0
        assert "leidt tot" in "\n".join(text.source.splitlines()[block.start : block.end])
