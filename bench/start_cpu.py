"""The CPU a start costs, up to its first screen, against a bare Textual app (not part of the tests).

    .venv/bin/python bench/start_cpu.py [--rounds 7] [--only home,walk]

Wall-clock ratios (`bench/run.py`) move by half a unit when other work shares the two
cores; the CPU a process spends until its first screen does not. Each start runs in a
fresh interpreter (as `samenwerken` would, through `tui.cli.main`), headless at 80×24,
and stops once its first screen has been composed and every pending message handled
(Textual's pilot `pause`). Reported: the child's user + system CPU time from its own
start (interpreter start-up and imports included), median (min–max) of the rounds,
and the ratio against the bare app (Header, Static, Footer) measured in the same rounds.
"""

from __future__ import annotations

import argparse
import compileall
import os
import pty
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import os, resource, sys
sys.path.insert(0, {root!r})
import textual.app

_run = textual.app.App.run

def headless_run(self, *args, **kwargs):
    async def first_screen(pilot):
        await pilot.pause()
        cpu = resource.getrusage(resource.RUSAGE_SELF)
        os.write({fd}, f"{{cpu.ru_utime + cpu.ru_stime:.6f}}".encode())
        pilot.app.exit()
    kwargs.update(headless=True, size=(80, 24), auto_pilot=first_screen)
    return _run(self, **kwargs)

textual.app.App.run = headless_run
kind = sys.argv[1]
if kind == "bare":
    from textual.app import App
    from textual.widgets import Footer, Header, Static
    class Bare(App):
        BINDINGS = [("q", "quit", "Quit")]
        def compose(self):
            yield Header()
            yield Static("Hallo")
            yield Footer()
    Bare().run()
else:
    from tui.cli.main import main
    main(sys.argv[2:])
"""

KINDS: dict[str, list[str]] = {
    "bare": [],
    "home": [],
    "walk": ["new", "Bench"],
    "reader": ["read", "vooraf"],
}


def one_start(kind: str, sessions: Path) -> float:
    """CPU seconds of one start in a fresh interpreter, read from a pipe the child writes at its first screen."""
    read_end, write_end = os.pipe()
    argv = [sys.executable, "-c", CHILD.format(root=str(ROOT), fd=write_end), kind]
    if kind != "bare":
        argv += ["--sessions-dir", str(sessions), *KINDS[kind]]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as an installed app: bytecode kept
    terminal, its_side = pty.openpty()  # the command line asks for a terminal before it starts the app
    with subprocess.Popen(argv, cwd=ROOT, pass_fds=(write_end,), env=env,
                          stdin=its_side, stdout=its_side, stderr=its_side) as child:  # fmt: skip
        os.close(write_end)
        os.close(its_side)
        with os.fdopen(read_end, "rb") as said:
            value = said.read()
        child.wait(timeout=60)
    os.close(terminal)
    if not value:
        raise SystemExit(f"{kind}: the child said nothing (exit {child.returncode})")
    return float(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--only", default=",".join(k for k in KINDS if k != "bare"))
    args = parser.parse_args(argv)
    kinds = ["bare", *[k for k in args.only.split(",") if k and k != "bare"]]
    times: dict[str, list[float]] = {k: [] for k in kinds}
    compileall.compile_dir(ROOT / "tui", quiet=1)  # pip compiles an installed package; an editable one is not
    with tempfile.TemporaryDirectory() as folder:
        sessions = Path(folder) / "sessions"
        for kind in kinds:  # warm-up: the content cache and the bytecode
            one_start(kind, sessions)
        for _ in range(args.rounds):
            for kind in kinds:
                times[kind].append(one_start(kind, sessions))
    bare = statistics.median(times["bare"])
    print(f"CPU until the first screen, headless 80×24, median (min–max) of {args.rounds}:")
    for kind in kinds:
        values = times[kind]
        median = statistics.median(values)
        print(
            f"  {kind:7} {median * 1000:5.0f} ms ({min(values) * 1000:.0f}–{max(values) * 1000:.0f})"
            f"  {median / bare:.2f}× bare  (+{(median - bare) * 1000:.0f} ms)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
