"""Exports of one session: golden files for md, csv, json and html, plus round trips and safety.

The golden files live in tests/golden/. Run with UPDATE_GOLDEN=1 to (re)write them after
a deliberate change, then review the diff before keeping it.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from datetime import datetime

import pytest

from tests.helpers.answers import ALTERNATING_ABSENT, ALTERNATING_OBSTACLES, ALTERNATING_STRENGTHS
from tests.helpers.golden import ANSWERED_AT, CREATED, FIRST_NOTE, UPDATED, check_golden, golden_session
from tui.content import load_tool
from tui.content.i18n import strings_for
from tui.render.export import FORMATS, TEXT_SECTIONS, export, to_text
from tui.session import Answer, Session
from tui.views.report import build_report

DUTCH = strings_for("nl")
FIRST_STRENGTH = "We zijn bevlogen over het inhoudelijke doel van de samenwerking."
"""helpt.bevlogenheid, answered 5: the first of the strongest points (value 5) in walk order."""


@pytest.fixture(autouse=True)
def _utc(utc: None) -> None:
    """Every test here shows dates: in UTC (conftest's `utc`)."""


@pytest.fixture
def tool():
    return load_tool()


def render(tool, session: Session, fmt: str) -> str:
    """The session exported in `fmt`, in Dutch."""
    return export(build_report(tool, session, DUTCH), fmt)


# golden files ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "csv", "json", "html"])
def test_export_matches_golden_every_time(tool, fmt: str) -> None:
    """Two renderings of two fresh sessions in one process: both equal the stored file (deterministic)."""
    assert fmt in FORMATS
    for _ in range(2):
        check_golden(f"regio-golden.{fmt}", render(tool, golden_session(tool), fmt))


def test_dates_follow_the_local_zone(tool) -> None:
    text = render(tool, golden_session(tool), "md")
    assert "15-03-2024" in text
    assert "16-03-2024" not in text


def test_unknown_format_is_refused(tool) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render(tool, golden_session(tool), "pdf")


# content of the formats -------------------------------------------------------


def test_json_keys_and_signals(tool) -> None:
    data = json.loads(render(tool, golden_session(tool), "json"))
    assert {"session", "parts", "strengths", "obstacles", "next_steps"} <= set(data)
    assert data["strengths"] and data["obstacles"]
    for signal in data["strengths"] + data["obstacles"]:
        assert {"id", "title", "score"} <= set(signal)
        assert signal["title"] == tool.item(signal["id"]).text
        assert signal["score"] in (1, 5)
    assert len(data["parts"]) == len(tool.scale_parts)


def test_first_strength_title_in_md_html_and_text(tool) -> None:
    session = golden_session(tool)
    report = build_report(tool, session, DUTCH)
    assert report.strengths[0].title == FIRST_STRENGTH
    assert FIRST_STRENGTH in render(tool, session, "md")
    assert html.escape(FIRST_STRENGTH) in render(tool, session, "html")
    text = to_text(report, width=80)
    assert FIRST_STRENGTH in " ".join(text.split())
    assert "Sterke punten" in text
    assert "Knelpunten" in text


def test_csv_round_trip(tool) -> None:
    session = golden_session(tool)
    text = render(tool, session, "csv-rfc")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == len(tool.items) + 1
    records = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["id"] for r in records] == [item.id for item in tool.items]
    for record in records:
        answer = session.answers[record["id"]]
        assert record["score"] == str(answer.score)
        assert record["note"] == answer.remark
        assert record["not_applicable"] == "false"
        assert datetime.fromisoformat(record["answered_at"]) == ANSWERED_AT
        assert record["part"] == tool.part_of(record["id"]).id
    assert records[0]["note"] == FIRST_NOTE


def test_csv_lists_unanswered_and_not_applicable_items(tool) -> None:
    ids = [item.id for item in tool.items]
    session = golden_session(tool)
    answers = dict(session.answers)
    del answers[ids[1]]
    answers[ids[2]] = Answer(not_applicable=True, at=ANSWERED_AT)
    session.answers = answers
    records = list(csv.DictReader(io.StringIO(render(tool, session, "csv-rfc"), newline="")))
    assert len(records) == len(tool.items)
    assert (records[1]["score"], records[1]["not_applicable"], records[1]["answered_at"]) == ("", "false", "")
    assert (records[2]["score"], records[2]["not_applicable"]) == ("", "true")


