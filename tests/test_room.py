"""A regional session's domain and text commands: rooms, codes, the group's counts, reports, closing."""

from __future__ import annotations

import json
import math
import re
import stat
import tomllib
from pathlib import Path

import pytest

from tests.helpers.room import answer, make_room
from tests.helpers.session import read_session
from tui.content import load_code_words, load_tool
from tui.content.i18n import strings_for
from tui.core.errors import SessionFileError
from tui.render.group import to_html, to_json, to_markdown
from tui.room.closing import close
from tui.room.codes import code_bits, hash_code, make_codes, normalise, seat_for_code
from tui.room.model import Agreement, seat_labels
from tui.room.store import RoomStore, read_room
from tui.session import SessionStore
from tui.views.group import SeatReader

CODE = re.compile(r"^[a-z]+-[a-z]+-[a-z]+-[1-9][0-9]$")


# creating a room ---------------------------------------------------------------


def test_a_new_room_keeps_hashes_of_the_codes_never_the_codes(tmp_path: Path) -> None:
    folder, codes = make_room(tmp_path, seats=4)
    assert len(codes) == 4 and len(set(codes)) == 4
    assert all(CODE.match(code) for code in codes), codes
    text = folder.room_file.read_text("utf-8")
    assert not any(code in text for code in codes)
    assert [s.label for s in folder.room.seats] == ["A", "B", "C", "D"]
    assert stat.S_IMODE(folder.room_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.path.stat().st_mode) == 0o700
    # every seat has an ordinary, empty session file
    for seat in folder.room.seats:
        data = read_session(folder.seat_path(seat.label))
        assert data["title"] == f"Regio Test · {seat.label}"
        assert data["answers"] == {}


def test_each_code_opens_its_own_seat_and_nothing_else(tmp_path: Path) -> None:
    folder, codes = make_room(tmp_path, seats=3)
    room = folder.room
    assert [seat_for_code(room, code) for code in codes] == ["A", "B", "C"]
    # typed with capitals, spaces or another dash: still the same code
    first, second, third, number = codes[1].split("-")
    assert seat_for_code(room, f"  {first.upper()} {second}_{third} – {number} ") == "B"
    for wrong in ("", "kaas", codes[0] + "x", codes[0].replace("-", ""), "x" * 10_000):
        assert seat_for_code(room, wrong) is None


def test_codes_are_normalised_before_hashing() -> None:
    assert normalise(" Kaas  Molen-42 ") == "kaas-molen-42"
    assert normalise("kaas—molen_42") == "kaas-molen-42"
    salt = "00" * 16
    assert hash_code("KAAS-MOLEN-42", salt) == hash_code("kaas molen 42", salt)
    assert hash_code("kaas-molen-42", salt) != hash_code("kaas-molen-43", salt)


def test_codes_carry_at_least_30_bits_from_the_word_list_as_loaded() -> None:
    words = load_code_words()
    assert len(words) >= 256 and len(set(words)) == len(words)
    assert code_bits(len(words)) >= 30
    assert code_bits(len(words)) == pytest.approx(math.log2(len(words) * (len(words) - 1) * (len(words) - 2) * 90))
    for word in words:  # easy to type and to say: plain letters, no "ij", no two words one letter apart
        assert word.isascii() and word.isalpha() and "ij" not in word, word
    by_length: dict[int, set[str]] = {}
    for word in words:
        by_length.setdefault(len(word), set()).add(word)
    for word in words:
        for n in range(len(word)):
            near = {word[:n] + word[n + 1 :]} | {word[:n] + c + word[n + 1 :] for c in "abcdefghijklmnopqrstuvwxyz"}
            assert not (near - {word}) & set(words), (word, (near - {word}) & set(words))


def test_codes_are_three_different_words_and_two_digits(tmp_path: Path) -> None:
    codes = make_codes(200, load_code_words())
    assert len(set(codes)) == 200
    for code in codes:
        *words, number = code.split("-")
        assert len(words) == 3 == len(set(words)) and 10 <= int(number) <= 99, code


