"""The plenary's beamer page in Debian's chromium at a projector's 1280×720, against `plenary FILE… --serve`.

Runs only with SAMENWERKEN_BROWSER_TEST=1. The page must fit the screen without
scrolling, draw its bars (its style ran under the content security policy), keep a
hidden item's counts out, and show another part when its link is clicked.
"""

from __future__ import annotations

import asyncio
import base64
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.browser import REQUESTED, DevTools, needs_browser, opened_browser, until
from tests.helpers.cli import ROOT
from tests.helpers.plenary import answered_tables, first_items
from tests.helpers.terminal import free_port, stop_served
from tui.content import load_tool
from tui.room.model import Agreement

pytestmark = pytest.mark.slow

PART1, PART2 = first_items()


def test_the_plenary_on_a_projector(tmp_path: Path, run) -> None:
    if not REQUESTED:
        pytest.skip("browser tests run with SAMENWERKEN_BROWSER_TEST=1")
    needs_browser()
    answers = {item: [1 + n % 5, 2, 4] for n, item in enumerate(PART1[1:])}
    files = answered_tables(
        tmp_path,
        run,
        [
            ("Tafel Noord", {**answers, PART1[0]: [5, 5], PART2[0]: [4, 4, 4]}, [Agreement(text="Eén loket")]),
            ("Tafel Oost", {**answers, PART1[0]: [1], PART2[0]: [2, 2, 3]}, [Agreement(text="Samen inkopen")]),
        ],
    )
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "plenary", *map(str, files), "--serve", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        url = process.stdout.readline().decode().split(": ", 1)[1].strip()
        asyncio.run(drive(tmp_path, url))
    finally:
        stop_served(process)
    assert process.returncode == 0


async def shown(tools: DevTools) -> dict[str, Any]:
    return dict(
        await tools.evaluate("""(() => {
        const rows = [...document.querySelectorAll('.items li')];
        return {
          scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
          rows: rows.map(r => r.dataset.item),
          outside: rows.filter(r => { const b = r.getBoundingClientRect();
                                      return b.top < 0 || b.bottom > innerHeight + 1 || b.right > innerWidth; }).length,
          tall: Math.max(...[...document.querySelectorAll('.bars i')].map(i => i.getBoundingClientRect().height)),
          text: document.body.innerText,
        };
      })()""")
    )


async def drive(tmp_path: Path, url: str) -> None:
    tool = load_tool()
    async with opened_browser(tmp_path / "profile") as tools:
        await tools.call(
            "Emulation.setDeviceMetricsOverride", width=1280, height=720, deviceScaleFactor=1, mobile=False
        )
        await tools.call("Page.navigate", url=url.rsplit("/", 1)[0])
        await until(lambda: tools.evaluate("document.body !== null && document.body.innerText.includes('403')"))

        await tools.call("Page.navigate", url=url)
        await until(lambda: tools.evaluate("document.querySelectorAll('.items li').length > 0"))
        page = await shown(tools)
        assert sorted(page["rows"]) == sorted(PART1) and page["outside"] == 0, page
        assert page["scroll"] == [1280, 720] and page["tall"] > 10, page
        assert "Plenair beeld van 2 tafels" in page["text"] and "Deel 1 van" in page["text"]
        assert "Eén loket (tafel 1)" in page["text"]
        row = f"document.querySelector('.items li[data-item=\"{PART1[0]}\"]')"
        few = await tools.evaluate(f"[{row}.innerText, {row}.querySelectorAll('.bars').length]")
        assert "nog te weinig antwoorden" in few[0] and few[1] == 0, few  # 3 answers, each table below its 3
        shot = await tools.call("Page.captureScreenshot", format="png")
        (tmp_path / "plenary-beamer.png").write_bytes(base64.b64decode(shot["data"]))

        await tools.evaluate("document.querySelector('nav.parts a[href$=\"/2\"]').click()")
        await until(lambda: tools.evaluate(f"document.querySelector('li[data-item=\"{PART2[0]}\"]') !== null"))
        page = await shown(tools)
        assert f"Deel 2 van {len(tool.scale_parts)}" in page["text"]
        assert page["outside"] == 0 and page["scroll"] == [1280, 720], page
