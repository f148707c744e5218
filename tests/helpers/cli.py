"""Running the command line: in this process through `tui.cli.main`, or as a real process where that is the point."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tui.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Ran:
    code: int
    out: str
    err: str


def run_main(capsys: pytest.CaptureFixture[str], *argv: str) -> Ran:
    """`samenwerken ARGV...` in this process: stdin, stdout and stderr are no terminal."""
    stdin = sys.stdin
    sys.stdin = io.StringIO("")
    try:
        code = main(list(argv))
    except SystemExit as exit:  # argparse: bad usage, --help, --version
        code = exit.code if isinstance(exit.code, int) else 0 if exit.code is None else 2
    finally:
        sys.stdin = stdin
    captured = capsys.readouterr()
    return Ran(code, captured.out, captured.err)


def run_process(*argv: str, env: dict[str, str] | None = None, timeout: float = 60) -> Ran:
    """`samenwerken ARGV...` as a real process, through the installed console script when there is one."""
    script = Path(sys.executable).parent / "samenwerken"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "tui"]
    full_env = {k: v for k, v in os.environ.items() if k != "SAMENWERKEN_SESSIONS"}
    full_env.update(env or {})
    result = subprocess.run(
        [*command, *argv],
        check=False,
        cwd=ROOT,
        env=full_env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Ran(result.returncode, result.stdout, result.stderr)
