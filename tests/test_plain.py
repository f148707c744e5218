"""Plain mode: the walk as lines through a pipe, saved exactly as the app saves it."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.helpers.cli import ROOT, Ran, run_process
from tests.helpers.session import file_state, item_ids, read_session
from tui.cli.main import main
from tui.cli.plain_walk import wants_plain
from tui.session import Answer, SessionStore
from tui.session.editor import SessionEditor

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)

FIRST = "We ervaren (nog) geen noodzaak: wat er in de regio op ons afkomt, is nog niet goed in beeld."
PROMPT = "Je antwoord (1–5, 0 = n.v.t., n = aantekening, Enter = overslaan, q = stoppen): "
TOTAL = len(item_ids())
"""How many statements the tool has: every count below follows it."""
ANCHORS = "Schaal: 1 = Geldt helemaal niet; 5 = Geldt volledig; 0 = n.v.t."

pytestmark = pytest.mark.usefixtures("no_sessions_env", "own_config")


@pytest.fixture
def own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No settings file of the user's own, and a terminal that can show the app."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)


@pytest.fixture
def walk(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """`walk(typed, *argv)`: `samenwerken ARGV…` in this process with `typed` as its input through a pipe."""

    def run(typed: str, *argv: str) -> Ran:
        monkeypatch.setattr(sys, "stdin", io.StringIO(typed))
        code = main(list(argv))
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return run


def answers(path: Path) -> dict[str, dict]:
    return read_session(path).get("answers", {})


def test_scores_na_and_a_remark_are_saved_and_the_overview_printed(tmp_path: Path, walk) -> None:
    folder = tmp_path / "sessions"
    stored = SessionStore(folder).create("Regio Pijp")
    ids = item_ids()

    result = walk("4\n0\nn\nGoed overleg met de partners\n2\nq\n", "--sessions-dir", str(folder), "walk", "--plain")

    assert result.code == 0, result.err
    saved = answers(stored.path)
    assert saved[ids[0]]["score"] == 4 and saved[ids[0]]["not_applicable"] is False
    assert saved[ids[1]]["not_applicable"] is True and "score" not in saved[ids[1]]
    assert saved[ids[2]]["score"] == 2
    assert saved[ids[2]]["note"] == "Goed overleg met de partners"
    assert set(saved) == {ids[0], ids[1], ids[2]}
    lines = result.out.splitlines()
    assert lines[0] == f"Reflectie ‘Regio Pijp’: 0 van {TOTAL} items beantwoord. Elk antwoord wordt meteen bewaard."
    assert lines[1:9] == [
        "",
        "Deel 1/5 · Waarom (nog) niet?",
        "De notitie noemt vijf redenen waarom besturen (nog) niet samenwerken. Geef aan in hoeverre elke reden voor"
        " deze samenwerking geldt. Kies n.v.t. alleen als je het niet kunt beoordelen.",
        "In hoeverre geldt dit voor onze samenwerking?",
        "",
        f"1/{TOTAL}: {FIRST}",
        ANCHORS,
        PROMPT + "4",
    ]
    assert "Aantekening op één regel (alleen Enter laat hem zoals hij is): Goed overleg met de partners" in lines
    assert "Aantekening bewaard." in lines
    stopped = (
        f"Gestopt bij 3 van {TOTAL} beantwoord. Ga later verder met ‘samenwerken walk --plain {stored.session.id}’."
    )
    assert stopped in lines
    assert "Knelpunten" in result.out  # the overview follows
    assert "\x1b" not in result.out
    assert result.err == ""


def test_it_starts_at_the_first_unanswered_item_and_shows_what_is_given(tmp_path: Path, walk) -> None:
    store = SessionStore(tmp_path / "sessions")
    stored = store.create("Regio Verder")
    ids = item_ids()
    stored.session.answers = {
        ids[0]: Answer(score=3, at=T0),
        ids[1]: Answer(score=5, at=T0),
        ids[3]: Answer(not_applicable=True, remark="Eerder besproken", at=T0),
    }
    store.save(stored)

    result = walk("1\n\nq\n", "--sessions-dir", str(store.root), "walk", "--plain", "Regio Verder")

    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == f"Reflectie ‘Regio Verder’: 3 van {TOTAL} items beantwoord. Elk antwoord wordt meteen bewaard."
    assert not any(line.startswith((f"1/{TOTAL}: ", f"2/{TOTAL}: ")) for line in lines)
    assert lines[6].startswith(f"3/{TOTAL}: ")
    at = lines.index(next(line for line in lines if line.startswith(f"4/{TOTAL}: ")))
    assert lines[at + 2 : at + 5] == ["Nu: n.v.t.", "Aantekening (n): Eerder besproken", PROMPT]  # Enter: skipped
    saved = answers(stored.path)
    assert saved[ids[2]]["score"] == 1
    assert saved[ids[3]]["not_applicable"] is True and saved[ids[3]]["note"] == "Eerder besproken"
    assert saved[ids[0]]["score"] == 3 and saved[ids[1]]["score"] == 5


def test_a_wrong_line_is_asked_again_and_the_end_of_input_stops(tmp_path: Path, walk) -> None:
    store = SessionStore(tmp_path / "sessions")
    stored = store.create("Regio Eind")

    result = walk("7\nja\n5", "--sessions-dir", str(store.root), "walk", "--plain", stored.session.id[:8])

    assert result.code == 0, result.err
    assert "‘7’ is geen antwoord: typ 1–5, 0, n of q, of alleen Enter." in result.out
    assert "‘ja’ is geen antwoord: typ 1–5, 0, n of q, of alleen Enter." in result.out
    saved = answers(stored.path)
    assert list(saved) == [item_ids()[0]]
    assert saved[item_ids()[0]]["score"] == 5
    assert f"Gestopt bij 1 van {TOTAL} beantwoord." in result.out


def test_every_item_answered_in_english(tmp_path: Path, walk) -> None:
    store = SessionStore(tmp_path / "sessions")
    stored = store.create("Region All", language="en")

    result = walk("3\n" * TOTAL, "--sessions-dir", str(store.root), "--lang", "en", "walk", "--plain")

    assert result.code == 0, result.err
    assert f"That was every item: {TOTAL} of {TOTAL} answered." in result.out
    assert "Part 2/5 · What helps" in result.out
    assert "Your answer (1–5, 0 = n/a, n = remark, Enter = skip, q = stop): 3" in result.out
    saved = answers(stored.path)
    assert [saved[i]["score"] for i in item_ids()] == [3] * TOTAL


def test_without_sessions_it_asks_for_a_title(tmp_path: Path, walk) -> None:
    folder = tmp_path / "sessions"

    result = walk("Regio \x1b[31mNieuw\n5\nq\n", "--sessions-dir", str(folder), "walk", "--plain")

    assert result.code == 0, result.err
    assert result.out.startswith("Over welke samenwerking reflecteer je? Regio ␛[31mNieuw\n")
    assert "\x1b" not in result.out
    (stored,), _ = SessionStore(folder).scan()
    assert stored.session.title == "Regio \x1b[31mNieuw"
    assert answers(stored.path)[item_ids()[0]]["score"] == 5


def test_no_title_creates_nothing(tmp_path: Path, walk) -> None:
    folder = tmp_path / "sessions"
    result = walk("\n", "--sessions-dir", str(folder), "walk", "--plain")
    assert result.code == 1
    assert result.err == "samenwerken: Geen titel gegeven; er is geen reflectie aangemaakt.\n"
    assert SessionStore(folder).scan() == ([], [])


def test_a_session_open_elsewhere_is_read_only_and_not_written(tmp_path: Path, walk) -> None:
    store = SessionStore(tmp_path / "sessions")
    stored = store.create("Regio Elders")
    elsewhere = SessionEditor(store, stored)  # holds the lock, as another window would
    before = file_state(stored.path)
    try:
        result = walk("4\n4\n", "--sessions-dir", str(store.root), "walk", "--plain", stored.session.id)
    finally:
        elsewhere.close()

    assert result.code == 1
    assert (
        result.err
        == "samenwerken: Alleen-lezen: open in een ander venster. Er wordt niets bewaard; hieronder het overzicht.\n"
    )
    assert PROMPT not in result.out
    assert "Knelpunten" in result.out
    assert file_state(stored.path) == before


def test_term_dumb_resume_walks_in_plain_mode(tmp_path: Path, walk, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "dumb")
    store = SessionStore(tmp_path / "sessions")
    stored = store.create("Regio Dom")

    result = walk("2\nq\n", "--sessions-dir", str(store.root), "resume", stored.session.id)

    assert result.code == 0, result.err
    assert f"1/{TOTAL}: {FIRST}" in result.out
    assert answers(stored.path)[item_ids()[0]]["score"] == 2


def test_term_dumb_new_with_a_title(tmp_path: Path, walk, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "dumb")
    folder = tmp_path / "sessions"

    result = walk("q\n", "--sessions-dir", str(folder), "new", "Regio Titel")

    assert result.code == 0, result.err
    assert result.out.startswith(f"Reflectie ‘Regio Titel’: 0 van {TOTAL} items beantwoord.")
    (stored,), _ = SessionStore(folder).scan()
    assert stored.session.title == "Regio Titel"


def test_term_dumb_as_a_real_process_does_not_refuse(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    env = {"TERM": "dumb", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = run_process("--sessions-dir", str(folder), "new", "Regio Proces", env=env)
    assert result.code == 0, result.err
    assert f"1/{TOTAL}: {FIRST}" in result.out  # the input (none) ended: stopped, nothing answered
    assert f"Gestopt bij 0 van {TOTAL} beantwoord." in result.out
    (stored,), _ = SessionStore(folder).scan()
    assert stored.session.title == "Regio Proces"


def test_plain_mode_is_chosen_only_for_a_dumb_terminal() -> None:
    assert wants_plain({"TERM": "dumb"})
    assert not wants_plain({"TERM": "xterm-256color"})
    assert not wants_plain({"TERM": "dumb", "TEXTUAL_DRIVER": "textual_serve.web_driver:WebDriver"})


def test_plain_mode_does_not_import_textual() -> None:
    code = "import sys, tui.cli.plain_walk, tui.session.settings, tui.cli.main\nassert 'textual' not in sys.modules\nprint('ok')\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ok\n"


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The clock of due dates reads 2 December 2026."""
    from datetime import date

    monkeypatch.setattr("tui.session.due.today", lambda: date(2026, 12, 2))


