"""Remembered settings: read at start, the command line wins, a broken file is said and left alone."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tui.session import SessionStore
from tui.session.settings import ConfigError, Settings, config_path, load_settings, read_settings, save_theme

pytestmark = pytest.mark.usefixtures("no_sessions_env")


@pytest.fixture
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The settings file of this test's own user (not written yet)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    path = config_path()
    assert path == tmp_path / "config" / "samenwerken" / "config.toml"
    return path


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# reading -----------------------------------------------------------------------


def test_no_file_means_the_defaults(config_file: Path) -> None:
    assert read_settings(config_file) == (Settings(theme=None, language=None, mouse=True), None)


def test_a_file_by_hand(config_file: Path) -> None:
    write(config_file, '# mijn keuzes\ntheme = "nord"\nlanguage = "en"\nmouse = false\n')
    assert load_settings(config_file) == Settings(theme="nord", language="en", mouse=False)


@pytest.mark.parametrize(
    "text, reason",
    [
        ('language = "fr"\n', "‘language’ moet ‘nl’ of ‘en’ zijn"),
        ('mouse = "nee"\n', "‘mouse’ moet true of false zijn"),
        ("theme = 3\n", "‘theme’ moet de naam van een thema zijn"),
        ("muis = false\n", "onbekende instelling ‘muis’ (mogelijk: theme, language, mouse)"),
    ],
)
def test_a_wrong_value_is_named(config_file: Path, text: str, reason: str) -> None:
    from tui.content.i18n import strings_for

    write(config_file, text)
    with pytest.raises(ConfigError) as caught:
        load_settings(config_file)
    assert caught.value.reason.text(strings_for("nl")) == reason


# the command line --------------------------------------------------------------


def test_the_file_chooses_the_language(tmp_path: Path, config_file: Path, run) -> None:
    write(config_file, 'language = "en"\n')
    folder = tmp_path / "sessions"
    result = run("--sessions-dir", str(folder), "list")
    assert result.code == 0, result.err
    assert result.out == f"No reflections yet in {folder}\n"
    assert result.err == ""


def test_the_command_line_wins_over_the_file(tmp_path: Path, config_file: Path, run) -> None:
    write(config_file, 'language = "en"\n')
    folder = tmp_path / "sessions"
    result = run("--sessions-dir", str(folder), "--lang", "nl", "list")
    assert result.out == f"Nog geen reflecties in {folder}\n"


def test_a_broken_file_is_one_warning_and_the_defaults(tmp_path: Path, config_file: Path, run) -> None:
    write(config_file, 'language = "en"\ntheme = \n')
    before = config_file.read_bytes(), config_file.stat().st_mtime_ns
    folder = tmp_path / "sessions"

    result = run("--sessions-dir", str(folder), "list")

    assert result.code == 0
    assert result.out == f"Nog geen reflecties in {folder}\n"  # the default language, not the file's
    assert result.err.count("\n") == 1
    assert result.err.startswith(f"samenwerken: Instellingen in ‘{config_file}’ niet gebruikt: geen geldige TOML (")
    assert result.err.endswith("). De standaardinstellingen gelden; het bestand blijft zoals het is.\n")
    assert re.search(r"geen geldige TOML \(regel \d+, kolom \d+\)", result.err)  # no English from tomllib
    assert "line" not in result.err and "Expected" not in result.err
    assert (config_file.read_bytes(), config_file.stat().st_mtime_ns) == before


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda path: path.mkdir(), "een map, geen bestand"),
        (lambda path: os.mkfifo(path), "een named pipe (FIFO), geen gewoon bestand"),
    ],
    ids=["folder", "fifo"],
)
def test_a_config_that_is_a_folder_or_a_fifo_is_named_so_and_never_blocks(
    tmp_path: Path, config_file: Path, make, said: str
) -> None:
    config_file.parent.mkdir(parents=True)
    make(config_file)
    folder = tmp_path / "sessions"
    # A process of its own, with a time limit: reading a FIFO must not wait for a writer.
    done = subprocess.run(
        [sys.executable, "-m", "tui", "--sessions-dir", str(folder), "list"],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")},
        stdin=subprocess.DEVNULL,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == f"samenwerken: Instellingen in ‘{config_file}’ niet gebruikt: {said}. " + (
        "De standaardinstellingen gelden; het bestand blijft zoals het is.\n"
    )
    assert "te groot" not in done.stderr


def test_help_says_where_the_file_is(config_file: Path, run) -> None:
    result = run("--help")
    assert result.code == 0
    assert "Instellingen (thema, taal, muis):" in result.out
    assert str(config_file) in result.out
    assert "--no-mouse" in result.out


class Ran:
    """What `SamenwerkenApp.run` was asked, instead of taking over the terminal."""

    def __init__(self) -> None:
        self.mouse: bool | None = None
        self.theme: str | None = None
        self.settings_file: Path | None = None


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> Ran:
    from tui.app.application import SamenwerkenApp

    seen = Ran()

    def fake_run(app: SamenwerkenApp, *, mouse: bool = True, **_: object) -> None:
        seen.mouse, seen.theme, seen.settings_file = mouse, app.start_theme, app.settings_file

    monkeypatch.setattr(SamenwerkenApp, "run", fake_run)
    monkeypatch.setattr("tui.cli.commands.terminal_problem", lambda: None)
    return seen


def test_the_app_has_the_mouse_by_default(tmp_path: Path, config_file: Path, run, started: Ran) -> None:
    assert run("--sessions-dir", str(tmp_path / "s"), "read").code == 0
    assert started.mouse is True
    assert started.theme is None
    assert started.settings_file == config_file


def test_no_mouse_on_the_command_line(tmp_path: Path, config_file: Path, run, started: Ran) -> None:
    assert run("--sessions-dir", str(tmp_path / "s"), "read", "--no-mouse").code == 0
    assert started.mouse is False


def test_no_mouse_and_a_theme_from_the_file(tmp_path: Path, config_file: Path, run, started: Ran) -> None:
    write(config_file, 'mouse = false\ntheme = "nord"\n')
    assert run("--sessions-dir", str(tmp_path / "s"), "read").code == 0
    assert started.mouse is False
    assert started.theme == "nord"


# saving the theme --------------------------------------------------------------


def test_save_theme_keeps_the_rest_of_the_file(config_file: Path) -> None:
    write(config_file, '# mijn keuzes\nlanguage = "en"  # Engels\ntheme = "nord"\nmouse = false\n')
    save_theme(config_file, "dracula")
    assert (
        config_file.read_text("utf-8") == '# mijn keuzes\nlanguage = "en"  # Engels\ntheme = "dracula"\nmouse = false\n'
    )


def test_save_theme_makes_a_private_file(config_file: Path) -> None:
    save_theme(config_file, "gruvbox")
    assert config_file.read_text("utf-8") == 'theme = "gruvbox"\n'
    assert stat.S_IMODE(config_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(config_file.parent.stat().st_mode) == 0o700


def test_save_theme_leaves_a_broken_file_alone(config_file: Path) -> None:
    write(config_file, "theme = \n")
    with pytest.raises(ConfigError):
        save_theme(config_file, "nord")
    assert config_file.read_text("utf-8") == "theme = \n"


async def test_the_theme_applies_at_start_and_a_new_one_is_remembered(tmp_path: Path, config_file: Path) -> None:
    from tui.app.factory import make_app

    write(config_file, 'theme = "nord"\nmouse = false\n')
    app = make_app(SessionStore(tmp_path / "sessions"), theme="nord", settings_file=config_file)
    async with app.run_test() as pilot:
        assert app.theme == "nord"
        assert config_file.read_text("utf-8") == 'theme = "nord"\nmouse = false\n'  # not rewritten at start
        app.theme = "dracula"
        await pilot.pause()
        assert config_file.read_text("utf-8") == 'theme = "dracula"\nmouse = false\n'


async def test_an_unknown_theme_is_said_and_the_default_stays(tmp_path: Path, config_file: Path) -> None:
    from tui.app.factory import make_app

    app = make_app(SessionStore(tmp_path / "sessions"), theme="geen-thema", settings_file=config_file)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        messages = [n.message for n in app._notifications]
        assert f"Thema ‘geen-thema’ uit ‘{config_file}’ bestaat niet; het standaardthema blijft." in messages
    assert not config_file.exists()


async def test_without_a_settings_file_nothing_is_remembered(tmp_path: Path, config_file: Path) -> None:
    from tui.app.factory import make_app

    app = make_app(SessionStore(tmp_path / "sessions"))
    async with app.run_test() as pilot:
        app.theme = "dracula"
        await pilot.pause()
    assert not config_file.exists()
