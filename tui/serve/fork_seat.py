"""Seats forked from a warm parent: the server's side of `tui.cli.zygote`.

A spawned seat imports the whole app again (about 55 MB and a second or more of two
shared cores each); a forked one shares what its parent loaded and starts at once.
`SeatForker` starts the parent with the room, asks it for a seat (the seat's
pseudo-terminal goes along), and watches each child through the pidfd the parent
sends back. When the parent dies it is started again (a few times); when it cannot
help (no fork on this system, SAMENWERKEN_NO_FORK=1, a refusal, no answer in time),
`fork` says None and the server spawns the seat as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import pty
import signal
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tui.serve import fork_wire as wire
from tui.serve.seat_pty import seat_env, set_size

ANSWER_WAIT = 20.0
"""Seconds the parent may take to answer (it may still be loading when the first seats come)."""
EXIT_WAIT = 2.0
"""Seconds to wait for a child's exit status once its pidfd says it has gone."""
RESTARTS = 3
"""Times a parent that died is started again before every seat is spawned."""
WARM_WAIT = 15.0
"""Seconds `room serve --headless` waits at most for the warm parent before it tells how to join."""


def fork_possible() -> bool:
    """Linux with fork, pidfds and descriptor passing, setproctitle installed, and not turned off."""
    if os.environ.get("SAMENWERKEN_NO_FORK") == "1" or not sys.platform.startswith("linux"):
        return False
    if not all(hasattr(module, name) for module, name in ((os, "fork"), (os, "pidfd_open"), (socket, "send_fds"))):
        return False
    try:
        import setproctitle  # noqa: F401
    except ImportError:
        return False
    return True


class ForkedSeat:
    """A seat's app forked by the parent: what the server needs of a process (pid, returncode, wait)."""

    def __init__(self, pid: int, pidfd: int, forker: SeatForker) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self._forker = forker
        self._gone = asyncio.Event()
        self._pidfd: int | None = pidfd
        asyncio.get_running_loop().add_reader(pidfd, self._exited)

    def _exited(self) -> None:
        if self._pidfd is not None:
            with contextlib.suppress(Exception):
                asyncio.get_running_loop().remove_reader(self._pidfd)
            os.close(self._pidfd)
            self._pidfd = None
        self._gone.set()

    async def wait(self) -> int:
        if self.returncode is None:
            await self._gone.wait()
            code = await self._forker.exit_code(self.pid)
            self.returncode = code if code is not None else 1
        return self.returncode


