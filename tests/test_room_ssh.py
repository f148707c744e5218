"""A regional session end to end: `room serve --headless` and the real OpenSSH client.

Each participant is `ssh -p PORT x@127.0.0.1` on a pseudo-terminal of its own;
the personal code is the password, given by SSH_ASKPASS with
SSH_ASKPASS_REQUIRE=force, so no extra tool is needed.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.helpers.session import item_ids
from tests.helpers.ssh import Served, enter_walk
from tests.helpers.terminal import PtyApp, answers_in, wait_for

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
FIRST_ITEMS = ["waarom.geen-noodzaak", "waarom.niet-op-netvlies", "waarom.niet-willen"]


def seat_file(served: Served, label: str) -> Path:
    return served.folder.seat_path(label)


def answer(terminal: PtyApp, path: Path, keys: str, start: int = 0) -> None:
    """Type answers one by one, each waited for in the seat's file."""
    for n, key in enumerate(keys, start=start + 1):
        terminal.send(key)
        assert wait_for(lambda n=n: len(answers_in(path)) >= n, 15), (answers_in(path), bytes(terminal.output[-400:]))


def test_two_participants_answer_at_once_and_status_shows_it(served: Served) -> None:
    a, b = served.join(served.codes[0]), served.join(served.codes[1])
    try:
        enter_walk(a, "A")
        enter_walk(b, "B")
        for key_a, key_b in zip("123", "54", strict=False):
            a.send(key_a)
            b.send(key_b)
        a.send("3")
        assert wait_for(lambda: len(answers_in(seat_file(served, "A"))) == 3, 15)
        assert wait_for(lambda: len(answers_in(seat_file(served, "B"))) == 2, 15)
        assert answers_in(seat_file(served, "A")) == dict(zip(FIRST_ITEMS, [1, 2, 3], strict=True))
        assert answers_in(seat_file(served, "B")) == dict(zip(FIRST_ITEMS[:2], [5, 4], strict=True))
        # The server saves joins within half a second of them (tui.serve.join_marks): the status may come first.
        assert wait_for(lambda: served.status()["seats"] == {"total": 3, "joined": 2, "finished": 0}, 10)
        status = served.status()
        # two answers at most, fewer than the room's minimum group of 3: no counts for anyone yet
        items = {item["id"]: item for item in status["items"]}
        assert all(items[i] == {"id": i, "title": items[i]["title"], "hidden": True, "votes": 0} for i in FIRST_ITEMS)
        assert len(served.seat_processes()) == 2  # one process per seat
        assert stat.S_IMODE(served.folder.host_key.stat().st_mode) == 0o600  # made on the first serve
    finally:
        a.close()
        b.close()


def test_a_killed_connection_loses_nothing_and_the_same_code_resumes(served: Served) -> None:
    path = seat_file(served, "A")
    first = served.join(served.codes[0])
    try:
        enter_walk(first, "A")
        answer(first, path, "42")
    finally:
        first.kill(signal.SIGKILL)  # the participant's laptop dies mid-walk
        first.close()
    assert wait_for(lambda: not served.seat_processes(), 20), served.seat_processes()
    assert answers_in(path) == dict(zip(FIRST_ITEMS[:2], [4, 2], strict=True))
    again = served.join(served.codes[0])
    try:
        assert wait_for(lambda: f"Je hebt 2 van de {len(item_ids())}".encode() in again.output, 30), bytes(
            again.output[-600:]
        )
        again.send("\r")
        assert wait_for(lambda: b"item 3/5" in again.output, 15), bytes(again.output[-600:])
        answer(again, path, "5", start=2)
        assert answers_in(path) == dict(zip(FIRST_ITEMS, [4, 2, 5], strict=True))
    finally:
        again.close()


def test_a_second_connection_with_a_code_in_use_takes_the_seat_over(served: Served) -> None:
    old = served.join(served.codes[1])
    try:
        enter_walk(old, "B")
        new = served.join(served.codes[1])
        try:
            assert wait_for(lambda: b"overgenomen" in old.output, 30), bytes(old.output[-600:])
            assert old.wait(15) is not None  # the old ssh ended
            assert wait_for(lambda: b"plek B" in new.output, 30)
            assert len(served.seat_processes()) == 1
        finally:
            new.close()
    finally:
        old.close()


def test_a_wrong_code_is_refused(served: Served) -> None:
    done = served.run("kaas-molen-00")
    assert done.returncode == 255
    assert "Permission denied" in done.stderr
    assert not served.seat_processes()


