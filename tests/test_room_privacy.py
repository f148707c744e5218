"""Small numbers stay hidden: `room new --min-group`, `room status` and `room export` below and at the minimum.

The board and a seat's discussion panel are driven through Pilot in test_room_screens.
"""

from __future__ import annotations

import io
import json
import re
import tomllib
from pathlib import Path

import pytest

from tests.helpers.room import answer, make_room
from tui.content import load_tool
from tui.room.store import RoomStore, read_room
from tui.views.group import SeatReader

ITEM = "waarom.geen-noodzaak"
"""The first item of the first part ('Waarom (nog) niet?'), the only one answered in these rooms."""
PART = "waarom"


def sessions(tmp_path: Path) -> str:
    return str(tmp_path / "sessions")


def room_answered_by(tmp_path: Path, seats: int, scores: list[int | str], **options: int):
    """A room of `seats` seats where the first len(scores) seats answered ITEM (and nothing else)."""
    folder, _ = make_room(tmp_path, seats=seats)
    if options:
        folder.room.min_group = options["min_group"]
        folder.save()
    for label, score in zip("ABCDEFGH", scores, strict=False):
        answer(folder, label, {ITEM: score})
    return folder


# room new --min-group --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1", "Bij --min-group: de kleinste groep is een heel getal van minstens 2"),
        ("0", "Bij --min-group: de kleinste groep is een heel getal van minstens 2"),
        ("-3", "Bij --min-group: de kleinste groep is een heel getal van minstens 2"),
        ("drie", "Bij --min-group: ‘drie’ is geen getal"),
        ("2.5", "Bij --min-group: ‘2.5’ is geen getal"),
        ("5", "Bij --min-group: 5 is meer dan de 4 plekken van deze sessie"),
    ],
    ids=["one", "zero", "negative", "a word", "a fraction", "more than the seats"],
)
def test_room_new_refuses_a_minimum_group_that_cannot_hide_or_never_shows(
    tmp_path: Path, run, value: str, message: str
) -> None:
    result = run("--sessions-dir", sessions(tmp_path), "room", "new", "X", "--seats", "4", "--min-group", value)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "sessions" / "rooms").exists() or not any((tmp_path / "sessions" / "rooms").iterdir())


def test_room_new_says_a_bad_minimum_in_english_when_asked(tmp_path: Path, run) -> None:
    result = run(
        "--lang", "en", "--sessions-dir", sessions(tmp_path), "room", "new", "X", "--seats", "2", "--min-group", "3"
    )
    assert result.code == 2
    assert "argument --min-group: 3 is more than this regional session's 2 seats" in result.err
    one = run(
        "--lang", "en", "--sessions-dir", sessions(tmp_path), "room", "new", "X", "--seats", "2", "--min-group", "1"
    )
    assert one.code == 2 and "the smallest group is a whole number of at least 2" in one.err


def test_room_new_keeps_the_minimum_and_says_it(tmp_path: Path, run) -> None:
    result = run("--sessions-dir", sessions(tmp_path), "room", "new", "Regio Noord", "--seats", "4", "--min-group", "4")
    assert result.code == 0, result.err
    assert "tonen de aantallen van een uitspraak pas als 4 plekken hem beantwoordden" in result.out
    (folder,) = RoomStore(tmp_path / "sessions").all()
    assert folder.room.min_group == 4
    assert tomllib.loads(folder.room_file.read_text("utf-8"))["min_group"] == 4
    made = run("--sessions-dir", sessions(tmp_path), "room", "new", "Regio Zuid", "--seats", "4", "--json")
    assert json.loads(made.out)["min_group"] == 3  # the default


def test_room_new_warns_when_the_default_minimum_exceeds_the_seats(tmp_path: Path, run) -> None:
    result = run("--sessions-dir", sessions(tmp_path), "room", "new", "Klein", "--seats", "2")
    assert result.code == 0, result.err
    assert "deze sessie heeft 2 plekken, minder dan 3: het bord zal geen aantallen tonen" in result.out


def test_a_room_file_from_before_the_minimum_reads_with_the_default(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path)
    text = folder.room_file.read_text("utf-8")
    old = "\n".join(line for line in text.splitlines() if not line.startswith("min_group"))
    assert "min_group" not in old
    folder.room_file.write_text(old, "utf-8")
    assert read_room(folder.room_file).min_group == 3
    # a hand-edited minimum below two is refused like any broken room file
    folder.room_file.write_text(old.replace("language =", "min_group = 1\nlanguage ="), "utf-8")
    with pytest.raises(Exception, match="min_group"):
        read_room(folder.room_file)