class SeatForker:
    """The warm parent of one room's seats, and the requests to it."""

    def __init__(self, folder: Path, door: Callable[[], tuple[str | None, int | None]] = lambda: (None, None)) -> None:
        self.folder = folder
        self.door = door
        """Where participants reach the room (host, port): the seat's take-home shows it."""
        self.process: asyncio.subprocess.Process | None = None
        self.ready = asyncio.Event()
        self.restarts = 0
        self.forked = 0
        self._sock: socket.socket | None = None
        self._answers: dict[int, asyncio.Future[tuple[dict[str, object], int | None]]] = {}
        self._codes: dict[int, int] = {}
        self._code_waits: dict[int, asyncio.Future[int]] = {}
        self._next = 0
        self._closing = False
        self._starting = asyncio.Lock()

    async def start(self) -> None:
        """Start the parent; it loads the app while the server goes on (the first requests wait for it).

        `room serve` starts it once its doors are open (`warm_up`), so the first seats do not
        wait for its loading; `fork` starts it again when it has died.
        """
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "tui.cli.zygote", str(self.folder), str(theirs.fileno()),
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=True,
                env=seat_env(os.environ.get("TERM", "")),
            )  # fmt: skip
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        ours.setblocking(False)
        self._sock = ours
        self.ready = asyncio.Event()
        asyncio.get_running_loop().add_reader(ours.fileno(), self._readable, ours)

    async def warm_up(self) -> bool:
        """Start the parent now, unless it runs (or the room is closing); False when it could not start.

        Sixty participants who log in at once otherwise all wait for its loading (0.8–1.5 s
        of CPU) behind the first right code. Nothing a participant sends reaches it before a
        right code: it only loads the app and rehearses a seat in a throwaway room.
        """
        async with self._starting:
            if self._sock is not None or self._closing:
                return self._sock is not None
            try:
                await self.start()
            except OSError:
                return False
            return True

    async def warmed(self, patience: float = WARM_WAIT) -> bool:
        """Until the parent has loaded the app and rehearsed a seat, at most `patience` seconds; whether it has.

        The doors are open meanwhile; a room that tells participants how to join only after this
        lets the first ones in without waiting behind the parent's loading (0.8–1.5 s of CPU).
        """
        loop = asyncio.get_running_loop()
        end = loop.time() + patience
        while not self.ready.is_set() and self._sock is not None and loop.time() < end:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.ready.wait(), min(0.25, max(0.0, end - loop.time())))
        return self.ready.is_set()

    def _readable(self, sock: socket.socket) -> None:
        while True:
            try:
                message, fds, alive = wire.receive(sock)
            except BlockingIOError:
                return
            except OSError:
                alive, message, fds = False, None, []
            if not alive:
                self._lost(sock)
                return
            self._take(message, fds)

    def _take(self, message: dict[str, object] | None, fds: list[int]) -> None:
        pidfd = fds[0] if len(fds) == 1 and message is not None and "pid" in message else None
        for extra in fds:
            if extra != pidfd:
                os.close(extra)
        if message is None:
            return
        if message.get("ready") is True:
            self.ready.set()
        request, exited, code = message.get("id"), message.get("exit"), message.get("code")
        if isinstance(exited, int) and isinstance(code, int):
            waiting = self._code_waits.pop(exited, None)
            if waiting is not None and not waiting.done():
                waiting.set_result(code)
            else:
                self._codes[exited] = code
                if len(self._codes) > 4096:  # children nobody asks about: keep the newest only
                    self._codes.pop(next(iter(self._codes)))
            return
        answer = self._answers.pop(request, None) if isinstance(request, int) else None
        if answer is not None and not answer.done():
            answer.set_result((message, pidfd))
        elif pidfd is not None:
            os.close(pidfd)

    def _lost(self, sock: socket.socket) -> None:
        """The parent has gone: every open request falls back to spawning; exit codes are no longer told."""
        with contextlib.suppress(Exception):
            asyncio.get_running_loop().remove_reader(sock.fileno())
        sock.close()
        if self._sock is sock:
            self._sock = None
        for answer in self._answers.values():
            if not answer.done():
                answer.set_result(({"error": "gone"}, None))
        self._answers.clear()
        for waiting in self._code_waits.values():
            if not waiting.done():
                waiting.cancel()
        self._code_waits.clear()

    async def exit_code(self, pid: int) -> int | None:
        """The child's exit status as its parent saw it; None when the parent cannot tell any more."""
        if pid in self._codes:
            return self._codes.pop(pid)
        if self._sock is None:
            return None
        waiting: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._code_waits[pid] = waiting
        try:
            return await asyncio.wait_for(waiting, EXIT_WAIT)
        except (TimeoutError, asyncio.CancelledError):
            return None
        finally:
            self._code_waits.pop(pid, None)

    async def fork(self, label: str, columns: int, rows: int, term: str) -> tuple[ForkedSeat, int] | None:
        """The seat's app on a fresh pseudo-terminal, forked; None when the server should spawn it instead."""
        forked = await self._fork(label, columns, rows, term)
        if forked is None and self._sock is None and not self._closing:  # the parent had just died: once more
            forked = await self._fork(label, columns, rows, term)
        return forked

    async def _fork(self, label: str, columns: int, rows: int, term: str) -> tuple[ForkedSeat, int] | None:
        if self._closing:
            return None
        async with self._starting:  # two logins at once start one parent
            if self._sock is None:
                if self.process is not None:  # it died
                    if self.restarts >= RESTARTS:
                        return None
                    self.restarts += 1
                    await self._stop_process()
                try:
                    await self.start()
                except OSError:
                    return None
        sock = self._sock
        if sock is None:
            return None
        master, slave = pty.openpty()
        try:
            set_size(slave, columns, rows)
            answer = await self._ask(sock, label, term, slave)
        finally:
            os.close(slave)
        if answer is None:
            os.close(master)
            return None
        message, pidfd = answer
        pid = message.get("pid")
        if pidfd is None or not isinstance(pid, int):
            os.close(master)
            if pidfd is not None:
                os.close(pidfd)
            return None
        self.forked += 1
        return ForkedSeat(pid, pidfd, self), master

    async def _ask(
        self, sock: socket.socket, label: str, term: str, slave: int
    ) -> tuple[dict[str, object], int | None] | None:
        self._next = (self._next + 1) % 2**31
        request = self._next
        host, port = self.door()
        answer: asyncio.Future[tuple[dict[str, object], int | None]] = asyncio.get_running_loop().create_future()
        self._answers[request] = answer
        term = term if term and term.isprintable() and len(term) <= wire.TERM_MAX else "xterm-256color"
        message = {"id": request, "seat": label, "term": term, "host": host, "port": port}
        try:
            socket.send_fds(sock, [wire.pack(message)], [slave])
        except ValueError:
            self._answers.pop(request, None)
            return None
        except OSError:  # the parent has gone
            self._lost(sock)
            return None
        try:
            return await asyncio.wait_for(answer, ANSWER_WAIT)
        except TimeoutError:  # a parent that does not answer may fork it later: it must not
            await self._stop_process()
            return None
        finally:
            self._answers.pop(request, None)

    async def _stop_process(self) -> None:
        if self._sock is not None:
            self._lost(self._sock)
        if self.process is not None and self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signal.SIGKILL)
            await self.process.wait()

    async def close(self) -> None:
        """The parent leaves (its end of the pair closes); seats it forked are not touched.

        A parent still loading has forked no seat and keeps nothing: it is stopped at once
        rather than waited for (its loading and rehearsal take 1.5 s of CPU or more).
        """
        self._closing = True
        if not self.ready.is_set():
            await self._stop_process()
            return
        if self._sock is not None:
            self._lost(self._sock)
        if self.process is not None and self.process.returncode is None:
            try:
                await asyncio.wait_for(self.process.wait(), 5.0)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    self.process.send_signal(signal.SIGKILL)
                await self.process.wait()
