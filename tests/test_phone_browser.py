"""A seat on a phone, in Debian's chromium with mobile emulation at 390×844: five answers by touch.

Against a real `room serve --headless --web`: the code is typed in the form (a phone's
keyboard does that), everything after it is a tap (`Input.dispatchTouchEvent`), which
chromium turns into the mouse events xterm.js passes on to the app as clicks. The
buttons' places follow from the phone layout (app.tcss): the bar is at the bottom,
above the key bar. The screenshot is docs/phone-seat.png (written again with UPDATE_GOLDEN=1).
"""

from __future__ import annotations

import asyncio
import os
from base64 import b64decode
from pathlib import Path

import pytest

from tests.helpers.browser import DevTools, needs_browser, opened_browser, send_in_form, until
from tests.helpers.served import served_room
from tests.helpers.terminal import answers_in
from tui.room.store import RoomFolder
from tui.session.lock import SessionLock

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "docs" / "phone-seat.png"
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}
"""A phone in portrait. (At a scale factor of 2 chromium's emulation leaves xterm.js's canvas at half size.)"""


def terminal_size(pid: int) -> tuple[int, int]:
    """The columns and rows the page asked for: textual-serve starts the app with them."""
    pairs = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    env = dict(p.decode(errors="replace").split("=", 1) for p in pairs if b"=" in p)
    return int(env["COLUMNS"]), int(env["ROWS"])


class Screen:
    """Where a terminal cell is on the page, to tap it."""

    def __init__(self, tools: DevTools, columns: int, rows: int, box: list[float]) -> None:
        self.tools, self.columns, self.rows = tools, columns, rows
        left, self.top, width, height = box
        self.cell = (width / columns, height / rows)
        assert left == 0

    async def tap(self, column: float, row: float) -> None:
        x, y = (column + 0.5) * self.cell[0], self.top + (row + 0.5) * self.cell[1]
        await self.tools.call("Input.dispatchTouchEvent", type="touchStart", touchPoints=[{"x": x, "y": y}])
        await self.tools.call("Input.dispatchTouchEvent", type="touchEnd", touchPoints=[])

    async def rows_shot(self, first: int, last: int) -> str:
        """A screenshot of rows `first` to `last` only (base64 PNG)."""
        clip = {"x": 0, "y": self.top + first * self.cell[1], "width": self.columns * self.cell[0], "scale": 1,
                "height": (last - first + 1) * self.cell[1]}  # fmt: skip
        return str((await self.tools.call("Page.captureScreenshot", format="png", clip=clip))["data"])

    def score(self, value: int) -> tuple[float, float]:
        """The middle of button 1–5: five equal buttons a cell apart, inside a cell of padding, three rows up
        from the bar's bottom (the rows of n.v.t. and of previous and next are below it, the key bar last)."""
        width = (self.columns - 2 - 4) / 5
        return 1 + (value - 1) * (width + 1) + width / 2, self.rows - 9


async def settled(tools: DevTools) -> str:
    """A screenshot once two in a row are the same (the page has caught up with the app); base64 PNG."""
    shots = [""]

    async def same_twice() -> bool:
        shots.append((await tools.call("Page.captureScreenshot", format="png"))["data"])
        return shots[-1] == shots[-2]

    await until(same_twice)
    return shots[-1]


async def tap_answer(screen: Screen, seat: Path, value: int, n: int) -> None:
    """Tap `value` until the seat file holds its `n`th answer.

    Under a loaded CI machine chromium can take a tap for a long press (its touchStart and touchEnd
    arrive far apart) and send no click; a lost tap leaves the file as it was, so it is tapped again.
    A tap that did land is never repeated: the file must then hold exactly `n` answers.
    """
    for _ in range(3):
        await screen.tap(*screen.score(value))
        try:
            await until(lambda: len(answers_in(seat)) >= n, timeout=10.0)
        except AssertionError:
            assert len(answers_in(seat)) == n - 1
            continue
        assert len(answers_in(seat)) == n, answers_in(seat)
        return
    raise AssertionError(f"three taps on {value} did not give answer {n}")


