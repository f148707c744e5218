"""The room a year later: `room new --from`, last time in the group report, and `room compare`.

Golden files live in tests/golden/ (UPDATE_GOLDEN=1 rewrites them; review the diff).
"""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.helpers.golden import check_golden
from tests.helpers.room import answer
from tests.helpers.room_year import AGREEMENT, DONE_STEP, FIRST, OPEN_STEP, item_ids, last_year, sessions_dir, this_year
from tests.helpers.session import read_session
from tui.content import load_code_words
from tui.room.codes import seat_for_code
from tui.room.store import RoomFolder, RoomStore, read_room


def new_from(run, tmp_path: Path, earlier: str, *more: str):
    return run(
        "--sessions-dir", str(sessions_dir(tmp_path)), "room", "new", "Regio Noord 2027", "--from", earlier, *more
    )


def rooms_now(tmp_path: Path) -> dict[str, bytes]:
    """Every file under the rooms folder and its bytes: what a refused `--from` must leave as it was."""
    root = sessions_dir(tmp_path) / "rooms"
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def new_room_of(tmp_path: Path, room_id: str) -> RoomFolder:
    return RoomStore(sessions_dir(tmp_path)).find(room_id)


# room new --from ---------------------------------------------------------------------


def test_room_new_from_keeps_the_letters_and_makes_new_codes(tmp_path: Path, run) -> None:
    earlier = last_year(tmp_path, seats=4)
    old_codes = {}
    # last year's codes are gone (only hashes are kept): give seat A a known one to try on the new room
    from tui.room.codes import hash_code

    old_codes["A"] = "kaas-molen-fiets-42"
    earlier.room.seats[0].code_hash = hash_code(old_codes["A"], earlier.room.salt)
    earlier.save()

    result = new_from(run, tmp_path, earlier.room.id, "--seats", "3", "--json")
    assert result.code == 0, result.err
    made = json.loads(result.out)
    assert made["follows"] == earlier.room.id and made["min_group"] == 3
    folder = new_room_of(tmp_path, made["id"])
    assert [s.label for s in folder.room.seats] == ["A", "B", "C"]
    assert len(set(made["codes"])) == 3 and old_codes["A"] not in made["codes"]
    assert seat_for_code(folder.room, old_codes["A"]) is None  # last year's code opens nothing here
    assert seat_for_code(earlier.room, old_codes["A"]) == "A"
    for label, code in zip("ABC", made["codes"], strict=True):
        assert seat_for_code(folder.room, code) == label
        assert seat_for_code(earlier.room, code) is None
    assert folder.room.salt != earlier.room.salt
    # each seat follows its own seat of last year: context, open steps and the agreements carry over
    for label in "ABC":
        now, then = read_session(folder.seat_path(label)), read_session(earlier.seat_path(label))
        assert now["follows"] == then["id"] and now["answers"] == {}
        steps = [s["text"] for s in now.get("next_steps", [])]
        assert AGREEMENT in steps
        assert (OPEN_STEP in steps) == (label == "A") and DONE_STEP not in steps
    assert folder.room.earlier is not None and [s.label for s in folder.room.earlier.seats] == list("ABCD")


def test_room_new_from_says_what_carried_over_and_writes_cards(tmp_path: Path, run) -> None:
    pytest.importorskip("segno")
    earlier = last_year(tmp_path)
    cards = tmp_path / "kaarten.html"
    result = new_from(run, tmp_path, "Regio Noord 2026", "--seats", "5", "--cards", str(cards))
    assert result.code == 0, result.err
    assert f"Volgt ‘Regio Noord 2026’ ({earlier.room.id}) op" in result.out
    assert "plek E:" in result.out  # a fifth seat, new this year, follows nobody
    page = cards.read_text("utf-8")
    codes = [line.split(": ", 1)[1] for line in result.out.splitlines() if line.startswith("  plek ")]
    assert len(codes) == 5 and all(code in page for code in codes)
    made = RoomStore(sessions_dir(tmp_path)).find("Regio Noord 2027")
    assert read_session(made.seat_path("E")).get("follows", "") == ""


def test_the_minimum_group_carries_over_unless_given(tmp_path: Path, run) -> None:
    earlier = last_year(tmp_path, min_group=4)
    result = new_from(run, tmp_path, earlier.room.id, "--seats", "4", "--json")
    assert json.loads(result.out)["min_group"] == 4
    result = new_from(run, tmp_path, earlier.room.id, "--seats", "4", "--json", "--min-group", "2")
    assert json.loads(result.out)["min_group"] == 2