def test_a_room_made_with_two_word_codes_keeps_working(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path, seats=2)
    old_code = "kaas-molen-42"  # how codes looked before: only their hashes were ever kept
    folder.room.seats[1].code_hash = hash_code(old_code, folder.room.salt)
    assert seat_for_code(folder.room, " Kaas Molen 42 ") == "B"
    assert seat_for_code(folder.room, "kaas-molen-fiets-42") is None


def test_seat_labels_are_letters() -> None:
    assert seat_labels(3) == ["A", "B", "C"]
    assert seat_labels(28)[-3:] == ["Z", "AA", "AB"]


@pytest.mark.parametrize(
    ("ref", "expected"),
    [("Regio Test", "Regio Test"), ("regio test", "Regio Test"), ("Regio Twee", "Regio Twee")],
)
def test_a_room_is_found_by_title(tmp_path: Path, ref: str, expected: str) -> None:
    make_room(tmp_path, title="Regio Test")
    make_room(tmp_path, title="Regio Twee")
    assert RoomStore(tmp_path / "sessions").find(ref).room.title == expected


def test_a_room_is_found_by_id_and_its_start(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path)
    store = RoomStore(tmp_path / "sessions")
    assert store.find(folder.room.id).path == folder.path
    assert store.find(folder.room.id[:3]).path == folder.path
    with pytest.raises(Exception, match="no room 'elders'"):
        store.find("elders")


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda t: t.replace("schema_version = 1", "schema_version = 9"), "newer"),
        (lambda t: t + "\nextra = 1\n", "Extra inputs"),
        (lambda t: "not = [toml", "not valid TOML (line 1, column 8)"),
        (lambda t: t.replace('label = "A"', 'label = "a; rm"'), "seats.0.label"),
    ],
    ids=["newer", "unknown key", "not TOML", "bad label"],
)
def test_a_broken_or_newer_room_file_is_refused_with_what_is_wrong(tmp_path: Path, change, problem: str) -> None:
    folder, _ = make_room(tmp_path)
    folder.room_file.write_text(change(folder.room_file.read_text("utf-8")), "utf-8")
    with pytest.raises(SessionFileError) as caught:
        read_room(folder.room_file)
    assert problem in str(caught.value)


# the group's view ----------------------------------------------------------------


def three_seats_answered(tmp_path: Path):
    folder, codes = make_room(tmp_path, seats=3)
    answer(folder, "A", {"waarom.geen-noodzaak": 1, "helpt.urgentie": 4}, {"helpt.urgentie": "Privé <b>A</b>"})
    answer(
        folder,
        "B",
        {"waarom.geen-noodzaak": 2, "helpt.urgentie": 4},
        {"waarom.geen-noodzaak": "Gedeeld: *wij* <script>x</script>"},
        shared={"waarom.geen-noodzaak"},
    )
    answer(folder, "C", {"waarom.geen-noodzaak": 2, "helpt.urgentie": "nvt"})
    return folder, codes


def test_the_group_view_counts_and_orders_by_spread(tmp_path: Path) -> None:
    folder, _ = three_seats_answered(tmp_path)
    view = SeatReader(folder).view(load_tool())
    first, second, third = view.items[:3]
    assert first.item.id == "waarom.geen-noodzaak"
    assert first.counts == {"1": 1, "2": 2, "3": 0, "4": 0, "5": 0, "nvt": 0}
    assert (first.median, first.spread) == (2.0, 0.47)
    assert second.item.id == "helpt.urgentie"
    assert second.counts == {"1": 0, "2": 0, "3": 0, "4": 2, "5": 0, "nvt": 1}
    assert (second.median, second.spread) == (4.0, 0.0)
    assert (third.counts, third.median, third.spread, third.answered) == (None, None, None, 0)
    assert third.hidden
    # 'Waarom (nog) niet?' is a negative part: 1, 2, 2 count as 5, 4, 4
    assert [(p.part.id, p.median) for p in view.parts][:2] == [("waarom", 4.0), ("helpt", 4.0)]
    assert [(s.label, s.answered) for s in view.seats] == [("A", 2), ("B", 2), ("C", 2)]
    # only the shared remark, without a name
    assert [(r.item.id, r.text) for r in view.shared] == [("waarom.geen-noodzaak", "Gedeeld: *wij* <script>x</script>")]