def test_json_round_trip(tool) -> None:
    session = golden_session(tool)
    data = json.loads(render(tool, session, "json"))
    assert data["session"]["id"] == session.id
    assert data["session"]["title"] == session.title
    assert datetime.fromisoformat(data["session"]["created"]) == CREATED
    assert datetime.fromisoformat(data["session"]["updated"]) == UPDATED
    assert data["session"]["context"] == {
        "themes": ["Krimp/leerlingendaling", "Lerarentekort"],
        "forms": ["RPO"],
        "partners": "Stichting Noord & Scholengroep Zuid",
        "role": "bestuurder",
        "stage": "lopend",
    }
    assert data["session"]["notes"] == "Algemene notitie over de samenwerking."
    assert data["next_steps"] == [
        {
            "id": "step0001",
            "text": "Agenda opstellen voor het regio-overleg",
            "who": "Anna",
            "when": "1 april",
            "due": "2024-04-01",
            "done": False,
            "suggestion": "",
            "overdue": True,
        },
        {
            "id": "step0002",
            "text": "Verkenning gedeelde visie",
            "who": "",
            "when": "",
            "due": None,
            "done": True,
            "suggestion": "g",
            "overdue": False,
        },
    ]
    assert [i["id"] for i in data["items"]] == [item.id for item in tool.items]
    for entry in data["items"]:
        answer = session.answers[entry["id"]]
        assert entry["score"] == answer.score
        assert entry["note"] == answer.remark
        assert entry["not_applicable"] is False
    assert data["items"][0]["note"] == FIRST_NOTE
    assert [s["id"] for s in data["strengths"]] == ALTERNATING_STRENGTHS
    assert [s["id"] for s in data["obstacles"]] == ALTERNATING_OBSTACLES
    assert data["unanswered"] == []


def test_html_is_self_contained(tool) -> None:
    text = render(tool, golden_session(tool), "html")
    assert text.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(?i)\b(src|href)\s*=\s*["']?\s*(https?:)?//""", text)
    assert "<script" not in text.lower()
    assert "<link" not in text.lower()
    assert "@import" not in text


def test_html_escapes_user_text(tool) -> None:
    session = golden_session(tool)
    first = tool.items[0].id
    answers = dict(session.answers)
    answers[first] = answers[first].model_copy(update={"remark": "<script>alert('x')</script>"})
    session.answers = answers
    session.title = "Regio <b>vet</b> & co"
    text = render(tool, session, "html")
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    assert "<b>vet</b>" not in text
    assert "Regio &lt;b&gt;vet&lt;/b&gt; &amp; co" in text


def test_markdown_keeps_user_text_literal(tool) -> None:
    text = render(tool, golden_session(tool), "md")
    assert "\\[haken\\]" in text
    assert "\\*sterren\\*" in text
    assert "🙂" in text
    assert "\\<b\\>vet\\</b\\>" in text


def test_text_color_only_when_asked(tool) -> None:
    report = build_report(tool, golden_session(tool), DUTCH)
    assert "\x1b" not in to_text(report, color=False)
    assert "\x1b" in to_text(report, color=True)


def test_text_shows_escape_in_a_note_as_a_symbol(tool) -> None:
    session = golden_session(tool)
    strength = build_report(tool, session, DUTCH).strengths[0].id
    answers = dict(session.answers)
    answers[strength] = answers[strength].model_copy(update={"remark": "kleur \x1b[31mrood\x1b[0m weg"})
    session.answers = answers
    report = build_report(tool, session, DUTCH)
    text = to_text(report, color=False)
    assert "\x1b" not in text
    assert "␛[31mrood␛[0m" in text


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_text_fits_the_width(tool, width: int) -> None:
    text = to_text(build_report(tool, golden_session(tool), DUTCH), width=width)
    too_long = [line for line in text.splitlines() if len(line) > width]
    assert too_long == []


