"""The beamer view without a browser: its key, its routes on the room's browser door, what its page shows.

The door runs in the test's event loop (as in test_web_room.py); the room is
changed as the board changes it (room.toml written) and as a seat does (its
session file). The page in chromium is in test_beamer_browser.py.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.helpers.room import FakeServer, answer, make_room
from tests.helpers.terminal import free_port
from tui.content import load_tool
from tui.content.i18n import strings_for
from tui.room.model import Agreement, Discussion
from tui.room.serving import ServeOptions, how_to_join
from tui.room.store import RoomFolder, read_room
from tui.serve.web.beamer import Beamer
from tui.serve.web.beamer_page import fragment, part_items, shown_part
from tui.serve.web.room import RoomWebServer

NL, EN = strings_for("nl"), strings_for("en")
TOOL = load_tool()
KEY = "k" * 32
WHY = "waarom.geen-noodzaak"


@dataclass
class Door:
    server: RoomWebServer
    base: str
    folder: RoomFolder
    spawned: list[str]

    @property
    def url(self) -> str:
        return f"{self.base}beamer/{KEY}"


@pytest.fixture
async def door(tmp_path: Path) -> AsyncIterator[Door]:
    folder, _ = make_room(tmp_path, seats=4)
    spawned: list[str] = []

    def command(room: RoomFolder, label: str) -> list[str]:
        spawned.append(label)
        return ["true"]

    port = free_port()
    server = RoomWebServer(folder, _gate(), "127.0.0.1", port, command=command, beamer_key=KEY)
    await server.start()
    try:
        yield Door(server, f"http://127.0.0.1:{port}/", folder, spawned)
    finally:
        await server.stop()


def _gate() -> Any:
    from tui.serve.gate import Gate

    return Gate()


def words(html: str) -> list[str]:
    """What a person reads on the page: the text without tags."""
    return unescape(re.sub(r"<[^>]+>", " ", html)).split()


def item_html(html: str, item_id: str) -> str:
    found = re.search(rf'<li class="[^"]*" data-item="{re.escape(item_id)}">.*?</li>', html)
    assert found, item_id
    return found.group(0)


async def status_of(http: aiohttp.ClientSession, url: str, **headers: str) -> int:
    async with http.get(url, headers=headers, allow_redirects=False) as response:
        return response.status


# the key --------------------------------------------------------------------


async def test_without_its_key_every_beamer_request_is_refused(door: Door) -> None:
    async with aiohttp.ClientSession() as http:
        assert await status_of(http, door.url) == 200
        assert await status_of(http, door.url + "/state") == 200
        refused = ["beamer", "beamer/", "beamer/state", f"beamer/{KEY[:-1]}", f"beamer/{KEY[:-1]}x",
                   f"beamer/{KEY}k", f"beamer/{KEY[:-1]}x/state", f"beamer/{KEY * 10}", f"beamerx/{KEY}",
                   f"beamer/{KEY.upper()}", f"beamer/%00{KEY}"]  # fmt: skip
        for path in refused:
            assert await status_of(http, door.base + path) == 403, path
        assert door.server.beamer is not None and door.server.beamer.refused == len(refused)
        assert await status_of(http, door.url + "/other") == 404
        # Another site's page cannot read it, even with the key; a link to the page itself may be followed.
        assert await status_of(http, door.url + "/state", Origin="http://evil.example") == 403
        assert await status_of(http, door.url + "/state", **{"Sec-Fetch-Site": "cross-site"}) == 403
        crossing = {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"}
        assert await status_of(http, door.url, **crossing) == 200
        assert await status_of(http, door.base + "beamer/wrong", **crossing) == 403
        assert len(http.cookie_jar) == 0
    assert door.spawned == [] and door.server.seats == {} and door.server.tabs == {}  # no seat, no process


async def test_the_page_runs_only_its_own_script_and_style(door: Door) -> None:
    async with aiohttp.ClientSession() as http, http.get(door.url) as response:
        policy = response.headers["Content-Security-Policy"]
        page = await response.text()
        assert response.headers["Referrer-Policy"] == "no-referrer"  # the key never leaves in a Referer
        assert response.headers["Cache-Control"] == "no-store"
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", policy)
    assert page.count("<script") == 1 and "http" not in page.split("<body>")[1]  # nothing from elsewhere
    assert ' style="' not in page


def test_a_beamer_key_is_new_for_every_serve_and_long(tmp_path: Path) -> None:
    first, second = ServeOptions(web=8080), ServeOptions(web=8080)
    assert first.beamer_key != second.beamer_key
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", first.beamer_key)  # 24 bytes: 192 bits
    lines = how_to_join(first, 2222, "SHA256:x", NL)
    assert f"Beamer: http://127.0.0.1:8080/beamer/{first.beamer_key}" in lines
    assert not any("Beamer" in line for line in how_to_join(ServeOptions(), 2222, "SHA256:x", NL))  # no --web
    assert first.beamer_key not in repr(first)
    folder, _ = make_room(tmp_path)
    with pytest.raises(ValueError):
        Beamer(folder, "short", NL)


# following the room --------------------------------------------------------


async def test_the_state_follows_the_room_file_and_the_seats(door: Door) -> None:
    facilitator = RoomFolder(door.folder.path, read_room(door.folder.room_file))
    async with aiohttp.ClientSession() as http:

        async def state() -> str:
            async with http.get(door.url + "/state") as response:
                assert response.status == 200
                assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
                return await response.text()

        async def until(condition: Any) -> str:
            for _ in range(100):
                html = await state()
                if condition(html):
                    return html
                await asyncio.sleep(0.05)
            raise AssertionError(html)

        first = await state()
        assert "0 van 4 plekken klaar" in first and "In gesprek" not in first
        facilitator.room.phase = "discussion"  # counts reach the projector only where the seats see them
        facilitator.room.discussion = Discussion(item=WHY)
        facilitator.room.agreements = [Agreement(text="Agenda <vooraf> delen", who="Anna")]
        facilitator.save()
        html = await until(lambda h: "In gesprek" in h)
        assert "Agenda &lt;vooraf&gt; delen" in html and "(Anna)" in html
        assert 'class="hidden discussed" data-item="waarom.geen-noodzaak"' in html
        for label in "ABC":
            answer(door.folder, label, {WHY: 4})
        html = await until(lambda h: 'class="discussed" data-item="waarom.geen-noodzaak"' in h)
        assert 'aria-label="1: 0, 2: 0, 3: 0, 4: 3, 5: 0, n.v.t.: 0"' in item_html(html, WHY)
    assert door.folder.room.discussion is None  # the door's room in memory was only read, never changed


async def test_tabs_asking_at_once_share_one_reading_of_the_files(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path)
    now = [100.0]
    beamer = Beamer(folder, KEY, NL, TOOL, clock=lambda: now[0])
    made = 0
    make = beamer.make

    def counted() -> str:
        nonlocal made
        made += 1
        return make()

    beamer.make = counted  # type: ignore[method-assign]
    shown = await asyncio.gather(*(beamer.shown() for _ in range(30)))
    assert made == 1 and len(set(shown)) == 1
    now[0] += 0.6
    await beamer.shown()
    assert made == 2


# what it shows ---------------------------------------------------------------


def view_of(folder: RoomFolder) -> Any:
    from tui.views.group import SeatReader

    return SeatReader(folder).view(TOOL)


def test_counts_stay_hidden_below_the_rooms_minimum(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path, seats=4)
    folder.room.phase = "discussion"
    assert folder.room.min_group == 3
    answer(folder, "A", {WHY: 1})
    answer(folder, "B", {WHY: 5})
    html = fragment(view_of(folder), folder.room, NL)
    row = item_html(html, WHY)
    assert "nog te weinig antwoorden" in row and "bars" not in row and "aria-label" not in row
    assert not re.search(r">\s*[15]\s*<", row)  # neither answer, not even as a count
    assert f"Aantallen vanaf 3 antwoorden; {len(TOOL.items)} uitspraken: nog te weinig antwoorden." in " ".join(
        words(html)
    )
    answer(folder, "C", {WHY: "nvt"})
    row = item_html(fragment(view_of(folder), folder.room, NL), WHY)
    assert 'aria-label="1: 1, 2: 0, 3: 0, 4: 0, 5: 1, n.v.t.: 1"' in row and "h20" in row


def test_the_page_shows_one_part_with_direction_and_no_seat_letters(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path, seats=3, title="Regio Noord")
    for label in "ABC":
        answer(folder, label, {WHY: 2}, {WHY: "Wij zien het anders"}, shared={WHY})
    view = view_of(folder)
    html = fragment(view, folder.room, NL)
    first = view.parts[0]
    assert f"Deel 1 van {len(view.parts)}: Waarom (nog) niet?" in unescape(html)
    assert "↓ hoog antwoord is ongunstig" in html
    assert html.count("<li class=") == len(first.part.items)
    assert all(f'data-item="{item.id}"' in html for item in first.part.items)
    assert "1↓" in item_html(html, WHY)
    assert "3 van 3 plekken klaar" not in html and "0 van 3 plekken klaar" in html  # one item is not done
    assert not {"A", "B", "C"} & set(words(html))  # no seat letters
    assert "Wij zien het anders" not in html  # remarks only beside the item under discussion, where shared

    # The part of the item under discussion, with its shared remark kept out of the beamer (no names there either).
    helps = view.parts[1].part.items[0]
    answer(folder, "A", {helps.id: 5})
    folder.room.discussion = Discussion(item=helps.id)
    view = view_of(folder)
    html = fragment(view, folder.room, EN)
    assert f"Part 2 of {len(view.parts)}" in html and "Under discussion:" in html
    assert 'class="hidden discussed"' in html and "↑ a high answer is good" in html


def test_the_board_picks_the_part_and_the_phase_decides_what_the_projector_shows(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path)
    for label in "ABC":
        answer(folder, label, {WHY: 4})
    room = folder.room
    view = view_of(folder)
    ids = [p.part.id for p in view.parts]
    assert shown_part(room, view) == 0
    room.shown_part = ids[3]
    assert shown_part(room, view) == 3
    room.shown_part = "gone"
    assert shown_part(room, view) == 0
    room.shown_part = None
    html = fragment(view, room, NL)  # answering: no counts on the projector, as on the seats
    assert "Fase 1 van 4: antwoorden" in html and "nog niet getoond" in item_html(html, WHY)
    assert "aria-label" not in html
    room.phase, room.revealed_parts, room.shown_part = "reveal", [], ids[0]
    assert "nog niet getoond" in item_html(fragment(view, room, NL), WHY)
    room.revealed_parts = [ids[0]]
    html = fragment(view, room, NL)
    assert f"Deel 1 van {len(ids)}" in html and '<p class="phase">Fase 2 van 4: resultaten tonen</p>' in html
    assert 'aria-label="1: 0, 2: 0, 3: 0, 4: 3, 5: 0, n.v.t.: 0"' in item_html(html, WHY)
    assert [g.item.id for g in part_items(view, view.parts[4])] == [i.id for i in view.parts[4].part.items]


def test_many_agreements_show_the_newest(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path)
    folder.room.agreements = [Agreement(text=f"Afspraak {n}") for n in range(9)]
    html = fragment(view_of(folder), folder.room, NL)
    assert "Afspraken van de groep (9)" in html
    assert "Afspraak 0<" not in html and html.index("Afspraak 8<") < html.index("Afspraak 1<")  # newest first


async def test_the_board_shows_the_beamer_line(tmp_path: Path) -> None:
    from tests.helpers.room_apps import ROOM_CHECK_SECONDS, as_facilitator, screen_text
    from tui.app.factory import make_app
    from tui.app.start import Board

    folder, _ = make_room(tmp_path)
    url = f"http://127.0.0.1:8080/beamer/{KEY}"
    server = FakeServer(as_facilitator(folder), web_url="http://127.0.0.1:8080", beamer_url=url)
    app = make_app(server.folder.seat_store(), Board(server))  # type: ignore[arg-type]
    app.room_check_seconds = ROOM_CHECK_SECONDS
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert f"Beamer: {url}" in screen_text(app)
