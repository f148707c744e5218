"""A start reads the words of its own language only; the other language is read when a start asks for it (issue 24).

Each start runs in a fresh interpreter (a module or a table read once stays read), headless
at 80x24, and reports what it showed, which kept files it opened and what it imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

STARTED = """
import json, sys
opened = []


def note_opens(event, args):
    if event == "open" and args and isinstance(args[0], str):
        opened.append(args[0].rsplit("/", 1)[-1])


sys.addaudithook(note_opens)
from textual.app import App
from textual.widgets import Static
from tui.cli import commands
from tui.cli.main import main

commands.terminal_problem = lambda: None  # no terminal here: the app runs headless
shown = []


async def look(pilot):
    await pilot.pause()
    await pilot.pause()
    shown.extend(str(w.render()) for w in pilot.app.screen.query(Static) if w.display)
    pilot.app.exit()


run = App.run
App.run = lambda self, **kw: run(self, headless=True, auto_pilot=look, size=(80, 24))
main(sys.argv[1:])
print(json.dumps({"shown": "\\n".join(shown), "opened": opened, "modules": sorted(sys.modules)}))
"""


def start(tmp_path: Path, *argv: str) -> dict[str, object]:
    """What a start of the app with `argv` showed, opened and imported, up to its first screen."""
    done = subprocess.run(
        [sys.executable, "-c", STARTED, "--sessions-dir", str(tmp_path / "sessions"), *argv],
        cwd=ROOT,
        env={**os.environ, "SAMENWERKEN_CACHE": str(tmp_path / "cache"), "XDG_CONFIG_HOME": str(tmp_path / "config")},
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def kept(tmp_path: Path) -> list[str]:
    return sorted(p.name.split("-")[0] for p in (tmp_path / "cache").iterdir())


def opened_words(result: dict[str, object]) -> list[str]:
    """The kept files of words a start opened: `strings_nl`, `strings_en`."""
    opened = result["opened"]
    assert isinstance(opened, list)
    return sorted({name.split("-")[0] for name in opened if name.startswith("strings_")})


@pytest.mark.slow
def test_a_start_reads_only_its_own_languages_words_and_switching_shows_the_other(tmp_path: Path) -> None:
    settings = tmp_path / "config" / "samenwerken" / "config.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text('language = "en"\n', "utf-8")  # English chosen in the settings file
    english = start(tmp_path, "new", "Mine")
    assert "Part 1/5" in str(english["shown"]) and "Deel 1/5" not in str(english["shown"])
    assert kept(tmp_path) == ["note", "strings_en", "tool"]  # the Dutch words were never read, not even to keep them

    dutch = start(tmp_path, "--lang", "nl", "walk")  # switched for one start: the same session, in Dutch
    assert "Deel 1/5" in str(dutch["shown"]) and "Part 1/5" not in str(dutch["shown"])
    assert kept(tmp_path) == ["note", "strings_en", "strings_nl", "tool"]
    assert opened_words(dutch) == ["strings_nl"]

    english_again = start(tmp_path, "walk")  # both are kept now: a start still opens only its own
    assert "Part 1/5" in str(english_again["shown"])
    assert opened_words(english_again) == ["strings_en"]


@pytest.mark.slow
def test_the_walk_and_the_reader_start_without_what_only_other_commands_need(tmp_path: Path) -> None:
    """Imported when used, not at start: OpenSSL's digests, HTML's entities, zip files, TOML, plain mode, argparse."""
    start(tmp_path, "new", "Eerste")  # fills the cache
    start(tmp_path, "read", "vooraf")  # and keeps the parsed sections
    for argv in ((), ("walk",), ("read", "vooraf")):
        modules = start(tmp_path, *argv)["modules"]
        assert isinstance(modules, list)
        assert "tui.app.application" in modules, argv
        unneeded = ("pydantic", "hashlib", "hmac", "html", "zipfile", "importlib.resources", "tomli_w", "tomllib")
        assert [m for m in modules if m.split(".")[0] in unneeded or m in unneeded] == [], argv
        assert [m for m in modules if m in ("tui.cli.plain_walk", "calendar", "argparse")] == [], argv
