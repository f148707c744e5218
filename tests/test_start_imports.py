"""What a start imports: the command line without the world, home and the walk without pydantic (issue 24).

Each check runs in a fresh interpreter and reads `sys.modules`: a module imported once is
imported for good, so only a new process tells what a start pulls in.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

HEAVY = ("tui.room", "tui.render", "tui.serve", "textual", "pydantic")
"""What describing the command line must not import."""


def imported(code: str, env: dict[str, str] | None = None) -> list[str]:
    """The modules `code` left in sys.modules, from a fresh interpreter."""
    script = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))\n"
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=True,
    )
    return list(json.loads(done.stdout.splitlines()[-1]))


def heavy(modules: list[str], names: tuple[str, ...] = HEAVY) -> list[str]:
    return [m for m in modules if any(m == n or m.startswith(n + ".") for n in names)]


def test_describing_the_command_line_imports_no_room_export_web_or_validator() -> None:
    modules = imported(
        "import tui.cli.parser\n"
        "from tui.content.i18n import strings_for\n"
        "parser = tui.cli.parser.build_parser(strings_for('en'))\n"
        "parser.parse_args(['room', 'export', 'r', '--format', 'json'])\n"
        "parser.parse_args(['export', 'x', '--format', 'xlsx'])\n"
        "parser.parse_args(['plenary', 'a.json', '--format', 'md'])\n"
    )
    assert heavy(modules) == []


def test_the_parsers_choices_are_the_ones_the_commands_use() -> None:
    from tui.cli import choices
    from tui.render.compare import COMPARE_FORMATS
    from tui.render.export import EXPORT_FORMATS
    from tui.render.group import GROUP_FORMATS
    from tui.render.plenary import PLENARY_FORMATS
    from tui.render.room_compare import ROOM_COMPARE_FORMATS
    from tui.room.model import MIN_GROUP, MIN_GROUP_FLOOR
    from tui.room.phases import MAX_TIMER_MINUTES
    from tui.room.store import MAX_SEATS

    assert choices.EXPORT_FORMATS == EXPORT_FORMATS
    assert choices.COMPARE_FORMATS == COMPARE_FORMATS
    assert choices.GROUP_FORMATS == GROUP_FORMATS
    assert choices.PLENARY_FORMATS == PLENARY_FORMATS
    assert choices.ROOM_COMPARE_FORMATS == ROOM_COMPARE_FORMATS
    assert (choices.MIN_GROUP, choices.MIN_GROUP_FLOOR) == (MIN_GROUP, MIN_GROUP_FLOOR)
    assert (choices.MAX_SEATS, choices.MAX_TIMER_MINUTES) == (MAX_SEATS, MAX_TIMER_MINUTES)


@pytest.mark.parametrize("argv", [["room", "phase", "r", "nonsense"], ["room", "new", "T", "--seats", "999"]])
def test_a_room_commands_bad_value_is_still_refused_in_one_line(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli.main import main

    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "samenwerken:" in err


STARTED = """
import sys
from textual.app import App
from tui.cli import commands
from tui.cli.main import main

commands.terminal_problem = lambda: None  # no terminal here: the app runs headless

shown = []


async def look(pilot):
    await pilot.pause()
    await pilot.pause()
    shown.append(type(pilot.app.screen).__name__)
    pilot.app.exit()


run = App.run
App.run = lambda self, **kw: run(self, headless=True, auto_pilot=look, size=(80, 24))
main(sys.argv[1:])
print("SHOWN", shown)
"""


def started(folder: Path, cache: Path, *argv: str) -> list[str]:
    """The modules a start of the app with `argv` imported, up to its first screen (headless, 80x24)."""
    code = STARTED.replace("main(sys.argv[1:])", f"main({['--sessions-dir', str(folder), *argv]!r})")
    modules = imported(code, {"SAMENWERKEN_CACHE": str(cache)})
    return modules


@pytest.mark.slow
def test_home_and_the_walk_start_without_pydantic_from_a_warm_cache(tmp_path: Path) -> None:
    """The content comes from the cache, the sessions in the app's own form: no validator at start."""
    folder, cache = tmp_path / "sessions", tmp_path / "cache"
    started(folder, cache, "new", "Eerste")  # the first start fills the cache, and writes a session
    assert len(list(folder.glob("*.toml"))) == 1
    for argv in ((), ("new", "Tweede"), ("walk",)):
        modules = started(folder, cache, *argv)
        assert "tui.app.application" in modules, argv
        assert heavy(modules, ("pydantic",)) == [], argv
    assert len(list(folder.glob("*.toml"))) == 2


def test_a_hand_edited_session_is_still_validated(tmp_path: Path) -> None:
    """A file not in the app's own form (here a time without its offset) goes through pydantic, as before."""
    from tui.session import SessionStore

    stored = SessionStore(tmp_path).create("Met de hand")
    text = stored.path.read_text("utf-8")
    edited = re.sub(r"(?m)^(created = [0-9-]+[ T][0-9:]+)\S*$", r"\1", text)
    assert edited != text
    stored.path.write_text(edited, "utf-8")
    modules = imported(
        "from pathlib import Path\nfrom tui.session import SessionStore\n"
        f"assert SessionStore(Path({str(tmp_path)!r})).scan()[0][0].session.title == 'Met de hand'"
    )
    assert "pydantic" in modules


def test_the_walk_screen_imports_neither_the_phone_bar_nor_help_nor_the_room_panel() -> None:
    """Each is made only where it shows (a phone's width, `?`, a seat of a room): a walk's start does not load them."""
    modules = imported("import tui.app.screens.walk\n")
    assert "tui.app.screens.walk" in modules
    unused = ("tui.app.widgets.phone", "tui.app.screens.help", "tui.app.widgets.room_panel")
    assert heavy(modules, unused) == []
