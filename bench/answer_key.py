"""Answer key → settled, against a list move plus one atomic save (issue 24's budget; not part of the tests).

    .venv/bin/python bench/answer_key.py [--rounds 5] [--keys 8] [--app /work/main]

The walk's row of `bench/run.py` alone, for comparing two versions back to back: in a
pseudo-terminal of 80×24 drawn by pyte, the time from writing `3` in the walk until the
screen settled (the last byte before `--quiet` seconds of silence), against `down` in a
bare OptionList of 30 items, in the same rounds, one after the other; and the CPU time the
app spent on those keys (from /proc), which other work on the machine moves far less than
the wall-clock. In-process: the
walk's autosave against a plain write + fsync + rename of the same bytes. The budget is
answer ≤ 2 × (down + plain save). `--app` measures another checkout's app (its own
`.venv`), with the floors and the save of this one.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import DOWN, FLOOR_LIST, Terminal, bench_autosave, fmt  # noqa: E402


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (/proc, in clock ticks)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def keys(
    argv: list[str], cwd: Path, markers: tuple[str, ...], key: str, count: int, quiet: float
) -> tuple[list[float], float]:
    """Seconds from each key to the screen settled, once the first screen showed `markers`; and the CPU all took."""
    terminal = Terminal(argv, cwd)
    try:
        terminal.settle(terminal.started, 0, markers, quiet)
        before = cpu_seconds(terminal.process.pid)
        times = [terminal.key(key, quiet)[0] for _ in range(count)]
        return times, cpu_seconds(terminal.process.pid) - before
    finally:
        terminal.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--keys", type=int, default=8)
    parser.add_argument("--quiet", type=float, default=0.15)
    parser.add_argument("--app", type=Path, default=ROOT, help="the checkout whose walk is measured")
    args = parser.parse_args(argv)
    app_root = args.app.resolve()
    python = app_root / ".venv" / "bin" / "python" if app_root != ROOT else Path(sys.executable)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode kept
    compileall.compile_dir(app_root / "tui", quiet=1)
    walk: list[float] = []
    down: list[float] = []
    cpu = {"walk": 0.0, "down": 0.0}
    with tempfile.TemporaryDirectory(prefix="samenwerken-answer-") as work:
        os.environ["SAMENWERKEN_CACHE"] = str(Path(work) / "cache")
        for round_ in range(args.rounds + 1):  # the first round warms up
            folder = Path(tempfile.mkdtemp(dir=work))
            ours, ours_cpu = keys(
                [str(python), "-m", "tui", "--sessions-dir", str(folder), "new", "Bench"],
                app_root, ("1 = Geldt helemaal niet", "q Terug"), "3", args.keys, args.quiet,
            )  # fmt: skip
            floor, floor_cpu = keys([sys.executable, "-c", FLOOR_LIST], ROOT, ("item 0",), DOWN, args.keys, args.quiet)
            if round_:
                walk += ours
                down += floor
                cpu["walk"] += ours_cpu
                cpu["down"] += floor_cpu
        save_ours, save_floor, _ = bench_autosave(Path(work) / "save", max(20, args.rounds * 20))
    floor_total = statistics.median(down) + statistics.median(save_floor)
    print(f"{args.rounds} rounds of {args.keys} keys, settled after {args.quiet * 1000:.0f} ms quiet; {app_root}")
    print(f"  answer `3`       {fmt(walk, 'ms', 1000, 1)}")
    per_down = statistics.median(walk) / statistics.median(down)
    print(f"  list `down`      {fmt(down, 'ms', 1000, 1)}   answer/down {per_down:.2f}×")
    print(f"  autosave         {fmt(save_ours, 'ms', 1000, 2)}   plain save {fmt(save_floor, 'ms', 1000, 2)}")
    print(f"  answer / (down + plain save) = {statistics.median(walk) / floor_total:.2f}× (budget ≤ 2×)")
    presses = args.rounds * args.keys
    walk_cpu, down_cpu = cpu["walk"] / presses, cpu["down"] / presses
    print(
        f"  CPU per key (the app's own, steadier under load): answer {walk_cpu * 1000:.1f} ms, "
        f"down {down_cpu * 1000:.1f} ms: {walk_cpu / down_cpu:.2f}×; "
        f"answer / (down + plain save) {walk_cpu / (down_cpu + statistics.median(save_floor)):.2f}×"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
