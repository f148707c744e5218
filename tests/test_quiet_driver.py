"""The terminal driver's input thread sleeps while nobody types, and still reads every key (tui/app/driver.py).

Pilot drives the app without a terminal, so it never runs this thread: the first tests run the
driver's thread on a real pseudo-terminal in this process (their keys arrive as the app would get
them), the last ones the real app in a pseudo-terminal of its own.
"""

from __future__ import annotations

import os
import pty
import signal
import threading
import time
import tty
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import textual.constants
from textual import events
from textual.message import Message

from tests.helpers.terminal import PtyApp, wait_for
from tui.app.driver import POLL_MS, QuietLinuxDriver, RingingEvent, sleep_ms


class _Deadline:
    def __init__(self, deadline: object) -> None:
        self._timeout_time = deadline


def test_the_thread_sleeps_until_the_parsers_deadline_and_no_longer_than_textuals_poll() -> None:
    assert sleep_ms(_Deadline(None)) == -1  # nothing held: until something comes
    assert sleep_ms(_Deadline(10.05), now=10.0) in (50, 51)  # rounded up: never woken before the deadline
    assert sleep_ms(_Deadline(10.0), now=10.5) == 0  # past: tick at once
    assert sleep_ms(_Deadline(99.0), now=10.0) == POLL_MS  # a clock that disagrees: no worse than Textual
    for unreadable in (object(), "soon", float("nan"), True):
        assert sleep_ms(_Deadline(unreadable)) == POLL_MS
    assert sleep_ms(object()) == POLL_MS  # a Textual without the attribute: its own steady poll


def test_a_stop_rings_the_pipe_only_while_it_is_open_and_closes_both_ends() -> None:
    stop = RingingEvent()
    stop.set()  # no pipe yet: only the flag
    stop.clear()
    before = set(os.listdir("/proc/self/fd"))
    bell = stop.open()
    stop.set()
    assert os.read(bell, 8) == b"\0"
    stop.close(bell)
    stop.set()  # after the close: nothing is written anywhere
    assert set(os.listdir("/proc/self/fd")) == before


class _App:
    """What the driver's thread asks of an app: only to hear of a failure."""

    def __init__(self) -> None:
        self.failed: list[object] = []

    def call_later(self, *args: Any) -> None:
        self.failed.append(args)

    def panic(self, *renderables: Any) -> None:
        self.failed.append(renderables)


class _Recording(QuietLinuxDriver):
    """The driver, but the messages it would send the app are kept."""

    received: list[Message]

    def process_message(self, message: Message) -> None:
        self.received.append(message)


@pytest.fixture
def signals() -> Iterator[None]:
    """The driver sets handlers for ctrl+z and its resume: this process gets its own back."""
    kept = {sig: signal.getsignal(sig) for sig in (signal.SIGTSTP, signal.SIGCONT, signal.SIGWINCH)}
    yield
    for sig, handler in kept.items():
        signal.signal(sig, handler)


def _keys(driver: _Recording) -> list[str]:
    return [message.key for message in driver.received if isinstance(message, events.Key)]


@pytest.fixture
async def reading(signals: None) -> Any:
    """The driver's input thread reading a pseudo-terminal; the test writes to its other side."""
    master, slave = pty.openpty()
    tty.setraw(slave)  # as the driver's start sets it: each byte as it comes
    app = _App()
    driver = _Recording(app, mouse=False)  # type: ignore[arg-type]
    driver.received = []
    driver.fileno = slave
    before = set(os.listdir("/proc/self/fd"))
    driver._key_thread = threading.Thread(target=driver._run_input_thread, name="textual-input")
    driver._key_thread.start()
    assert wait_for(lambda: driver.wakes == 0 and len(os.listdir("/proc/self/fd")) > len(before), 5)
    try:
        yield master, driver
    finally:
        began = time.monotonic()
        driver.disable_input()  # as the app's stop does: the flag, the bell, the join
        assert time.monotonic() - began < 2.0  # at once, not after a timeout
        assert not driver._key_thread.is_alive()
        assert set(os.listdir("/proc/self/fd")) == before  # the pipe closed with the thread
        assert app.failed == []
        os.close(master)
        os.close(slave)


async def test_an_idle_input_thread_does_not_wake(reading: tuple[int, _Recording]) -> None:
    master, driver = reading
    time.sleep(1.0)  # Textual's own thread would have woken ten times by now
    assert driver.wakes == 0
    os.write(master, b"a")
    assert wait_for(lambda: _keys(driver) == ["a"], 5)
    woken = driver.wakes
    time.sleep(0.5)
    assert driver.wakes == woken  # the key read, it sleeps again


