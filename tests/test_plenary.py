"""`samenwerken plenary`: the exports of real rooms merged, the minimum group across tables, hostile files.

Every table is a real room (tests/room_helpers.py), its seats answered through the editor,
its report made by the real `room export ROOM --format json`. The golden files live in
tests/golden/ (UPDATE_GOLDEN=1 rewrites them after review).
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.golden import check_golden
from tests.helpers.room import answer
from tui.content import load_code_words, load_tool
from tui.room.model import Agreement
from tui.room.store import RoomFolder, RoomStore
from tui.views.plenary import build_plenary
from tui.views.table_export import MAX_EXPORT_BYTES, TableExport

ITEMS = [item.id for item in load_tool().items]

TABLES: list[tuple[str, list[list[int | str]], list[Agreement]]] = [
    (
        "Tafel Noord",
        [[4, 2, 5], [5, "nvt", 4], [3, 3, 5], [4]],
        [Agreement(text="Samen één aanmeldpunt", who="bestuurders", when="voor de zomer")],
    ),
    ("Tafel Oost", [[2, 2], [1, 3], [2, 4]], []),
    (
        "Tafel *Zuid* <b>",
        [[4, 5], [5, 5], [4, 4]],
        [Agreement(text="Een werkgroep <script>x</script>"), Agreement(text="Volgend jaar weer", when="2027")],
    ),
]


def export_room(run, folder: RoomFolder, target: Path) -> Path:
    """The table's report as its facilitator makes it: `room export ROOM --format json -o FILE`."""
    sessions = folder.path.parent.parent
    result = run(
        "--sessions-dir", str(sessions), "room", "export", folder.room.id, "--format", "json", "-o", str(target)
    )
    assert result.code == 0, result.err
    return target


def table_room(tmp_path: Path, name: str, title: str, seats: int, min_group: int = 3) -> RoomFolder:
    folder, _ = RoomStore(tmp_path / name / "sessions").create(
        title, seats, load_code_words(), "nl", welcome="", min_group=min_group
    )
    return folder


@pytest.fixture
def three_tables(tmp_path: Path, run) -> list[Path]:
    """Three tables on three 'machines' (folders), each exported to a file of its own."""
    files = []
    for n, (title, grid, agreements) in enumerate(TABLES, start=1):
        folder = table_room(tmp_path, f"machine-{n}", title, len(grid))
        for label, scores in zip("ABCD", grid, strict=False):
            answer(folder, label, {ITEMS[i]: s for i, s in enumerate(scores)})
        folder.room.agreements.extend(agreements)
        folder.save()
        files.append(export_room(run, folder, tmp_path / f"tafel-{n}.json"))
    return files


