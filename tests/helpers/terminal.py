"""Run the real app in a pseudo-terminal, as a person's terminal would (for durability tests)."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import socket
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path


class PtyApp:
    """`samenwerken ARGS` (or another `command`) on a pty of 80×24; keys are written to it, output is drained."""

    def __init__(
        self,
        args: list[str],
        cols: int = 80,
        rows: int = 24,
        command: list[str] | None = None,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        pass_fds: tuple[int, ...] = (),
    ) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

        def controlling_terminal() -> None:
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        env = {**os.environ, "TERM": "xterm-256color", "NO_COLOR": "", **(env or {})}
        env.pop("TEXTUAL", None)
        self.process = subprocess.Popen(
            command or [sys.executable, "-m", "tui", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            preexec_fn=controlling_terminal,
            env=env,
            cwd=cwd,
            close_fds=True,
            pass_fds=pass_fds,
        )
        os.close(slave)
        self.master: int | None = master
        self.output = bytearray()
        self._stop = threading.Event()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        # Poll instead of blocking in read(): a close() of the master while another
        # thread sits in read() on it does not release the terminal, so no hang-up.
        while not self._stop.is_set():
            master = self.master
            if master is None:
                return
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.received(chunk)

    def received(self, chunk: bytes) -> None:
        """What the program wrote (from the reading thread): kept in `output`."""
        self.output += chunk

    def send(self, keys: str, pause: float = 0.0) -> None:
        for key in keys:
            os.write(self.master, key.encode())  # type: ignore[arg-type]
            if pause:
                time.sleep(pause)

    def resize(self, cols: int, rows: int) -> None:
        """The window changes size, as when a person drags its corner."""
        assert self.master is not None
        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.process.send_signal(signal.SIGWINCH)

    def hang_up(self) -> None:
        """Close the terminal's master side, as a dropped SSH connection does."""
        self._stop.set()
        self._reader.join(2)
        master, self.master = self.master, None
        if master is not None:
            os.close(master)

    def kill(self, sig: int = signal.SIGKILL) -> None:
        self.process.send_signal(sig)

    def wait(self, timeout: float) -> int | None:
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)
        self.hang_up()


def free_port() -> int:
    """A TCP port nobody listens on right now, on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(condition, timeout: float = 15.0, step: float = 0.05) -> bool:
    """Poll `condition()` until it is true or the time is up."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(step)
    return False


def answers_in(path: Path) -> dict[str, int]:
    """Scores in a session file (missing or unreadable file: nothing)."""
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    return {k: v["score"] for k, v in data.get("answers", {}).items() if "score" in v}


def stop_served(process: subprocess.Popen[bytes]) -> None:
    """End a `serve` process as a facilitator's Ctrl+C would (SIGTERM); one that will not leave fails the test."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
