"""The room's SSH door against a participant or a neighbour who attacks it, through the real door.

Each test starts a RoomServer in the test's own event loop and drives it with
asyncssh's client (and OpenSSH's `ssh` where what a person sees matters). Loopback
is 127.0.0.0/8: a client bound to 127.0.0.N comes from its own address, so "many
addresses" are real connections, not faked ones. Where the seat's app itself does
not matter, a small stand-in program takes its place (`command=`).
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
import sys
import time
import tomllib
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import asyncssh
import pytest

from tests.helpers.room import answer, make_room
from tui.room.store import RoomFolder
from tui.serve.gate import Gate
from tui.serve.ssh import LOGIN_GRACE, RoomServer
from tui.serve.terminal_size import MAX_COLUMNS, MAX_ROWS

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent

SIZE_APP = """
import os, signal, sys, time
def show(*_):
    c, r = os.get_terminal_size(0)
    sys.stdout.write(f"size {c}x{r}\\n"); sys.stdout.flush()
signal.signal(signal.SIGWINCH, show)
show()
while True:
    time.sleep(1)
"""
"""A stand-in seat app: says its terminal's size at start and on every change."""

SLEEPER = "import sys, time; print('seat up', flush=True); time.sleep(120)"
"""A stand-in seat app that stays until its hang-up (SIGHUP's default ends it)."""


def stand_in(source: str, spawned: list[str] | None = None) -> Callable[[RoomFolder, str], list[str]]:
    def command(folder: RoomFolder, label: str) -> list[str]:
        if spawned is not None:
            spawned.append(label)
        return [sys.executable, "-c", source]

    return command