def test_text_renders_the_sections_asked_for_in_their_order(tool) -> None:
    report = build_report(tool, golden_session(tool), DUTCH)
    assert to_text(report, sections=("unanswered", "steps")) == (
        "Vervolgstappen\n"
        "  Wat                                                  Wie   Wanneer       Klaar\n"
        "  Agenda opstellen voor het regio-overleg              Anna  1 april 2024  [ ]\n"
        "                                                             ⚠ te laat\n"
        "  Verkenning gedeelde visie (naar bijlage 1 g)                             [x]\n"
        "\n"
        "Nog niet beantwoord: 0 items\n"
    )
    assert to_text(report, sections=("head", "notes")) == (
        "Regio Golden\nReflectie, laatst bijgewerkt 15-03-2024\n\nAantekeningen\n  Algemene notitie over de samenwerking.\n"
    )
    assert TEXT_SECTIONS == (
        "head", "context", "parts", "strengths", "absent", "obstacles", "help", "other_remarks", "notes", "steps",
        "unanswered", "not_applicable",
    )  # fmt: skip
    for text in (to_text(report), to_text(report, sections=TEXT_SECTIONS)):
        assert text.startswith(
            "Regio Golden\nReflectie, laatst bijgewerkt 15-03-2024\n\n"
            "  Partners: Stichting Noord & Scholengroep Zuid\n  Rol: bestuurder\n  Fase: Lopend\n"
            "  Thema’s: Krimp/leerlingendaling, Lerarentekort\n  Vormen: RPO\n\nPer deel\n"
        )
        assert text.endswith(
            "Aantekeningen\n  Algemene notitie over de samenwerking.\n\n"
            "Vervolgstappen\n"
            "  Wat                                                  Wie   Wanneer       Klaar\n"
            "  Agenda opstellen voor het regio-overleg              Anna  1 april 2024  [ ]\n"
            "                                                             ⚠ te laat\n"
            "  Verkenning gedeelde visie (naar bijlage 1 g)                             [x]\n"
            "\n"
            "Nog niet beantwoord: 0 items\n"
        )
        lines = text.splitlines()
        headings = [
            "Per deel", "Sterke punten", "Belemmeringen die hier niet spelen", "Knelpunten", "Wat kan helpen",
            "Aantekeningen", "Vervolgstappen",
        ]  # fmt: skip
        assert [line for line in lines if line in headings] == headings
    with pytest.raises(ValueError, match="unknown sections"):
        to_text(report, sections=("body",))


def test_text_leaves_out_what_is_empty_and_lists_ten_unanswered(tool) -> None:
    session = golden_session(tool)
    session.remarks = ""
    session.answers = {}
    report = build_report(tool, session, DUTCH)
    text = to_text(report, width=200, sections=("notes", "other_remarks", "unanswered"))
    lines = text.splitlines()
    assert lines[0] == f"Nog niet beantwoord: {len(tool.items)} items"
    assert lines[1:11] == [f"  · {item.text}" for item in tool.items[:10]]
    assert lines[11:] == ["  …"]
    assert "  · te weinig" not in to_text(report)
    assert [line for line in to_text(report, width=200).splitlines() if line.endswith(" te weinig   0/5")]


# the overview's design in every format -------------------------------------------


def test_html_has_no_double_bullets_and_says_sign_and_word(tool) -> None:
    text = render(tool, golden_session(tool), "html")
    assert "::before" not in text  # the sign is text, not a bullet drawn in front of another
    assert "ul.signals{list-style:none" in text
    assert (
        "<li><span class='mark strong'>+ Volledig</span> — "
        "<b>We zijn bevlogen over het inhoudelijke doel van de samenwerking.</b>"
    ) in text
    assert (
        "<span class='mark weak'>− Helemaal niet</span> — <b>We ervaren dat samenwerken nu echt nodig is.</b>" in text
    )
    assert (
        "<span class='mark weak'>− Speelt sterk</span> — "
        "<b>Er is te weinig geld en vooral te weinig tijd voor de samenwerking.</b>"
    ) in text
    assert (
        "<span class='mark '>○ Speelt niet</span> — <b>Onze administratiesystemen sluiten niet goed op elkaar aan.</b>"
    ) in text
    assert "antwoord 5" not in text and "(Wat hindert" not in text  # no bracket after the statement


def test_html_steps_are_a_register_with_real_checkboxes(tool) -> None:
    text = render(tool, golden_session(tool), "html")
    assert "<table class='steps'><tr><th>Wat</th><th>Wie</th><th>Wanneer</th><th>Klaar</th></tr>" in text
    assert (
        "<tr><td>Agenda opstellen voor het regio-overleg</td><td>Anna</td>"
        "<td>1 april 2024 <span class='weak mark'>⚠ te laat</span></td>"
        '<td><label><input type="checkbox" disabled> nee</label></td></tr>'
    ) in text
    assert (
        "<tr><td>Verkenning gedeelde visie (naar bijlage 1 g)</td><td></td><td></td>"
        '<td><label><input type="checkbox" disabled checked> ja</label></td></tr>'
    ) in text
    assert "[x]" not in text and "[ ]" not in text


def test_html_table_has_a_header_over_every_column(tool) -> None:
    text = render(tool, golden_session(tool), "html")
    assert (
        "<table><tr><th>Deel</th><th>knelpunt ← → sterk</th><th class='num'>Gemiddelde</th><th>Op basis van</th></tr>"
    ) in text
    assert "<th></th>" not in text
    assert (
        "<tr><td>Wat helpt</td><td class='bar middle'>█████░░░░░</td>"
        "<td class='num'>3,0</td><td>12 van 12 beantwoord</td></tr>"
    ) in text


