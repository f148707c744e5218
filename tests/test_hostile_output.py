"""Hostile text in a session file cannot be turned against whoever reads the output.

A session file may come from someone else or be edited by hand, so every piece of
user text (title, context, notes, next steps) may hold terminal escapes, bidi
controls, invisible characters, Markdown or HTML, spreadsheet formulas or line breaks.
Here the renderers are driven directly with such sessions:

- terminal text (`to_text`, `compare_table`) and terminal JSON show or escape every
  control, bidi and zero-width character;
- Markdown (the overview's and the comparison's) parses to the same token tree as with plain text;
- CSV cells never start a formula;
- JSON files keep the user's text exactly; HTML runs no script.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from datetime import UTC, datetime

import pytest
from markdown_it import MarkdownIt

from tui.content import load_tool
from tui.content.i18n import strings_for
from tui.core.text import escape_json, printable, safe_line, terminal_json, visible
from tui.render.compare import compare_json, compare_markdown, compare_table
from tui.render.export import FORMATS, export, for_terminal, to_json, to_text
from tui.session.model import Answer, Context, NextStep, Session
from tui.views.compare import build_comparison
from tui.views.report import build_report

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)

ESC = "\x1b"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f" + BIDI + ZERO_WIDTH + "\u2028\u2029\U000e0000-\U000e007f]")
"""What must never reach a terminal raw: C0 (but newline), DEL, C1, bidi, zero-width, tags."""

TERMINAL_ATTACKS = [
    "\x1b]0;pwned\x07",  # set the window title
    "\x1b[2J\x1b[H",  # clear the screen
    "\x1b]8;;http://e.vil\x1b\\klik\x1b]8;;\x1b\\",  # hyperlink
    "\x9b31m rood \x9d0;pwned\x9c",  # the same through C1 controls
    "oud\rnieuw",  # carriage return overwrites the line
    "bel\x07 backspace\x08 del\x7f nul\x00 vt\x0b ff\x0c",
    "abc\u202edcb.exe",  # right-to-left override
    "\u2066isolate\u2069 \u200e\u200f\u061c",
    "zero\u200bwidth\u200c\u200djoin\u2060word\ufeffbom",
    "tag\U000e0041\U000e0042 smuggled",
    "line\u2028separator\u2029paragraph",
]

MARKDOWN_ATTACKS = [
    "```",
    "~~~",
    "```python\nprint(1)\n```",
    "# x",
    "## x ##",
    "- x",
    "+ x",
    "* x",
    "1. x",
    "1) x",
    "> x",
    "| a | b |",
    "| a | b |\n|---|---|\n| c | d |",
    "a | b\n--- | ---",
    "<script>alert(1)</script>",
    "<div>\nblock\n</div>",
    "<!-- x -->",
    "&amp; &#60; &#x3C;",
    "[link](http://e.vil)",
    "[ref]\n\n[ref]: http://e.vil",
    "![img](http://e.vil/x.png)",
    "<http://e.vil>",
    "<mail@e.vil>",
    "http://e.vil www.e.vil",
    "\\",
    "trailing backslash\\\nnext",
    "hard break  \nnext",
    "*a*",
    "**a**",
    "_a_",
    "__a__",
    "`code`",
    "line1\nline2",
    "line1\n\n# heading",
    "line1\n===",
    "line1\n---",
    "\r",
    "a\r\n- b\r# c",
    "    indented code",
    "\tindented code",
    "  \t  - x",
    "---",
    "***",
    "___",
    "===",
    "- - -",
    "\t",
    "tab\tinside",
    "\x1b]0;pwned\x07",
    "[x] done",
    "a\n\n\n\nb",
    " ",
]

FORMULAS = [
    '=HYPERLINK("http://e.vil","klik")',
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1:A2)",
    "\t=1",
    "\r=1",
    "\n=1",
    "  =1",
    "\u3000=1",
    "\uff1d1",
    "=cmd|' /C calc'!A0",
]


DUTCH = strings_for("nl")


@pytest.fixture(scope="module")
def tool():
    return load_tool()


def places(tool) -> dict[str, str]:
    """The item ids that end up as a strength, an obstacle and an 'other note' in `hostile_session`."""
    report = build_report(tool, hostile_session(tool, "x"), DUTCH)
    return {"strength": report.strengths[0].id, "obstacle": report.obstacles[0].id, "other": tool.items[2].id}


@functools.cache
def rendered(text: str, fmt: str) -> str:
    """`fmt` of `hostile_session` with `text` (once per text and format in a worker: tests share them)."""
    tool = load_tool()
    return render(tool, hostile_session(tool, text, places(tool)), fmt)


def render(tool, session: Session, fmt: str) -> str:
    return export(build_report(tool, session, DUTCH), fmt)


def hostile_session(tool, text: str, where: dict[str, str] | None = None) -> Session:
    """A session with `text` in every field a user fills in: title, context, every kind of note, steps."""
    answers = {item.id: Answer(score=5 if n % 2 == 0 else 1, at=T0) for n, item in enumerate(tool.items)}
    answers[tool.items[2].id] = Answer(score=3, at=T0, remark=text)  # neither: an 'other note'
    del answers[tool.items[-1].id]  # one unanswered item
    if where:
        for key in ("strength", "obstacle"):
            answers[where[key]] = answers[where[key]].model_copy(update={"remark": text})
    return Session(
        id="hostile-000000",
        title=text,
        created=T0,
        updated=T0,
        context=Context(partners=text, role=text, stage=text, themes=[text, "Krimp"], forms=[text]),
        answers=answers,
        remarks=text,
        next_steps=[
            NextStep(id="step0001", text=text, who=text, when=text),
            NextStep(id="step0002", text=text, who="", when="", done=True),
        ],
    )


@pytest.fixture(scope="module")
def where(tool) -> dict[str, str]:
    return places(tool)


def assert_terminal_safe(text: str) -> None:
    found = sorted({f"U+{ord(c):04X}" for c in FORBIDDEN.findall(text)})
    assert found == [], f"raw control/bidi/invisible characters reach the terminal: {found}"


# tui.core.text ----------------------------------------------------------------------


@pytest.mark.parametrize("text", TERMINAL_ATTACKS)
def test_visible_shows_every_dangerous_character(text: str) -> None:
    shown = visible(text)
    assert_terminal_safe(shown)
    assert shown.count("\n") == text.count("\n")


def test_visible_stand_ins() -> None:
    assert visible("a\x1b[31mb") == "a␛[31mb"
    assert visible("x\ny") == "x\ny"
    assert visible("\t\r\x00\x7f") == "␉␍␀␡"
    assert visible("\x9b") == "⟨U+009B⟩"
    assert visible("abc\u202edcb") == "abc⟨U+202E⟩dcb"
    assert visible("a\u200bb\ufeff") == "a⟨U+200B⟩b⟨U+FEFF⟩"
    assert visible("\U000e0041") == "⟨U+E0041⟩"
    ordinary = "Gewoon Nederlands: één café, “quotes” — 🙂"
    assert visible(ordinary) == ordinary


def test_visible_keeps_emoji_joined_but_shows_a_lone_joiner() -> None:
    for emoji in ("👩\u200d💻", "🏳\ufe0f\u200d🌈", "🤷\u200d♀\ufe0f", "👍🏽"):
        assert visible(emoji) == emoji
    assert visible("a\u200db") == "a⟨U+200D⟩b"
    assert visible("\u200d🌈") == "⟨U+200D⟩🌈"
    assert visible("👩\u200d") == "👩⟨U+200D⟩"


def test_safe_line_never_breaks_the_line() -> None:
    assert safe_line("a\nb") == "a␤b"
    assert safe_line("a\r\nb") == "a␍␤b"
    for text in TERMINAL_ATTACKS + MARKDOWN_ATTACKS:
        line = safe_line(text)
        assert "\n" not in line
        assert_terminal_safe(line)


def test_printable_keeps_lines_and_tabs_for_documents() -> None:
    assert printable("a\r\nb\rc\nd\te") == "a\nb\nc\nd\te"
    assert printable("\x1b[2J\u202e") == "␛[2J⟨U+202E⟩"


@pytest.mark.parametrize("text", TERMINAL_ATTACKS + MARKDOWN_ATTACKS)
def test_terminal_json_escapes_yet_means_the_same(text: str) -> None:
    data = {"title": text, "list": [text, {"nested": text}], text: 1}
    dumped = terminal_json(data)
    assert_terminal_safe(dumped)
    assert json.loads(dumped) == data
    compact = json.dumps(data, ensure_ascii=False)
    assert json.loads(escape_json(compact)) == data
    assert_terminal_safe(escape_json(compact))


def test_terminal_json_is_plain_json_when_nothing_is_dangerous() -> None:
    data = {"title": "Regio Noord — één 🙂", "n": [1, 2.5, None, True]}
    assert terminal_json(data) == json.dumps(data, ensure_ascii=False, indent=2)


# terminal output ---------------------------------------------------------------


@pytest.mark.parametrize("text", TERMINAL_ATTACKS + MARKDOWN_ATTACKS)
def test_overview_text_is_terminal_safe(tool, where, text: str) -> None:
    report = build_report(tool, hostile_session(tool, text, where), DUTCH)
    for width in (40, 80, 10_000):
        out = to_text(report, width=width)
        assert_terminal_safe(out)
        assert out.splitlines()[1].startswith("Reflectie, laatst bijgewerkt "), "the title stays on its own line"


SHOWN_TITLES = [
    pytest.param("\x1b]0;pwned\x07", "␛]0;pwned␇", id="osc"),
    pytest.param("oud\rnieuw", "oud␍nieuw", id="carriage-return"),
    pytest.param("abc\u202edcb.exe", "abc⟨U+202E⟩dcb.exe", id="rlo"),
    pytest.param("line\u2028separator\u2029paragraph", "line⟨U+2028⟩separator⟨U+2029⟩paragraph", id="separators"),
    pytest.param("line1\nline2", "line1␤line2", id="newline"),
    pytest.param("a\r\n- b", "a␍␤- b", id="crlf"),
    pytest.param("# x", "# x", id="markdown"),
]
"""A hostile title and the one line that shows it on a terminal."""


@pytest.mark.parametrize(("text", "shown"), SHOWN_TITLES)
def test_overview_text_shows_the_title_visibly_on_one_line(tool, where, text: str, shown: str) -> None:
    out = to_text(build_report(tool, hostile_session(tool, text, where), DUTCH), width=80)
    assert out.splitlines()[0] == shown


@pytest.mark.parametrize(("text", "shown"), SHOWN_TITLES)
def test_compare_table_shows_the_title_visibly_on_one_line(tool, text: str, shown: str) -> None:
    sessions = [hostile_session(tool, text), hostile_session(tool, "Gewoon")]
    second = compare_table(build_comparison(tool, sessions, DUTCH, names=True)).splitlines()[1]
    assert second.startswith(f"  A  {shown} (")  # column, title (day)
    assert second.endswith(")")


def test_overview_text_colour_is_the_only_escape(tool, where) -> None:
    report = build_report(tool, hostile_session(tool, "\x1b]0;pwned\x07\u202e", where), DUTCH)
    out = to_text(report, color=True)
    assert "]0;pwned" in out
    assert not re.search(r"\x1b(?!\[(?:0|1|2|31|32)m)", out), "only the colours asked for"
    assert_terminal_safe(re.sub(r"\x1b\[\d+m", "", out))


@pytest.mark.parametrize("names", [False, True])
@pytest.mark.parametrize("text", [*TERMINAL_ATTACKS, "line1\nline2", "a\r\n- b"])
def test_compare_table_is_terminal_safe(tool, text: str, names: bool) -> None:
    sessions = [hostile_session(tool, text), hostile_session(tool, "Gewoon")]
    out = compare_table(build_comparison(tool, sessions, DUTCH, names=names))
    assert_terminal_safe(out)
    second, third = out.splitlines()[1:3]
    assert second.startswith("  A  "), "the legend's line for A: its title (made safe) on one line"
    if names:
        assert third.startswith("  B  Gewoon ("), "column, title and role of A stay on one line"
    else:
        assert third == "  B  Gewoon (01-03-2024)"


@pytest.mark.parametrize("text", [*TERMINAL_ATTACKS, "line1\nline2"])
def test_compare_json_is_terminal_safe_and_exact(tool, text: str) -> None:
    sessions = [hostile_session(tool, text), hostile_session(tool, "Gewoon")]
    out = compare_json(build_comparison(tool, sessions, DUTCH, names=True))
    assert_terminal_safe(out)
    data = json.loads(out)
    assert data["sessions"][0]["title"] == text
    assert data["sessions"][0]["label"].startswith(text)


# JSON -------------------------------------------------------------------------


@pytest.mark.parametrize("text", TERMINAL_ATTACKS + MARKDOWN_ATTACKS)
def test_json_file_keeps_the_text_exactly_and_terminal_json_escapes(tool, where, text: str) -> None:
    session = hostile_session(tool, text, where)
    faithful = render(tool, session, "json")
    data = json.loads(faithful)
    assert data["session"]["title"] == text
    assert data["session"]["notes"] == text
    assert data["session"]["context"]["partners"] == text
    assert data["session"]["context"]["role"] == text
    assert data["next_steps"][0] == {
        "id": "step0001",
        "text": text,
        "who": text,
        "when": text,
        "due": None,
        "done": False,
        "suggestion": "",
        "overdue": False,
    }
    notes = {i["id"]: i["note"] for i in data["items"]}
    assert notes[where["strength"]] == notes[where["obstacle"]] == notes[tool.items[2].id] == text

    shown = for_terminal(faithful, "json")
    assert_terminal_safe(shown)
    assert json.loads(shown) == data
    assert to_json(build_report(tool, session, DUTCH)) == faithful


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_export_is_terminal_safe_through_for_terminal(fmt: str) -> None:
    text = "".join(TERMINAL_ATTACKS)
    out = for_terminal(rendered(text, fmt), fmt)
    assert_terminal_safe(out)


# Markdown -----------------------------------------------------------------------


def shape(markdown: str) -> list[tuple]:
    """The token tree without the words: block tokens with their nesting, inline tokens but text."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    out = []
    for token in tokens:
        entry: tuple = (token.type, token.tag, token.nesting, token.level, token.markup)
        if token.type == "inline":
            entry += (tuple((c.type, c.tag, c.nesting) for c in token.children or [] if c.type != "text"),)
        out.append(entry)
    return out