@pytest.mark.usefixtures("fixed_today")
def test_the_plain_walk_adds_steps_line_by_line_each_saved_at_once(tmp_path: Path, walk) -> None:
    folder = tmp_path / "sessions"
    stored = SessionStore(folder).create("Regio Stappen")
    typed = "\n" * TOTAL + "Agenda maken\nAnna\n1 maart\nOverleg plannen\n\nna de zomer\nRonde langs de scholen\n\n\n\n"

    result = walk(typed, "--sessions-dir", str(folder), "walk", "--plain")

    assert result.code == 0, result.err
    steps = read_session(stored.path)["next_steps"]
    assert [(s["text"], s["who"], s["when"], s.get("due")) for s in steps] == [
        ("Agenda maken", "Anna", "1 maart", date_of(2027, 3, 1)),
        ("Overleg plannen", "", "na de zomer", None),
        ("Ronde langs de scholen", "", "", None),
    ]
    out = result.out
    assert "Vervolgstappen: typ er een per keer; alleen Enter bij ‘Wat’ stopt." in out
    assert "Wat gaan we doen? (Enter = klaar): Agenda maken\nWie? Anna\nWanneer (uiterlijk)? 1 maart\n" in out
    assert "Stap bewaard, datum 1 maart 2027.\n" in out
    assert "Stap bewaard; ‘na de zomer’ is geen datum en blijft zoals getypt.\n" in out
    assert "Stap bewaard.\n" in out
    # the overview printed after the walk shows them as the register
    register = out[out.rindex("Vervolgstappen\n") :]
    assert register.splitlines()[1].split() == ["Wat", "Wie", "Wanneer", "Klaar"]
    assert "Agenda maken" in register and "1 maart 2027" in register