def test_html_prints_on_a4(tool) -> None:
    text = render(tool, golden_session(tool), "html")
    assert "@page{size:A4;" in text
    assert "@media print{" in text
    assert "break-inside:avoid" in text


def test_markdown_signs_are_not_nested_lists(tool) -> None:
    text = render(tool, golden_session(tool), "md")
    assert "- \\+ Volledig — **We zijn bevlogen over het inhoudelijke doel van de samenwerking.**" in text
    assert "- − Helemaal niet — **We ervaren dat samenwerken nu echt nodig is.**" in text
    assert "- − Speelt sterk — **Er is te weinig geld en vooral te weinig tijd voor de samenwerking.**" in text
    assert "- ○ Speelt niet — **Onze administratiesystemen sluiten niet goed op elkaar aan.**" in text
    assert "| Agenda opstellen voor het regio-overleg | Anna | 1 april 2024 ⚠ te laat | nee |" in text
    assert "| Verkenning gedeelde visie (naar bijlage 1 g) |  |  | ja |" in text


def test_a_hindrance_that_plays_no_role_is_no_strength_anywhere(tool) -> None:
    session = golden_session(tool)
    absent = "Onze administratiesystemen sluiten niet goed op elkaar aan."
    text = to_text(build_report(tool, session, DUTCH), width=200)
    strengths = text.split("Sterke punten\n")[1].split("\n\n")[0]
    assert absent not in strengths
    assert f"  ○ Speelt niet — {absent}" in text.splitlines()
    data = json.loads(render(tool, session, "json"))
    assert "hindert.administratiesystemen" not in [s["id"] for s in data["strengths"]]
    assert [s["id"] for s in data["absent"]] == ALTERNATING_ABSENT
    md = render(tool, session, "md")
    assert md.index("## Belemmeringen die hier niet spelen") < md.index(absent) < md.index("## Knelpunten")


def test_each_absent_hindrance_says_its_own_word(tool) -> None:
    """Answer 1 is 'Speelt niet', answer 2 'Speelt nauwelijks': the list says which."""
    session = golden_session(tool)
    session.answers["hindert.vervoer"] = Answer(score=2, at=ANSWERED_AT)
    report = build_report(tool, session, DUTCH)
    lines = to_text(report, width=200).splitlines()
    assert "  ○ Speelt nauwelijks — " + tool.item("hindert.vervoer").text in lines
    assert "  ○ Speelt niet — " + tool.item("hindert.wet-en-regelgeving").text in lines
    assert "- ○ Speelt nauwelijks — **" in render(tool, session, "md")
    english = to_text(build_report(tool, session, strings_for("en")), width=200).splitlines()
    assert "  ○ Hardly plays a role — " + (tool.item("hindert.vervoer").text_en or "") in english
    assert "Obstacles that do not play a role here" in english


def test_suggestions_are_listed_once_with_their_count(tool) -> None:
    text = to_text(build_report(tool, golden_session(tool), DUTCH), width=100)
    lines = text.splitlines()
    assert "  naar bijlage 1 d — past bij 12 knelpunten" in lines
    assert "  naar bijlage 1 i — past bij 1 knelpunt" in lines
    assert "helpt bij" not in text
    assert text.count("Voer het gesprek over je bredere verantwoordelijkheid") == 1
    assert "    kan helpen: naar bijlage 1 c, g, h" in lines
    assert "Probeer (" not in text
    md = render(tool, golden_session(tool), "md")
    assert md.count("Voer het gesprek over je bredere verantwoordelijkheid") == 1
    assert "- **naar bijlage 1 d — past bij 12 knelpunten**" in md


def test_text_without_colour_keeps_signs_and_words(tool) -> None:
    lines = to_text(build_report(tool, golden_session(tool), DUTCH), width=120, color=False).splitlines()
    assert "  + Volledig — We zijn bevlogen over het inhoudelijke doel van de samenwerking." in lines
    assert any(line.startswith("  − Geldt volledig — We ervaren (nog) geen noodzaak") for line in lines)
    assert "  − Helemaal niet — We ervaren dat samenwerken nu echt nodig is." in lines
    assert "  Wat helpt                        ██████░░░░░░ 3,0  12/12" in lines
    assert "  Eigen belang en regionaal belang ████░░░░░░░░ 2,3    6/6" in lines


