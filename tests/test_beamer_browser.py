"""The beamer page in Debian's chromium at a projector's 1280×720, against a real `room serve --headless --web`.

Runs only with SAMENWERKEN_BROWSER_TEST=1 (see test_web.py). The test plays the
facilitator by writing room.toml as the board does, and the seats by writing
their session files; the page must show each change within 2 s.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.browser import REQUESTED, DevTools, needs_browser, opened_browser, until
from tests.helpers.room import answer
from tests.helpers.served import served_room
from tui.content import load_tool
from tui.room.model import Agreement, Discussion
from tui.room.store import RoomFolder, read_room

pytestmark = pytest.mark.slow

WHY = "waarom.geen-noodzaak"
FOLLOW = 2.0
"""The page shows a change in the room within this many seconds."""


@contextlib.contextmanager
def served(tmp_path: Path) -> Iterator[tuple[RoomFolder, str]]:
    """`room serve --headless --web`; the room folder and the printed beamer URL."""

    def in_discussion(folder: RoomFolder) -> None:
        folder.room.phase = "discussion"  # the projector shows counts where the seats may see them
        folder.save()

    with served_room(tmp_path, 4, prepare=in_discussion) as (process, folder, _, url):
        assert process.stdout is not None
        beamer = process.stdout.readline().decode()
        assert beamer.startswith(f"Beamer: {url}beamer/"), beamer
        yield folder, beamer.split(": ", 1)[1].strip()


async def fits(tools: DevTools) -> dict[str, Any]:
    """Whether the page fits the window without scrolling, and every row of the shown part is in view."""
    return dict(
        await tools.evaluate("""(() => {
        const rows = [...document.querySelectorAll('.items li')];
        return {
          scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
          window: [innerWidth, innerHeight],
          rows: rows.length,
          outside: rows.filter(r => { const b = r.getBoundingClientRect();
                                       return b.top < 0 || b.bottom > innerHeight + 1 || b.right > innerWidth; }).length,
        };
      })()""")
    )


async def row(tools: DevTools, item_id: str) -> dict[str, Any]:
    return dict(
        await tools.evaluate(f"""(() => {{
        const li = document.querySelector('.items li[data-item="{item_id}"]');
        return li ? {{bars: li.querySelectorAll('.bars i').length, text: li.innerText,
                     tall: [...li.querySelectorAll('.bars i')].map(i => i.getBoundingClientRect().height)}}
                  : {{bars: -1, text: "", tall: []}};
      }})()""")
    )


async def followed(tools: DevTools, condition: str) -> float:
    """Seconds until `condition` (JavaScript) holds on the page; fails past FOLLOW."""
    start = time.monotonic()
    await until(lambda: tools.evaluate(condition), timeout=FOLLOW + 1)
    took = time.monotonic() - start
    assert took < FOLLOW, took
    return took


def test_the_beamer_shows_the_room_on_a_projector_and_follows_it(tmp_path: Path) -> None:
    needs_browser()
    import asyncio

    tool = load_tool()
    with served(tmp_path) as (folder, url):
        first = tool.scale_parts[0]
        for label in "ABC":
            answer(folder, label, {item.id: 1 + n % 5 for n, item in enumerate(first.items) if item.id != WHY})
        answer(folder, "A", {WHY: 4})
        answer(folder, "B", {WHY: 4})  # two answers: below the room's minimum of 3
        asyncio.run(drive(tmp_path, folder, url, tool))


async def drive(tmp_path: Path, folder: RoomFolder, url: str, tool: Any) -> None:
    async with opened_browser(tmp_path / "profile") as tools:
        await tools.call(
            "Emulation.setDeviceMetricsOverride", width=1280, height=720, deviceScaleFactor=1, mobile=False
        )
        # Without the key, or with a wrong one: 403, and nothing of the room.
        base = url.rsplit("/", 1)[0]
        for wrong in (base, base + "/", base + "/" + url.rsplit("/", 1)[1][:-1] + "x", url[:-1]):
            await tools.call("Page.navigate", url=wrong)
            await until(lambda: tools.evaluate("document.readyState === 'complete'"))
            await until(lambda: tools.evaluate("document.body !== null && document.body.innerText.includes('403')"))
            assert "Regio Test" not in await tools.evaluate("document.body.innerText")

        await tools.call("Page.navigate", url=url)
        await until(lambda: tools.evaluate("document.querySelectorAll('.items li').length > 0"))
        first = tool.scale_parts[0]
        shown = await fits(tools)
        assert shown["rows"] == len(first.items) and shown["outside"] == 0, shown
        assert shown["scroll"] == shown["window"] == [1280, 720], shown
        other = next(item.id for item in first.items if item.id != WHY)
        bars = await row(tools, other)
        assert bars["bars"] == 6 and max(bars["tall"]) > 10, bars  # the bars are drawn (the style ran)
        hidden = await row(tools, WHY)
        assert hidden["bars"] == 0 and "nog te weinig antwoorden" in hidden["text"], hidden
        text = await tools.evaluate("document.body.innerText")
        assert "Regio Test" in text and "0 van 4 plekken klaar" in text and "Deel 1 van 5" in text

        # A seat answers: the hidden item gets its bars.
        answer(folder, "C", {WHY: 2})
        took_answer = await followed(
            tools, f"document.querySelectorAll('.items li[data-item=\"{WHY}\"] .bars i').length === 6"
        )

        # The facilitator opens an item of the last part (14 statements) and writes agreements: the page follows.
        facilitator = RoomFolder(folder.path, read_room(folder.room_file))
        last = tool.scale_parts[-1]
        facilitator.room.discussion = Discussion(item=last.items[0].id)
        facilitator.room.agreements = [Agreement(text=f"Afspraak {n} " + "met uitleg " * 12) for n in range(9)]
        facilitator.save()
        took_discussion = await followed(tools, "document.querySelector('.discussion') !== null")
        await until(lambda: tools.evaluate(f"document.querySelectorAll('.items li').length === {len(last.items)}"))
        shown = await fits(tools)
        assert shown["outside"] == 0 and shown["scroll"] == [1280, 720], shown
        text = await tools.evaluate("document.body.innerText")
        assert "In gesprek:" in text and "Afspraken van de groep (9)" in text
        assert "Deel 5 van 5" in text and "nog te weinig antwoorden" in text  # nobody answered part 5 yet
        if REQUESTED:
            print(f"beamer followed an answer in {took_answer:.2f} s, a discussion in {took_discussion:.2f} s")
