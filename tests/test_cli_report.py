"""`overview --print`, `export`, `compare` and `import` without the TUI: in this process through `main`.

One export runs as a real process with umask 0: that the file is private must not
depend on the process that writes it.
"""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.helpers.cli import run_process
from tests.helpers.session import item_ids, read_session
from tui.content import load_tool
from tui.session import Answer, Context, NextStep, SessionStore, StoredSession

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


pytestmark = pytest.mark.usefixtures("no_sessions_env")


def answered(store: SessionStore, title: str, scores) -> StoredSession:
    """A session whose items are answered with `scores(n)` for the n-th item."""
    stored = store.create(title)
    stored.session.answers = {i: Answer(score=scores(n), at=T0) for n, i in enumerate(item_ids())}
    store.save(stored)
    return stored


def alternating(n: int) -> int:
    return 5 if n % 2 == 0 else 1


def flat(text: str) -> str:
    return " ".join(text.split())


# overview --print --------------------------------------------------------------


def test_overview_print(tmp_path: Path, run) -> None:
    folder = tmp_path / "sessions"
    stored = answered(SessionStore(folder), "Regio Print", alternating)
    result = run("--sessions-dir", str(folder), "overview", stored.session.id, "--print")
    assert result.code == 0, result.err
    assert "Sterke punten" in result.out
    assert "Knelpunten" in result.out
    assert "Regio Print" in result.out
    assert "We zijn bevlogen over het inhoudelijke doel van de samenwerking." in flat(result.out)  # the first strength
    assert "\x1b" not in result.out
    assert "Traceback" not in result.err


# export ------------------------------------------------------------------------