# hostile --from ----------------------------------------------------------------------


def test_a_from_that_is_no_room_is_one_dutch_line_and_makes_nothing(tmp_path: Path, run) -> None:
    last_year(tmp_path)
    before = rooms_now(tmp_path)
    result = new_from(run, tmp_path, "bestaat-niet", "--seats", "3")
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("samenwerken: Geen regiosessie ‘bestaat-niet’")
    not_a_room = tmp_path / "gewone-map"
    not_a_room.mkdir()
    result = new_from(run, tmp_path, str(not_a_room), "--seats", "3")
    assert result.code == 2 and "hier is geen bestand van een regiosessie" in result.err
    assert rooms_now(tmp_path) == before


def test_a_newer_room_is_refused_and_left_alone(tmp_path: Path, run) -> None:
    earlier = last_year(tmp_path)
    text = earlier.room_file.read_text("utf-8").replace("schema_version = 1", "schema_version = 99")
    earlier.room_file.write_text(text, "utf-8")
    before = rooms_now(tmp_path)
    result = new_from(run, tmp_path, str(earlier.path), "--seats", "3")
    assert result.code == 2 and result.out == ""
    assert "geschreven door een nieuwere samenwerken (formaat 99)" in result.err
    assert rooms_now(tmp_path) == before


def test_a_broken_seat_file_names_the_seat_and_makes_nothing(tmp_path: Path, run) -> None:
    earlier = last_year(tmp_path)
    earlier.seat_path("B").write_text("schema_version = 4\nid = [kapot\n", "utf-8")
    before = rooms_now(tmp_path)
    result = new_from(run, tmp_path, earlier.room.id, "--seats", "3")
    assert result.code == 2 and result.out == ""
    assert "plek B van de vorige regiosessie is niet te lezen" in result.err
    assert "Er is geen nieuwe regiosessie gemaakt" in result.err
    assert result.err.count("\n") == 1
    assert rooms_now(tmp_path) == before


# last time in the group report and room status --json ----------------------------------