def plenary_json(run, *files: Path) -> dict:
    result = run("plenary", *map(str, files), "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


# golden files --------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "md", "html", "json"])
def test_plenary_of_three_real_tables_matches_golden(three_tables: list[Path], run, fmt: str) -> None:
    result = run("plenary", *map(str, three_tables), "--format", fmt)
    assert result.code == 0, result.err
    assert result.err == ""
    check_golden(f"plenary.{fmt}", result.out)


def test_plenary_adds_up_the_tables_and_shows_how_far_they_lie_apart(three_tables: list[Path], run) -> None:
    data = plenary_json(run, *three_tables)
    assert data["plenary"] == {"tables": 3, "seats": 10, "joined": 0, "min_group": 3, "tool_versions": [3, 3, 3]}
    first = next(i for i in data["items"] if i["id"] == ITEMS[0])
    # Noord 4,5,3,4 · Oost 2,1,2 · Zuid 4,5,4: every seat counted once
    assert first["counts"] == {"1": 1, "2": 2, "3": 1, "4": 4, "5": 2, "nvt": 0}
    assert first["median"] == 4.0 and first["tables_left_out"] == 0
    assert first["tables"] == [{"table": 1, "median": 4.0}, {"table": 2, "median": 2.0}, {"table": 3, "median": 4.0}]
    assert first["between_tables"] == {"lowest": 2.0, "highest": 4.0, "difference": 2.0}
    assert [t["title"] for t in data["tables"]] == ["Tafel Noord", "Tafel Oost", "Tafel *Zuid* <b>"]
    assert data["tables"][2]["agreements"][1] == {"text": "Volgend jaar weer", "who": "", "when": "2027"}
    # largest difference between tables first
    differences = [i["between_tables"]["difference"] for i in data["items"] if "between_tables" in i]
    shown = [d for d in differences if d is not None]
    assert shown == sorted(shown, reverse=True) and shown[0] == 2.5


def test_plenary_in_english(three_tables: list[Path], run) -> None:
    result = run("--lang", "en", "plenary", *map(str, three_tables), "--format", "md")
    assert result.code == 0, result.err
    assert result.out.startswith("# Plenary picture of 3 tables\n")
    assert "difference between tables 2.5 (2.5–5.0)" in result.out
    assert "## Agreements per table" in result.out


# the minimum group across tables ---------------------------------------------------


def test_the_largest_minimum_group_holds_across_tables(tmp_path: Path, run) -> None:
    """Min groups 2, 4 and 3: merged counts need 4 answers, and a table adds only what its own export showed."""
    a = table_room(tmp_path, "a", "Tafel A", 2, min_group=2)
    b = table_room(tmp_path, "b", "Tafel B", 3, min_group=4)
    c = table_room(tmp_path, "c", "Tafel C", 3, min_group=3)
    x, y, z = ITEMS[:3]
    answer(a, "A", {x: 1, y: 4})
    answer(a, "B", {x: 2, y: 5})
    for label in "ABC":
        answer(b, label, {x: 5, y: 5, z: 5})  # three answers: below B's own minimum of four
        answer(c, label, {y: 2})
    files = [export_room(run, room, tmp_path / f"{room.room.title}.json") for room in (a, b, c)]
    exported = json.loads(files[0].read_text("utf-8"))
    assert next(i for i in exported["items"] if i["id"] == x)["counts"]["1"] == 1  # table A shows x itself

    data = plenary_json(run, *files)
    assert data["plenary"]["min_group"] == 4
    items = {i["id"]: i for i in data["items"]}
    # x: A's two answers shown there, B's hidden, C none: 2 < 4, so nothing of x, not even A's median
    assert items[x] == {"id": x, "title": items[x]["title"], "hidden": True, "tables_left_out": 2}
    # y: A (2) and C (3) add up to 5; B's three fives stay out
    assert items[y]["counts"] == {"1": 0, "2": 3, "3": 0, "4": 1, "5": 1, "nvt": 0}
    assert items[y]["tables_left_out"] == 1
    assert [t["table"] for t in items[y]["tables"]] == [1, 3]
    # z: only B answered, and B hid it
    assert items[z]["hidden"] is True and items[z]["tables_left_out"] == 3

    md = run("plenary", *map(str, files), "--format", "md").out
    assert "in totaal 4 plekken hem beantwoordden" in md
    assert "tafels zonder cijfers (te weinig antwoorden daar): 1" in md
    assert "1:0 2:3 3:0 4:1 5:1 n.v.t.:0" in md
    assert "5:3" not in md


# versions of the questions -------------------------------------------------------------


def rewrite(path: Path, change) -> Path:
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data), "utf-8")
    return path


