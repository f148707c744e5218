"""Benchmarks in a real terminal, as ratios against floor apps run in the same rounds (not part of the tests).

    .venv/bin/python bench/run.py [--rounds 5] [--keys 8] [--many 10000] [--out bench/RESULTS.md]

Every command is started in its own pseudo-terminal of 80x24 and its output is fed to
the `pyte` terminal emulator, as a person's terminal would draw it:

- first full screen: the time from starting the process until the screen's marker texts
  are visible and the output has been quiet for `--quiet` seconds (the time of the last
  byte before that quiet is the one counted); a screen filled in beside its first paint (home
  with many sessions, whose rows come in batches) counts from the bytes that drew its text and
  the list's first rows down to its last line, with no quiet asked for after them;
- peak memory: the child's VmHWM from /proc/PID/status, read after its keys;
- keys: for each key, the time from writing it until the screen settled (last byte
  before a quiet), and the bytes the app wrote for it.

The commands run in turn, one of each per round, after one warm-up round; reported are
medians with min-max and ratios against the floors of the same run: a bare Textual app
(Header + Static + Footer) and a bare OptionList of 30 items. In-process measures
follow: an autosave against a plain write + fsync + rename of the same bytes (and against
the same with the fsync of the folder that makes the rename durable, which the save does), a folder of
`--many` sessions (scan, rescan, `list --json` against reading the files' bytes).

The table is written at the top of `--out` (between the generated-section markers; the
rest of that file is kept). `--out -` prints only.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyte

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers.terminal import PtyApp  # noqa: E402

BEGIN = "<!-- bench/run.py: generated, do not edit by hand -->"
END = "<!-- /bench/run.py -->"
COLS, ROWS = 80, 24

FLOOR_HOME = """
from textual.app import App
from textual.widgets import Footer, Header, Static
class Bare(App):
    BINDINGS = [("q", "quit", "Quit")]
    def compose(self):
        yield Header()
        yield Static("bare floor app")
        yield Footer()
Bare().run()
"""

FLOOR_LIST = """
from textual.app import App
from textual.widgets import OptionList
class Bare(App):
    def compose(self):
        yield OptionList(*[f"item {i}" for i in range(30)])
