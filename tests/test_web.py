"""The app in a real headless browser: `samenwerken serve`, Debian's chromium, driven over the DevTools protocol.

No browser is downloaded: the test uses /usr/bin/chromium (`.ci/run` installs the
package when it is missing) and speaks the DevTools protocol over aiohttp's
websocket client, which textual-serve brings along.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from base64 import b64decode
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.ptyapp import answers_in, free_port
from tui.session import SessionStore

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
REQUESTED = os.environ.get("SAMENWERKEN_BROWSER_TEST") == "1"
SCREENSHOT = ROOT / "docs" / "browser.png"
KEYS = {
    "enter": {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "text": "\r"},
    "tab": {"key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9},
    **{str(n): {"key": str(n), "code": f"Digit{n}", "windowsVirtualKeyCode": 48 + n, "text": str(n)} for n in range(6)},
    **{c: {"key": c, "code": f"Key{c.upper()}", "windowsVirtualKeyCode": ord(c.upper()), "text": c} for c in "eo"},
}


def browser() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


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
    assert status_of(url) == 200
    for path in ("", "?token=wrong", "ws", "static/js/textual.js", "download/x"):
        assert status_of(base + path) == 403, path


class DevTools:
    """The little of the DevTools protocol this test needs: navigate, evaluate, keys, screenshot."""

    def __init__(self, websocket: Any) -> None:
        self.websocket = websocket
        self.ids = itertools.count(1)

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        call_id = next(self.ids)
        await self.websocket.send_json({"id": call_id, "method": method, "params": params})
        while True:
            message = json.loads((await self.websocket.receive()).data)
            if message.get("id") == call_id:
                if "error" in message:
                    raise AssertionError(message["error"])
                return dict(message.get("result", {}))

    async def evaluate(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def press(self, name: str) -> None:
        key = KEYS[name]
        await self.call("Input.dispatchKeyEvent", type="keyDown", **key)
        await self.call("Input.dispatchKeyEvent", type="keyUp", **{k: v for k, v in key.items() if k != "text"})


async def until(condition: Any, timeout: float = 30.0) -> None:
    """Poll `condition()` (which may be a coroutine function) until it holds."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while loop.time() < end:
        held = condition()
        if asyncio.iscoroutine(held):
            held = await held
        if held:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not reached")


@contextlib.asynccontextmanager
async def opened_browser(profile: Path) -> AsyncIterator[DevTools]:
    """Headless chromium with one page, driven over the DevTools protocol."""
    import aiohttp

    chromium = subprocess.Popen(
        [browser() or "chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0",
         f"--user-data-dir={profile}", "--window-size=1000,640", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        port_file = profile / "DevToolsActivePort"
        await until(lambda: port_file.exists() and len(port_file.read_text().splitlines()) >= 2)
        port = port_file.read_text().splitlines()[0]
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/json/list") as response:
                page = next(t for t in await response.json() if t["type"] == "page")
            async with http.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as websocket:
                yield DevTools(websocket)
    finally:
        chromium.terminate()
        chromium.wait(15)


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
        done = downloads / f"{stored.path.stem}.md"
        await until(done.exists)


def test_three_answers_typed_in_a_browser_are_in_the_session_file(served: tuple[str, SessionStore]) -> None:
    needs_browser()
    url, store = served
    downloads = store.root.parent / "downloads"
    downloads.mkdir()
    with tempfile.TemporaryDirectory() as profile:
        asyncio.run(drive(url, store, Path(profile), downloads))
    path = store.scan()[0][0].path
    assert answers_in(path) == {
        "waarom.geen-noodzaak": 1,
        "waarom.niet-op-netvlies": 2,
        "waarom.niet-willen": 3,
        "helpt.urgentie": 4,
    }
    assert SCREENSHOT.stat().st_size > 10_000
    report = (downloads / f"{path.stem}.md").read_text("utf-8")
    assert report.startswith("# In de browser")
    assert not (store.root / "exports").exists()  # nothing left on the server


def needs_browser() -> None:
    if browser() is None:
        if REQUESTED:
            pytest.fail("chromium is missing: apt-get install chromium")
        pytest.skip("no chromium here (Debian package chromium)")


async def join_room_in_browser(url: str, codes: list[str], folder: Any, profile: Path) -> None:
    from tui.room.shared_door import LIMIT

    async with opened_browser(profile) as tools:
        await tools.call("Page.enable")
        await open_app(tools, url)
        door = folder.path / ".door.json"
        # A wrong code is refused and counted for this address.
        await tools.call("Input.insertText", text="kaas-molen-00")
        await tools.press("enter")
        await until(lambda: door.exists() and "127.0.0.1" in door.read_text())
        assert len(json.loads(door.read_text())["127.0.0.1"]) == 1 < LIMIT
        # The right code opens seat B: its welcome, then the walk, as over SSH.
        await tools.call("Input.insertText", text=codes[1])
        await tools.press("enter")
        await until(lambda: "127.0.0.1" not in door.read_text())  # a success clears the count
        lock = folder.seats_dir / ".locks" / f"{folder.room.seat('B').file}.lock"
        await until(lock.exists)
        await tools.press("enter")
        await tools.press("2")
        await until(lambda: answers_in(folder.seat_path("B")) == {"waarom.geen-noodzaak": 2})


def test_a_participant_joins_a_room_from_a_browser_tab_with_their_code(tmp_path: Path) -> None:
    from tests.room_helpers import make_room

    needs_browser()
    folder, codes = make_room(tmp_path, seats=2)
    ssh_port, web_port = free_port(), free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "--sessions-dir", str(tmp_path / "sessions"), "room", "serve", folder.room.id,
         "--headless", "--port", str(ssh_port), "--web", str(web_port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        said = [process.stdout.readline().decode() for _ in range(3)]
        assert said[2].startswith(f"Of in een browser: http://127.0.0.1:{web_port}"), said
        with tempfile.TemporaryDirectory() as profile:
            asyncio.run(join_room_in_browser(f"http://127.0.0.1:{web_port}/", codes, folder, Path(profile)))
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)
    assert answers_in(folder.seat_path("A")) == {}