def test_export_json_to_stdout(tmp_path: Path, run) -> None:
    folder = tmp_path / "sessions"
    stored = answered(SessionStore(folder), "Regio Json", alternating)
    result = run("--sessions-dir", str(folder), "export", stored.session.id, "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["session"]["id"] == stored.session.id
    assert data["session"]["title"] == "Regio Json"
    assert len(data["items"]) == len(item_ids())
    assert data["strengths"] and data["obstacles"]


def test_export_md_to_a_private_file_even_with_umask_0(tmp_path: Path, run) -> None:
    folder = tmp_path / "sessions"
    stored = answered(SessionStore(folder), "Regio Bestand", alternating)
    target = tmp_path / "out" / "verslag.md"
    target.parent.mkdir()
    old = os.umask(0)
    try:
        result = run_process(
            "--sessions-dir", str(folder), "export", stored.session.id, "--format", "md", "-o", str(target)
        )
    finally:
        os.umask(old)
    assert result.code == 0, result.err
    assert result.out == ""
    assert target.is_file()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Regio Bestand\n")
    assert "## Sterke punten" in text
    assert str(target) in result.err


def test_export_md_replaces_a_loose_file_with_force_and_makes_it_private(tmp_path: Path, run) -> None:
    folder = tmp_path / "sessions"
    stored = answered(SessionStore(folder), "Regio Bestand", alternating)
    target = tmp_path / "verslag.md"
    target.write_text("oud")
    target.chmod(0o666)
    refused = run("--sessions-dir", str(folder), "export", stored.session.id, "-o", str(target))
    assert refused.code == 1
    assert "--force" in refused.err
    assert target.read_text() == "oud"
    old = os.umask(0)
    try:
        result = run("--sessions-dir", str(folder), "export", stored.session.id, "-o", str(target), "--force")
    finally:
        os.umask(old)
    assert result.code == 0, result.err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8").startswith("# Regio Bestand")


# bad input: one line, exit 2 ---------------------------------------------------


@pytest.mark.parametrize(
    ("with_sessions", "argv", "named"),
    [
        pytest.param(True, ["overview", "bestaat-niet", "--print"], "bestaat-niet", id="overview-unknown-id"),
        pytest.param(True, ["export", "bestaat-niet", "--format", "md"], "bestaat-niet", id="export-unknown-id"),
        pytest.param(False, ["export", "iets"], "Geen reflecties in ‘", id="export-in-an-empty-folder"),
        pytest.param(False, ["import", "{tmp}/weg.toml"], "weg.toml: bestaat niet", id="import-missing-file"),
    ],
)
def test_bad_input_is_said_in_one_line(tmp_path: Path, run, with_sessions: bool, argv: list[str], named: str) -> None:
    folder = tmp_path / "sessions"
    if with_sessions:
        answered(SessionStore(folder), "Regio Er Wel", alternating)
    result = run("--sessions-dir", str(folder), *(arg.format(tmp=tmp_path) for arg in argv))
    assert result.code == 2  # bad input
    assert result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("samenwerken:")
    assert named in lines[0]
    assert "Traceback" not in result.err


# compare -----------------------------------------------------------------------


def two_sessions(folder: Path) -> tuple[StoredSession, StoredSession]:
    store = SessionStore(folder)
    a = answered(store, "Partner Alfa", alternating)
    b = answered(store, "Partner Beta", lambda n: 3)
    return a, b


def day(stored: StoredSession) -> str:
    return stored.session.created.astimezone().strftime("%d-%m-%Y")


FIRST = "We ervaren (nog) geen noodzaak: wat er in de regio op ons afkomt, is nog niet goed in beeld."
"""The first item; answered 5 and 3 by `two_sessions`: a spread of 2."""


def as_terminal(monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    """stdout is a terminal `columns` wide (for `run`, whose stdout is pytest's capture)."""
    import shutil
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback=(80, 24): os.terminal_size((columns, 24)))


def test_compare_json(tmp_path: Path, run) -> None:
    folder = tmp_path / "sessions"
    a, b = two_sessions(folder)
    result = run("--sessions-dir", str(folder), "compare", a.session.id, b.session.id, "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    items = data["items"]
    assert len(items) == len(item_ids())
    for entry in items:
        assert {"id", "title", "scores", "spread", "remarks"} <= set(entry)
        assert entry["scores"][1] == 3
        assert entry["spread"] == abs(entry["scores"][0] - entry["scores"][1])
        assert entry["remarks"] == ["", ""]
    assert sum(1 for entry in items if entry["spread"] is not None and entry["spread"] >= 2) >= 10
    spreads = [entry["spread"] for entry in items]
    assert spreads == sorted(spreads, reverse=True)
    assert data["sessions"] == [
        {"column": "A", "label": "A", "title": "Partner Alfa", "legend": f"Partner Alfa ({day(a)})"},
        {"column": "B", "label": "B", "title": "Partner Beta", "legend": f"Partner Beta ({day(b)})"},
    ]


def test_compare_json_largest_spread_first(tmp_path: Path, run) -> None:
    folder = tmp_path / "sessions"
    store = SessionStore(folder)
    ids = item_ids()
    a = answered(store, "Partner Alfa", alternating)
    # B agrees with A everywhere except two items: 4 points apart on ids[7], 2 on ids[3].
    b = answered(store, "Partner Beta", lambda n: {7: 5, 3: 3}.get(n, alternating(n)))
    result = run("--sessions-dir", str(folder), "compare", a.session.id, b.session.id, "--format", "json")
    assert result.code == 0, result.err
    items = json.loads(result.out)["items"]
    assert [(i["id"], i["spread"]) for i in items[:2]] == [(ids[7], 4), (ids[3], 2)]
    assert all(i["spread"] == 0 for i in items[2:])
    # equal spreads keep the walk order
    assert [i["id"] for i in items[2:]] == [i for i in ids if i not in (ids[7], ids[3])]


def test_compare_table_piped_has_a_legend_and_whole_lines(tmp_path: Path, run) -> None:
    """Into a pipe: no width assumed, every item on one line after its numbers, no colour."""
    folder = tmp_path / "sessions"
    a, b = two_sessions(folder)
    result = run("--sessions-dir", str(folder), "compare", a.session.id, b.session.id)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[:3] == [
        "Vergelijking van 2 reflecties (verschillen zijn gespreksstof, geen oordeel)",
        f"  A  Partner Alfa ({day(a)})",
        f"  B  Partner Beta ({day(b)})",
    ]
    at = lines.index("Items waar de antwoorden het verst uiteenlopen (verschil ≥ 2) eerst")
    assert lines[at + 1 : at + 3] == ["     A   B  verschil", f"     5   3         2  {FIRST}"]
    for item in load_tool().items:  # every statement whole on one line
        assert sum(line.endswith(f"  {item.text}") for line in lines) == 1, item.id
    assert "\x1b" not in result.out and "\x1b" not in result.err


def test_compare_table_fits_the_terminal(tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal 60 wide: wrapped between words, never wider, no word cut."""
    folder = tmp_path / "sessions"
    store = SessionStore(folder)
    long_title = "Regio " + "Zuid" * 20 + " en omstreken"
    a = answered(store, long_title, alternating)
    b = answered(store, "Partner Beta", lambda n: 3)
    as_terminal(monkeypatch, 60)
    result = run("--sessions-dir", str(folder), "compare", a.session.id, b.session.id)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert max(len(line) for line in lines) <= 60
    assert lines[:6] == [
        "Vergelijking van 2 reflecties (verschillen zijn",
        "gespreksstof, geen oordeel)",
        "  A  Regio",
        "     ZuidZuidZuidZuidZuidZuidZuidZuidZuidZuidZuidZuidZuidZu…",
        f"     en omstreken ({day(a)})",
        f"  B  Partner Beta ({day(b)})",
    ]
    at = lines.index("Items waar de antwoorden het verst uiteenlopen (verschil ≥")
    assert lines[at + 1 : at + 6] == [
        "2) eerst",
        "                                             A   B  verschil",
        "  We ervaren (nog) geen noodzaak: wat er     5   3         2",
        "  in de regio op ons afkomt, is nog niet",
        "  goed in beeld.",
    ]
    words = set(" ".join(item.text for item in load_tool().items).split())
    item_lines = [line[2:42].split() for line in lines[at + 3 :] if line.startswith("  ") and line[2] != " "]
    assert {word for line in item_lines for word in line} <= words  # whole words only


def test_compare_names_says_whose_without_repeating_the_title(tmp_path: Path, run) -> None:
    folder = tmp_path / "sessions"
    a, b = two_sessions(folder)
    b.session.context = Context(role="bestuurder")
    SessionStore(folder).save(b)
    result = run("--sessions-dir", str(folder), "compare", a.session.id, b.session.id, "--names")
    assert result.code == 0, result.err
    assert result.out.splitlines()[1:3] == [  # the title and date, never a role both may share
        f"  A  Partner Alfa ({day(a)})",
        f"  B  Partner Beta ({day(b)})",
    ]
    result = run("--sessions-dir", str(folder), "compare", a.session.id, b.session.id, "--names", "--format", "json")
    assert result.code == 0, result.err
    sessions = json.loads(result.out)["sessions"]
    assert [s["title"] for s in sessions] == ["Partner Alfa", "Partner Beta"]
    assert [s["id"] for s in sessions] == [a.session.id, b.session.id]
    assert [s["role"] for s in sessions] == ["", "bestuurder"]


def test_compare_markdown(tmp_path: Path, run) -> None:
    folder = tmp_path / "sessions"
    a, b = two_sessions(folder)
    result = run("--sessions-dir", str(folder), "compare", a.session.id, b.session.id, "--format", "md")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[:5] == [
        "# Vergelijking van 2 reflecties (verschillen zijn gespreksstof, geen oordeel)",
        "",
        f"- A — Partner Alfa ({day(a)})",
        f"- B — Partner Beta ({day(b)})",
        "",
    ]
    assert "| | A | B | verschil |" in lines
    assert f"| {FIRST} | 5 | 3 | 2 |" in lines
    assert "## Aantekeningen" not in lines  # nobody wrote one


def test_compare_exports_remarks_in_every_format(tmp_path: Path, run) -> None:
    folder = tmp_path / "sessions"
    a, b = two_sessions(folder)
    first = item_ids()[0]
    a.session.answers[first] = Answer(score=5, at=T0, remark="Eerst [bold]dit[/]\nen dan dat")
    b.session.answers[first] = Answer(not_applicable=True, at=T0)
    b.session.answers[item_ids()[1]] = Answer(remark="Alleen een aantekening")
    store = SessionStore(folder)
    store.save(a)
    store.save(b)
    argv = ("--sessions-dir", str(folder), "compare", a.session.id, b.session.id, "--format")
    md = run(*argv, "md")
    assert md.code == 0, md.err
    at = md.out.splitlines().index("## Aantekeningen")
    assert md.out.splitlines()[at:] == [
        "## Aantekeningen",
        "",
        f"- {FIRST}",
        "  - A (antwoord ‘5’):",
        "    > Eerst \\[bold\\]dit\\[/\\]",
        "    > en dan dat",
        "",
        "- Samenwerken staat niet op ons netvlies: de aandacht gaat vooral naar onze eigen organisatie en ons eigen profiel.",
        "  - B (geen antwoord):",
        "    > Alleen een aantekening",
    ]
    page = run(*argv, "html")
    assert page.code == 0, page.err
    assert page.out.startswith('<!DOCTYPE html>\n<html lang="nl">')
    assert "<li><b>A</b> — Partner Alfa (" in page.out
    assert "<li><b>A</b> (antwoord ‘5’):<div class='note'>Eerst [bold]dit[/]\nen dan dat</div></li>" in page.out
    assert "<script" not in page.out
    data = json.loads(run(*argv, "json").out)
    entry = next(i for i in data["items"] if i["id"] == first)
    assert entry["remarks"] == ["Eerst [bold]dit[/]\nen dan dat", ""]
    assert entry["not_applicable"] == [False, True]
    assert entry["scores"] == [5, None]


@pytest.mark.parametrize(
    ("fmt", "start"),
    [
        ("table", "Vergelijking van 2 reflecties (verschillen zijn gespreksstof, geen oordeel)\n  A  Partner Alfa ("),
        ("md", "# Vergelijking van 2 reflecties (verschillen zijn gespreksstof, geen oordeel)\n\n- A — Partner Alfa ("),
        ("html", '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">\n<title>Vergelijking van 2'),
        ("json", '{\n  "sessions": [\n    {\n      "column": "A",'),
    ],
)
def test_compare_to_a_private_file(tmp_path: Path, run, fmt: str, start: str) -> None:
    folder = tmp_path / "sessions"
    a, b = two_sessions(folder)
    target = tmp_path / f"vergelijking.{fmt}"
    argv = ("--sessions-dir", str(folder), "compare", a.session.id, b.session.id, "--format", fmt, "-o", str(target))
    result = run(*argv)
    assert result.code == 0, result.err
    assert result.out == ""
    assert result.err == f"{target}\n"
    assert target.read_text(encoding="utf-8").startswith(start)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    again = run(*argv)  # no terminal to ask: refused without --force
    assert again.code == 1
    assert again.err == f"samenwerken: ‘{target}’ bestaat al; voeg --force toe om het te vervangen\n"
    assert run(*argv, "--force").code == 0


def test_compare_formats_are_one_list() -> None:
    from tui.cli.parser import build_parser
    from tui.render.compare import COMPARE_FORMATS

    assert COMPARE_FORMATS == ("table", "md", "html", "json", "xlsx")
    compare = build_parser()._subparsers._group_actions[0].choices["compare"]  # type: ignore[index, union-attr]  # argparse keeps its sub-commands private and untyped
    assert next(a for a in compare._actions if a.dest == "format").choices == COMPARE_FORMATS


def test_compare_hostile_title_on_a_terminal(tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "sessions"
    store = SessionStore(folder)
    a = answered(store, "Regio [bold]Noord[/bold] \x1b[31mrood\x1b[0m \u202eevil", alternating)
    b = answered(store, "Partner Beta", lambda n: 3)
    as_terminal(monkeypatch, 80)
    result = run("--sessions-dir", str(folder), "compare", a.session.id, b.session.id)
    assert result.code == 0, result.err
    assert result.out.splitlines()[1] == f"  A  Regio [bold]Noord[/bold] ␛[31mrood␛[0m ⟨U+202E⟩evil ({day(a)})"
    assert "\x1b" not in result.out and "\u202e" not in result.out


# import ------------------------------------------------------------------------


def test_import_then_list(tmp_path: Path, run) -> None:
    other = tmp_path / "partner"
    theirs = answered(SessionStore(other), "Partner Gamma", alternating)
    original = theirs.path.read_bytes()
    folder = tmp_path / "sessions"
    answered(SessionStore(folder), "Eigen", lambda n: 3)
    result = run("--sessions-dir", str(folder), "import", str(theirs.path))
    assert result.code == 0, result.err
    new_id, new_path = result.out.strip().split("\t")
    assert new_id == theirs.session.id
    assert Path(new_path).parent == folder
    assert theirs.path.read_bytes() == original  # a copy: the partner's file is untouched
    listing = run("--sessions-dir", str(folder), "list", "--json")
    assert listing.code == 0, listing.err
    rows = {row["id"]: row for row in json.loads(listing.out)}
    assert set(rows) >= {theirs.session.id}
    assert len(rows) == 2
    assert rows[theirs.session.id]["title"] == "Partner Gamma"
    assert rows[theirs.session.id]["answered"] == len(item_ids())


# new --from (store level: the command itself needs a terminal) ------------------


def test_create_follow_up_copies_context_and_open_steps(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions")
    earlier = answered(store, "Regio Eerst", alternating)
    earlier.session.context = Context(
        partners="Noord en Zuid", role="bestuurder", stage="lopend", themes=["Lerarentekort"]
    )
    earlier.session.next_steps = [
        NextStep(id="open0001", text="Nog te doen", who="Anna", when="mei"),
        NextStep(id="done0001", text="Al gedaan", done=True),
        NextStep(id="open0002", text="Ook open", suggestion="g"),
    ]
    store.save(earlier)
    later = store.create("Regio Later", follows=earlier.session)
    session = later.session
    assert session.follows == earlier.session.id
    assert session.context == earlier.session.context
    assert session.context is not earlier.session.context
    assert [s.id for s in session.next_steps] == ["open0001", "open0002"]
    assert all(not s.done for s in session.next_steps)
    assert session.next_steps[0].who == "Anna"
    assert session.next_steps[1].suggestion == "g"
    assert session.answers == {}
    assert session.id != earlier.session.id
    # and it is on disk already
    data = read_session(later.path)
    assert data["follows"] == earlier.session.id
    assert [s["text"] for s in data["next_steps"]] == ["Nog te doen", "Ook open"]
    assert data["context"]["partners"] == "Noord en Zuid"
    # a change in the follow-up leaves the earlier session alone
    session.context.themes.append("Krimp/leerlingendaling")
    assert earlier.session.context.themes == ["Lerarentekort"]
    assert store.read(earlier.path).next_steps[1].done is True