# the group's view ----------------------------------------------------------------


def test_an_item_answered_by_fewer_than_the_minimum_has_no_figures_at_all(tmp_path: Path) -> None:
    folder = room_answered_by(tmp_path, 4, [1, 5])
    view = SeatReader(folder).view(load_tool())
    item = view.item(ITEM)
    assert item.hidden and (item.counts, item.median, item.spread, item.answered) == (None, None, None, 0)
    # the part's median comes from shown items only: one seat's answer alone would be that answer
    part = next(p for p in view.parts if p.part.id == PART)
    assert part.hidden and part.median is None


def test_a_single_answer_in_a_part_does_not_leak_through_the_parts_median(tmp_path: Path) -> None:
    folder = room_answered_by(tmp_path, 4, [2, 2, 2])
    answer(folder, "D", {"waarom.niet-willen": 5})  # another item of the same part, one seat only
    view = SeatReader(folder).view(load_tool())
    assert view.item("waarom.niet-willen").hidden
    part = next(p for p in view.parts if p.part.id == PART)
    assert (part.scores, part.median) == (3, 4.0)  # 2, 2, 2 in a negative part: 4, 4, 4; the 5 left out


def test_n_v_t_counts_as_an_answer_for_the_minimum(tmp_path: Path) -> None:
    folder = room_answered_by(tmp_path, 3, [4, "nvt", "nvt"])
    item = SeatReader(folder).view(load_tool()).item(ITEM)
    assert item.counts == {"1": 0, "2": 0, "3": 0, "4": 1, "5": 0, "nvt": 2}


def test_a_room_of_two_can_show_counts_at_two(tmp_path: Path) -> None:
    folder = room_answered_by(tmp_path, 2, [1, 5], min_group=2)
    assert SeatReader(folder).view(load_tool()).item(ITEM).counts == {"1": 1, "2": 0, "3": 0, "4": 0, "5": 1, "nvt": 0}


# room status and room export, two seats answered, then three ----------------------------


def test_room_status_hides_counts_below_the_minimum_and_shows_them_at_it(tmp_path: Path, run) -> None:
    folder = room_answered_by(tmp_path, 4, [1, 5])
    ran = run("--sessions-dir", sessions(tmp_path), "room", "status", "Regio Test", "--json")
    assert ran.code == 0, ran.err
    data = json.loads(ran.out)
    (item,) = [i for i in data["items"] if i["id"] == ITEM]
    assert item == {"id": ITEM, "title": item["title"], "hidden": True, "votes": 0}  # votes: totals, never answers
    assert all(i["hidden"] is True for i in data["items"])
    text = run("--sessions-dir", sessions(tmp_path), "room", "status", "Regio Test")
    assert f"{len(load_tool().items)} uitspraken: nog te weinig antwoorden (aantallen vanaf 3 antwoorden)" in text.out
    assert "1:1" not in text.out and "5:1" not in text.out

    answer(folder, "C", {ITEM: 5})
    data = json.loads(run("--sessions-dir", sessions(tmp_path), "room", "status", "Regio Test", "--json").out)
    assert data["items"][0] == {
        "id": ITEM,
        "title": item["title"],
        "hidden": False,
        "counts": {"1": 1, "2": 0, "3": 0, "4": 0, "5": 2, "nvt": 0},
        "median": 5.0,
        "spread": 1.89,
        "votes": 0,
    }
    text = run("--sessions-dir", sessions(tmp_path), "room", "status", "Regio Test")
    assert "1:1 2:0 3:0 4:0 5:2 n.v.t.:0" in text.out
    assert f"{len(load_tool().items) - 1} uitspraken: nog te weinig antwoorden" in text.out


def export(tmp_path: Path, run, fmt: str, *extra: str) -> str:
    target = tmp_path / f"groep-{len(list(tmp_path.glob('groep-*')))}.{fmt}"
    ran = run(
        *extra, "--sessions-dir", sessions(tmp_path), "room", "export", "Regio Test", "--format", fmt, "-o", str(target)
    )
    assert ran.code == 0, ran.err
    return target.read_text("utf-8")


