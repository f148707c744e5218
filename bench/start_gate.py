"""Participants who all type `ssh` at the same moment (used by bench/room.py and bench/login_cpu.py).

The bench starts sixty OpenSSH clients from one Python process on the same two cores as the
server. Started one after the other, the launching itself took the bench most of a second
(each client forked from it while the earlier ones were already connecting), and the clock
ran from the first. `StartGate` starts every participant's shell first, each blocked reading
a pipe; `release()` closes that pipe, and all of them start their ssh at that moment.
"""

from __future__ import annotations

import os
import time


class StartGate:
    """A pipe every participant's shell waits on before it becomes that participant's ssh."""

    def __init__(self) -> None:
        self.read, self.write = os.pipe()
        self.released: float | None = None

    def wrap(self, command: list[str]) -> list[str]:
        """`command`, run once the gate opens (bash: dash reads only one-digit descriptors)."""
        script = f'read -r _ <&{self.read}; exec {self.read}<&-; exec "$@"'
        return ["bash", "-c", script, "participant", *command]

    @property
    def pass_fds(self) -> tuple[int, ...]:
        return (self.read,)

    def wait_waiting(self, pids: list[int], timeout: float = 60.0) -> None:
        """Until every participant's shell is blocked on the gate (its kernel wait is a pipe's read)."""
        end = time.monotonic() + timeout
        while not all(_reading_pipe(pid) for pid in pids):
            if time.monotonic() > end:
                raise TimeoutError("not every participant's shell reached the gate")
            time.sleep(0.02)

    def release(self) -> float:
        """Every waiting shell starts its ssh now; returns the moment (time.monotonic)."""
        self.released = time.monotonic()
        os.close(self.write)
        os.close(self.read)
        return self.released


def _reading_pipe(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/wchan") as wchan:
            waiting = wchan.read()
    except OSError:
        return False
    return "pipe_read" in waiting or "pipe_wait" in waiting
