"""Participants who type their code at the same moment (used by bench/room.py and bench/login_cpu.py).

The room benches start sixty OpenSSH clients on the same two cores as the server. Started
and connected together, their own start and key exchange take part of that machine, which
in a real room their own laptops spend (and a participant takes seconds to type a code).
`HeldCodes` lets every client connect and reach the password prompt first, then gives all
of them their code at once: the time from `release()` to a seat's welcome is what a
participant waits after pressing Enter.

ssh asks `SSH_ASKPASS` for the code. This askpass first leaves a mark that its client is
at the prompt, then blocks opening a FIFO until `release()` opens its other end.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

ASKPASS = """#!/bin/sh
if [ -n "$HELD_DIR" ]; then
    : > "$HELD_DIR/ready.$$"
    cat "$HELD_DIR/go" > /dev/null
fi
printf "%s\\n" "$ROOM_CODE"
"""


class HeldCodes:
    """An askpass for ssh that holds every code until `release()`; with `hold` false, it gives it at once."""

    def __init__(self, folder: Path, hold: bool = True) -> None:
        self.folder = folder
        self.hold = hold
        folder.mkdir(parents=True, exist_ok=True)
        os.mkfifo(folder / "go")
        self.askpass = folder / "askpass.sh"
        self.askpass.write_text(ASKPASS)
        self.askpass.chmod(0o700)

    def env(self, code: str) -> dict[str, str]:
        """The environment for one participant's ssh."""
        return {
            "SSH_ASKPASS": str(self.askpass),
            "SSH_ASKPASS_REQUIRE": "force",
            "ROOM_CODE": code,
            "DISPLAY": ":0",
            "HELD_DIR": str(self.folder) if self.hold else "",
        }

    def ready(self) -> int:
        """How many clients are at the prompt."""
        return sum(1 for name in os.listdir(self.folder) if name.startswith("ready."))

    def wait_ready(self, count: int, timeout: float = 120.0) -> None:
        end = time.monotonic() + timeout
        while self.ready() < count:
            if time.monotonic() > end:
                raise TimeoutError(f"only {self.ready()} of {count} clients reached the prompt")
            time.sleep(0.05)
        time.sleep(0.3)  # the last ones from their mark into the FIFO's open

    def release(self) -> float:
        """Every held askpass prints its code now; returns the moment (time.monotonic)."""
        at = time.monotonic()
        os.close(os.open(self.folder / "go", os.O_WRONLY))
        return at
