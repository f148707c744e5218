"""Exports of one session: golden files for md, csv, json and html, plus round trips and safety.

The golden files live in tests/golden/. Run with UPDATE_GOLDEN=1 to (re)write them after
a deliberate change, then review the diff before keeping it.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.test_scoring import ALTERNATING_OBSTACLES, ALTERNATING_STRENGTHS
from tui.content import load_tool
from tui.export import FORMATS, TEXT_SECTIONS, export, to_text
from tui.i18n import strings_for
from tui.report import build_report
from tui.session import Answer, Context, NextStep, Session

GOLDEN = Path(__file__).resolve().parent / "golden"
CREATED = datetime(2024, 3, 1, 9, 15, tzinfo=UTC)
UPDATED = datetime(2024, 3, 15, 23, 30, tzinfo=UTC)  # a day later in CET: the TZ matters
ANSWERED_AT = datetime(2024, 3, 10, 14, 0, tzinfo=UTC)
FIRST_NOTE = 'Eerste regel\ntweede "regel" met [haken] en *sterren*\n🙂 en `code` | pipe <b>vet</b>'


DUTCH = strings_for("nl")
FIRST_STRENGTH = "We zijn bevlogen over het inhoudelijke doel van de samenwerking."
"""helpt.bevlogenheid, answered 5: the first of the strongest points (value 5) in walk order."""


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch):
    """Dates are rendered with astimezone(): pin the zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def tool():
    return load_tool()


def golden_session(tool) -> Session:
    """The same session on every run: fixed id, dates, answers, note, context and steps."""
    answers = {item.id: Answer(score=5 if n % 2 == 0 else 1, at=ANSWERED_AT) for n, item in enumerate(tool.items)}
    first = tool.items[0].id
    answers[first] = answers[first].model_copy(update={"remark": FIRST_NOTE})
    return Session(
        id="regio-golden-000000",
        title="Regio Golden",
        language="nl",
        created=CREATED,
        updated=UPDATED,
        context=Context(
            partners="Stichting Noord & Scholengroep Zuid",
            role="bestuurder",
            stage="lopend",
            themes=[tool.context.themes[0], tool.context.themes[4]],
            forms=[tool.context.forms[5]],
        ),
        answers=answers,
        notes="Algemene notitie over de samenwerking.",
        next_steps=[
            NextStep(id="step0001", text="Agenda opstellen voor het regio-overleg", who="Anna", when="1 april"),
            NextStep(id="step0002", text="Verkenning gedeelde visie", who="", when="", done=True, suggestion="g"),
        ],
    )


def render(tool, session: Session, fmt: str) -> str:
    """The session exported in `fmt`, in Dutch."""
    return export(build_report(tool, session, DUTCH), fmt)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return
    if not path.exists():
        pytest.fail(f"missing golden file {path}; run once with UPDATE_GOLDEN=1 and review it")
    expected = path.read_bytes().decode("utf-8")
    assert text == expected, f"{name} differs from the golden file (UPDATE_GOLDEN=1 rewrites it after review)"


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
    text = render(tool, session, "csv")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == len(tool.items) + 1 == 49
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
    records = list(csv.DictReader(io.StringIO(render(tool, session, "csv"), newline="")))
    assert len(records) == 48
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
            "done": False,
            "suggestion": "",
        },
        {"id": "step0002", "text": "Verkenning gedeelde visie", "who": "", "when": "", "done": True, "suggestion": "g"},
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
        "  [ ] Agenda opstellen voor het regio-overleg (Anna — 1 april)\n"
        "  [x] Verkenning gedeelde visie (naar bijlage 1 g)\n"
        "\n"
        "Nog niet beantwoord: 0 item(s)\n"
    )
    assert to_text(report, sections=("head", "notes")) == (
        "Regio Golden\nReflectie, laatst bijgewerkt 15-03-2024\n\nAantekeningen\n  Algemene notitie over de samenwerking.\n"
    )
    assert TEXT_SECTIONS == (
        "head", "context", "parts", "strengths", "obstacles", "other_remarks", "notes", "steps", "unanswered",
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
            "  [ ] Agenda opstellen voor het regio-overleg (Anna — 1 april)\n"
            "  [x] Verkenning gedeelde visie (naar bijlage 1 g)\n"
            "\n"
            "Nog niet beantwoord: 0 item(s)\n"
        )
        lines = text.splitlines()
        headings = ["Per deel", "Sterke punten", "Knelpunten", "Aantekeningen", "Vervolgstappen"]
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
    assert lines[0] == "Nog niet beantwoord: 48 item(s)"
    assert lines[1:11] == [f"  · {item.text}" for item in tool.items[:10]]
    assert lines[11:] == ["  …"]
    assert "  · te weinig" not in to_text(report)
    assert [line for line in to_text(report, width=200).splitlines() if line.endswith(" te weinig  0/5")]