def test_status_json_has_the_agreed_shape(tmp_path: Path, run) -> None:
    folder, _ = three_seats_answered(tmp_path)
    result = run("--sessions-dir", str(tmp_path / "sessions"), "room", "status", "Regio Test", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["room"] == {"id": folder.room.id, "title": "Regio Test", "min_group": 3}
    assert data["seats"] == {"total": 3, "joined": 0, "finished": 0}
    assert data["items"][0] == {
        "id": "waarom.geen-noodzaak",
        "title": "We ervaren (nog) geen noodzaak: wat er in de regio op ons afkomt, is nog niet goed in beeld.",
        "hidden": False,
        "counts": {"1": 1, "2": 2, "3": 0, "4": 0, "5": 0, "nvt": 0},
        "median": 2.0,
        "spread": 0.47,
        "votes": 0,
    }
    assert [i["id"] for i in data["items"][:2]] == ["waarom.geen-noodzaak", "helpt.urgentie"]
    # an item nobody answered says so, and carries no counts (not even zeros)
    assert set(data["items"][2]) == {"id", "title", "hidden", "votes"} and data["items"][2]["hidden"] is True
    assert len(data["items"]) == len(load_tool().items)
    assert data["agreements"] == []


def test_the_group_report_shows_counts_and_shared_remarks_only(tmp_path: Path) -> None:
    folder, _ = three_seats_answered(tmp_path)
    folder.room.agreements = [Agreement(text="Samen <b>plannen</b>", who="Anna", when="mei")]
    view = SeatReader(folder).view(load_tool())
    strings = strings_for("nl")
    md, html, data = to_markdown(view, strings), to_html(view, strings), json.loads(to_json(view, strings))
    for text in (md, html):
        assert "Privé" not in text  # a remark not shared stays private
        assert "Regio Test · A" not in text and "plek A" not in text
    assert "1:1 2:2 3:0 4:0 5:0 n.v.t.:0" in md
    assert "Gedeeld: \\*wij\\* \\<script\\>x\\</script\\>" in md
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<td>Samen &lt;b&gt;plannen&lt;/b&gt;</td><td>Anna</td><td>mei</td>" in html
    assert data["shared_remarks"] == [{"item": "waarom.geen-noodzaak", "text": "Gedeeld: *wij* <script>x</script>"}]
    assert data["parts"][0] == {"id": "waarom", "title": "Waarom (nog) niet?", "hidden": False, "median": 4.0}


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_room_export_writes_a_private_file(tmp_path: Path, run, fmt: str) -> None:
    three_seats_answered(tmp_path)
    target = tmp_path / f"groep.{fmt}"
    result = run(
        "--sessions-dir", str(tmp_path / "sessions"), "room", "export", "Regio Test", "--format", fmt, "-o", str(target)
    )
    assert result.code == 0, result.err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "We ervaren (nog) geen noodzaak" in target.read_text("utf-8")


# commands ------------------------------------------------------------------------


def test_room_new_prints_codes_as_json(tmp_path: Path, run) -> None:
    result = run("--sessions-dir", str(tmp_path / "sessions"), "room", "new", "Regio Noord", "--seats", "2", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["title"] == "Regio Noord" and len(data["codes"]) == 2
    folder = RoomStore(tmp_path / "sessions").find(data["id"])
    assert [seat_for_code(folder.room, code) for code in data["codes"]] == ["A", "B"]


def test_room_new_lists_codes_to_hand_out(tmp_path: Path, run) -> None:
    result = run("--sessions-dir", str(tmp_path / "sessions"), "room", "new", "Regio Noord", "--seats", "2")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("Regiosessie ‘Regio Noord’ (") and lines[0].endswith(") gemaakt met 2 plekken.")
    assert re.match(r"^  plek A: [a-z]+-[a-z]+-[a-z]+-\d\d$", lines[2]) and re.match(r"^  plek B: ", lines[3])
    assert lines[4].startswith("Open de sessie met: samenwerken room serve ")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["room", "new", "X", "--seats", "0"], "Bij --seats: een regiosessie heeft 1 tot en met 60 plekken"),
        (["room", "new", "X", "--seats", "veel"], "Bij --seats: ‘veel’ is geen getal"),
        (["room", "new", "  ", "--seats", "2"], "Geef de regiosessie een titel"),
        (["room", "status", "nergens"], "Geen regiosessie ‘nergens’"),
        (["room", "serve", "nergens", "--headless"], "Geen regiosessie ‘nergens’"),
        (["room", "serve", "x", "--port", "70000"], "Bij --port: een poort is 0 tot en met 65535"),
        *(
            (
                ["room", "serve", "x", "--headless", "--idle-minutes", value],
                f"Bij --idle-minutes: ‘{value}’ minuten kan niet",
            )
            for value in ("0", "-5", "nan", "inf", "1e400")
        ),
        (["room", "serve", "x", "--idle-minutes=-inf"], "Bij --idle-minutes: ‘-inf’ minuten kan niet"),
        (["room", "serve", "x", "--idle-minutes", "lang"], "Bij --idle-minutes: ‘lang’ is geen getal"),
    ],
    ids=[
        "no seats",
        "seats not a number",
        "empty title",
        "unknown room",
        "serve unknown",
        "bad port",
        "idle 0",
        "idle negative",
        "idle nan",
        "idle inf",
        "idle -inf",
        "idle overflow",
        "idle not a number",
    ],  # fmt: skip
)
def test_bad_room_commands_say_why_with_exit_2(tmp_path: Path, run, argv: list[str], message: str) -> None:
    result = run("--sessions-dir", str(tmp_path / "sessions"), *argv)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err


