"""`plenary FILE… --serve PORT`: the plenary on the beamer's page, read-only, behind its own key.

The tables are real rooms exported by the real `room export` (tests/helpers/plenary.py).
The door runs in the test's event loop; one test runs the command itself and stops it
with Ctrl+C (SIGINT). The page in chromium is in test_plenary_beamer_browser.py.
"""

from __future__ import annotations

import asyncio
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from html import unescape
from pathlib import Path

import aiohttp
import pytest

from tests.helpers.cli import ROOT, run_main
from tests.helpers.plenary import answered_tables, first_items
from tests.helpers.terminal import free_port
from tui.content import load_tool
from tui.content.i18n import strings_for
from tui.room.model import Agreement
from tui.serve.web.plenary_beamer import PlenaryBeamer, serve_plenary
from tui.views.plenary import build_plenary
from tui.views.table_export import read_table

NL = strings_for("nl")
KEY = "p" * 32
PART1, PART2 = first_items()
SHOWN, FEW, LATER = PART1[0], PART1[1], PART2[0]


@pytest.fixture
def tables(tmp_path: Path, run) -> list[Path]:
    """Two tables of three seats: SHOWN apart (5,5,4 against 1,2,2), FEW answered twice at each, LATER in part 2."""
    return answered_tables(
        tmp_path,
        run,
        [
            ("Tafel Noord", {SHOWN: [5, 5, 4], FEW: [3, 3], LATER: [4, 4, 4]}, [Agreement(text="Eén loket <b>x</b>")]),
            ("Tafel Oost", {SHOWN: [1, 2, 2], FEW: [1, 1], LATER: [4, 4, 4]}, [Agreement(text="Samen inkopen")]),
        ],
    )


def words(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def item_html(html: str, item_id: str) -> str:
    found = re.search(rf'<li class="[^"]*" data-item="{re.escape(item_id)}">.*?</li>', html, re.S)
    assert found, item_id
    return found.group(0)


async def test_the_plenary_beamer_shows_one_part_behind_its_key(tables: list[Path]) -> None:
    plenary = build_plenary(load_tool(), [read_table(f) for f in tables])
    beamer = PlenaryBeamer(plenary, KEY, NL)
    port, stop, said = free_port(), asyncio.Event(), list[str]()
    task = asyncio.create_task(serve_plenary(beamer, "127.0.0.1", port, said.append, stop))
    base = f"http://127.0.0.1:{port}/beamer"
    try:
        async with aiohttp.ClientSession() as http:
            while not said:
                await asyncio.sleep(0.02)
            assert said == [f"Beamer: {base}/{KEY}"]
            for wrong in ("", "/", "/" + KEY[:-1] + "q", "/" + KEY[:-1], "/x/1", "/" + "p" * 200):
                async with http.get(base + wrong) as response:
                    assert response.status == 403, wrong
                    assert "Tafel" not in await response.text()
            assert beamer.refused == 6

            async with http.get(f"{base}/{KEY}") as response:
                assert response.status == 200
                assert "script-src 'sha256-" in response.headers["Content-Security-Policy"]
                assert response.headers["Referrer-Policy"] == "no-referrer"
                page = await response.text()
            text = words(page)
            assert "Plenair beeld van 2 tafels" in text and "6 plekken aan 2 tafels" in text
            assert "Deel 1 van" in text
            shown = item_html(page, SHOWN)
            assert 'class="bars"' in shown and "1: 1, 2: 2, 3: 0, 4: 1, 5: 2" in unescape(shown)
            assert "tafels 3,0 (2,0–5,0)" in words(shown)
            few = item_html(page, FEW)  # 4 answers over two tables, each below its minimum of 3: hidden
            assert "bars" not in few and "nog te weinig antwoorden" in words(few)
            assert LATER not in page  # part 2 is not on this page
            assert "Eén loket <b>x</b> (tafel 1)" in text and "<b>x</b>" not in page
            assert f'href="/beamer/{KEY}/2"' in page

            async with http.get(f"{base}/{KEY}/2") as response:
                second = await response.text()
            assert "Deel 2 van" in words(second) and 'data-item="' + LATER + '"' in second
            assert SHOWN not in second
            async with http.get(f"{base}/{KEY}/2/state") as response:
                assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
                assert LATER in await response.text()
            for missing in ("/99", "/0", "/1/x", "/state/1"):
                async with http.get(f"{base}/{KEY}{missing}") as response:
                    assert response.status == 404, missing
    finally:
        stop.set()
        await task


def test_the_command_prints_the_beamer_line_and_stops_on_ctrl_c(tables: list[Path]) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "plenary", *map(str, tables), "--serve", str(port), "--part", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        line = process.stdout.readline().decode().strip()
        assert line.startswith(f"Beamer: http://127.0.0.1:{port}/beamer/"), line
        url = line.split(": ", 1)[1]
        assert len(url.rsplit("/", 1)[1]) == 32  # 192 bits from `secrets`, URL-safe
        with urllib.request.urlopen(url, timeout=10) as response:
            page = response.read().decode()
        assert "Deel 2 van" in words(page) and LATER in page  # --part 2
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url.rsplit("/", 1)[0], timeout=10)
        assert refused.value.code == 403
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(20)
    assert code == 0, process.stderr.read() if process.stderr else ""
    assert b"Traceback" not in (process.stderr.read() if process.stderr else b"")


def test_a_port_in_use_is_one_line(tables: list[Path], run) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = run("plenary", *map(str, tables), "--serve", str(taken.getsockname()[1]))
    assert result.code == 2 and "kan niet luisteren op poort" in result.err


@pytest.mark.parametrize(
    ("language", "part", "said"),
    [
        ("nl", "0", "een deel is een getal van 1 tot en met 99"),
        ("en", "100", "a part is a number from 1 to 99"),
        ("nl", "twee", "‘twee’ is geen getal"),
    ],
)
def test_a_part_out_of_range_is_refused_in_words_about_parts(
    language: str, part: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ran = run_main(capsys, "--lang", language, "plenary", "table.json", "--serve", "0", "--part", part)
    assert ran.code == 2
    assert said in ran.err
    assert "plek" not in ran.err and "seat" not in ran.err
