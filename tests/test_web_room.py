"""A room's browser door over real HTTP: the code form, the shared gate, open pages capped, tickets.

The server runs in the test's event loop (as it runs beside the SSH door in
`room serve`), so the test holds the very `Gate` it checks codes with. The
browser itself (chromium) and the processes a ticket starts are mostly in test_web.py;
a tab taken over by a login elsewhere is here, with real seat apps.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import aiohttp
import pytest

from tests.helpers.room import make_room
from tests.helpers.terminal import free_port
from tui.content.i18n import strings_for
from tui.room.store import RoomFolder
from tui.serve.gate import Gate
from tui.serve.web.lobby import Lobby
from tui.serve.web.room import RoomWebServer

NL = strings_for("nl")


@dataclass
class Door:
    server: RoomWebServer
    url: str
    codes: list[str]
    now: list[float]
    spawned: list[str]


@pytest.fixture
async def door(tmp_path: Path) -> AsyncIterator[Door]:
    folder, codes = make_room(tmp_path, seats=2)
    now = [1000.0]
    spawned: list[str] = []

    def command(room: RoomFolder, label: str) -> list[str]:
        spawned.append(label)
        return ["true"]

    port = free_port()
    server = RoomWebServer(
        folder,
        Gate(clock=lambda: now[0]),
        "127.0.0.1",
        port,
        command=command,
        lobby=Lobby(clock=lambda: now[0]),
    )
    await server.start()
    try:
        yield Door(server, f"http://127.0.0.1:{port}/", codes, now, spawned)
    finally:
        await server.stop()


def page_of(html: str) -> str:
    found = re.search(r'name="page" value="([^"]+)"', html)
    assert found, html
    return found.group(1)


def said(html: str) -> str:
    found = re.search(r'id="said" role="alert">([^<]*)<', html)
    return unescape(found.group(1)) if found else ""


async def new_page(http: aiohttp.ClientSession, url: str) -> str:
    async with http.get(url) as response:
        assert response.status == 200
        return page_of(await response.text())


async def send_code(http: aiohttp.ClientSession, url: str, page: str, code: str) -> tuple[int, str, str]:
    """POST a code; (status, what the page says, where a right code sends the tab)."""
    async with http.post(url, data={"page": page, "code": code}, allow_redirects=False) as response:
        return response.status, said(await response.text()), response.headers.get("Location", "")


async def test_a_burst_of_200_codes_from_one_address_gets_only_a_few_compared(door: Door) -> None:
    async with aiohttp.ClientSession() as http:
        page = await new_page(http, door.url)
        wrong = [f"kaas-molen-{n:02d}" for n in range(200)]
        results = await asyncio.gather(*(send_code(http, door.url, page, code) for code in wrong))
        statuses = [status for status, _, _ in results]
        assert door.server.gate.checked <= 6, door.server.gate.checked
        assert statuses.count(403) == door.server.gate.checked  # compared: wrong
        assert statuses.count(429) == 200 - door.server.gate.checked  # refused before comparing
        waits = {text for status, text, _ in results if status == 429}
        assert all(re.fullmatch(r"Te veel verkeerde codes vanaf dit adres\. Probeer het over \d+ seconden opnieuw\.", w)
                   for w in waits), waits  # fmt: skip
        assert door.server.gate.failures("127.0.0.1") == door.server.gate.checked
        print(f"200 codes in a burst: {door.server.gate.checked} compared")
        while door.server.gate.failures("127.0.0.1") < door.server.gate.free:  # the free tries, one by one
            door.now[0] += 120
            status, _, _ = await send_code(http, door.url, page, "kaas-molen-00")
            assert status == 403
        failures = door.server.gate.failures("127.0.0.1")

        # Later, the participant's own right code opens their seat, and forgets none of the failures.
        door.now[0] += 120
        status, _, location = await send_code(http, door.url, await new_page(http, door.url), door.codes[0])
        assert status == 303 and location.startswith("seat?ticket=")
        assert door.server.gate.failures("127.0.0.1") == failures
        # So the next wrong code from this address waits longer than the one before did.
        status, text, _ = await send_code(http, door.url, await new_page(http, door.url), "kaas-molen-00")
        assert status == 403
        status, text, _ = await send_code(http, door.url, await new_page(http, door.url), "kaas-molen-01")
        assert status == 429 and "Probeer het over" in text
    assert door.spawned == []  # no code page, wrong code or right code started an app


async def test_open_code_pages_are_capped_per_address_and_expire(door: Door) -> None:
    async with aiohttp.ClientSession() as http:
        pages = [await new_page(http, door.url) for _ in range(door.server.lobby.per_address)]
        async with http.get(door.url) as response:
            assert response.status == 429
            assert said(await response.text()) == NL("web.code.busy")
        # A page left without a code for a few minutes is gone: its code is not even compared.
        door.now[0] += door.server.lobby.page_seconds + 1
        status, text, _ = await send_code(http, door.url, pages[0], door.codes[0])
        assert (status, text) == (400, NL("web.code.expired"))
        assert door.server.gate.checked == 0
        # A page id from nowhere is no page either.
        status, text, _ = await send_code(http, door.url, "made-up", door.codes[0])
        assert (status, text) == (400, NL("web.code.expired"))
        assert door.server.gate.checked == 0


async def test_without_a_valid_ticket_no_page_or_websocket_starts_an_app(door: Door) -> None:
    async with aiohttp.ClientSession() as http:
        for path in (
            "ws/x",
            "ws/",
            "ws",
            "seat?ticket=x&width=80",
            "download/x?ticket=x",
            "static/images/background.png",
        ):
            async with http.get(door.url + path, allow_redirects=False) as response:
                assert response.status in (303, 403, 404), path
        for _ in range(20):
            with pytest.raises(aiohttp.WSServerHandshakeError):
                await http.ws_connect(door.url + "ws/made-up?width=65535&height=65535")
        # A right code's ticket is good once; a foreign page cannot use it, even knowing it.
        status, _, location = await send_code(http, door.url, await new_page(http, door.url), door.codes[1])
        ticket = location.split("=", 1)[1]
        async with http.get(door.url + location) as response:
            assert response.status == 200
            assert f'data-socket-path="ws/{ticket}"' in await response.text()
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(door.url + f"ws/{ticket}", headers={"Origin": "http://127.0.0.1:1"})
        assert refused.value.status == 403
        assert door.spawned == []
        async with http.ws_connect(door.url + f"ws/{ticket}", headers={"Origin": door.url.rstrip("/")}) as ws:
            await ws.close()
        assert door.spawned == ["B"]
        with pytest.raises(aiohttp.WSServerHandshakeError):
            await http.ws_connect(door.url + f"ws/{ticket}")  # used
        async with http.get(door.url + location, allow_redirects=False) as response:
            assert response.status == 303  # its page, too, sends the tab back to the form
    assert door.spawned == ["B"]


async def test_the_form_speaks_the_rooms_language_and_refuses_foreign_pages(tmp_path: Path) -> None:
    folder, codes = make_room(tmp_path, seats=1, language="en")
    port = free_port()
    server = RoomWebServer(folder, Gate(), "127.0.0.1", port, command=lambda f, label: ["true"])
    await server.start()
    url = f"http://127.0.0.1:{port}/"
    try:
        async with aiohttp.ClientSession() as http:
            async with http.get(url) as response:
                html = await response.text()
                assert response.headers["Referrer-Policy"] == "no-referrer"
                assert "Set-Cookie" not in response.headers
            assert '<html lang="en">' in html and '<label for="code">Your personal code</label>' in html
            assert "http" not in html.split("<body>")[1]  # nothing loaded from elsewhere
            for foreign in ("http://127.0.0.1:1", "null", "http://evil.example"):
                async with http.get(url, headers={"Origin": foreign}) as response:
                    assert response.status == 403, foreign
                headers = {"Origin": foreign, "Sec-Fetch-Site": "same-site"}
                async with http.post(url, data={"page": page_of(html), "code": codes[0]}, headers=headers,
                                     allow_redirects=False) as response:  # fmt: skip
                    assert response.status == 403, foreign
            async with http.get(url + "static/js/textual.js", headers={"Sec-Fetch-Site": "same-site"}) as response:
                assert response.status == 403  # a script tag on another port's page
            assert server.gate.checked == 0
    finally:
        await server.stop()


async def test_a_full_lobby_sheds_the_greediest_address_not_a_newcomer(tmp_path: Path) -> None:
    folder, codes = make_room(tmp_path, seats=1)
    port = free_port()
    server = RoomWebServer(folder, Gate(), "127.0.0.1", port, command=lambda f, label: ["true"],
                           lobby=Lobby(per_address=3, total=4))  # fmt: skip
    await server.start()
    url = f"http://127.0.0.1:{port}/"

    def from_address(address: str) -> aiohttp.ClientSession:
        return aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(address, 0)))

    try:
        async with from_address("127.0.0.2") as greedy, from_address("127.0.0.3") as other:
            first, *_ = [await new_page(greedy, url) for _ in range(3)]
            async with greedy.get(url) as response:
                assert response.status == 429  # that address's own cap
            await new_page(other, url)
            async with from_address("127.0.0.4") as newcomer:
                page = await new_page(newcomer, url)  # the lobby is full: the greediest address gives way
                status, _, location = await send_code(newcomer, url, page, codes[0])
                assert status == 303 and location.startswith("seat?ticket=")
            status, text, _ = await send_code(greedy, url, first, codes[0])
            assert (status, text) == (400, NL("web.code.expired"))
    finally:
        await server.stop()


FAKE_SEAT_APP = """
import sys
sys.stdout.write("__GANGLION__\\n")
sys.stdout.flush()
seen = b""
while b"quit" not in seen:
    chunk = sys.stdin.buffer.read1(4096)
    if not chunk:
        break
    seen += chunk