def test_tables_on_different_versions_merge_only_what_reads_alike(three_tables: list[Path], run) -> None:
    tool = load_tool()
    changed = sorted(item.id for item in tool.items if tool.version in item.changed_in)
    older = sorted(item.id for item in tool.items if item.changed_in)
    assert changed and set(changed) < set(older)
    rewrite(three_tables[1], lambda d: d["made_with"].update(tool_version=tool.version - 1))
    data = plenary_json(run, *three_tables)
    assert sorted(x["id"] for x in data["left_out"] if x["why"] == "reworded") == changed
    assert not set(changed) & {i["id"] for i in data["items"]}
    text = run("plenary", *map(str, three_tables)).out
    assert f"verschillende versies van de vragenlijst (3, {tool.version - 1}, 3)" in text

    # an export that does not say its version may be any older one: every reworded item stays out
    rewrite(three_tables[1], lambda d: d.pop("made_with"))
    data = plenary_json(run, *three_tables)
    assert sorted(x["id"] for x in data["left_out"] if x["why"] == "reworded") == older
    assert "onbekend" in run("plenary", *map(str, three_tables)).out


def test_items_not_in_every_file_are_left_out_and_named(three_tables: list[Path], run) -> None:
    rewrite(three_tables[2], lambda d: d.update(items=[i for i in d["items"] if i["id"] != ITEMS[0]]))
    rewrite(three_tables[0], lambda d: d["items"].append({"id": "later.nieuw", "title": "Nieuw", "hidden": True}))
    data = plenary_json(run, *three_tables)
    assert {"id": ITEMS[0], "why": "not_in_all"} in data["left_out"]
    assert {"id": "later.nieuw", "why": "unknown"} in data["left_out"]
    assert ITEMS[0] not in {i["id"] for i in data["items"]}
    text = run("plenary", *map(str, three_tables)).out
    assert "Niet samengevoegd, want niet in het verslag van elke tafel (1): We ervaren (nog) geen noodzaak" in text
    assert "Niet samengevoegd, want onbekend in deze versie van samenwerken (1): later.nieuw" in text


def test_a_newer_version_of_the_questions_is_refused(three_tables: list[Path], run) -> None:
    rewrite(three_tables[2], lambda d: d["made_with"].update(tool_version=99))
    result = run("plenary", *map(str, three_tables))
    assert result.code == 2 and result.out == ""
    assert result.err == (
        f"samenwerken: tafel 3 gebruikte versie 99 van de vragenlijst, deze samenwerken kent tot versie "
        f"{load_tool().version}; werk samenwerken bij\n"
    )


# hostile files -------------------------------------------------------------------------


def _big(path: Path) -> None:
    with path.open("wb") as f:
        f.truncate(MAX_EXPORT_BYTES + 1)


def _grow_counts(data: dict) -> None:
    shown = next(i for i in data["items"] if not i["hidden"])
    shown["counts"]["5"] += 50


HOSTILE = {
    "te-groot": (_big, "is groter dan 8 MB; dat is geen groepsverslag van samenwerken"),
    "geen-json": (lambda p: p.write_text("Tafel Noord: 4, 5, 3\n"), "is geen JSON; maak het verslag met"),
    "binair": (lambda p: p.write_bytes(b"\xff\xfe{\x00"), "is geen JSON"),
    "nan": (lambda p: p.write_text('{"room": NaN, "items": []}'), "is geen JSON"),
    "diep": (lambda p: p.write_text("[" * 200_000), "is geen JSON"),
    "lijst": (lambda p: p.write_text("[1, 2, 3]"), "is geen groepsverslag van een regiosessie"),
    "sessie": (lambda p: p.write_text('{"id": "x", "answers": {}}'), "is geen groepsverslag van een regiosessie"),
}
SHAPES = {
    "min-group-1": (lambda d: d["room"].update(min_group=1), "room.min_group klopt niet"),
    "tekst-als-getal": (lambda d: d["items"][0]["counts"].update({"1": "3"}), "items.0.counts.1 klopt niet"),
    "bool-als-getal": (lambda d: d["seats"].update(total=True), "seats.total klopt niet"),
    "verborgen-met-aantallen": (
        lambda d: d["items"][5].update(counts=dict.fromkeys(["1", "2", "3", "4", "5", "nvt"], 1)),
        "items.5 klopt niet",
    ),
    "halve-letter": (lambda d: d["room"].update(title="\ud800"), "room.title klopt niet"),
    "dubbel": (lambda d: d["items"].append(d["items"][0]), "staat er twee keer in"),
    "meer-dan-plekken": (_grow_counts, "meer antwoorden dan plekken"),
    "onder-minimum": (
        lambda d: d["items"][5].update(hidden=False, counts={"1": 1, "2": 0, "3": 0, "4": 0, "5": 0, "nvt": 0}),
        "onder de eigen minimale groep",
    ),
}


