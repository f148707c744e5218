"""Benchmarks, as ratios against a bare Textual app run side by side (not part of the tests).

    python bench/run.py [--rounds N]

- startup: a process that starts the app headless, shows its first screen and exits,
  against the same for a bare Textual app with one Static;
- keystroke: the time for 48 answers pressed in the walk (each saved) against 48
  key presses moving a cursor in a bare app's OptionList;
- autosave: one answer saved atomically, against a bare write+fsync of the same bytes;
- many sessions: listing a folder of 500 sessions.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE_START = """
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("bare")
    def on_mount(self):
        self.call_after_refresh(self.exit)
Bare().run(headless=True, size=(80, 24))
"""

APP_START = """
import sys
from pathlib import Path
from tui.factory import make_app
from tui.session import SessionStore
from tui.start import Start
app = make_app(SessionStore(Path(sys.argv[1])), Start(sys.argv[2], section="vooraf"))
app.call_later(lambda: app.call_after_refresh(app.exit))
app.run(headless=True, size=(80, 24))
"""


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def median_of(rounds: int, fn) -> float:
    return statistics.median(fn() for _ in range(rounds))


def bench_startup(rounds: int, folder: Path) -> list[tuple[str, float, float]]:
    bare = median_of(rounds, lambda: timed([sys.executable, "-c", BARE_START]))
    rows = []
    for screen in ("home", "read"):
        ours = median_of(rounds, lambda s=screen: timed([sys.executable, "-c", APP_START, str(folder), s]))
        rows.append((f"startup {screen}", ours, bare))
    return rows


async def _keystrokes(folder: Path) -> tuple[float, float]:
    from textual.app import App
    from textual.widgets import OptionList

    from tui.factory import make_app
    from tui.session import SessionStore
    from tui.start import Start

    store = SessionStore(folder)
    stored = store.create("Bench")
    app = make_app(store, Start("walk", stored=stored))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        for _ in range(48):
            await pilot.press("4")
        ours = time.perf_counter() - start

    class Bare(App[None]):
        def compose(self):
            yield OptionList(*[f"item {i}" for i in range(60)])

    bare_app = Bare()
    async with bare_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        for _ in range(48):
            await pilot.press("down")
        bare = time.perf_counter() - start
    return ours, bare


def bench_autosave(folder: Path, rounds: int = 200) -> tuple[float, float]:
    from tui.content import load_tool
    from tui.session import SessionStore
    from tui.session.codec import dump
    from tui.session.editor import SessionEditor

    store = SessionStore(folder)
    editor = SessionEditor(store, store.create("Autosave"))
    ids = [i.id for i in load_tool().items]
    start = time.perf_counter()
    for n in range(rounds):
        editor.answer(ids[n % len(ids)], n % 5 + 1)
    ours = (time.perf_counter() - start) / rounds
    data = dump(editor.session)
    path = folder / "plain.bin"
    start = time.perf_counter()
    for _ in range(rounds):
        with open(path, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    bare = (time.perf_counter() - start) / rounds
    return ours, bare


def bench_many(folder: Path, count: int = 500) -> float:
    from tui.session import SessionStore

    store = SessionStore(folder)
    for n in range(count):
        store.create(f"Sessie {n}")
    start = time.perf_counter()
    sessions, _ = store.scan()
    assert len(sessions) == count
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        rows = bench_startup(args.rounds, base / "start")
        ours, bare = asyncio.run(_keystrokes(base / "keys"))
        rows.append(("48 answers vs 48 cursor moves", ours, bare))
        ours, bare = bench_autosave(base / "save")
        rows.append(("one autosave vs write+fsync", ours, bare))
        many = bench_many(base / "many")
    print(f"{'what':<32}{'ours':>10}{'bare':>10}{'ratio':>8}")
    for name, ours, bare in rows:
        print(f"{name:<32}{ours * 1000:>8.1f}ms{bare * 1000:>8.1f}ms{ours / bare:>8.2f}")
    print(f"{'list 500 sessions':<32}{many * 1000:>8.1f}ms")


if __name__ == "__main__":
    main()
