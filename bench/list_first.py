"""The first `list --json` of many session files, alone: bench/run.py's row, side by side with other checkouts.

    .venv/bin/python bench/list_first.py [--rounds 7] [--many 10000] [ROOT ...]

Makes the folder as bench/run.py does (`make_sessions`: one session with 20 answers, copied
`--many` times), then runs `ROOT/.venv/bin/python -m tui --sessions-dir FOLDER list --json` for
each ROOT in turn (this checkout when none is given), each run with a cache folder of its own
(`SAMENWERKEN_CACHE`, as run.py's first-time row: nothing kept, the content read afresh too),
after one warm-up round. Reported per ROOT: the median wall time (min-max), the median CPU of
the command and its helpers (user + system, from the children's rusage), and whether every
run printed the same bytes as the first ROOT's. The load average is printed beside them: on a
shared machine the wall times move with it, the CPU much less.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import make_sessions  # noqa: E402


def once(root: Path, folder: Path, cache: Path) -> tuple[float, float, str]:
    """Wall time, CPU (user + system of the command and its helpers) and a digest of what it printed."""
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    environment["SAMENWERKEN_CACHE"] = str(cache)
    argv = [str(root / ".venv" / "bin" / "python"), "-m", "tui", "--sessions-dir", str(folder), "list", "--json"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    ran = subprocess.run(argv, cwd=root, env=environment, capture_output=True, check=True)
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return took, cpu, hashlib.sha256(ran.stdout + b"\0" + ran.stderr).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=7, help="measured rounds after one warm-up (default 7)")
    parser.add_argument("--many", type=int, default=10_000, help="session files in the folder (default 10000)")
    parser.add_argument("roots", nargs="*", type=Path, help="checkouts to compare (default: this one)")
    args = parser.parse_args(argv)
    roots = args.roots or [ROOT]
    work = Path(tempfile.mkdtemp(prefix="samenwerken-list-"))
    try:
        folder = work / "many"
        make_sessions(folder, args.many)
        walls: dict[Path, list[float]] = {root: [] for root in roots}
        cpus: dict[Path, list[float]] = {root: [] for root in roots}
        printed: dict[Path, set[str]] = {root: set() for root in roots}
        for round_ in range(1 + args.rounds):
            for n, root in enumerate(roots):
                took, used, digest = once(root, folder, work / f"cache-{round_}-{n}")
                printed[root].add(digest)
                if round_:
                    walls[root].append(took)
                    cpus[root].append(used)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    first = printed[roots[0]]
    for root in roots:
        wall = walls[root]
        same = "same output" if printed[root] == first and len(first) == 1 else "OUTPUT DIFFERS"
        print(
            f"{root}: {statistics.median(wall):.2f} s ({min(wall):.2f}-{max(wall):.2f}), "
            f"CPU {statistics.median(cpus[root]):.2f} s, {same}"
        )
    print("load average: " + " ".join(f"{value:.2f}" for value in os.getloadavg()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