@pytest.mark.usefixtures("fixed_today")
def test_a_walk_with_every_item_answered_goes_to_the_steps_and_lists_them(tmp_path: Path, walk) -> None:
    folder = tmp_path / "sessions"
    store = SessionStore(folder)
    stored = store.create("Regio Klaar")
    editor = SessionEditor(store, stored)
    for item_id in item_ids():
        editor.answer(item_id, 3)
    editor.add_step("Eerder afgesproken", when="1 november 2026")
    editor.close()

    result = walk("Nieuwe stap\nBram\nmaart 2027\n\n", "--sessions-dir", str(folder), "walk", "--plain")

    assert result.code == 0, result.err
    assert "Alle items zijn al beantwoord" in result.out
    before = result.out[: result.out.index("Vervolgstappen: typ")]
    assert "Eerder afgesproken" in before and "⚠ te laat" in before  # the open step past its date
    assert "Stap bewaard, datum maart 2027.\n" in result.out
    steps = read_session(stored.path)["next_steps"]
    assert [s["text"] for s in steps] == ["Eerder afgesproken", "Nieuwe stap"]
    assert steps[1]["due"] == date_of(2027, 3, 31)  # a whole month: its last day


def date_of(year: int, month: int, day: int):
    from datetime import date

    return date(year, month, day)
