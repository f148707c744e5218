"""Debian's chromium, headless, driven over the DevTools protocol (for the browser tests).

No browser is downloaded: the tests use /usr/bin/chromium (`.ci/run` installs the package
when it is missing) and speak the protocol over aiohttp's websocket client, which
textual-serve brings along. They run only when SAMENWERKEN_BROWSER_TEST=1 asks for them.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import shutil
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

REQUESTED = os.environ.get("SAMENWERKEN_BROWSER_TEST") == "1"

KEYS = {
    "enter": {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "text": "\r"},
    "tab": {"key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9},
    **{str(n): {"key": str(n), "code": f"Digit{n}", "windowsVirtualKeyCode": 48 + n, "text": str(n)} for n in range(6)},
    **{c: {"key": c, "code": f"Key{c.upper()}", "windowsVirtualKeyCode": ord(c.upper()), "text": c} for c in "eo"},
}


def browser() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class DevTools:
    """The little of the DevTools protocol the browser tests need: navigate, evaluate, keys, screenshot."""

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


def needs_browser() -> None:
    if browser() is None:
        if REQUESTED:
            pytest.fail("chromium is missing: apt-get install chromium")
        pytest.skip("no chromium here (Debian package chromium)")


async def send_in_form(tools: DevTools, code: str) -> str:
    """Type `code` into the room's form and press Enter; what the next page says ('' for the seat's page)."""
    await tools.evaluate("window.beforeThisCode = true; document.getElementById('code').focus()")
    await tools.call("Input.insertText", text=code)
    await tools.press("enter")

    async def next_page() -> bool:
        try:
            return bool(
                await tools.evaluate("window.beforeThisCode === undefined && document.readyState === 'complete'")
            )
        except AssertionError as error:  # asked while the page was being replaced: ask again
            if "navigated or closed" in str(error):
                return False
            raise

    await until(next_page)
    return str(await tools.evaluate("document.getElementById('said')?.textContent ?? ''"))