def test_the_group_report_hides_counts_below_the_minimum_in_every_format(tmp_path: Path, run) -> None:
    folder = room_answered_by(tmp_path, 4, [1, 5])
    md = export(tmp_path, run, "md")
    assert (
        "- We ervaren (nog) geen noodzaak: wat er in de regio op ons afkomt, is nog niet goed in beeld. "
        "(Waarom (nog) niet?, ↓ hoog antwoord is ongunstig) — nog te weinig antwoorden" in md
    )
    assert "- Waarom (nog) niet?: nog te weinig antwoorden" in md
    assert "1:1" not in md and not re.search(r"(mediaan|spreiding) \d", md)
    assert "pas als 3 plekken hem beantwoordden" in md
    html = export(tmp_path, run, "html")
    assert '<td class="few" colspan="3">nog te weinig antwoorden</td>' in html
    assert 'class="bars"' not in html and '<span class="n">' not in html and "3,0" not in html
    data = json.loads(export(tmp_path, run, "json"))
    assert all(set(i) == {"id", "title", "hidden", "votes"} for i in data["items"])
    assert all(p == {"id": p["id"], "title": p["title"], "hidden": True} for p in data["parts"])
    english = export(tmp_path, run, "md", "--lang", "en")
    assert "not enough answers yet" in english

    answer(folder, "C", {ITEM: 5})
    md = export(tmp_path, run, "md")
    assert "mediaan 5,0, spreiding 1,9 (`1:1 2:0 3:0 4:0 5:2 n.v.t.:0`)" in md  # a decimal comma, as every view
    # beside each statement its part and direction: here a median of 5,0 is bad news
    assert "beeld. (Waarom (nog) niet?, ↓ hoog antwoord is ongunstig) — mediaan 5,0" in md
    assert "## Per deel: mediaan van de groep" in md
    assert "- Waarom (nog) niet?: 1,0" in md  # a negative part: 1, 5, 5 count as 5, 1, 1
    html = export(tmp_path, run, "html")
    assert '<span class="n">2</span>' in html
    data = json.loads(export(tmp_path, run, "json"))
    assert data["items"][0]["counts"] == {"1": 1, "2": 0, "3": 0, "4": 0, "5": 2, "nvt": 0}
    assert data["parts"][0] == {"id": PART, "title": "Waarom (nog) niet?", "hidden": False, "median": 1.0}


# new --from FILE: a reflection taken home ------------------------------------------------


@pytest.fixture
def at_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """`at_home(*argv)`: samenwerken on the participant's own machine, in `tmp_path/thuis`, through plain mode."""
    from tests.helpers.cli import Ran
    from tui.cli.main import main

    home = tmp_path / "thuis"
    home.mkdir()
    monkeypatch.chdir(home)
    monkeypatch.setenv("TERM", "dumb")  # the walk as lines: the command runs here without a terminal
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    monkeypatch.delenv("SAMENWERKEN_SESSIONS", raising=False)

    def run(*argv: str) -> Ran:
        monkeypatch.setattr("sys.stdin", io.StringIO("q\n"))
        code = main(["--sessions-dir", str(home / "sessies"), *argv])
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return run


def taken_home(tmp_path: Path) -> tuple[Path, str]:
    """Seat A's reflection after a closed room, as the participant saves it at home; and the seat's session id."""
    from tui.content.i18n import strings_for
    from tui.render.take_home import take_home_file
    from tui.room.closing import close
    from tui.room.model import Agreement

    folder, _ = make_room(tmp_path, seats=3)
    answer(folder, "A", {ITEM: 2, "helpt.urgentie": 5}, {"helpt.urgentie": "Eigen aantekening"})
    folder.room.agreements = [Agreement(text="Gezamenlijke scholingsdag", who="Anna", when="juni")]
    folder.save()
    close(folder)
    seat = folder.seat_store().load(folder.seat_path("A")).session
    name, text = take_home_file(load_tool(), seat, "toml", strings_for("nl"))
    assert name == f"{seat.id}.toml"
    target = tmp_path / "thuis" / "mijn-reflectie.toml"
    target.parent.mkdir(exist_ok=True)
    target.write_text(text, "utf-8")
    return target, seat.id