Bare().run()
"""

DOWN = "\x1b[B"


class Terminal(PtyApp):
    """A command on a pseudo-terminal of 80x24 (tests/helpers/terminal.py); pyte draws its output as it arrives."""

    def __init__(self, command: list[str], cwd: Path, drawn: Callable[[list[str]], bool] | None = None) -> None:
        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.lock = threading.Lock()
        self.size = 0
        self.last_byte = 0.0
        self.drawn = drawn
        self.drawn_at: float | None = None
        """When the bytes arrived after which the screen first showed what `drawn` asks for."""
        self.started = time.monotonic()
        super().__init__([], COLS, ROWS, command=command, env={"COLUMNS": str(COLS), "LINES": str(ROWS)}, cwd=cwd)

    def received(self, chunk: bytes) -> None:
        now = time.monotonic()
        with self.lock:
            self.stream.feed(chunk)
            self.size += len(chunk)
            self.last_byte = now
            if self.drawn is not None and self.drawn_at is None and self.drawn(self.screen.display):
                self.drawn_at = now

    def shown(self, since: float, timeout: float = 30.0) -> float:
        """Seconds from `since` to the bytes that drew what `drawn` asks for (no quiet asked for after them)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self.lock:
                if self.drawn_at is not None:
                    return self.drawn_at - since
            time.sleep(0.002)
        raise TimeoutError(f"screen never showed what was asked; screen:\n{self.text()}")

    def text(self) -> str:
        with self.lock:
            return "\n".join(self.screen.display)

    def settle(
        self,
        since: float,
        before: int,
        markers: tuple[str, ...],
        quiet: float,
        timeout: float = 30.0,
        absent: tuple[str, ...] = (),
    ) -> float:
        """Seconds from `since` to the last byte before `quiet` seconds of silence, every marker visible and
        none of `absent`."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            time.sleep(0.002)
            with self.lock:
                size, last = self.size, self.last_byte
            if size <= before or time.monotonic() - last < quiet:
                continue
            text = self.text()
            if all(marker in text for marker in markers) and not any(gone in text for gone in absent):
                return last - since
        raise TimeoutError(f"screen did not settle with {markers!r}; screen:\n{self.text()}")

    def key(self, key: str, quiet: float) -> tuple[float, int]:
        """Seconds from writing `key` to the screen settled, and the bytes written for it."""
        with self.lock:
            before = self.size
        sent = time.monotonic()
        self.send(key)
        took = self.settle(sent, before, (), quiet)
        with self.lock:
            return took, self.size - before

    def peak_kb(self) -> int:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return 0


@dataclass
class Command:
    name: str
    argv: Callable[[Path], list[str]]
    markers: tuple[str, ...]
    keys: list[str] = field(default_factory=list)
    filled: tuple[str, ...] = ()
    """Markers of the screen filled in later (a big folder read beside the screen)."""
    unfilled: tuple[str, ...] = ()
    """What the screen shows until it is filled (home's line while the folder is read)."""
    drawn: Callable[[list[str]], bool] | None = None
    """For a screen that fills in beside its first paint: its first screen is there when the screen's lines first
    show this (the markers and the list's first rows), however soon more bytes follow (later rows in batches)."""
    samples: dict[str, list[float]] = field(default_factory=dict)

    def add(self, what: str, value: float) -> None:
        self.samples.setdefault(what, []).append(value)


def app(*args: str) -> Callable[[Path], list[str]]:
    return lambda folder: [sys.executable, "-m", "tui", "--sessions-dir", str(folder), *args]


def list_drawn(markers: tuple[str, ...], first_row: str, rows: str) -> Callable[[list[str]], bool]:
    """The screen shows `markers`, and the list its first row down to the line above the key bar (its window full)."""

    def drawn(lines: list[str]) -> bool:
        text = "\n".join(lines)
        return all(marker in text for marker in markers) and first_row in text and lines[-2].startswith(rows)

    return drawn


def run_once(command: Command, folder: Path, quiet: float, record: bool) -> None:
    terminal = Terminal(command.argv(folder), ROOT, command.drawn)
    try:
        if command.drawn is not None:
            first = terminal.shown(terminal.started)
        else:
            first = terminal.settle(terminal.started, 0, command.markers, quiet)
        filled = (
            terminal.settle(terminal.started, 0, command.filled, quiet, timeout=300, absent=command.unfilled)
            if command.filled
            else None
        )
        times, sizes = [], []
        for key in command.keys:
            took, size = terminal.key(key, quiet)
            times.append(took)
            sizes.append(size)
        peak = terminal.peak_kb()
    finally:
        terminal.close()
    if record:
        command.add("first", first)
        if filled is not None:
            command.add("filled", filled)
        command.add("peak", peak / 1024)
        for took, size in zip(times, sizes, strict=True):
            command.add("key", took)
            command.add("bytes", size)


def make_sessions(folder: Path, count: int) -> None:
    """`count` session files with answers, written without fsync (the bench's own setup)."""
    sys.path.insert(0, str(ROOT))
    from tui.content import load_tool
    from tui.session import SessionStore
    from tui.session.codec import dump
    from tui.session.model import Answer

    store = SessionStore(folder)
    stored = store.create("Sessie 0")
    for n, item in enumerate(load_tool().items[:20]):
        stored.session.answers[item.id] = Answer(score=n % 5 + 1)
    template = dump(stored.session).decode()
    session_id = stored.session.id
    stored.path.unlink()
    for n in range(count):
        new_id = f"sessie-{n:05d}-{session_id[-6:]}"
        text = template.replace(session_id, new_id).replace('"Sessie 0"', f'"Sessie {n}"')
        (folder / f"{new_id}.toml").write_text(text)


def timed(argv: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    environment = {**os.environ, **(env or {})}
    subprocess.run(argv, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)
    return time.perf_counter() - start


READ_BYTES = """
import os, sys
total = 0
for name in sorted(os.listdir(sys.argv[1])):
    if name.endswith(".toml"):
        with open(os.path.join(sys.argv[1], name), "rb") as f:
            total += len(f.read())
print(total)
"""


def bench_autosave(folder: Path, rounds: int) -> tuple[list[float], list[float], list[float]]:
    """An answer saved by the editor, against a plain write + fsync + rename of the same bytes, without and with
    the fsync of the folder that makes the rename itself durable (the editor does it: `files.write_atomic`)."""
    sys.path.insert(0, str(ROOT))
    from tui.content import load_tool
    from tui.session import SessionStore
    from tui.session.codec import dump
    from tui.session.editor import SessionEditor

    store = SessionStore(folder)
    editor = SessionEditor(store, store.create("Autosave"))
    ids = [i.id for i in load_tool().items]
    ours, bare, durable = [], [], []
    path = folder / "plain.toml"

    def plain(n: int, folder_too: bool) -> float:
        start = time.perf_counter()
        tmp = folder / f".plain.{n}.tmp"
        with open(tmp, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
        if folder_too:
            fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        return time.perf_counter() - start

    for n in range(rounds):
        start = time.perf_counter()
        editor.answer(ids[n % len(ids)], n % 5 + 1)
        ours.append(time.perf_counter() - start)
        data = dump(editor.session)
        bare.append(plain(n, folder_too=False))
        durable.append(plain(n, folder_too=True))
    editor.close()
    return ours, bare, durable


def bench_scan(folder: Path, rounds: int) -> tuple[list[float], list[float]]:
    sys.path.insert(0, str(ROOT))
    from tui.session import SessionStore

    first, again = [], []
    for _ in range(rounds):
        store = SessionStore(folder)
        start = time.perf_counter()
        sessions, _ = store.scan()
        first.append(time.perf_counter() - start)
        start = time.perf_counter()
        store.scan()
        again.append(time.perf_counter() - start)
        assert sessions
    return first, again


def stats(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), min(values), max(values)


def fmt(values: list[float], unit: str, scale: float = 1.0, digits: int = 0) -> str:
    med, lo, hi = (v * scale for v in stats(values))
    return f"{med:.{digits}f} {unit} ({lo:.{digits}f}–{hi:.{digits}f})"


def ratio(ours: list[float], floor: list[float]) -> float:
    return statistics.median(ours) / statistics.median(floor)


def verdict(value: float, budget: float) -> str:
    return f"**{value:.2f}×** ≤ {budget}×: " + ("holds" if value <= budget else "misses")


def versions() -> str:
    import importlib.metadata as md

    names = ["textual", "pydantic", "pyte"]
    found = ", ".join(f"{n} {md.version(n)}" for n in names)
    mem = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f", {int(line.split()[1]) // 1024 // 1024} GiB"
    load = ", load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
    return (
        f"{time.strftime('%Y-%m-%d')}, {platform.machine()} with {os.cpu_count()} cores{mem}{load}; "
        f"Python {platform.python_version()}, {found}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5, help="measured rounds after one warm-up (default 5)")
    parser.add_argument("--keys", type=int, default=8, help="keys pressed per key sequence (default 8)")
    parser.add_argument("--many", type=int, default=10_000, help="session files in the big folder (default 10000)")
    parser.add_argument("--quiet", type=float, default=0.15, help="seconds of silence that mean settled")
    parser.add_argument("--warmup", type=int, default=1, help="warm-up rounds, not counted (default 1)")
    parser.add_argument("--out", default=str(ROOT / "bench" / "RESULTS.md"), help="file to update; - prints only")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="samenwerken-bench-"))
    # As installed: pip compiles the app's bytecode, as it did the floors' Textual; where the
    # environment says not to write bytecode, each start would compile the app again. The
    # content cache (tui/content/cache.py) is the bench's own; the warm-up round fills it,
    # as a user's first start does.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    compileall.compile_dir(ROOT / "tui", quiet=1)
    os.environ["SAMENWERKEN_CACHE"] = str(work / "cache")
    try:
        many = work / "many"
        make_sessions(many, args.many)
        home_markers = ("Reflecties staan in", "q Stoppen")
        # From this many new files home reads them beside the screen: first the screen, then the rows.
        sys.path.insert(0, str(ROOT))
        from tui.app.screens.home import HomeScreen

        reads_beside = args.many >= HomeScreen.read_beside_from
        # Read beside the screen, the first rows show while the rest are read, above them a line that says so, and
        # further rows come in batches (which redraw only the scrollbar, ~0.5 KB each): the first screen is the home's
        # own text with the list's first rows (the bench's sessions all changed at once: in file order, Sessie 0 first)
        # down to its last line, whatever follows; every row is shown once that line is gone (and the output quiet).
        big_markers = ("Samen werken aan goed onderwijs", "q Stoppen") if reads_beside else ("Sessie", "q Stoppen")
        big_drawn = list_drawn(big_markers, "  Sessie 0 ", "  Sessie ") if reads_beside else None
        commands = [
            Command("floor: bare app", lambda _: [sys.executable, "-c", FLOOR_HOME], ("bare floor app", "Quit")),
            Command(
                "floor: bare OptionList", lambda _: [sys.executable, "-c", FLOOR_LIST], ("item 0",), [DOWN] * args.keys
            ),
            Command("home", app(), home_markers),
            Command("walk (`new`)", app("new", "Bench"), ("1 = Geldt helemaal niet", "q Terug"), ["3"] * args.keys),
            Command("reader (`read vooraf`)", app("read", "vooraf"), ("Colofon", "Overlegraad PO-VO.", "q Terug")),
            Command(
                f"home, {args.many} sessions",
                app(),
                big_markers,
                filled=("Sessie", "q Stoppen"),
                unfilled=("worden gelezen",),
                drawn=big_drawn,
            ),
        ]
        folders = {c.name: (many if "sessions" in c.name else None) for c in commands}
        list_ours: list[float] = []
        list_floor: list[float] = []
        for round_ in range(args.warmup + args.rounds):
            record = round_ >= args.warmup
            for command in commands:
                folder = folders[command.name] or Path(tempfile.mkdtemp(dir=work))
                run_once(command, folder, args.quiet, record)
            ours = timed([sys.executable, "-m", "tui", "--sessions-dir", str(many), "list", "--json"])
            floor = timed([sys.executable, "-c", READ_BYTES, str(many)])
            if record:
                list_ours.append(ours)
                list_floor.append(floor)
        list_argv = [sys.executable, "-m", "tui", "--sessions-dir", str(many), "list", "--json"]
        cold = [{"SAMENWERKEN_CACHE": str(work / f"cold-{n}")} for n in range(min(args.rounds, 3))]
        list_first = [timed(list_argv, env) for env in cold]
        save_ours, save_floor, save_durable = bench_autosave(work / "save", max(20, args.rounds * 20))
        scan_first, scan_again = bench_scan(many, max(1, min(args.rounds, 3)))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    by = {c.name: c for c in commands}
    bare, olist = by["floor: bare app"], by["floor: bare OptionList"]
    home, walk, reader, big = by["home"], by["walk (`new`)"], by["reader (`read vooraf`)"], commands[-1]
    lines = [
        BEGIN,
        "## Issue 14: the app in a real terminal (`.venv/bin/python bench/run.py`)",
        "",
        f"{versions()}. Each command in its own pseudo-terminal of 80×24 drawn by pyte;",
        f"{args.rounds} rounds after {args.warmup} warm-up, the commands in turn; medians (min–max). "
        f"Settled = marker texts visible and {args.quiet * 1000:.0f} ms without output; home with {args.many} "
        "sessions (read beside the screen, rows added in batches) is painted when its text and the list's first rows "
        "down to its last line are drawn, without waiting for quiet.",
        "",
        "| command | first full screen | peak memory | key → settled | bytes per key |",
        "|---|---|---|---|---|",
    ]
    for c in commands:
        key = fmt(c.samples["key"], "ms", 1000) if "key" in c.samples else ""
        size = fmt(c.samples["bytes"], "B") if "bytes" in c.samples else ""
        lines.append(
            f"| {c.name} | {fmt(c.samples['first'], 'ms', 1000)} | {fmt(c.samples['peak'], 'MB')} | {key} | {size} |"
        )
    lines += [
        "",
        "| budget | measured | ratio |",
        "|---|---|---|",
        f"| home painted / bare app | {fmt(home.samples['first'], 'ms', 1000)} | "
        f"{verdict(ratio(home.samples['first'], bare.samples['first']), 1.3)} |",
        f"| walk painted / bare app | {fmt(walk.samples['first'], 'ms', 1000)} | "
        f"{verdict(ratio(walk.samples['first'], bare.samples['first']), 1.3)} |",
        f"| reader painted / bare app | {fmt(reader.samples['first'], 'ms', 1000)} | "
        f"{verdict(ratio(reader.samples['first'], bare.samples['first']), 1.5)} |",
        f"| peak memory walk / bare app | {fmt(walk.samples['peak'], 'MB')} | "
        f"{verdict(ratio(walk.samples['peak'], bare.samples['peak']), 1.25)} |",
        f"| peak memory reader / bare app | {fmt(reader.samples['peak'], 'MB')} | "
        f"{verdict(ratio(reader.samples['peak'], bare.samples['peak']), 1.25)} |",
        f"| answer key `3` / list `down` | {fmt(walk.samples['key'], 'ms', 1000)} vs "
        f"{fmt(olist.samples['key'], 'ms', 1000)} | {verdict(ratio(walk.samples['key'], olist.samples['key']), 1.2)} |",
        f"| bytes per answer / per `down` | {fmt(walk.samples['bytes'], 'B')} vs {fmt(olist.samples['bytes'], 'B')} | "
        f"{verdict(ratio(walk.samples['bytes'], olist.samples['bytes']), 1.2)} |",
        f"| autosave / write + fsync + rename | {fmt(save_ours, 'ms', 1000, 2)} vs {fmt(save_floor, 'ms', 1000, 2)} | "
        f"{verdict(ratio(save_ours, save_floor), 1.5)} |",
        f"| autosave / write + fsync + rename + fsync of the folder (the rename made durable, as the save does) | "
        f"{fmt(save_ours, 'ms', 1000, 2)} vs {fmt(save_durable, 'ms', 1000, 2)} | "
        f"{verdict(ratio(save_ours, save_durable), 1.5)} |",
        f"| home painted, {args.many} sessions / empty folder | {fmt(big.samples['first'], 'ms', 1000)} | "
        f"{verdict(ratio(big.samples['first'], home.samples['first']), 1.5)} |",
        f"| home with {args.many} sessions, every row shown / empty folder | "
        f"{fmt(big.samples['filled'], 'ms', 1000)} | "
        f"{ratio(big.samples['filled'], home.samples['first']):.1f}× (no budget: read beside the screen) |",
        f"| `list --json`, {args.many} files / a process reading their bytes | {fmt(list_ours, 'ms', 1000)} vs "
        f"{fmt(list_floor, 'ms', 1000)} | {verdict(ratio(list_ours, list_floor), 2.0)} |",
        f"| `list --json`, {args.many} files, the first time (nothing kept yet) / reading their bytes | "
        f"{fmt(list_first, 'ms', 1000)} | {ratio(list_first, list_floor):.1f}× (no budget: every file parsed once) |",
        f"| scan of {args.many} files again, unchanged / first scan | {fmt(scan_again, 'ms', 1000, 1)} vs "
        f"{fmt(scan_first, 'ms', 1000)} | {ratio(scan_again, scan_first):.3f}× (no rescan) |",
        "",
        END,
    ]
    report = "\n".join(lines)
    print(report)
    if args.out != "-":
        out = Path(args.out)
        old = out.read_text(encoding="utf-8") if out.exists() else "# Benchmark results\n"
        if BEGIN in old and END in old:
            new = old[: old.index(BEGIN)] + report + old[old.index(END) + len(END) :]
        else:
            head, _, rest = old.partition("\n")
            new = f"{head}\n\n{report}\n{rest}"
        out.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
