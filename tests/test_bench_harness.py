"""The benchmark harness (bench/run.py) runs end to end with its smallest settings, so it never rots.

Budgets are not enforced here: one short round on a busy CI machine says nothing about speed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("pyte")


@pytest.mark.slow
def test_harness_produces_numbers(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    out.write_text("# Benchmark results\n\n## Kept section\n\nkept text\n", encoding="utf-8")
    args = ["--rounds", "1", "--warmup", "0", "--keys", "2", "--many", "30", "--quiet", "0.1", "--out", str(out)]
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), *args], cwd=ROOT, capture_output=True, text=True, timeout=50
    )
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Benchmark results\n")
    assert text.index("Issue 14") < text.index("## Kept section"), "the generated section goes on top"
    assert "kept text" in text
    for name in ("home painted", "walk painted", "reader painted", "answer key", "autosave", "list --json"):
        line = next(line for line in text.splitlines() if name in line)
        assert re.search(r"\*\*\d+\.\d+×\*\*", line), line
    assert re.search(r"\| walk \(`new`\) \| \d+ ms .*\| \d+ ms .*\| \d+ B", text)
