"""The overview is described once (tui/render/overview.py) and every format renders that description.

A new section is one entry in `SECTIONS`: these tests add a made-up one and find it in
every format, in its place, without touching a renderer. The goldens (test_export.py)
prove the description renders today's overview byte for byte.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import UTC, date, datetime

import openpyxl
import pytest

from tui.content import load_tool
from tui.content.i18n import strings_for
from tui.render import overview, overview_html, overview_json, overview_markdown, overview_text
from tui.render.export import FORMATS, TEXT_SECTIONS, export, to_text
from tui.render.office import to_xlsx
from tui.session import Answer, NextStep, Session
from tui.views.report import ItemRow, build_report

DUTCH = strings_for("nl")
FAKE_HEADING = "Verzonnen sectie"
FAKE_ROW = "Een verzonnen regel"


@pytest.fixture(scope="module")
def tool():
    return load_tool()


def session(tool) -> Session:
    moment = datetime(2024, 3, 10, 14, 0, tzinfo=UTC)
    answers = {item.id: Answer(score=5 if n % 2 else 1, at=moment) for n, item in enumerate(tool.items)}
    return Session(
        id="secties-000000",
        title="Secties",
        language="nl",
        created=moment,
        updated=moment,
        answers=answers,
        remarks="Een notitie.",
        next_steps=[NextStep(text="Een stap", who="Anna", due=date(2030, 1, 1))],
    )


def report(tool):
    return build_report(tool, session(tool), DUTCH, today=date(2024, 6, 1))


def with_section(monkeypatch: pytest.MonkeyPatch, section: overview.Section, before: str | None = None) -> None:
    """`section` added to the description before the section `before` (None: last): the one change it takes."""
    ids = [s.id for s in overview.SECTIONS]
    sections = list(overview.SECTIONS)
    sections.insert(len(ids) if before is None else ids.index(before), section)
    monkeypatch.setattr(overview, "SECTIONS", tuple(sections))


FAKE = overview.Section(
    "made_up", "items", lambda r: [("x.1", "Deel X", FAKE_ROW)], "report.not_applicable", title=lambda r: FAKE_HEADING
)
"""A section like the n.v.t. list, with a heading and a row of its own."""


def test_a_new_section_is_one_entry_and_every_document_shows_it_in_its_place(tool, monkeypatch) -> None:
    with_section(monkeypatch, FAKE, before="steps")
    rep = report(tool)
    md, page, text = export(rep, "md"), export(rep, "html"), to_text(rep)
    assert f"## {FAKE_HEADING}\n\n- {FAKE_ROW} (Deel X)\n" in md
    assert md.index("## Aantekeningen") < md.index(FAKE_HEADING) < md.index("## Vervolgstappen")
    assert f"<h2>{FAKE_HEADING}</h2><ul>\n<li>{FAKE_ROW} (Deel X)</li>\n</ul>" in page
    assert page.index("<h2>Aantekeningen") < page.index(FAKE_HEADING) < page.index("<h2>Vervolgstappen")
    assert f"\n\n{FAKE_HEADING}\n  · {FAKE_ROW} (Deel X)\n\nVervolgstappen\n" in text
    assert to_text(rep, sections=("made_up",)) == f"{FAKE_HEADING}\n  · {FAKE_ROW} (Deel X)\n"
    data = json.loads(export(rep, "json"))
    assert data["made_up"] == [{"id": "x.1", "part": "Deel X", "title": FAKE_ROW}]
    assert list(data)[-1] == "made_up"  # after the keys the JSON has always had, which keep their order
    # The section's rows are the rows of the CSV's items only when they are answers (below).
    assert FAKE_ROW not in export(rep, "csv")


def test_an_empty_section_is_left_out_unless_it_is_always_shown(tool, monkeypatch) -> None:
    empty = dataclasses.replace(FAKE, rows=lambda r: [])
    with_section(monkeypatch, empty, before="steps")
    rep = report(tool)
    assert FAKE_HEADING not in export(rep, "md") + export(rep, "html") + to_text(rep)
    assert json.loads(export(rep, "json"))["made_up"] == []
    monkeypatch.setattr(overview, "SECTIONS", tuple(dataclasses.replace(s, always=True) if s.id == "made_up" else s
                                                    for s in overview.SECTIONS))  # fmt: skip
    rep = report(tool)
    assert f"## {FAKE_HEADING}\n\nGeen.\n" in export(rep, "md")
    assert f"<h2>{FAKE_HEADING}</h2>\n<p>Geen.</p>" in export(rep, "html")
    assert f"{FAKE_HEADING}\n  Geen.\n" in to_text(rep)


def test_a_new_table_of_answers_reaches_csv_json_and_the_workbook(tool, monkeypatch) -> None:
    row = ItemRow("x.9", "x", FAKE_ROW, 4, False, "eigen woorden", datetime(2024, 3, 10, 14, 0, tzinfo=UTC))
    more = overview.Section("more_answers", "answers", lambda r: [row], document=False)
    with_section(monkeypatch, more)
    rep = report(tool)
    people = list(csv.reader(io.StringIO(export(rep, "csv").removeprefix("\ufeff")), delimiter=";"))
    assert people[-1][:6] == ["x.9", "x", FAKE_ROW, "4", DUTCH("column.no"), "eigen woorden"]
    assert people[-1][6].startswith("10-03-2024 ")  # in the local time zone
    scripts = list(csv.reader(io.StringIO(export(rep, "csv-rfc"))))
    assert scripts[-1][:6] == ["x.9", "x", FAKE_ROW, "4", "false", "eigen woorden"]
    data = json.loads(export(rep, "json"))
    assert data["more_answers"] == [
        {"id": "x.9", "part": "x", "title": FAKE_ROW, "score": 4, "not_applicable": False, "note": "eigen woorden"}
    ]
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(rep)))["Antwoorden"]
    assert [c.value for c in list(sheet.rows)[-1]][:4] == ["x.9", "x", FAKE_ROW, 4]
    assert FAKE_ROW not in export(rep, "md") + export(rep, "html") + to_text(rep)


def test_every_kind_of_section_has_a_renderer_in_every_format(tool) -> None:
    for section in overview.SECTIONS:
        if section.document:
            for blocks in (overview_markdown.BLOCKS, overview_html.BLOCKS, overview_text.BLOCKS):
                assert section.kind in blocks, (section.id, blocks)
        if section.json_key != "":
            assert section.kind in overview_json.ROWS, section.id
    for key in ("heading", "hint", "screen_hint", "mark"):
        for section in overview.SECTIONS:
            if getattr(section, key):
                assert DUTCH.has(getattr(section, key)), (section.id, key)  # a key of content/strings.toml
    assert overview.section_ids() == TEXT_SECTIONS
    rep = report(tool)
    assert [s.id for s in overview.describe(rep, documents_only=True)] == list(TEXT_SECTIONS)
    for fmt in FORMATS:
        assert export(rep, fmt)


def test_an_unknown_section_is_refused_by_name(tool) -> None:
    with pytest.raises(ValueError, match="unknown sections \\['nope'\\]; choose from head, context, parts"):
        to_text(report(tool), sections=("steps", "nope"))