async def answer_by_touch(folder: RoomFolder, url: str, code: str, profile: Path) -> None:
    seat = folder.seat_path("A")
    async with opened_browser(profile) as tools:
        await tools.call("Page.enable")
        await tools.call("Emulation.setDeviceMetricsOverride", **PHONE)
        await tools.call("Emulation.setTouchEmulationEnabled", enabled=True, maxTouchPoints=5)
        await tools.call("Page.navigate", url=url)
        await until(lambda: tools.evaluate("document.getElementById('code') !== null"))
        assert await tools.evaluate("document.documentElement.scrollWidth") == 390  # the form fits the phone
        assert await send_in_form(tools, code) == ""
        await until(lambda: tools.evaluate("document.body.classList.contains('-first-byte')"))
        lock = SessionLock(seat)
        await until(lambda: lock.holder_pid() is not None)
        pid = lock.holder_pid()
        assert pid is not None
        columns, rows = terminal_size(pid)
        assert 42 <= columns <= 48 and rows >= 40, (columns, rows)  # the page's font suits a phone
        *box, page_width, page_height = await tools.evaluate(
            "(() => { const r = document.querySelector('.xterm-screen').getBoundingClientRect();"
            " const page = document.documentElement; return [r.left, r.top, r.width, r.height, page.scrollWidth,"
            " page.scrollHeight]; })()"
        )
        # Nothing runs off the right edge or the bottom (the keyboard's button has a strip of its own at the top).
        assert box[2] <= 390 and page_width == 390 and box[1] + box[3] <= 844 and page_height <= 844, box
        screen = Screen(tools, columns, rows, box)
        # A tap does not raise the phone's keyboard (it would cover the buttons); the ⌨ button does.
        assert await tools.evaluate("matchMedia('(pointer: coarse)').matches")
        keyboard = "document.querySelector('.xterm-helper-textarea').getAttribute('inputmode')"
        await until(lambda: tools.evaluate(f"{keyboard} === 'none'"))
        assert await tools.evaluate("!document.getElementById('keyboard').hidden")

        await settled(tools)
        blank = await screen.rows_shot(rows - 10, rows - 8)  # the welcome has nothing where the answers come
        await screen.tap(columns / 2, rows - 4)  # the welcome's button, at the bottom

        async def answers_shown() -> bool:
            return await screen.rows_shot(rows - 10, rows - 8) != blank

        await until(answers_shown)
        await settled(tools)  # the walk
        for n, value in enumerate((4, 2, 5, 1, 3), start=1):
            await settled(tools)  # the next statement is on the page: a tap while it is drawn can fall between
            await tap_answer(screen, seat, value, n)
        assert list(answers_in(seat).values()) == [4, 2, 5, 1, 3]
        await screen.tap(columns / 4, rows - 3)  # previous: back from the next part to the last answer, 3 chosen
        await screen.tap(columns / 2, rows / 3)  # on the text: nothing happens (and no button stays lit)
        shot = await settled(tools)
        assert list(answers_in(seat).values()) == [4, 2, 5, 1, 3]
        assert await tools.evaluate(f"{keyboard} === 'none'")  # five taps later, still no keyboard
        await tools.evaluate("document.getElementById('keyboard').click()")
        assert await tools.evaluate(f"{keyboard} === 'text'")
        assert await tools.evaluate("document.activeElement.className") == "xterm-helper-textarea"
        if os.environ.get("UPDATE_GOLDEN") == "1":  # the README's picture, written again only when asked
            SCREENSHOT.write_bytes(b64decode(shot))


def test_a_phone_answers_five_items_by_touch(tmp_path: Path) -> None:
    needs_browser()
    with served_room(tmp_path) as (_, folder, codes, url):
        asyncio.run(answer_by_touch(folder, url, codes[0], tmp_path / "profile"))


async def font_sizes(profile: Path, widths: list[int]) -> dict[int, int]:
    """The font the app page picks at each width (the page alone: its terminal never connects)."""
    from tui.content.i18n import strings_for
    from tui.serve.web.page import app_page

    page = app_page(strings_for("nl"), "Regio", "static/", "ws/none", ("ticket", "none"))
    page = page.replace('<script src="static/js/textual.js"></script>', "")  # no app: only the page's own script
    found = {}
    async with opened_browser(profile) as tools:
        await tools.call("Page.enable")
        for width in widths:
            await tools.call("Emulation.setDeviceMetricsOverride", **{**PHONE, "width": width})
            await tools.call("Page.navigate", url="about:blank")
            frame = (await tools.call("Page.getFrameTree"))["frameTree"]["frame"]["id"]
            await tools.call("Page.setDocumentContent", frameId=frame, html=page)
            found[width] = int(await tools.evaluate("document.getElementById('terminal').dataset.fontSize"))
    return found


def test_the_page_gives_a_phone_42_columns_or_more_and_a_wide_screen_16px(tmp_path: Path) -> None:
    needs_browser()
    widths = [320, 360, 390, 412, 430, 768, 1280]
    sizes = asyncio.run(font_sizes(tmp_path / "profile", widths))
    assert sizes[768] == sizes[1280] == 16 and sizes[430] == 16
    for width in (320, 360, 390, 412, 430):
        assert 12 <= sizes[width] <= 16 and width / (sizes[width] * 0.6) >= 42, (width, sizes[width])