async def until(condition: Callable[[], object], timeout: float = 20.0) -> bool:
    """Wait (without blocking the server in this loop) until `condition()` is true."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        await asyncio.sleep(0.02)
    return bool(condition())


@pytest.fixture
async def room(tmp_path: Path) -> AsyncIterator[tuple[RoomFolder, list[str]]]:
    yield make_room(tmp_path, seats=3)


async def serve(folder: RoomFolder, **options: object) -> RoomServer:
    server = RoomServer(folder, port=0, **options)  # type: ignore[arg-type]
    await server.start()
    return server


class Banners(asyncssh.SSHClient):
    """A client that keeps the banners the door sends while it asks for the code."""

    def __init__(self, codes: list[str] | None = None) -> None:
        self.banners: list[str] = []
        self.codes = list(codes or [])

    def auth_banner_received(self, msg: str, lang: str) -> None:
        self.banners.append(msg)

    def password_auth_requested(self) -> str | None:
        return self.codes.pop(0) if self.codes else None


async def login(
    server: RoomServer, code: str | list[str], address: str = "127.0.0.1"
) -> tuple[asyncssh.SSHClientConnection | None, Banners]:
    """One connection from `address` trying `code` (or each of a list of codes in turn); None when refused."""
    codes = [code] if isinstance(code, str) else code
    client = Banners(codes)
    try:
        conn, _ = await asyncssh.create_connection(
            lambda: client,
            "127.0.0.1",
            server.port,
            username="x",
            known_hosts=None,
            local_addr=(address, 0),
            preferred_auth="password",
            connect_timeout=30,
        )
    except (asyncssh.PermissionDenied, asyncssh.DisconnectError, ConnectionError, OSError):
        return None, client
    return conn, client


# 1. the limit on wrong codes -------------------------------------------------------


async def test_a_burst_of_200_codes_from_one_address_gets_only_a_few_compared(room) -> None:
    folder, codes = room
    server = await serve(folder, command=stand_in(SLEEPER))
    server.gate = Gate(first_delay=30.0)  # the same rules, a wait no slow machine outlasts during the burst
    try:
        wrong = [f"kaas-molen-fiets-{n:02d}" for n in range(10, 35)]  # 25 per connection, 8 connections
        burst = [login(server, [*wrong, codes[0]], "127.0.0.5") for _ in range(8)]
        results = await asyncio.gather(*burst)
        tried = 8 * 26
        # The right code, last of each connection's 26, gets in only if it came while fewer than the gate's
        # free failures were counted (how soon depends on the machine); it never clears a failure.
        let_in = [entered for entered, _ in results if entered is not None]
        for entered in let_in:
            entered.close()
        assert server.gate.checked <= 8, server.gate.checked  # of 208 codes, a handful compared
        assert server.gate.checked + server.gate.refused == tried
        assert server.gate.failures("127.0.0.5") == server.gate.checked - len(let_in)
        told = {b for _, client in results for b in client.banners}
        assert told and all("Probeer het over" in b and "opnieuw" in b for b in told), told
        assert server.gate.wait_for("127.0.0.1") == 0  # another address is not slowed
        conn, _ = await login(server, codes[1], "127.0.0.1")
        assert conn is not None
        conn.close()
    finally:
        await server.stop()


async def test_a_participants_own_right_code_forgets_none_of_their_failures(room) -> None:
    folder, codes = room
    server = await serve(folder, command=stand_in(SLEEPER))
    server.gate = Gate(first_delay=30.0)  # the same rules, a wait no slow machine outlasts
    address = "127.0.0.6"
    try:
        for n in range(4):
            conn, _ = await login(server, f"kaas-molen-fiets-{10 + n}", address)
            assert conn is None
        conn, _ = await login(server, codes[0], address)  # their own code: in
        assert conn is not None
        conn.close()
        assert server.gate.failures(address) == 4  # ... and the four wrong ones are still counted
        conn, _ = await login(server, "kaas-molen-fiets-99", address)
        assert conn is None and server.gate.failures(address) == 5
        checked = server.gate.checked
        conn, client = await login(server, codes[2], address)  # guessing on: now every try waits
        assert conn is None and server.gate.checked == checked
        assert len(client.banners) == 1  # told once, in Dutch, how long (30 s after the fifth failure, rounded up)
        assert re.fullmatch(
            r"Te veel verkeerde codes\. Probeer het over (29|30) seconden opnieuw\.\r\n", client.banners[0]
        )
    finally:
        await server.stop()


async def test_the_room_wide_ceiling_holds_against_many_addresses(room) -> None:
    folder, _ = room
    server = await serve(folder, command=stand_in(SLEEPER))
    try:
        addresses = [f"127.0.1.{n}" for n in range(1, 61)]  # 60 addresses, two wrong codes each
        for batch in range(0, 60, 20):
            tries = [
                login(server, ["kaas-molen-fiets-10", "kaas-molen-fiets-11"], a) for a in addresses[batch : batch + 20]
            ]
            await asyncio.gather(*tries)
        assert server.gate.checked <= server.gate.room_per_minute == 30
        assert server.gate.checked + server.gate.refused == 120
        assert server.gate.wait_for("127.0.9.9") > 0  # a fresh address waits too, until the minute frees
    finally:
        await server.stop()


async def test_openssh_shows_the_banner_saying_when_to_try_again(room, tmp_path: Path) -> None:
    if shutil.which("ssh") is None:
        pytest.skip("the OpenSSH client is not installed")
    folder, codes = room
    server = await serve(folder, command=stand_in(SLEEPER))
    server.gate = Gate(first_delay=30.0)  # the same rules, a wait no slow machine outlasts
    askpass = tmp_path / "askpass.sh"
    askpass.write_text('#!/bin/sh\nprintf "%s\\n" "$ROOM_CODE"\n')
    askpass.chmod(0o700)
    try:
        for n in range(5):  # five wrong codes from 127.0.0.7
            conn, _ = await login(server, f"kaas-molen-fiets-{20 + n}", "127.0.0.7")
            assert conn is None
        ssh = await asyncio.create_subprocess_exec(
            "ssh", "-p", str(server.port), "-b", "127.0.0.7",
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password",
            "-o", "NumberOfPasswordPrompts=1", "x@127.0.0.1", "bewaar",
            env={**os.environ, "SSH_ASKPASS": str(askpass), "SSH_ASKPASS_REQUIRE": "force", "ROOM_CODE": codes[0],
                 "DISPLAY": ":0"},
            stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        out, err = await asyncio.wait_for(ssh.communicate(), 60)
        assert ssh.returncode == 255 and out == b""
        assert re.search(r"Te veel verkeerde codes\. Probeer het over (29|30) seconden opnieuw", err.decode()), err
        assert "Permission denied" in err.decode()
    finally:
        await server.stop()


# 4. sizes are clamped ---------------------------------------------------------------


async def test_terminal_sizes_are_clamped_at_login_and_on_every_window_change(room) -> None:
    folder, codes = room
    server = await serve(folder, command=stand_in(SIZE_APP))
    conn, _ = await login(server, codes[0])
    assert conn is not None
    try:
        process = await conn.create_process(term_type="xterm", term_size=(65535, 65535), encoding=None)
        seen = bytearray()

        async def read() -> None:
            while chunk := await process.stdout.read(1024):
                seen.extend(chunk)

        reader = asyncio.create_task(read())
        assert await until(lambda: f"size {MAX_COLUMNS}x{MAX_ROWS}".encode() in seen), bytes(seen)
        process.change_terminal_size(80, 24)
        assert await until(lambda: b"size 80x24" in seen), bytes(seen)
        seen.clear()
        process.change_terminal_size(65535, 65535)
        assert await until(lambda: b"size 500x200" in seen), bytes(seen)
        seen.clear()
        process.change_terminal_size(0, 0)
        assert await until(lambda: b"size 1x1" in seen), bytes(seen)
        process.close()
        reader.cancel()
    finally:
        conn.close()
        await server.stop()


# 5. every door closes what it opened ---------------------------------------------------


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts descriptors in /proc")
async def test_twenty_failing_logins_leave_no_descriptor_open(room) -> None:
    folder, codes = room
    server = await serve(folder, command=lambda f, label: [str(folder.path / "no-such-program")])
    try:
        warm, _ = await login(server, codes[0])  # the first login loads what stays loaded
        assert warm is not None
        warm.close()
        assert await until(lambda: not server.connections)
        before = open_fds()
        for n in range(20):
            conn, _ = await login(server, codes[n % 3])
            assert conn is not None
            size = (100_000, 100_000) if n % 2 else (80, 24)  # too large for a terminal: clamped, not an error
            process = await conn.create_process(term_type="xterm", term_size=size, encoding=None)
            out = await asyncio.wait_for(process.stdout.read(), 20)
            await process.wait_closed()
            assert process.exit_status == 1
            assert "Deze plek kon nu niet worden geopend" in out.decode(), out
            conn.close()
        assert await until(lambda: not server.connections and not server.links)
        assert await until(lambda: open_fds() <= before, 10), (open_fds(), before)
    finally:
        await server.stop()


async def test_idle_connections_that_never_log_in_do_not_lock_a_participant_out(room, monkeypatch) -> None:
    from tui.serve import ssh as server_module

    assert LOGIN_GRACE <= 30
    folder, codes = room
    server = await serve(folder, command=stand_in(SLEEPER))
    idle: list[socket.socket] = []
    try:
        for n in range(300):  # a neighbour's 300 connections that never say a word
            sock = socket.socket()
            sock.setblocking(False)
            sock.bind((f"127.0.2.{n % 3 + 1}", 0))
            try:
                await asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", server.port))
            except OSError:
                sock.close()
                continue
            idle.append(sock)
        await until(lambda: sum(server.waiting.values()) >= 3 * server_module.WAITING_PER_ADDRESS, 10)
        per_address = server_module.WAITING_PER_ADDRESS
        assert server.waiting == {f"127.0.2.{n}": per_address for n in (1, 2, 3)}  # the other 228 were closed
        assert sum(server.waiting.values()) <= server_module.WAITING_TOTAL
        assert len(server.connections) == 3 * per_address
        conn, _ = await login(server, codes[0], "127.0.0.1")  # the participant still gets in
        assert conn is not None
        assert "127.0.0.1" not in server.waiting  # logged in: no longer counted as waiting
        conn.close()
    finally:
        for sock in idle:
            sock.close()
        await server.stop()


async def test_a_connection_that_gives_no_code_is_closed_after_the_login_grace(room, monkeypatch) -> None:
    from tui.serve import ssh as server_module

    monkeypatch.setattr(server_module, "LOGIN_GRACE", 1)
    folder, _ = room
    server = await serve(folder, command=stand_in(SLEEPER))
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        assert (await reader.readline()).startswith(b"SSH-2.0-")
        assert await until(lambda: not server.connections, 10)
        assert await asyncio.wait_for(reader.read(), 10) == b""  # closed by the server
        writer.close()
    finally:
        await server.stop()


async def test_two_logins_with_one_code_at_the_same_moment_make_one_app_and_idle_ends_it(room) -> None:
    folder, codes = room
    spawned: list[str] = []
    running_then: list[set[str]] = []
    command = stand_in(SLEEPER, spawned)

    def one_at_a_time(folder: RoomFolder, label: str) -> list[str]:
        running_then.append(server.connected())  # which seats had an app when this one started
        return command(folder, label)

    server = await serve(folder, command=one_at_a_time, idle_minutes=0.05)
    first, _ = await login(server, codes[1])
    second, _ = await login(server, codes[1])
    assert first is not None and second is not None
    try:
        a, b = await asyncio.gather(
            first.create_process(term_type="xterm", term_size=(80, 24), encoding=None),
            second.create_process(term_type="xterm", term_size=(80, 24), encoding=None),
        )
        outputs = await asyncio.wait_for(asyncio.gather(a.stdout.read(), b.stdout.read()), 40)
        # one after the other: the later took the seat over; both apps were ended (the later one when idle)
        assert len(spawned) == 2 and running_then == [set(), set()]  # never two apps for seat B at once
        said = [out.decode() for out in outputs]
        assert sum("overgenomen" in text for text in said) == 1, said
        assert sum("zonder toets" in text for text in said) == 1, said
        assert await until(lambda: not server.links)
    finally:
        first.close()
        second.close()
        await server.stop()


def stand_ins_running() -> list[int]:
    """This test process's stand-in seat apps still alive (zombies are gone for our purpose)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if stat[0] != "Z" and int(stat[1]) == os.getpid() and b"seat up" in cmdline:
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="looks for processes in /proc")
async def test_a_dropped_connection_leaves_no_app_behind(room) -> None:
    folder, codes = room
    server = await serve(folder, command=stand_in(SLEEPER))
    try:
        for n in range(6):  # dropped at once, or once the app is up: either way the app goes
            conn, _ = await login(server, codes[n % 3])
            assert conn is not None
            process = await conn.create_process(term_type="xterm", term_size=(80, 24), encoding=None)
            if n % 2:
                assert (await process.stdout.readline()).strip() == b"seat up"
                assert stand_ins_running()  # the app is up (and seen)
            conn.abort()
        assert await until(lambda: not server.links and not server.connections)
        assert await until(lambda: not stand_ins_running(), 15), stand_ins_running()
    finally:
        await server.stop()