def test_new_from_a_file_taken_home_starts_the_follow_up_and_leaves_the_file_alone(tmp_path: Path, at_home) -> None:
    from tui.session import SessionStore

    source, seat_id = taken_home(tmp_path)
    before = (source.read_bytes(), source.stat().st_mtime_ns, source.stat().st_mode)
    result = at_home("new", "--from", "mijn-reflectie.toml", "Regio Test, volgend jaar")
    assert result.code == 0, result.err
    assert f"Reflectie ‘Regio Test, volgend jaar’: 0 van {len(load_tool().items)} items beantwoord." in result.out
    assert (source.read_bytes(), source.stat().st_mtime_ns, source.stat().st_mode) == before
    store = SessionStore(tmp_path / "thuis" / "sessies")
    sessions = {s.session.title: s.session for s in store.scan()[0]}
    assert set(sessions) == {"Regio Test · A", "Regio Test, volgend jaar"}
    earlier, follow_up = sessions["Regio Test · A"], sessions["Regio Test, volgend jaar"]
    # last year's reflection is now in the folder, so the follow-up's report can compare with it
    assert earlier.id == seat_id and earlier.answers[ITEM].score == 2
    assert earlier.answers["helpt.urgentie"].remark == "Eigen aantekening"
    assert follow_up.follows == seat_id and store.earlier_of(follow_up) == earlier
    assert [(s.text, s.who, s.when) for s in follow_up.next_steps] == [("Gezamenlijke scholingsdag", "Anna", "juni")]
    assert follow_up.answers == {}

    # the same file again: no second copy of last year's reflection
    again = at_home("new", "--from", str(source), "Nog een vervolg")
    assert again.code == 0, again.err
    titles = sorted(s.session.title for s in store.scan()[0])
    assert titles == ["Nog een vervolg", "Regio Test · A", "Regio Test, volgend jaar"]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda t: re.sub(r"schema_version = \d+", "schema_version = 99", t),
            "geschreven door een nieuwere samenwerken",
        ),
        (
            lambda t: t.replace("[answers", "[[answers", 1),
            "kan niet gelezen worden: regel 17, kolom 33 is geen geldige TOML",
        ),
        (lambda t: "", "het bestand is leeg"),
        (lambda t: "onbekend = 1\n" + t, "onbekende sleutel"),
        (lambda t: t.replace('title = "', 'titel = "', 1), "(title) ontbreekt"),
    ],
    ids=["newer", "not TOML", "empty", "unknown key", "no title"],
)
def test_new_from_a_broken_or_newer_file_says_why_and_changes_nothing(
    tmp_path: Path, at_home, change, problem: str
) -> None:
    source, _ = taken_home(tmp_path)
    source.write_text(change(source.read_text("utf-8")), "utf-8")
    before = (source.read_bytes(), source.stat().st_mtime_ns)
    result = at_home("new", "--from", "mijn-reflectie.toml")
    assert result.code == 2
    assert "Met ‘mijn-reflectie.toml’ kan geen vervolg beginnen:" in result.err
    assert problem in result.err and "Het bestand is niet veranderd." in result.err
    assert "Traceback" not in result.err
    assert (source.read_bytes(), source.stat().st_mtime_ns) == before
    assert not (tmp_path / "thuis" / "sessies").exists() or not list((tmp_path / "thuis" / "sessies").glob("*.toml"))


def test_new_from_a_file_that_is_not_there_says_so(tmp_path: Path, at_home) -> None:
    result = at_home("--lang", "en", "new", "--from", "weg/mijn-reflectie.toml")
    assert result.code == 2
    assert "there is no file 'weg/mijn-reflectie.toml'" in result.err


@pytest.mark.slow
def test_new_from_a_file_opens_the_follow_up_in_the_full_screen_app(tmp_path: Path) -> None:
    from tests.helpers.terminal import PtyApp, answers_in, wait_for
    from tui.session import SessionStore

    source, seat_id = taken_home(tmp_path)
    before = source.read_bytes()
    folder = tmp_path / "thuis" / "sessies"
    app = PtyApp(["--sessions-dir", str(folder), "new", "--from", str(source), "Volgend jaar"], cwd=tmp_path)
    try:
        store = SessionStore(folder)

        def follow_up():
            return next((s for s in store.scan()[0] if s.session.title == "Volgend jaar"), None)

        assert wait_for(lambda: follow_up() is not None and b"Deel 1/" in app.output, 30), bytes(app.output[-600:])
        app.send("3")  # the walk is on the follow-up, not on last year's copy
        stored = follow_up()
        assert stored is not None and stored.session.follows == seat_id
        assert wait_for(lambda: answers_in(stored.path) == {ITEM: 3}, 15)
        assert answers_in(folder / f"{seat_id}.toml") == {ITEM: 2, "helpt.urgentie": 5}
    finally:
        app.close()
    assert source.read_bytes() == before