def assert_refused(run, files: list[Path], bad: Path, message: str) -> None:
    result = run("plenary", *map(str, files))
    assert result.code == 2, result.out
    assert result.out == ""
    assert result.err.startswith(f"samenwerken: {bad}: "), result.err
    assert message in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_file_is_named_in_one_dutch_line(three_tables: list[Path], tmp_path: Path, run, name: str) -> None:
    make, message = HOSTILE[name]
    bad = tmp_path / f"{name}.json"
    make(bad)
    assert_refused(run, [three_tables[0], bad, three_tables[1]], bad, message)


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_a_file_of_the_wrong_shape_is_named(three_tables: list[Path], run, name: str) -> None:
    change, message = SHAPES[name]
    rewrite(three_tables[1], change)
    assert_refused(run, three_tables, three_tables[1], message)


def test_a_link_a_folder_a_pipe_and_a_missing_file_are_refused(three_tables: list[Path], tmp_path: Path, run) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(three_tables[0])
    assert_refused(run, [link, three_tables[1]], link, "is een koppeling (symlink); geef het bestand zelf")
    assert_refused(run, [three_tables[0], tmp_path], tmp_path, "is geen gewoon bestand")
    fifo = tmp_path / "pijp.json"
    os.mkfifo(fifo)
    assert_refused(run, [three_tables[0], fifo], fifo, "is geen gewoon bestand")
    missing = tmp_path / "nergens.json"
    assert_refused(run, [three_tables[0], missing], missing, "bestaat niet")


def test_the_same_table_twice_is_refused(three_tables: list[Path], tmp_path: Path, run) -> None:
    copy = tmp_path / "kopie.json"
    copy.write_bytes(three_tables[1].read_bytes())
    result = run("plenary", *map(str, three_tables), str(copy))
    assert result.code == 2
    assert result.err == "samenwerken: tafel 2 en tafel 4 zijn dezelfde regiosessie; geef elk verslag maar één keer\n"


def test_english_errors(three_tables: list[Path], tmp_path: Path, run) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    result = run("--lang", "en", "plenary", str(three_tables[0]), str(bad))
    assert result.code == 2
    assert result.err.startswith(f"samenwerken: {bad}: is not JSON; make the report with")


# -o and --force ---------------------------------------------------------------------------


def test_output_to_a_private_file_and_replaced_only_with_force(three_tables: list[Path], tmp_path: Path, run) -> None:
    target = tmp_path / "plenair.html"
    result = run("plenary", *map(str, three_tables), "--format", "html", "-o", str(target))
    assert result.code == 0, result.err
    assert result.out == "" and result.err == f"{target}\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    first = target.read_text("utf-8")
    assert first.startswith("<!DOCTYPE html>") and "Plenair beeld van 3 tafels" in first

    again = run("plenary", *map(str, three_tables[:2]), "--format", "html", "-o", str(target))
    assert again.code == 1 and "--force" in again.err
    assert target.read_text("utf-8") == first

    forced = run("plenary", *map(str, three_tables[:2]), "--format", "html", "-o", str(target), "--force")
    assert forced.code == 0, forced.err
    assert "Plenair beeld van 2 tafels" in target.read_text("utf-8")


def test_output_never_goes_through_a_link(three_tables: list[Path], tmp_path: Path, run) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    link = tmp_path / "plenair.md"
    link.symlink_to(victim)
    result = run("plenary", *map(str, three_tables), "--format", "md", "-o", str(link), "--force")
    assert result.code != 0 and "Traceback" not in result.err
    assert victim.read_text() == "keep"


