"""One part score everywhere: the screen, the printout, every export, the comparison and the follow-up agree.

A board member who brings the overview and the spreadsheet to one meeting must read the same
figure in both. The session below makes the part 'Samenwerken als vaardigheid' score
41/13 = 3.1538…: its median (3) and a rounding done twice (3.15 → 3.1) would both show
something else than the one right figure, 3,2 in Dutch.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from textual.widgets import Static

from tests.helpers.session import until
from tui.app.start import Overview
from tui.content import load_tool
from tui.content.i18n import strings_for
from tui.render.export import export
from tui.render.office import export_bytes
from tui.session import Answer, SessionStore, StoredSession
from tui.views.report import build_report

PART = "vaardigheid"
TITLE = "Samenwerken als vaardigheid"
DUTCH, ENGLISH = "3,2", "3.2"
EARLIER, EARLIER_DUTCH = 35 / 13, "2,7"


def vaardigheid_ids() -> list[str]:
    return [item.id for part in load_tool().scale_parts if part.id == PART for item in part.items]


def answered(store: SessionStore, title: str, scores: list[int], follows=None) -> StoredSession:
    """Every other part answered 3; vaardigheid answered `scores`, the rest of it n.v.t."""
    stored = store.create(title, follows=follows)
    answers = {item.id: Answer(score=3) for item in load_tool().items}
    ids = vaardigheid_ids()
    for n, item_id in enumerate(ids):
        answers[item_id] = Answer(score=scores[n]) if n < len(scores) else Answer(not_applicable=True)
    stored.session.answers = answers
    store.save(stored)
    return stored


@pytest.fixture
def sessions(tmp_path: Path) -> tuple[SessionStore, StoredSession, StoredSession]:
    store = SessionStore(tmp_path / "sessions")
    earlier = answered(store, "Regio 2024", [2, 2, 2, 2] + [3] * 9)  # 35/13 = 2.69…
    now = answered(store, "Regio 2025", [4, 4] + [3] * 11, follows=earlier.session)  # 41/13 = 3.15…
    return store, earlier, now


def test_the_session_scores_what_this_test_expects(sessions) -> None:
    _, earlier, now = sessions
    rows = {p.id: p for p in build_report(load_tool(), now.session, strings_for("nl"), earlier.session).parts}
    assert rows[PART].mean == 41 / 13
    assert rows[PART].earlier_mean == EARLIER
    assert (rows[PART].score_text, rows[PART].basis) == (DUTCH, "13 van 14 beantwoord, 1 n.v.t.")


def test_every_export_shows_the_same_figure(sessions) -> None:
    _, earlier, now = sessions
    tool = load_tool()
    report = build_report(tool, now.session, strings_for("nl"), earlier.session)
    md = export(report, "md")
    assert f"| {TITLE} | `█████░░░░░` | {DUTCH} | 13 van 14 beantwoord, 1 n.v.t. | ▲ {EARLIER_DUTCH} → {DUTCH} |" in md
    html = export(report, "html")
    assert f"<td class='num'>{DUTCH}</td><td>13 van 14 beantwoord, 1 n.v.t.</td>" in html
    assert f"▲ {EARLIER_DUTCH} → {DUTCH}" in html
    dutch_csv = list(csv.reader(io.StringIO(export(report, "csv").removeprefix("\ufeff")), delimiter=";"))
    assert {row[-1] for row in dutch_csv[1:] if row[0].startswith(f"{PART}.")} == {DUTCH}
    plain_csv = list(csv.DictReader(io.StringIO(export(report, "csv-rfc"))))
    assert {row["part_score"] for row in plain_csv if row["part"] == PART} == {ENGLISH}
    data = json.loads(export(report, "json"))
    part = next(p for p in data["parts"] if p["id"] == PART)
    assert (part["score"], part["score_text"], part["earlier_score"]) == (41 / 13, DUTCH, EARLIER)
    sheet = openpyxl.load_workbook(io.BytesIO(export_bytes(report, "xlsx"))).worksheets[0]
    row = next(r for r in sheet.iter_rows() if r[0].value == TITLE)
    assert row[1].value == pytest.approx(41 / 13)  # Excel keeps 15 digits; it shows one, as "0.0" asks
    assert (row[1].number_format, row[2].value, row[3].value, row[4].value) == ("0.0", 13, 1, 14)


def test_the_printout_and_the_comparison_on_the_command_line_agree(sessions, run) -> None:
    store, earlier, now = sessions
    folder = str(store.root)
    printed = run("--sessions-dir", folder, "overview", now.session.id, "--print")
    assert printed.code == 0
    line = next(line for line in printed.out.splitlines() if line.strip().startswith(TITLE))
    assert f" {DUTCH}  13/14, 1 n.v.t.  ▲ {EARLIER_DUTCH} → {DUTCH}" in line
    compared = run("--sessions-dir", folder, "compare", earlier.session.id, now.session.id)
    assert compared.code == 0
    line = next(line for line in compared.out.splitlines() if line.strip().startswith(TITLE[:12]))
    assert line.split()[-4:] == [EARLIER_DUTCH, DUTCH, "▲", "+0,5"]
    english = run(
        "--sessions-dir", folder, "--lang", "en", "compare", earlier.session.id, now.session.id, "--format", "md"
    )
    english_title = next(p for p in load_tool().scale_parts if p.id == PART).loc("title", "en")
    assert f"| {english_title} | 2.7 | {ENGLISH} |" in english.out


async def test_the_overview_and_compare_screens_agree(sessions, app_factory) -> None:
    store, earlier, now = sessions
    app = app_factory(Overview(now), store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "OverviewScreen")
        lines = str(app.screen.query_one("#ov-body", Static).render()).splitlines()
        line = next(line for line in lines if TITLE in line)
        assert f" {DUTCH}  13/14, 1 n.v.t.  ▲ {EARLIER_DUTCH} → {DUTCH}" in line
    app = app_factory(store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        for key in ("space", "down", "space", "v"):
            await pilot.press(key)
        await until(pilot, lambda: type(app.screen).__name__ == "CompareScreen")
        head = str(app.screen.query_one("#cmp-parts", Static).render())
        line = next(line for line in head.splitlines() if line.strip().startswith(TITLE[:12]))
        assert {EARLIER_DUTCH, DUTCH} <= set(line.split())
