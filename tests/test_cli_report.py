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

from tests.cli_helpers import run_process
from tests.session_helpers import item_ids, read_session
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
        pytest.param(False, ["export", "iets"], "no sessions", id="export-in-an-empty-folder"),
        pytest.param(False, ["import", "{tmp}/weg.toml"], "weg.toml: no such file", id="import-missing-file"),
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


def test_compare_json(tmp_path: Path, run) -> None:
    folder = tmp_path / "sessions"
    a, b = two_sessions(folder)
    result = run("--sessions-dir", str(folder), "compare", a.session.id, b.session.id, "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    items = data["items"]
    assert len(items) == len(item_ids())
    for entry in items:
        assert {"id", "title", "scores", "spread"} <= set(entry)
        assert entry["scores"][1] == 3
        assert entry["spread"] == abs(entry["scores"][0] - entry["scores"][1])
    assert sum(1 for entry in items if entry["spread"] is not None and entry["spread"] >= 2) >= 10
    spreads = [entry["spread"] for entry in items]
    assert spreads == sorted(spreads, reverse=True)
    assert [s["label"] for s in data["sessions"]] == ["A", "B"]
    assert "Partner Alfa" not in result.out


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


def test_compare_table(tmp_path: Path, run) -> None:
    folder = tmp_path / "sessions"
    a, b = two_sessions(folder)
    result = run("--sessions-dir", str(folder), "compare", a.session.id, b.session.id)
    assert result.code == 0, result.err
    assert "verschil" in result.out
    assert "Partner Alfa" not in result.out
    assert "Partner Beta" not in result.out
    assert "\x1b" not in result.out


def test_compare_names(tmp_path: Path, run) -> None:
    folder = tmp_path / "sessions"
    a, b = two_sessions(folder)
    result = run("--sessions-dir", str(folder), "compare", a.session.id, b.session.id, "--names")
    assert result.code == 0, result.err
    day = a.session.created.astimezone().strftime("%d-%m-%Y")
    assert result.out.splitlines()[1] == f"  A  Partner Alfa ({day}): Partner Alfa"
    assert "Partner Beta" in result.out.splitlines()[2]
    result = run("--sessions-dir", str(folder), "compare", a.session.id, b.session.id, "--names", "--format", "json")
    assert result.code == 0, result.err
    sessions = json.loads(result.out)["sessions"]
    assert [s["title"] for s in sessions] == ["Partner Alfa", "Partner Beta"]
    assert [s["id"] for s in sessions] == [a.session.id, b.session.id]


def test_compare_markdown(tmp_path: Path, run) -> None:
    folder = tmp_path / "sessions"
    a, b = two_sessions(folder)
    result = run("--sessions-dir", str(folder), "compare", a.session.id, b.session.id, "--format", "md")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "# Vergelijking van 2 reflecties (verschillen zijn gespreksstof, geen oordeel)"
    assert "| | A | B | verschil |" in lines
    assert "Partner Alfa" not in result.out
    first = "We ervaren (nog) geen noodzaak: wat er in de regio op ons afkomt, is nog niet goed in beeld."
    assert f"| {first} | 5 | 3 | 2 |" in lines


def test_compare_needs_two(tmp_path: Path, run) -> None:
    folder = tmp_path / "sessions"
    a, _ = two_sessions(folder)
    result = run("--sessions-dir", str(folder), "compare", a.session.id)
    assert result.code == 2
    assert "Traceback" not in result.err


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
