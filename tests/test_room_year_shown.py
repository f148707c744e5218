"""Last year beside this year where the facilitator looks: plain `room status` and the room's beamer page.

The rooms are made as `room new --from` makes them (tests/helpers/room_year.py): last
year's seat n answered statement k with (k + n) % 5 + 1, so the first statement's group
was 1, 2, 3, 4 (median 2,5).
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from tests.helpers.room import answer
from tests.helpers.room_year import FIRST, item_ids, last_year, sessions_dir, this_year
from tui.content import load_code_words, load_tool
from tui.content.i18n import strings_for
from tui.room.store import RoomStore
from tui.room.succession import follow_room, read_last_year
from tui.serve.web.beamer_page import fragment
from tui.views.group import SeatReader

NL = strings_for("nl")
TOOL = load_tool()


def status(run, tmp_path: Path, room_id: str) -> str:
    result = run("--sessions-dir", str(sessions_dir(tmp_path)), "room", "status", room_id)
    assert result.code == 0, result.err
    return result.out


def item_words(html: str, item_id: str) -> str:
    found = re.search(rf'<li class="[^"]*" data-item="{re.escape(item_id)}">.*?</li>', html, re.S)
    assert found, item_id
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", found.group(0))).split())


def test_plain_status_puts_last_time_under_each_statement(tmp_path: Path, run) -> None:
    earlier = last_year(tmp_path)
    folder, _ = this_year(tmp_path, earlier)
    for label in "ABC":
        answer(folder, label, {FIRST: 5})
    out = status(run, tmp_path, folder.room.id)
    assert "Volgt ‘Regio Noord 2026’ op." in out
    lines = out.splitlines()
    first = next(n for n, line in enumerate(lines) if "1:0 2:0 3:0 4:0 5:3" in line)
    assert lines[first + 1].strip() == (
        "vorige keer: mediaan 2,5 (1:1 2:1 3:1 4:1 5:0 n.v.t.:0); verschuiving ▲ +2,5 (minder goed)"
    )
    assert "vorige keer" not in status(run, tmp_path, earlier.room.id)  # last year's room follows none


def test_last_times_small_groups_stay_hidden_in_plain_status_and_on_the_beamer(tmp_path: Path, run) -> None:
    """Two seats last year, a minimum group of 3 now: last year shows no counts and no median."""
    earlier = last_year(tmp_path, seats=2, min_group=2)
    folder, _ = follow_room(
        RoomStore(sessions_dir(tmp_path)), read_last_year(earlier), "Regio 2027", 3, load_code_words(), min_group=3
    )
    for label in "ABC":
        answer(folder, label, {FIRST: 4})
    out = status(run, tmp_path, folder.room.id)
    assert "vorige keer: nog te weinig antwoorden" in out and "1:1" not in out
    folder.room.phase = "discussion"
    html = fragment(SeatReader(folder).view(TOOL), folder.room, NL)
    said = item_words(html, FIRST)
    assert "vorige keer –" in said and "verschuiving" not in said


def test_the_beamer_shows_last_times_median_and_the_move_per_item(tmp_path: Path) -> None:
    folder, _ = this_year(tmp_path, last_year(tmp_path))
    for label in "ABC":
        answer(folder, label, {FIRST: 5, item_ids()[2]: 3})
    answer(folder, "A", {item_ids()[1]: 1})  # one answer: hidden this year
    folder.room.phase = "discussion"  # the projector shows what the seats may see
    html = fragment(SeatReader(folder).view(TOOL), folder.room, NL)
    assert item_words(html, FIRST).endswith("vorige keer 2,5 · +2,5 0 0 0 0 3 0")
    hidden = item_words(html, item_ids()[1])  # last year shown, this year too few: no move
    assert "vorige keer 3,5 nog te weinig antwoorden" in hidden, hidden
    third = item_words(html, item_ids()[2])
    assert "vorige keer 3,5 · −0,5" in third, third  # 3, 4, 5, 1 last year

    alone = RoomStore(sessions_dir(tmp_path)).create("Los", 3, load_code_words())[0]
    alone.room.phase = "discussion"
    assert "vorige keer" not in fragment(SeatReader(alone).view(TOOL), alone.room, NL)