# the rule, for any tables ------------------------------------------------------------------

KEYS = ("1", "2", "3", "4", "5", "nvt")


def _export(number: int, min_group: int, answers: list[list[int]]) -> TableExport:
    """A table's export as the room writes it: an item's counts only when `min_group` seats answered it."""
    items = []
    for item_id, counts in zip(ITEMS, answers, strict=False):
        shown = sum(counts) >= min_group
        items.append(
            {"id": item_id, "hidden": not shown} | ({"counts": dict(zip(KEYS, counts, strict=True))} if shown else {})
        )
    seats = max([sum(c) for c in answers] + [min_group])
    return TableExport.model_validate(
        {
            "room": {"id": f"tafel{number}", "title": f"Tafel {number}", "min_group": min_group},
            "seats": {"total": seats, "joined": seats, "finished": 0},
            "items": items + [{"id": i, "hidden": True} for i in ITEMS[len(items) :]],
            "agreements": [],
            "made_with": {"tool_version": load_tool().version},
        }
    )


tables_strategy = st.lists(
    st.tuples(
        st.integers(2, 6),
        st.lists(st.lists(st.integers(0, 3), min_size=6, max_size=6), min_size=1, max_size=4),
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=150, deadline=None)
@given(tables_strategy)
def test_no_merged_figure_below_the_largest_minimum_group(tables: list[tuple[int, list[list[int]]]]) -> None:
    exports = [_export(n, min_group, answers) for n, (min_group, answers) in enumerate(tables, start=1)]
    plenary = build_plenary(load_tool(), exports)
    assert plenary.min_group == max(m for m, _ in tables)
    for p in plenary.items:
        index = ITEMS.index(p.item.id)
        given_counts = [answers[index] if index < len(answers) else [0] * 6 for _, answers in tables]
        shown = [c for c, (m, _) in zip(given_counts, tables, strict=True) if sum(c) >= m]
        if p.counts is None:
            assert sum(map(sum, shown)) < plenary.min_group and p.tables == []
            continue
        assert p.answered >= plenary.min_group
        # exactly the tables that reached their own minimum, added up; the others nothing
        assert [p.counts[k] for k in KEYS] == [sum(col) for col in zip(*shown, strict=True)]
        assert p.left_out == len(tables) - len(shown) and len(p.tables) == len(shown)


def test_text_from_a_table_cannot_steer_a_terminal(three_tables: list[Path], run) -> None:
    """A title or agreement with escape codes or bidi controls: visible stand-ins in the table, escapes in JSON."""

    def poison(data: dict) -> None:
        data["room"]["title"] = "Tafel \x1b[2J\u202eOost"
        data["agreements"] = [{"text": "regel één\nregel \x07twee", "who": "", "when": ""}]

    rewrite(three_tables[1], poison)
    for fmt in ("table", "md", "html", "json"):
        out = run("plenary", *map(str, three_tables), "--format", fmt).out
        assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out, fmt
    table = run("plenary", *map(str, three_tables)).out
    assert "regel één␤regel" in table
    data = plenary_json(run, *three_tables)
    assert data["tables"][1]["title"] == "Tafel \x1b[2J\u202eOost"  # the same text, once parsed


def test_the_table_fits_a_terminal_and_stays_whole_in_a_pipe(three_tables: list[Path]) -> None:
    from tui.content.i18n import strings_for
    from tui.render.plenary import to_table
    from tui.views.table_export import read_table

    plenary = build_plenary(load_tool(), [read_table(path) for path in three_tables])
    strings = strings_for("nl")
    whole, fitted = to_table(plenary, strings), to_table(plenary, strings, width=50)
    assert max(len(line) for line in fitted.splitlines()) <= 50
    assert max(len(line) for line in whole.splitlines()) > 100
    assert " ".join(fitted.split()) == " ".join(whole.split())  # the same words, only wrapped
