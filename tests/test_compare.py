"""The comparison as data and its renderers: legend, fitting to a width, remarks, hostile text, file names."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest

from tui.content import load_tool
from tui.content.i18n import strings_for
from tui.core.text import shortened
from tui.render.compare import (
    COMPARE_FORMATS,
    compare_export,
    compare_html,
    compare_json,
    compare_markdown,
    compare_table,
    export_name,
    fit,
    moved_cell,
)
from tui.session.model import Answer, Context, Session
from tui.views.compare import build_comparison, legend

NOON = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
"""Noon in UTC: 01-03-2024 in every time zone a test machine is likely to have."""

DUTCH = strings_for("nl")
HOSTILE = "Regio [bold]Noord[/bold] \x1b]0;pwned\x07 \u202eevil " + "Lang" * 30


@pytest.fixture(scope="module")
def tool():
    return load_tool()


def session(tool, title: str, score: int, role: str = "", remarks: dict[int, str] | None = None) -> Session:
    answers = {item.id: Answer(score=score, at=NOON) for item in tool.items}
    for n, text in (remarks or {}).items():
        answers[tool.items[n].id] = answers[tool.items[n].id].model_copy(update={"remark": text})
    return Session(
        id=f"s-{sum(map(ord, title))}-{score}",
        title=title,
        created=NOON,
        updated=NOON,
        context=Context(role=role),
        answers=answers,
    )


# the legend --------------------------------------------------------------------


def test_the_legend_is_title_and_date_never_a_role_both_may_share(tool) -> None:
    sessions = [session(tool, "RPO Noord", 5, role="bestuurder"), session(tool, "RPO Zuid", 3, role="bestuurder")]
    assert legend(sessions, names=False) == ["RPO Noord (01-03-2024)", "RPO Zuid (01-03-2024)"]
    assert legend(sessions, names=True) == ["RPO Noord (01-03-2024)", "RPO Zuid (01-03-2024)"]


def test_the_oldest_reflection_is_a_and_the_parts_say_how_they_moved(tool) -> None:
    later, earlier = session(tool, "Regio 2025", 5), session(tool, "Regio 2024", 1)
    earlier.created = earlier.updated = later.created.replace(year=2023)
    comparison = build_comparison(tool, [later, earlier], DUTCH)
    assert [s.title for s in comparison.sessions] == ["Regio 2024", "Regio 2025"]
    table = compare_table(comparison)
    assert table.splitlines()[1:3] == ["  A  Regio 2024 (01-03-2023)", "  B  Regio 2025 (01-03-2024)"]
    assert "A→B" in table
    moved = {p.id: moved_cell(p, DUTCH) for p in comparison.parts}
    assert moved["helpt"] == "▲ +4,0"  # all 1 → all 5
    assert moved["hindert"] == "▼ −4,0"  # a hindrance answered 5 is the bad end
    assert "| Wat helpt | 1,0 | 5,0 | ▲ +4,0 |" in compare_markdown(comparison)
    assert json.loads(compare_json(comparison))["parts"][1]["difference"] == 4.0


def test_an_empty_section_says_none(tool) -> None:
    same = build_comparison(tool, [session(tool, "Alfa", 3), session(tool, "Beta", 3)], DUTCH)
    lines = compare_table(same).splitlines()
    heading = lines.index("Items waar de antwoorden het verst uiteenlopen (verschil ≥ 2) eerst")
    assert lines[heading + 1] == "  (geen)"
    assert "## Items waar de antwoorden het verst uiteenlopen (verschil ≥ 2) eerst\n\n(geen)\n" in compare_markdown(
        same
    )
    assert "eerst</h2><p>(geen)</p>" in compare_html(same)


def test_every_format_starts_with_the_legend(tool) -> None:
    comparison = build_comparison(tool, [session(tool, "Alfa", 5), session(tool, "Beta", 1)], DUTCH)
    assert compare_table(comparison).splitlines()[1:3] == ["  A  Alfa (01-03-2024)", "  B  Beta (01-03-2024)"]
    assert compare_markdown(comparison).splitlines()[2:4] == ["- A — Alfa (01-03-2024)", "- B — Beta (01-03-2024)"]
    assert "<ul><li><b>A</b> — Alfa (01-03-2024)</li><li><b>B</b> — Beta (01-03-2024)</li>\n</ul>" in compare_html(
        comparison
    )
    assert [s["legend"] for s in json.loads(compare_json(comparison))["sessions"]] == [
        "Alfa (01-03-2024)",
        "Beta (01-03-2024)",
    ]


# fitting to a width ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "width", "shown"),
    [
        ("een twee drie", 13, "een twee drie"),
        ("een twee drie", 12, "een twee…"),
        ("een twee drie", 9, "een twee…"),
        ("een twee drie", 8, "een…"),
        ("Supercalifragilistisch", 8, "Superca…"),
        ("een Supercalifragilistisch", 10, "een…"),
        ("een twee drie", 10, "een twee…"),  # the cut right after a space keeps the word before it
        ("een twee drie", 4, "een…"),  # the cut right before a space keeps the word too
    ],
)
def test_shorten_ends_after_a_whole_word(text: str, width: int, shown: str) -> None:
    assert shortened(text, width) == shown


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_statement_shortened_to_any_width_keeps_every_word_that_fits(language: str) -> None:
    for item in load_tool().items:
        text = item.loc("text", language)
        for width in range(2, len(text) + 2):
            shown = shortened(text, width)
            assert len(shown) <= width
            if shown == text:
                continue
            kept = shown.removesuffix("…")
            assert text.startswith(kept)
            if text[len(kept)] != " ":  # cut inside a word: only when not even the first word fits
                assert " " not in kept and len(text.split(" ")[0]) + 1 > width, (width, shown)
                continue
            following = text[len(kept) :].lstrip(" ").split(" ")[0]
            assert len(kept) + 1 + len(following) + 1 > width, f"{shown!r} drops a word that fits in {width}"


def test_fit_wraps_between_words_and_shortens_only_a_word_too_long() -> None:
    text = "Regio " + "x" * 30 + " Noord-Veluwe en omstreken"
    assert fit(text, 20, "  A  ", "     ") == [
        "  A  Regio",
        "     xxxxxxxxxxxxxx…",
        "     Noord-Veluwe en",
        "     omstreken",
    ]
    assert fit(text, None, "  A  ") == [f"  A  {text}"]


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_the_table_never_exceeds_the_width(tool, width: int) -> None:
    sessions = [session(tool, HOSTILE, 5, role=HOSTILE), session(tool, "Beta", 1), session(tool, "Gamma", 3)]
    out = compare_table(build_comparison(tool, sessions, DUTCH, names=True), width)
    assert max(len(line) for line in out.splitlines()) <= width


def test_without_a_width_every_line_is_whole(tool) -> None:
    sessions = [session(tool, HOSTILE, 5), session(tool, "Beta", 1)]
    lines = compare_table(build_comparison(tool, sessions, DUTCH)).splitlines()
    assert lines[1] == "  A  Regio [bold]Noord[/bold] ␛]0;pwned␇ ⟨U+202E⟩evil " + "Lang" * 30 + " (01-03-2024)"
    for item in tool.items:
        assert f"     5   1         4  {item.text}" in lines


# hostile text ---------------------------------------------------------------------


@pytest.mark.parametrize("width", [None, 80])
def test_hostile_titles_and_remarks_reach_no_terminal_raw(tool, width: int | None) -> None:
    sessions = [session(tool, HOSTILE, 5, remarks={0: HOSTILE}), session(tool, "Beta\r\nGamma", 1)]
    comparison = build_comparison(tool, sessions, DUTCH, names=True)
    for out in (compare_table(comparison, width), compare_json(comparison)):
        assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]", out)
    assert json.loads(compare_json(comparison))["items"][0]["remarks"][0] == HOSTILE


def test_hostile_remarks_stay_literal_in_documents(tool) -> None:
    note = "<script>alert(1)</script>\n# kop\n[link](http://e.vil)"
    comparison = build_comparison(tool, [session(tool, "Alfa", 5, remarks={0: note}), session(tool, "Beta", 1)], DUTCH)
    page = compare_html(comparison)
    assert "<script" not in page
    assert "<div class='note'>&lt;script&gt;alert(1)&lt;/script&gt;\n# kop\n[link](http://e.vil)</div>" in page
    markdown = compare_markdown(comparison).splitlines()
    at = markdown.index("## Aantekeningen")
    assert markdown[at + 3 : at + 7] == [
        "  - A (antwoord ‘5’):",
        "    > \\<script\\>alert(1)\\</script\\>",
        "    > \\# kop",
        "    > \\[link\\](http://e.vil)",
    ]


# exports ------------------------------------------------------------------------


def test_export_names_are_stable_and_say_the_format(tool) -> None:
    comparison = build_comparison(tool, [session(tool, "Alfa", 5), session(tool, "Beta", 1)], DUTCH)
    names = [export_name(comparison, fmt) for fmt in COMPARE_FORMATS]
    assert [name.rsplit(".", 1)[1] for name in names] == ["txt", "md", "html", "json", "xlsx"]
    assert len({name.rsplit(".", 1)[0] for name in names}) == 1
    assert names[1] == "vergelijking-alfa-beta-2024-03-01.md"  # what it holds and when, never a hash
    with pytest.raises(ValueError, match="unknown format 'csv'"):
        compare_export(comparison, "csv")