"""
"""Says it is a Textual app, as a seat's app does, and leaves when textual-serve says quit."""


async def test_a_browser_seat_counts_as_joined_and_connected_like_an_ssh_one(tmp_path: Path) -> None:
    """The board showed '· 20/48' and '5/6 plekken bezet' while a browser seat was connected."""
    import sys

    from tui.room.store import read_room
    from tui.serve.ssh import RoomServer

    folder, codes = make_room(tmp_path, seats=2)
    ssh = RoomServer(folder)  # not started: only its record of who is here
    changes: list[set[str]] = []
    ssh.on_change = lambda: changes.append(ssh.connected())
    port = free_port()
    server = RoomWebServer(
        folder,
        ssh.gate,
        "127.0.0.1",
        port,
        command=lambda f, label: [sys.executable, "-c", FAKE_SEAT_APP],
        on_seat=ssh.browser_seat,
    )
    await server.start()
    url = f"http://127.0.0.1:{port}/"
    try:
        async with aiohttp.ClientSession() as http:
            _, _, location = await send_code(http, url, await new_page(http, url), codes[0])
            ticket = location.split("=", 1)[1]
            async with http.ws_connect(url + f"ws/{ticket}?width=80&height=24", headers={"Origin": url.rstrip("/")}):
                for _ in range(500):
                    if ssh.connected() == {"A"}:
                        break
                    await asyncio.sleep(0.01)
                assert ssh.connected() == {"A"}
                for _ in range(500):  # saved, as over SSH (the joins of a moment in one save)
                    if read_room(folder.room_file).seat("A").joined is not None:
                        break
                    await asyncio.sleep(0.01)
                assert read_room(folder.room_file).seat("A").joined is not None
                assert read_room(folder.room_file).seat("B").joined is None
            for _ in range(1000):
                if not ssh.connected():
                    break
                await asyncio.sleep(0.01)
            assert ssh.connected() == set()
            assert changes[0] == {"A"} and changes[-1] == set()
    finally:
        await server.stop()


