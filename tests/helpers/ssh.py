"""A room served over SSH for the end-to-end tests: `room serve --headless` in its own process.

`served` is a fixture (registered as a plugin by tests/conftest.py), so every test module that
takes a room's real SSH door uses the same one; `Served` drives the real OpenSSH client at it.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers.room import make_room
from tests.helpers.terminal import PtyApp, free_port, wait_for
from tui.room.store import RoomFolder

REQUESTED = os.environ.get("SAMENWERKEN_SSH_TEST") == "1"
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Served:
    folder: RoomFolder
    codes: list[str]
    port: int
    sessions: Path
    askpass: Path
    process: subprocess.Popen[bytes] | None = None

    def start(self, *options: str) -> None:
        """`room serve --headless` in its own process; returns when it says how to join."""
        self.stop()
        serve = ["room", "serve", self.folder.room.id, "--headless", "--port", str(self.port), *options]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tui", "--sessions-dir", str(self.sessions), *serve],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            cwd=ROOT,
        )
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], 30)
        line = self.process.stdout.readline().decode() if ready else ""
        said = self.process.stderr.read().decode() if self.process.stderr is not None and not ready else ""
        assert f"ssh -p {self.port} 127.0.0.1" in line, (line, said)

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(30)

    def ssh_args(self, *extra: str, log_level: str = "ERROR") -> list[str]:
        return [
            "ssh", "-p", str(self.port),
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", f"LogLevel={log_level}",
            "-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password",
            "-o", "NumberOfPasswordPrompts=1",
            *extra,
        ]  # fmt: skip

    def env(self, code: str) -> dict[str, str]:
        return {"SSH_ASKPASS": str(self.askpass), "SSH_ASKPASS_REQUIRE": "force", "ROOM_CODE": code, "DISPLAY": ":0"}

    def join(self, code: str) -> PtyApp:
        """A participant's terminal: ssh on a pty, as someone types it."""
        return PtyApp([], command=self.ssh_args("x@127.0.0.1"), env=self.env(code))

    def run(self, code: str, *extra: str) -> subprocess.CompletedProcess[str]:
        """ssh without a terminal (a command, sftp): what a curious participant might try."""
        return subprocess.run(
            extra or self.ssh_args("x@127.0.0.1"),
            env={**os.environ, **self.env(code)},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )

    def seat_processes(self) -> list[str]:
        found = subprocess.run(["pgrep", "-af", f"room seat {self.folder.path}"], capture_output=True, text=True)
        return [line for line in found.stdout.splitlines() if "pgrep" not in line]

    def status(self) -> dict:
        done = subprocess.run(
            [sys.executable, "-m", "tui", "--sessions-dir", str(self.sessions), "room", "status", self.folder.room.id,
             "--json"],
            capture_output=True, text=True, timeout=60, cwd=ROOT,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    if shutil.which("ssh") is None or shutil.which("pgrep") is None:
        if REQUESTED:
            pytest.fail("ssh or pgrep is missing; run .ci/ssh-setup.sh")
        pytest.skip("the OpenSSH client is not installed")
    folder, codes = make_room(tmp_path, seats=3)
    askpass = tmp_path / "askpass.sh"
    askpass.write_text('#!/bin/sh\nprintf "%s\\n" "$ROOM_CODE"\n')
    askpass.chmod(0o700)
    room = Served(folder, codes, free_port(), tmp_path / "sessions", askpass)
    room.start()
    try:
        yield room
    finally:
        room.stop()
        for line in room.seat_processes():  # never leave a seat behind
            os.kill(int(line.split()[0]), signal.SIGKILL)


def enter_walk(terminal: PtyApp, label: str) -> None:
    assert wait_for(lambda: f"plek {label}".encode() in terminal.output, 30), bytes(terminal.output[-600:])
    terminal.send("\r")
    assert wait_for(lambda: b"Deel 1/5" in terminal.output, 15), bytes(terminal.output[-600:])