def plain_like(text: str) -> str:
    """Plain words with the same lines as `text` (a note's lines and blank lines are its own)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join("woord" if line.strip(" \t") else " " for line in lines)


@pytest.mark.parametrize("text", MARKDOWN_ATTACKS + TERMINAL_ATTACKS)
def test_markdown_has_the_same_shape_with_hostile_text(text: str) -> None:
    hostile = rendered(text, "md")
    plain = rendered(plain_like(text), "md")
    assert shape(hostile) == shape(plain)


@pytest.mark.parametrize("text", MARKDOWN_ATTACKS)
def test_markdown_renders_no_markup_from_user_text(text: str) -> None:
    markdown = rendered(text, "md")
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
    assert not kinds & {"fence", "code_block", "html_block", "html_inline", "link_open", "image", "hr", "em_open"}
    assert [t.tag for t in tokens if t.type == "heading_open"].count("h1") == 1
    assert sum(t.type == "table_open" for t in tokens) == 2  # the parts, and the steps as a register
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<script" not in html and "<div>" not in html and "<a " not in html


@pytest.mark.parametrize("text", MARKDOWN_ATTACKS + TERMINAL_ATTACKS)
def test_compare_markdown_has_the_same_shape_with_hostile_text(tool, text: str) -> None:
    def markdown(title: str) -> str:
        sessions = [hostile_session(tool, title), hostile_session(tool, "Gewoon")]
        return compare_markdown(build_comparison(tool, sessions, DUTCH, names=True))

    assert shape(markdown(text)) == shape(markdown(plain_like(text)))


def test_markdown_title_with_line_breaks_stays_one_heading(tool) -> None:
    markdown = render(tool, hostile_session(tool, "Regio\n# Noord\r\n- Zuid"), "md")
    assert markdown.splitlines()[0] == "# Regio \\# Noord - Zuid"


def test_markdown_keeps_a_note_readable(where) -> None:
    note = "Punten:\n- eerste\n1. tweede\n\n    ingesprongen\n=== klaar ==="
    markdown = rendered(note, "md")
    assert "  > Punten:\n  > \\- eerste\n  > 1\\. tweede\n  >\n  > ingesprongen\n  > \\=== klaar ===" in markdown


# CSV ----------------------------------------------------------------------------


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("formula", FORMULAS)
def test_csv_cells_never_start_a_formula(formula: str) -> None:
    rows = csv_rows(rendered(formula, "csv-rfc"))
    for row in rows:
        for cell in row:
            if cell.startswith("'"):
                continue
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d")
            assert cell.lstrip()[:1] not in ("=", "+", "-", "@", "\uff1d")
    notes = [r[5] for r in rows[1:] if r[5]]
    assert notes and all(n == "'" + formula for n in notes), "neutralised with one quote, otherwise as typed"


def test_csv_keeps_ordinary_text_exactly(where) -> None:
    text = "Gewoon: 1 + 1 = 2, @Anna - 'citaat'\nnieuwe regel\t\x1b"
    rows = csv_rows(rendered(text, "csv-rfc"))
    assert [r[5] for r in rows[1:] if r[5]] == [text] * 3


@pytest.mark.parametrize("text", ["oud\rnieuw", "oud\rnieuw\r\nregel", "eind\r"])
def test_csv_keeps_a_carriage_return_inside_its_cell(tool, text: str) -> None:
    rows = csv_rows(rendered(text, "csv-rfc"))
    assert len(rows) == len(tool.items) + 1
    assert {len(r) for r in rows} == {8}
    assert [r[5] for r in rows[1:] if r[5]] == [text] * 3


# HTML ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", MARKDOWN_ATTACKS + TERMINAL_ATTACKS)
def test_html_runs_nothing_and_shows_controls(text: str) -> None:
    out = rendered(text, "html")
    assert "<script" not in out.lower()
    assert "<div>\nblock" not in out and "<!-- x" not in out
    assert_terminal_safe(out.replace("\t", ""))
    assert re.search(r"<title>[^\n]*</title>", out), "the title stays on one line"
    assert re.search(r"<h1>[^\n]*</h1>", out)


@pytest.mark.parametrize("width", range(30, 46))
def test_wrapping_never_leaves_an_emoji_joiner_at_a_line_edge(width: int) -> None:
    """A long word cut inside 🏳️‍🌈 leaves its joiner alone at a line's edge: it is shown, not sent raw."""
    from tui.core.text import shortened
    from tui.render.parts import Terminal

    text = "x" * 35 + "🏳️\u200d🌈" + "y" * 5
    for line in Terminal(40, False).wrap(text, "  "):
        assert not line.endswith("\u200d") and not line.lstrip().startswith("\u200d"), repr(line)
    cut = shortened("woord " + text, width)
    assert "\u200d…" not in cut


def test_a_step_cut_inside_an_emoji_sequence_shows_the_joiner_it_left() -> None:
    """A long word wrapped in a table column can be cut right after a zero width joiner (found by hypothesis)."""
    from tui.core.text import DANGEROUS
    from tui.render.parts import columns

    lines = columns([["x", "👩\u200d💻" * 12]], 40, [0, 8])[0]
    for line in lines:
        for n, char in enumerate(line):
            if char == "\u200d":  # only ever between two emoji on one line
                assert 0 < n < len(line) - 1 and line[n - 1] in "👩" and line[n + 1] in "💻", lines
    assert all(ord(c) not in DANGEROUS or c == "\u200d" for line in lines for c in line)