async def test_a_lone_escape_arrives_promptly(reading: tuple[int, _Recording]) -> None:
    master, driver = reading
    began = time.monotonic()
    os.write(master, b"\x1b")
    assert wait_for(lambda: _keys(driver) == ["escape"], 5, step=0.01)
    assert time.monotonic() - began < 1.0  # Textual's escape delay (0.1 s), not "when the next key comes"
    woken = driver.wakes
    time.sleep(0.5)
    assert driver.wakes == woken  # the Escape sent, nothing is held: no more waking


async def test_a_sequence_split_across_two_writes_is_one_key(
    reading: tuple[int, _Recording], monkeypatch: pytest.MonkeyPatch
) -> None:
    master, driver = reading
    monkeypatch.setattr(textual.constants, "ESCAPE_DELAY", 5.0)  # a slow test machine does not make it two keys
    os.write(master, b"\x1b[")
    assert wait_for(lambda: driver.wakes >= 1, 5, step=0.001)  # the thread has read the first half alone
    os.write(master, b"A")
    assert wait_for(lambda: _keys(driver) == ["up"], 5)
    woken = driver.wakes
    os.write(master, "é".encode()[:1])  # and a character split across two reads
    assert wait_for(lambda: driver.wakes > woken, 5, step=0.001)
    os.write(master, "é".encode()[1:])
    assert wait_for(lambda: _keys(driver) == ["up", "é"], 5), _keys(driver)


async def test_a_stop_wakes_the_thread_while_the_parser_holds_half_a_sequence(
    reading: tuple[int, _Recording],
) -> None:
    master, driver = reading
    os.write(master, b"\x1b[")
    assert wait_for(lambda: driver.wakes >= 1, 5, step=0.001)
    # the fixture's end stops it now: in time, its pipe closed


# The real app, in a terminal of its own.

HELP = b"Toetsen"
"""On the home screen's help (content/strings.toml)."""


def _settled(app: PtyApp, quiet: float = 0.5) -> None:
    """Until the app has written nothing for `quiet` seconds."""
    seen, since = len(app.output), time.monotonic()
    end = since + 30
    while time.monotonic() - since < quiet and time.monotonic() < end:
        time.sleep(0.05)
        if len(app.output) != seen:
            seen, since = len(app.output), time.monotonic()


def _switches(pid: int) -> dict[int, int]:
    counts: dict[int, int] = {}
    for task in os.listdir(f"/proc/{pid}/task"):
        status = Path(f"/proc/{pid}/task/{task}/status").read_text().splitlines()
        counts[int(task)] = sum(int(line.split()[1]) for line in status if "ctxt_switches:" in line)
    return counts


@pytest.mark.slow
def test_the_app_in_a_terminal_sleeps_reads_escape_and_quits_at_once(tmp_path: Path) -> None:
    app = PtyApp(["--sessions-dir", str(tmp_path / "sessies")], cwd=tmp_path)
    try:
        assert wait_for(lambda: b"beginscherm" in app.output, 30)
        _settled(app)
        pid = app.process.pid
        before = _switches(pid)
        time.sleep(1.0)
        after = _switches(pid)
        woken = sum(n - before.get(task, 0) for task, n in after.items() if task != pid)
        assert woken <= 2, after  # the input and output threads: Textual's own input thread wakes ten times

        app.send("?")
        assert wait_for(lambda: HELP in app.output, 10)
        _settled(app)
        shown = len(app.output)
        began = time.monotonic()
        app.send("\x1b")  # a lone Escape: the help closes
        assert wait_for(lambda: len(app.output) > shown, 5, step=0.01)
        assert time.monotonic() - began < 2.0
        _settled(app)
        app.send("q")  # home's own key again, not the help's
        began = time.monotonic()
        assert app.wait(10) == 0
        assert time.monotonic() - began < 5.0
    finally:
        app.close()


@pytest.mark.slow
def test_the_app_reads_keys_again_after_a_suspend(tmp_path: Path) -> None:
    app = PtyApp(["--sessions-dir", str(tmp_path / "sessies")], cwd=tmp_path)
    try:
        assert wait_for(lambda: b"beginscherm" in app.output, 30)
        _settled(app)
        app.kill(signal.SIGTSTP)  # ctrl+z: the driver stops its input thread, then the process stops
        status = Path(f"/proc/{app.process.pid}/status")
        assert wait_for(lambda: "\nState:\tT" in status.read_text(), 10)
        app.kill(signal.SIGCONT)
        assert wait_for(lambda: "\nState:\tT" not in status.read_text(), 10)
        _settled(app)
        shown = len(app.output)
        app.send("?")  # a new input thread, with a new pipe, reads it
        assert wait_for(lambda: HELP in app.output[shown:], 10)
        app.send("\x1b")
        _settled(app)
        app.send("q")
        assert app.wait(10) == 0
    finally:
        app.close()