def test_status_json_shows_last_time_and_what_moved_per_item(tmp_path: Path, run) -> None:
    earlier = last_year(tmp_path)
    folder, _ = this_year(tmp_path, earlier)
    for label in "ABC":
        answer(folder, label, {FIRST: 5})
    answer(folder, "A", {item_ids()[1]: 1})
    result = run("--sessions-dir", str(sessions_dir(tmp_path)), "room", "status", folder.room.id, "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["earlier"] == {"id": earlier.room.id, "title": "Regio Noord 2026", "min_group": 3}
    items = {i["id"]: i for i in data["items"]}
    first = items[FIRST]
    assert first["counts"]["5"] == 3 and first["median"] == 5.0
    assert first["earlier"] == {
        "hidden": False,
        "counts": {"1": 1, "2": 1, "3": 1, "4": 1, "5": 0, "nvt": 0},
        "median": 2.5,
    }
    assert first["moved"] == 2.5 and first["better"] is False  # a high answer is bad news here
    second = items[item_ids()[1]]  # one seat answered it this year: hidden now, last year shown, no move
    assert second["hidden"] is True and "counts" not in second
    assert second["earlier"]["hidden"] is False and second["moved"] is None


def test_the_group_report_puts_last_time_under_each_statement(tmp_path: Path, run) -> None:
    folder, _ = this_year(tmp_path, last_year(tmp_path))
    for label in "ABC":
        answer(folder, label, {FIRST: 5})
    sessions = str(sessions_dir(tmp_path))
    md = run("--sessions-dir", sessions, "room", "export", folder.room.id).out
    assert "Volgt ‘Regio Noord 2026’ op." in md
    assert "  - vorige keer: mediaan 2,5 (1:1 2:1 3:1 4:1 5:0 n.v.t.:0); verschuiving ▲ +2,5 (minder goed)" in md
    html = run("--sessions-dir", sessions, "room", "export", folder.room.id, "--format", "html").out
    assert "vorige keer: mediaan 2,5" in html and "verschuiving ▲ +2,5 (minder goed)" in html


def test_a_room_that_follows_none_reports_as_before(tmp_path: Path, run) -> None:
    earlier = last_year(tmp_path)
    data = json.loads(
        run("--sessions-dir", str(sessions_dir(tmp_path)), "room", "status", earlier.room.id, "--json").out
    )
    assert "earlier" not in data and all("earlier" not in i and "moved" not in i for i in data["items"])


def test_last_times_counts_below_the_minimum_group_stay_hidden(tmp_path: Path, run) -> None:
    """Last year two seats answered the second statement: with a minimum group of 3 nothing of it shows."""
    earlier = last_year(tmp_path, seats=2, min_group=2)
    folder, _ = RoomStore(sessions_dir(tmp_path)).create("Leeg", 3, load_code_words())  # unrelated, ignored
    result = new_from(run, tmp_path, earlier.room.id, "--seats", "3", "--min-group", "3", "--json")
    made = new_room_of(tmp_path, json.loads(result.out)["id"])
    data = json.loads(run("--sessions-dir", str(sessions_dir(tmp_path)), "room", "status", made.room.id, "--json").out)
    assert all(i["earlier"] == {"hidden": True} and i["moved"] is None for i in data["items"])


# room compare ---------------------------------------------------------------------------

GOLDEN_WHEN = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def fixed(folder: RoomFolder, room_id: str) -> RoomFolder:
    """The room with a fixed id and date, so the golden files stay the same from run to run."""
    folder.room.id = room_id
    folder.room.created = GOLDEN_WHEN
    folder.save()
    return RoomFolder(folder.path, read_room(folder.room_file))


@pytest.fixture
def two_rooms(tmp_path: Path) -> tuple[RoomFolder, RoomFolder]:
    earlier = last_year(tmp_path)
    later, _ = this_year(tmp_path, earlier, seats=3)
    ids = item_ids()
    for n, label in enumerate("ABC"):
        answer(later, label, {item_id: min(5, (k + n) % 5 + 2) for k, item_id in enumerate(ids[:-3])})
    answer(later, "A", {ids[-1]: 3})  # one seat only: hidden this year
    later.room.title = 'Regio <Noord> "2027" & *zo*'  # the facilitator's words, kept literal
    later.save()
    return fixed(earlier, "golden2026"), fixed(later, "golden2027")


def compare(run, tmp_path: Path, *argv: str):
    return run("--sessions-dir", str(sessions_dir(tmp_path)), "room", "compare", *argv)


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_room_compare_matches_the_golden_file(two_rooms, tmp_path: Path, run, fmt: str) -> None:
    result = compare(run, tmp_path, "golden2026", "golden2027", "--format", fmt)
    assert result.code == 0, result.err
    check_golden(f"room-compare.{fmt}", result.out)


def test_room_compare_table_reads_on_a_terminal(two_rooms, tmp_path: Path, run) -> None:
    result = compare(run, tmp_path, "golden2026", "golden2027")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Twee regiosessies vergeleken"
    assert lines[1] == "Eerder: Regio Noord 2026 — 0 van de 4 plekken bezet, 4 klaar"
    assert "Per deel: mediaan van de groep (hoger is beter)" in lines
    assert any("▲ +" in line and "Het lukt ons niet" in line for line in lines)
    english = compare(run, tmp_path, "golden2026", "golden2027", "--lang", "en")
    assert english.out.startswith("Two regional sessions compared\nEarlier: Regio Noord 2026")


def test_room_compare_json_compares_groups_only(two_rooms, tmp_path: Path, run) -> None:
    data = json.loads(compare(run, tmp_path, "golden2026", "golden2027", "--format", "json").out)
    assert data["min_group"] == 3
    for item in data["items"]:
        assert set(item) == {"id", "title", "before", "after", "shift", "better"}
        for side in (item["before"], item["after"]):
            assert set(side) in ({"hidden"}, {"hidden", "counts", "median"})
    last = {i["id"]: i for i in data["items"]}[item_ids()[-1]]
    assert last["after"] == {"hidden": True} and last["shift"] is None
    assert data["items"][-1]["id"] in {i for i in item_ids()[-3:]}  # hidden now: last


def test_room_compare_holds_the_larger_minimum_group_of_the_two(tmp_path: Path, run) -> None:
    small = last_year(tmp_path, seats=3, min_group=2, title="Klein")
    large, _ = RoomStore(sessions_dir(tmp_path)).create("Groot", 6, load_code_words(), min_group=4)
    for label in "ABC":
        answer(large, label, {FIRST: 4})
    data = json.loads(compare(run, tmp_path, "Klein", "Groot", "--format", "json").out)
    assert data["min_group"] == 4
    first = {i["id"]: i for i in data["items"]}[FIRST]
    # three seats answered in each room: below four, so neither side shows a count
    assert first["before"] == {"hidden": True} and first["after"] == {"hidden": True}
    assert small.room.min_group == 2 and read_room(small.room_file).min_group == 2  # nothing written


def test_room_compare_writes_a_private_file_and_replaces_it_only_with_force(two_rooms, tmp_path: Path, run) -> None:
    target = tmp_path / "vergelijking.html"
    result = compare(run, tmp_path, "golden2026", "golden2027", "--format", "html", "-o", str(target))
    assert result.code == 0 and result.out == "" and result.err == f"{target}\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    first = target.read_text("utf-8")
    again = compare(run, tmp_path, "golden2026", "golden2027", "--format", "md", "-o", str(target))
    assert again.code == 1 and "--force" in again.err and target.read_text("utf-8") == first
    forced = compare(run, tmp_path, "golden2026", "golden2027", "--format", "md", "-o", str(target), "--force")
    assert forced.code == 0 and target.read_text("utf-8").startswith("# Twee regiosessies vergeleken")


def test_room_compare_refuses_the_same_room_twice_and_an_unknown_one(two_rooms, tmp_path: Path, run) -> None:
    same = compare(run, tmp_path, "golden2026", "golden2026")
    assert same.code == 2 and "twee keer dezelfde regiosessie" in same.err
    unknown = compare(run, tmp_path, "golden2026", "nergens")
    assert unknown.code == 2 and "Geen regiosessie ‘nergens’" in unknown.err


def test_a_follow_ups_report_still_merges_into_a_plenary(tmp_path: Path, run) -> None:
    earlier = last_year(tmp_path)
    folder, _ = this_year(tmp_path, earlier)
    for label in "ABC":
        answer(folder, label, {FIRST: 5})
    sessions = str(sessions_dir(tmp_path))
    files = []
    for room_id, name in ((earlier.room.id, "a.json"), (folder.room.id, "b.json")):
        target = tmp_path / name
        assert (
            run("--sessions-dir", sessions, "room", "export", room_id, "--format", "json", "-o", str(target)).code == 0
        )
        files.append(str(target))
    merged = run("plenary", *files, "--format", "json")
    assert merged.code == 0, merged.err
    first = {i["id"]: i for i in json.loads(merged.out)["items"]}[FIRST]
    assert first["counts"]["5"] == 3 and "earlier" not in first


def test_a_lost_copy_of_last_year_leaves_the_rest_standing(tmp_path: Path, run) -> None:
    """Someone removed seat D's copy: last time is then the other three seats, still at the minimum group."""
    folder, _ = this_year(tmp_path, last_year(tmp_path))
    assert folder.room.earlier is not None
    (folder.seats_dir / folder.room.earlier.seats[3].file).unlink()
    data = json.loads(
        run("--sessions-dir", str(sessions_dir(tmp_path)), "room", "status", folder.room.id, "--json").out
    )
    first = {i["id"]: i for i in data["items"]}[FIRST]
    assert first["earlier"]["counts"] == {"1": 1, "2": 1, "3": 1, "4": 0, "5": 0, "nvt": 0}
    (folder.seats_dir / folder.room.earlier.seats[2].file).write_text("kapot = [", "utf-8")
    data = json.loads(
        run("--sessions-dir", str(sessions_dir(tmp_path)), "room", "status", folder.room.id, "--json").out
    )
    assert all(i["earlier"] == {"hidden": True} for i in data["items"])  # two seats left: below three


def test_room_new_from_in_english(tmp_path: Path, run) -> None:
    earlier = last_year(tmp_path)
    result = new_from(run, tmp_path, earlier.room.id, "--seats", "2", "--lang", "en")
    assert result.code == 0, result.err
    assert f"Follows up 'Regio Noord 2026' ({earlier.room.id}): every seat keeps its letter" in result.out
    earlier.seat_path("A").write_text("kapot = [", "utf-8")
    refused = new_from(run, tmp_path, earlier.room.id, "--seats", "2", "--lang", "en")
    assert refused.code == 2 and "seat A of the earlier regional session cannot be read" in refused.err
