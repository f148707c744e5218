"""A participant takes their reflection home through the real doors: OpenSSH's client, and chromium.

Over SSH the seat's export shows the `bewaar` command with the room's real port (and
writes nothing beside the room); in a browser tab it is a download.
"""

from __future__ import annotations

import asyncio
import tempfile
import tomllib
from pathlib import Path

import pytest

from tests.helpers.browser import needs_browser, opened_browser, send_in_form, until
from tests.helpers.served import served_room
from tests.helpers.ssh import Served, enter_walk
from tests.helpers.terminal import answers_in, wait_for

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


def test_a_seats_export_over_ssh_says_the_bewaar_command_with_the_rooms_port(served: Served) -> None:
    sessions = served.sessions
    terminal = served.join(served.codes[0])
    try:
        enter_walk(terminal, "A")
        terminal.send("4")
        assert wait_for(lambda: len(answers_in(served.folder.seat_path("A"))) == 1, 15)
        terminal.send("o")
        # The overview's own first heading (the walk's key bar also says 'Overzicht', a diff may split it).
        assert wait_for(lambda: b"Per deel" in terminal.output, 15), bytes(terminal.output[-600:])
        terminal.send("e")
        command = f"ssh -p {served.port} regio@127.0.0.1 bewaar > mijn-reflectie.toml".encode()
        assert wait_for(lambda: command in terminal.output, 15), bytes(terminal.output[-1500:])
        assert f"ssh -p {served.port} regio@127.0.0.1 bewaar md > mijn-reflectie.md".encode() in terminal.output
        assert b"Ge\xc3\xabxporteerd naar" not in terminal.output
        assert str(sessions).encode() not in terminal.output  # no path on the facilitator's machine
    finally:
        terminal.close()
    assert not [p for p in sessions.rglob("*") if p.name == "exports"]


DOWN = {"key": "ArrowDown", "code": "ArrowDown", "windowsVirtualKeyCode": 40}


async def take_home_in_browser(url: str, code: str, folder, profile: Path, downloads: Path) -> None:
    async with opened_browser(profile) as tools:
        await tools.call("Page.enable")
        await tools.call("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(downloads))
        await tools.call("Page.navigate", url=url)
        await until(lambda: tools.evaluate("document.getElementById('code') !== null"))
        assert await send_in_form(tools, code) == ""  # the door's form: the right code opens the seat's page
        lock = folder.seats_dir / ".locks" / f"{folder.room.seat('A').file}.lock"
        await until(lock.exists)
        await until(lambda: tools.evaluate("document.body.classList.contains('-first-byte')"))
        await tools.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
        await tools.press("enter")  # from the welcome into the walk
        await tools.press("4")
        await until(lambda: answers_in(folder.seat_path("A")) == {"waarom.geen-noodzaak": 4})
        stem = folder.seat_path("A").stem
        await tools.press("o")
        await tools.press("e")
        await tools.press("enter")  # the first choice: the reflection as TOML
        await until((downloads / f"{stem}.toml").exists)
        await tools.press("e")
        await tools.call("Input.dispatchKeyEvent", type="keyDown", **DOWN)
        await tools.call("Input.dispatchKeyEvent", type="keyUp", **DOWN)
        await tools.press("enter")  # the second: the report in Markdown
        await until((downloads / f"{stem}.md").exists)


def test_a_seats_export_in_a_browser_tab_is_a_download_of_the_session_and_the_report(tmp_path: Path) -> None:
    needs_browser()
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    with served_room(tmp_path, 3) as (_, folder, codes, url), tempfile.TemporaryDirectory() as profile:
        asyncio.run(take_home_in_browser(url, codes[0], folder, Path(profile), downloads))
    stem = folder.seat_path("A").stem
    taken = tomllib.loads((downloads / f"{stem}.toml").read_text("utf-8"))
    kept = tomllib.loads(folder.seat_path("A").read_text("utf-8"))
    assert taken["id"] == kept["id"] and taken["answers"] == kept["answers"]
    assert taken["answers"]["waarom.geen-noodzaak"]["score"] == 4
    assert (downloads / f"{stem}.md").read_text("utf-8").startswith("# Regio Test · A")
    assert not [p for p in (tmp_path / "sessions").rglob("*") if p.name == "exports"]  # nothing left here
