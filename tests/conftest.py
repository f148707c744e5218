"""Shared fixtures: a private sessions folder and a way to build the app."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tui.session import SessionStore

# Bytecode caches (in __pycache__, which git ignores) are written even where the environment
# says not to (PYTHONDONTWRITEBYTECODE): without them every xdist worker compiles the app and
# rewrites the asserts of every test module again, and so does every app process a test
# starts; collecting alone took 4.3 s per worker instead of 2.0 s.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"

# Fixtures that several test modules share live in helper modules, registered here.
pytest_plugins = ["tests.helpers.ssh"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache folder (SAMENWERKEN_CACHE) for tests of what the app keeps there."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("SAMENWERKEN_CACHE", str(folder))
    return folder


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    """An empty sessions folder under the test's own tmp path."""
    return SessionStore(tmp_path / "sessions")


@pytest.fixture
def app_factory(tmp_path: Path):
    """`make(start=None, store=None, language="nl")` -> the app, via `tui.app.factory.make_app`."""
    from tui.app.factory import make_app

    def make(start=None, store: SessionStore | None = None, language: str = "nl"):
        return make_app(store or SessionStore(tmp_path / "sessions"), start, language)

    return make


@pytest.fixture
def no_sessions_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's folder comes from the test's own option, not the environment."""
    monkeypatch.delenv("SAMENWERKEN_SESSIONS", raising=False)


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):
    """`run(*argv)`: `samenwerken ARGV…` in this process (see tests/helpers/cli.py)."""
    from tests.helpers.cli import Ran, run_main

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
    """The tests never read or write the real user's settings file (config.toml) or cache: empty folders."""
    os.environ["XDG_CONFIG_HOME"] = str(tmp_path_factory.mktemp("config"))
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


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


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: one worker more than there are cores.

    A Pilot test spends part of its time waiting (for the app to be idle, for a timer,
    for a child process), so with one worker per core the cores sit idle; a third
    worker on this 2-core machine took the quick part from 53 s to 49 s.
    """
    return (os.cpu_count() or 1) + 1


@pytest.fixture(autouse=True, scope="session")
def css_parsed_once_per_worker() -> None:
    """Every app of a test parses the same CSS again; here each text is parsed once per worker.

    Textual caches parsed rules per stylesheet, so per app. The key is everything the
    parse depends on (the CSS, where it came from, defaults or not, tie breaker, scope
    and the theme's variables), so an app gets exactly the rules it would have parsed.
    """
    from textual.css.stylesheet import Stylesheet

    parse_rules = Stylesheet._parse_rules
    parsed: dict[tuple[object, ...], list] = {}

    def parse_once(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):
        key = (css, read_from, is_default_rules, tie_breaker, scope, tuple(sorted(self._variables.items())))
        if key not in parsed:
            parsed[key] = parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
        return parsed[key]

    Stylesheet._parse_rules = parse_once  # type: ignore[method-assign]