def test_text_colours_bars_and_signs(tool) -> None:
    session = golden_session(tool)
    text = to_text(build_report(tool, session, DUTCH), width=120, color=True)
    assert "\x1b[32m+ Volledig\x1b[0m — We zijn bevlogen" in text
    assert "\x1b[31m− Geldt volledig\x1b[0m — We ervaren" in text
    assert "  Eigen belang en regionaal belang ████░░░░░░░░ 2,3" in text  # mean 2.3: in the middle, no colour
    for item in tool.scale_parts[1].items:  # every 'wat helpt' fully: a strength
        session.answers[item.id] = Answer(score=5, at=ANSWERED_AT)
    for item in tool.scale_parts[0].items:  # every 'waarom (nog) niet' fully: an obstacle
        session.answers[item.id] = Answer(score=5, at=ANSWERED_AT)
    text = to_text(build_report(tool, session, DUTCH), width=120, color=True)
    assert "\x1b[32m████████████\x1b[0m 5,0" in text
    assert "\x1b[31m░░░░░░░░░░░░\x1b[0m 1,0" in text


@pytest.mark.parametrize("width", [40, 60, 80])
def test_wrapped_lines_keep_their_indent(tool, width: int) -> None:
    """A strength, obstacle or absent hindrance begins with its sign; every line after it hangs under its text."""
    text = to_text(build_report(tool, golden_session(tool), DUTCH), width=width)
    marks = ("  + ", "  − ", "  ○ ")
    checked = 0
    for block in text.split("\n\n"):
        lines = block.splitlines()
        if lines[0] not in ("Sterke punten", "Knelpunten", "Belemmeringen die hier niet spelen"):
            continue
        first = next(n for n, line in enumerate(lines) if line.startswith(marks))
        for line in lines[first:]:
            assert line.startswith((*marks, "    ")), line
            checked += 1
    assert checked > 60


def test_the_mean_is_rounded_once_in_every_format(tool) -> None:
    """41/13 = 3.1538…: shown as 3.2, never 3.1 (which rounding to 3.15 first would give)."""
    session = golden_session(tool)
    vaardigheid = [item.id for item in tool.scale_parts[-1].items]
    answers = {k: v for k, v in session.answers.items() if k not in vaardigheid}
    for item_id, score in zip(vaardigheid, [4, 4] + [3] * 11, strict=False):
        answers[item_id] = Answer(score=score, at=ANSWERED_AT)
    session.answers = answers
    assert "| Samenwerken als vaardigheid | `█████░░░░░` | 3,2 | 13 van 14 beantwoord |" in render(tool, session, "md")
    assert "<td class='num'>3,2</td><td>13 van 14 beantwoord</td>" in render(tool, session, "html")
    assert json.loads(render(tool, session, "json"))["parts"][-1]["score"] == 41 / 13


def test_a_follow_up_shows_what_moved_in_md_html_and_json(tool) -> None:
    earlier = golden_session(tool)
    earlier.id, earlier.title = "regio-golden-vorig", "Regio Golden 2023"
    earlier.answers = {item.id: Answer(score=3, at=ANSWERED_AT) for item in tool.items}
    earlier.answers["helpt.bevlogenheid"] = Answer(score=2, at=ANSWERED_AT)
    session = golden_session(tool)
    session.follows = earlier.id
    report = build_report(tool, session, DUTCH, earlier)
    md = export(report, "md")
    assert "Vergeleken met je vorige reflectie ‘Regio Golden 2023’ van 15-03-2024." in md
    assert "| Deel | knelpunt ← → sterk | Gemiddelde | Op basis van | Sinds vorige keer |" in md
    assert "| Waarom (nog) niet? | `████░░░░░░` | 2,6 | 5 van 5 beantwoord | ▼ 3,0 → 2,6 |" in md
    assert "| Eigen belang en regionaal belang | `███░░░░░░░` | 2,3 | 6 van 6 beantwoord | ▼ 3,0 → 2,3 |" in md
    assert "| Wat helpt | `█████░░░░░` | 3,0 | 12 van 12 beantwoord | ▲ 2,9 → 3,0 |" in md
    assert "  - ▲ beter dan vorige keer (antwoord 2)" in md
    html_text = export(report, "html")
    assert "<th>Sinds vorige keer</th>" in html_text
    assert "<td>▼ 3,0 → 2,3</td>" in html_text
    data = json.loads(export(report, "json"))
    assert [p["earlier_score"] for p in data["parts"]] == [3.0, 35 / 12, 3.0, 3.0, 3.0]
    assert data["strengths"][0]["change"] == "up"
    text = to_text(report, width=80)
    assert "  Waarom (nog) niet?               ████░░░░░░ 2,6    5/5  ▼ 3,0 → 2,6" in text.splitlines()