def test_no_commands_no_files_no_forwarding(served: Served) -> None:
    code = served.codes[2]
    listing = served.run(code, *served.ssh_args("x@127.0.0.1", "ls", "-la", "/"))
    assert listing.returncode != 0
    assert "room.toml" not in listing.stdout and "etc" not in listing.stdout
    sftp = subprocess.run(
        ["sftp", "-P", str(served.port), "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
         "-o", "PubkeyAuthentication=no", "-o", "NumberOfPasswordPrompts=1", "x@127.0.0.1"],
        env={**os.environ, **served.env(code)}, input="ls\nget room.toml\n", capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert sftp.returncode != 0
    assert "room.toml" not in sftp.stdout
    forward = served.run(code, *served.ssh_args("-N", "-o", "ExitOnForwardFailure=yes", "-L", "0:127.0.0.1:22",
                                                "x@127.0.0.1"))  # fmt: skip
    assert forward.returncode != 0
    assert not served.seat_processes()


def test_wrong_codes_make_the_address_wait_and_ssh_says_how_long(served: Served) -> None:
    """Five wrong codes; the right one straight after waits too, and the banner says for how long."""
    for _ in range(5):
        assert served.run("kaas-molen-fiets-00").returncode == 255
    # at LogLevel INFO (its default) OpenSSH shows the door's banner
    refused = served.run(served.codes[0], *served.ssh_args("x@127.0.0.1", "bewaar", log_level="INFO"))
    assert refused.returncode == 255
    assert "codes. Probeer het over" in refused.stderr, refused.stderr
    assert refused.stdout == ""
    assert not served.seat_processes()


def test_bewaar_writes_the_seats_reflection_to_stdout(served: Served) -> None:
    """`ssh -p PORT regio@HOST bewaar > mijn-reflectie.toml`, as a participant types it."""
    path = seat_file(served, "B")
    terminal = served.join(served.codes[1])
    try:
        enter_walk(terminal, "B")
        answer(terminal, path, "42")
    finally:
        terminal.close()
    toml = served.run(served.codes[1], *served.ssh_args("regio@127.0.0.1", "bewaar"))
    assert toml.returncode == 0, toml.stderr
    kept = tomllib.loads(toml.stdout)
    assert kept == tomllib.loads(path.read_text("utf-8"))
    assert {k: v["score"] for k, v in kept["answers"].items()} == dict(zip(FIRST_ITEMS[:2], [4, 2], strict=True))
    md = served.run(served.codes[1], *served.ssh_args("regio@127.0.0.1", "bewaar", "md"))
    assert md.returncode == 0 and md.stdout.startswith("# "), md.stderr
    other = served.run(served.codes[1], *served.ssh_args("regio@127.0.0.1", "bewaar", "/etc/passwd"))
    assert other.returncode == 1 and other.stdout == ""
    assert other.stderr.startswith("Hier kan alleen de regiosessie zelf") and other.stderr.count("\n") == 1


def test_the_facilitators_process_killed_loses_nothing_and_a_restart_lets_everyone_back(served: Served) -> None:
    path = seat_file(served, "C")
    first = served.join(served.codes[2])
    try:
        enter_walk(first, "C")
        answer(first, path, "31")
        served.stop(signal.SIGKILL)
        assert first.wait(20) is not None  # the connection is gone
        assert wait_for(lambda: not served.seat_processes(), 20), served.seat_processes()
    finally:
        first.close()
    assert answers_in(path) == dict(zip(FIRST_ITEMS[:2], [3, 1], strict=True))
    served.start()
    again = served.join(served.codes[2])
    try:
        assert wait_for(lambda: f"Je hebt 2 van de {len(item_ids())}".encode() in again.output, 30), bytes(
            again.output[-600:]
        )
    finally:
        again.close()


def test_window_size_changes_reach_the_seats_app(served: Served) -> None:
    terminal = served.join(served.codes[0])
    try:
        enter_walk(terminal, "A")
        terminal.resize(40, 12)
        assert wait_for(lambda: b"Het venster is te klein" in terminal.output, 15), bytes(terminal.output[-600:])
        terminal.output.clear()
        terminal.resize(80, 24)
        assert wait_for(lambda: b"Deel 1/5" in terminal.output, 15), bytes(terminal.output[-600:])
    finally:
        terminal.close()


def test_an_idle_connection_is_closed_with_a_message_and_nothing_lost(served: Served) -> None:
    served.start("--idle-minutes", "0.03")  # about two seconds without a key
    path = seat_file(served, "B")
    terminal = served.join(served.codes[1])
    try:
        enter_walk(terminal, "B")
        answer(terminal, path, "4")
        assert wait_for(lambda: b"zonder toets" in terminal.output, 30), bytes(terminal.output[-600:])
        assert terminal.wait(15) is not None
        assert wait_for(lambda: not served.seat_processes(), 15)
    finally:
        terminal.close()
    assert answers_in(path) == {FIRST_ITEMS[0]: 4}


def test_a_login_elsewhere_asks_the_seats_app_to_leave_and_it_saves_first(served: Served) -> None:
    """What a browser tab does with a seat held over SSH: the SSH app saves, leaves and says why."""
    from tui.room.takeover import free_seat

    path = seat_file(served, "A")
    terminal = served.join(served.codes[0])
    try:
        enter_walk(terminal, "A")
        answer(terminal, path, "5")
        assert free_seat(served.folder, "A")
        assert wait_for(lambda: b"overgenomen" in terminal.output, 15), bytes(terminal.output[-600:])
        assert terminal.wait(15) is not None
    finally:
        terminal.close()
    assert answers_in(path) == {FIRST_ITEMS[0]: 5}


def test_free_seat_never_signals_a_process_that_is_not_this_rooms_seat(served: Served, tmp_path: Path) -> None:
    from tui.room.takeover import free_seat
    from tui.session.lock import SessionLock

    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from tui.session.lock import SessionLock; "
         "lock = SessionLock(Path(sys.argv[1])); lock.acquire(); print('held', flush=True); time.sleep(60)",
         str(seat_file(served, "B"))],
        stdout=subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
        assert free_seat(served.folder, "B", wait=0.5) is False
        assert holder.poll() is None  # still running: it was not signalled
        assert not SessionLock(seat_file(served, "B")).acquire()
    finally:
        holder.kill()
        holder.wait(10)