# 6. `bewaar` ---------------------------------------------------------------------------


async def test_bewaar_sends_the_seats_reflection_and_nothing_else_is_run(room) -> None:
    folder, codes = room
    answer(
        folder,
        "B",
        {"waarom.geen-noodzaak": 4, "waarom.niet-willen": "nvt"},
        remarks={"waarom.geen-noodzaak": "Te druk"},
    )
    server = await serve(folder, command=stand_in(SLEEPER))
    conn, _ = await login(server, codes[1])
    assert conn is not None
    try:
        toml = await conn.run("bewaar", encoding=None, timeout=30)
        assert toml.exit_status == 0, toml.stderr
        assert isinstance(toml.stdout, bytes)
        assert tomllib.loads(toml.stdout.decode()) == tomllib.loads(folder.seat_path("B").read_text("utf-8"))
        assert (await conn.run("bewaar toml", encoding=None, timeout=30)).stdout == toml.stdout
        md = await conn.run("bewaar md", timeout=30)
        assert md.exit_status == 0
        assert isinstance(md.stdout, str)
        assert md.stdout.startswith("# ") and "Regio Test · B" in md.stdout and "Te druk" in md.stdout
        for other in ("ls -la /", "bewaar ../../room.toml", "bewaar md extra", "cat room.toml", "bewaar;id"):
            refused = await conn.run(other, timeout=30)
            assert refused.exit_status == 1, other
            assert refused.stdout == ""
            assert isinstance(refused.stderr, str) and refused.stderr.count("\n") == 1
            assert refused.stderr.startswith("Hier kan alleen de regiosessie zelf, of ‘bewaar’")
        assert not server.links  # no app was started for any of it
    finally:
        conn.close()
        await server.stop()


async def test_bewaar_needs_the_code(room) -> None:
    folder, _ = room
    server = await serve(folder, command=stand_in(SLEEPER))
    try:
        conn, _ = await login(server, "kaas-molen-fiets-42")
        assert conn is None
    finally:
        await server.stop()


def test_the_takeaway_needs_neither_asyncssh_nor_textual(tmp_path: Path) -> None:
    import subprocess

    folder, _ = make_room(tmp_path, seats=1)
    code = (
        "import sys; from pathlib import Path\n"
        "from tui.room.store import RoomFolder, read_room\n"
        "from tui.render.take_home import takeaway\n"
        f"path = Path({str(folder.path)!r}); folder = RoomFolder(path, read_room(path / 'room.toml'))\n"
        "assert takeaway(folder, 'A', 'md').startswith(b'# ')\n"
        "assert 'textual' not in sys.modules and 'asyncssh' not in sys.modules, 'pulled in'\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.stdout.strip() == "ok", done.stderr
