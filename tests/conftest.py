"""Shared fixtures: a private sessions folder and a way to build the app."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.session import SessionStore

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    """An empty sessions folder under the test's own tmp path."""
    return SessionStore(tmp_path / "sessions")


@pytest.fixture
def app_factory(tmp_path: Path):
    """`make(start=None, store=None, language="nl")` -> the app, via `tui.factory.make_app`."""
    from tui.factory import make_app

    def make(start=None, store: SessionStore | None = None, language: str = "nl"):
        return make_app(store or SessionStore(tmp_path / "sessions"), start, language)

    return make


@pytest.fixture
def no_sessions_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's folder comes from the test's own option, not the environment."""
    monkeypatch.delenv("SAMENWERKEN_SESSIONS", raising=False)


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):
    """`run(*argv)`: `samenwerken ARGV…` in this process (see tests/cli_helpers.py)."""
    from tests.cli_helpers import Ran, run_main

    def run(*argv: str) -> Ran:
        return run_main(capsys, *argv)

    return run


@pytest.fixture(autouse=True, scope="session")
def quicker_idle_checks() -> None:
    """Pilot decides the app is idle by sampling CPU time every 20 ms.

    Sampling every 5 ms gives the same answer (the app does its work between
    samples either way) and makes each key press about four times cheaper.
    """
    import textual._wait as wait

    wait.SLEEP_GRANULARITY = 1 / 200
    wait.SLEEP_IDLE = wait.SLEEP_GRANULARITY / 20.0


@pytest.fixture(autouse=True, scope="session")
def private_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The tests never read or write the real user's settings file (config.toml): an empty config folder."""
    os.environ["XDG_CONFIG_HOME"] = str(tmp_path_factory.mktemp("config"))


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch):
    """Dates are shown with astimezone(): pin the zone, so what is shown is fixed."""
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def fixed_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, utc: None) -> SessionStore:
    """For snapshots: run in tmp_path with a relative sessions folder (the tmp path never shows), dates in UTC."""
    monkeypatch.chdir(tmp_path)
    return SessionStore(Path("sessions"))
