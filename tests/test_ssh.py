"""End to end over a real OpenSSH server: a dropped connection loses no answer and leaves no process.

Needs the server of `.ci/ssh-setup.sh` (root, 127.0.0.1:2222, user `swtest`). Skipped unless
SAMENWERKEN_SSH_TEST=1 or /tmp/samenwerken-ssh/ready exists; with SAMENWERKEN_SSH_TEST=1 a
missing server is a failure, not a skip.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import signal
import stat
import subprocess
import sys
import threading
import tomllib
from pathlib import Path

import pytest

from tests.helpers.terminal import wait_for
from tui.content import load_tool
from tui.session import SessionStore

SSH_DIR = Path("/tmp/samenwerken-ssh")
KEY = SSH_DIR / "client_ed25519"
PORT = 2222
USER = "swtest"
ROOT = Path(__file__).resolve().parent.parent
ANSWERS = 10

REQUESTED = os.environ.get("SAMENWERKEN_SSH_TEST") == "1"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (REQUESTED or (SSH_DIR / "ready").exists()),
        reason="no test SSH server: run .ci/ssh-setup.sh as root (or set SAMENWERKEN_SSH_TEST=1)",
    ),
]


def ssh_command(*remote: str, tty: bool = False) -> list[str]:
    return [
        "ssh",
        *(["-tt"] if tty else ["-T"]),
        "-i",
        str(KEY),
        "-p",
        str(PORT),
        "-o",
        "BatchMode=yes",
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "LogLevel=ERROR",
        "-o",
        "ConnectTimeout=10",
        f"{USER}@127.0.0.1",
        *remote,
    ]


def ssh_run(*remote: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ssh_command(*remote), capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL
    )


def app_pids(folder: Path) -> list[int]:
    """Processes of the test user running this test's app (matched on its own sessions folder)."""
    found = subprocess.run(
        ["pgrep", "-u", USER, "-f", "--", f"-m tui --sessions-dir {folder}"], capture_output=True, text=True
    )
    return [int(pid) for pid in found.stdout.split()]


def any_tui_of_user() -> list[str]:
    found = subprocess.run(["pgrep", "-a", "-u", USER, "-f", "--", "-m tui"], capture_output=True, text=True)
    return found.stdout.splitlines()


def unreadable_parents(paths: list[Path], uid: int) -> list[Path]:
    """Folders on the way to `paths` that the test user cannot pass through (root owned, no o+x)."""
    blocked: list[Path] = []
    for path in paths:
        for folder in [*reversed(path.parents)]:
            info = folder.stat()
            if info.st_uid != uid and not info.st_mode & stat.S_IXOTH and folder not in blocked:
                blocked.append(folder)
    return blocked


@pytest.fixture(scope="module")
def server():
    """The running server, and the interpreter made reachable for the test user for this module."""
    if os.geteuid() != 0:
        if REQUESTED:
            pytest.fail("the SSH test runs as root (it prepares files for the test user)")
        pytest.skip("the SSH test runs as root (it prepares files for the test user)")
    for tool in ("ssh", "pgrep"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing; run .ci/ssh-setup.sh")
    try:
        user = pwd.getpwnam(USER)
    except KeyError:
        pytest.fail(f"no user {USER}; run .ci/ssh-setup.sh")
    probe = ssh_run("true")
    if probe.returncode != 0:
        pytest.fail(f"the SSH server on 127.0.0.1:{PORT} refuses the test key: {probe.stderr.strip()}")

    # The test user must be able to run this interpreter and import the checkout. Only the
    # search bit (o+x) is added where it is missing, and taken away again afterwards.
    interpreter = Path(os.path.realpath(sys.executable))
    needed = [interpreter, Path(sys.prefix) / "pyvenv.cfg", ROOT / "tui" / "__init__.py", ROOT / "content"]
    changed: list[tuple[Path, int]] = []
    for folder in unreadable_parents(needed, user.pw_uid):
        mode = stat.S_IMODE(folder.stat().st_mode)
        folder.chmod(mode | stat.S_IXOTH)
        changed.append((folder, mode))
    try:
        check = ssh_run(sys.executable, "-c", "'import tui.cli.main, textual; print(\"ok\")'", timeout=60)
        if check.stdout.strip() != "ok":
            pytest.fail(
                f"user {USER} cannot run {sys.executable} with the checkout {ROOT}: {check.stderr.strip()[-300:]}"
            )
        yield user
    finally:
        for folder, mode in reversed(changed):
            folder.chmod(mode)


def test_dropped_ssh_connection_keeps_every_answer_and_ends_the_app(server) -> None:
    user = server
    folder = SSH_DIR / f"sessions-{secrets.token_hex(4)}"
    store = SessionStore(folder)
    stored = store.create("Regio over SSH")
    for path in (folder, stored.path):
        os.chown(path, user.pw_uid, user.pw_gid)
    ids = [item.id for item in load_tool().items][:ANSWERS]

    client = subprocess.Popen(
        ssh_command(
            "env",
            "TERM=xterm-256color",
            sys.executable,
            "-m",
            "tui",
            "--sessions-dir",
            str(folder),
            "resume",
            stored.session.id,
            tty=True,
        ),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    output = bytearray()

    def drain() -> None:
        assert client.stdout is not None
        while chunk := client.stdout.read1(65536):
            output.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()

    def answers() -> dict[str, int]:
        try:
            data = tomllib.loads(stored.path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            return {}
        return {k: v["score"] for k, v in data.get("answers", {}).items() if "score" in v}

    try:
        assert wait_for(lambda: b"Deel" in output, 30), f"the app did not start: {bytes(output[-800:])!r}"
        assert app_pids(folder), "no server-side app process"
        assert client.stdin is not None
        client.stdin.write(b"4" * ANSWERS)
        client.stdin.flush()
        assert wait_for(lambda: len(answers()) == ANSWERS, 20), (answers(), bytes(output[-500:]))

        client.send_signal(signal.SIGKILL)  # the connection drops: no goodbye from the client
        client.wait(10)

        data = tomllib.loads(stored.path.read_text(encoding="utf-8"))  # parseable
        assert {k: v.get("score") for k, v in data["answers"].items()} == {i: 4 for i in ids}
        assert store.read(stored.path).answered_count(ids) == ANSWERS
        assert wait_for(lambda: not app_pids(folder), 15), (
            "the server-side app still runs 15 s after the connection dropped (no SIGHUP?): "
            + "; ".join(any_tui_of_user())
        )
        assert not any_tui_of_user()
        assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
        assert stat.S_IMODE(stored.path.stat().st_mode) == 0o600
        assert stored.path.stat().st_uid == user.pw_uid  # still the user's own file
    finally:
        if client.poll() is None:
            client.kill()
            client.wait(10)
        for pid in app_pids(folder):  # only this test's app, by its id
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        wait_for(lambda: not app_pids(folder), 5)
        shutil.rmtree(folder, ignore_errors=True)