async def _note_shown(tools) -> str:
    """The text of the note the page shows over its terminal ('' while none)."""
    return str(
        await tools.evaluate(
            "[...document.querySelectorAll('.note')].filter(n => getComputedStyle(n).display !== 'none')"
            ".map(n => n.textContent.trim()).join('|')"
        )
    )


async def _seat_in_tab(tools, url: str, code: str, path: Path, score: int) -> int:
    """The tab gives its code, goes on to the walk and answers the first item; its seat app's process id.

    (Only the walk holds the seat file's lock: before it, a login elsewhere finds the seat free.)
    """
    from tests.helpers.browser import send_in_form, until
    from tests.helpers.terminal import answers_in
    from tui.session.lock import SessionLock

    await tools.call("Page.navigate", url=url)
    await until(lambda: tools.evaluate("document.getElementById('code') !== null"))
    assert await send_in_form(tools, code) == ""
    await until(lambda: tools.evaluate("document.body.classList.contains('-first-byte')"))
    await tools.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
    await tools.press("enter")  # the welcome: on to the walk
    await tools.press(str(score))
    await until(lambda: score in answers_in(path).values())
    return int(SessionLock(path).holder_pid() or 0)


@pytest.mark.slow
async def test_a_browser_seat_taken_over_says_so_in_the_rooms_language(tmp_path: Path) -> None:
    """Not textual-serve's English "Session ended", nor the plain "connection closed": the take-over, in Dutch."""
    import tempfile

    from tests.helpers.browser import needs_browser, opened_browser, until
    from tests.helpers.terminal import answers_in
    from tui.room.takeover import free_seat

    needs_browser()
    folder, codes = make_room(tmp_path, seats=2)
    port = free_port()
    server = RoomWebServer(folder, Gate(), "127.0.0.1", port)  # the real seat apps
    await server.start()
    url = f"http://127.0.0.1:{port}/"
    taken = f"{NL('room.taken_over')} {NL('web.again')}"
    path = folder.seat_path("A")
    try:
        with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
            async with opened_browser(Path(profile)) as tools:
                await tools.call("Page.enable")
                # 1. Over SSH (or any other door) a login with the code asks the tab's app to leave.
                first = await _seat_in_tab(tools, url, codes[0], path, 4)
                assert await _note_shown(tools) == ""
                assert await asyncio.to_thread(free_seat, folder, "A")
                await until(lambda: tools.evaluate("document.body.classList.contains('-closed')"))
                assert await _note_shown(tools) == taken
                assert not Path(f"/proc/{first}").exists()
                # 2. Another browser tab with the same code: the server closes this one, saying why.
                await _seat_in_tab(tools, url, codes[0], path, 3)
                async with aiohttp.ClientSession() as http:
                    _, _, location = await send_code(http, url, await new_page(http, url), codes[0])
                    ticket = location.split("=", 1)[1]
                    other = await http.ws_connect(url + f"ws/{ticket}?width=80&height=24")
                    await until(lambda: tools.evaluate("document.body.classList.contains('-closed')"))
                    assert await _note_shown(tools) == taken
                    await other.close()
                # 3. A tab that closes for any other reason still says the plain words.
                await _seat_in_tab(tools, url, codes[1], folder.seat_path("B"), 5)
                await asyncio.gather(*(s.close() for s in list(server.sockets)))
                await until(lambda: tools.evaluate("document.body.classList.contains('-closed')"))
                assert await _note_shown(tools) == f"{NL('web.closed')} {NL('web.again')}"
                assert "Session ended" not in str(await tools.evaluate("document.body.innerText"))
    finally:
        await server.stop()
    assert sorted(answers_in(path).values()) == [3, 4]  # what each tab answered before it was taken over