# closing -------------------------------------------------------------------------


def test_closing_copies_the_agreements_into_every_seat_once(tmp_path: Path, run) -> None:
    folder, _ = three_seats_answered(tmp_path)
    folder.room.agreements = [Agreement(text="Gezamenlijke scholingsdag", who="Anna", when="juni")]
    folder.save()
    result = run("--sessions-dir", str(tmp_path / "sessions"), "room", "close", folder.room.id)
    assert result.code == 0, result.err
    assert "1 afspraken staan als vervolgstappen in 3 sessies" in result.out
    again = run("--sessions-dir", str(tmp_path / "sessions"), "room", "close", folder.room.id)
    assert again.code == 0
    for label in "ABC":
        steps = read_session(folder.seat_path(label))["next_steps"]
        assert [(s["text"], s["who"], s["when"]) for s in steps] == [("Gezamenlijke scholingsdag", "Anna", "juni")]
    assert "closed" in tomllib.loads(folder.room_file.read_text("utf-8"))
    # a later `new --from SEAT-FILE` carries the agreement on (the store's follow-up, as the command uses it)
    sessions = SessionStore(tmp_path / "sessions")
    earlier = sessions.find(str(folder.seat_path("A"))).session
    follow_up = sessions.create("Regio Test, najaar", follows=earlier)
    assert [(s.text, s.who, s.when) for s in follow_up.session.next_steps] == [
        ("Gezamenlijke scholingsdag", "Anna", "juni")
    ]


def test_closing_skips_a_seat_that_is_open_and_says_so(tmp_path: Path) -> None:
    from tui.session.lock import SessionLock

    folder, _ = three_seats_answered(tmp_path)
    folder.room.agreements = [Agreement(text="Afspraak")]
    folder.save()
    busy = SessionLock(folder.seat_path("B"))
    assert busy.acquire()
    try:
        result = close(folder)
    finally:
        busy.release()
    assert result.busy == ["B"] and result.updated == 2
    assert read_session(folder.seat_path("B"))["next_steps"] == []
    assert close(folder).busy == []  # the next close catches up
    assert [s["text"] for s in read_session(folder.seat_path("B"))["next_steps"]] == ["Afspraak"]


def test_a_served_room_cannot_be_closed_meanwhile(tmp_path: Path, run) -> None:
    folder, _ = make_room(tmp_path)
    serving = folder.lock()
    assert serving.acquire()
    try:
        result = run("--sessions-dir", str(tmp_path / "sessions"), "room", "close", folder.room.id)
    finally:
        serving.release()
    assert result.code == 1
    assert "al open in een ander venster" in result.err


# the door ------------------------------------------------------------------------
