"""The command line speaks the chosen language: help, argparse's own words, errors and not-found messages.

Dutch by default; English with `--lang en` or the settings file's `language = "en"`;
`--lang` wins over the file. Every problem is one line on stderr, exit 2 for bad usage.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import run_process
from tests.helpers.room import make_room
from tui.cli.arguments import argparse_message
from tui.cli.parser import asks_version, language_asked
from tui.content.i18n import strings_for
from tui.core.errors import SessionNotFound
from tui.session import SessionStore


@pytest.fixture(autouse=True)
def wide_help(monkeypatch: pytest.MonkeyPatch) -> None:
    """argparse wraps the help to the terminal's width: the same width on every machine."""
    monkeypatch.setenv("COLUMNS", "100")


@pytest.fixture
def settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A settings file of this test's own (none written yet)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    from tui.session.settings import config_path

    path = config_path()
    path.parent.mkdir(parents=True)
    return path


# --help -----------------------------------------------------------------------


def test_help_is_dutch_by_default(run) -> None:
    result = run("--help")
    assert result.code == 0
    assert result.err == ""
    out = result.out
    assert out.startswith("gebruik: samenwerken [-h] [--sessions-dir MAP] [--lang {nl,en}] [--no-mouse] [--version]")
    assert "\nopties:\n" in out
    assert "\ncommando’s:\n" in out
    assert "  -h, --help          toon deze hulp en stop\n" in out
    assert "  --version           toon het versienummer en stop\n" in out
    assert "    export            een verslag voor een overleg: md, html, xlsx, csv, csv-rfc, json\n" in out
    assert '\nVoorbeelden:\n  samenwerken new "RPO Noord-Veluwe"\n  samenwerken list\n' in out
    assert "Instellingen (thema, taal, muis):" in out
    for english in ("usage:", "options:", "show this help", "positional arguments"):
        assert english not in out


def test_help_in_english_with_lang_en(run) -> None:
    result = run("--lang", "en", "--help")
    assert result.code == 0
    out = result.out
    assert out.startswith("usage: samenwerken [-h] [--sessions-dir DIR] [--lang {nl,en}] [--no-mouse] [--version]")
    assert "\noptions:\n" in out
    assert "\ncommands:\n" in out
    assert "  -h, --help          show this help message and exit\n" in out
    assert "  --version           show the version and exit\n" in out
    assert '\nExamples:\n  samenwerken new "RPO Noord-Veluwe"\n' in out
    assert "  samenwerken export rpo-noord-veluwe --format html -o report.html\n" in out
    assert "settings (theme, language, mouse):" in out
    assert "Voorbeelden" not in out and "gebruik" not in out


def test_subcommand_help_in_both_languages(run) -> None:
    dutch = run("export", "--help").out
    assert dutch.startswith("gebruik: samenwerken export [-h] [--sessions-dir MAP]")
    assert "[-o BESTAND]" in dutch
    assert "\nEen verslag voor een overleg: md, html, xlsx, csv, csv-rfc, json.\n" in dutch
    assert "\nargumenten:\n" in dutch
    assert "schrijf naar BESTAND (privé, 0600) in plaats van naar stdout" in dutch
    assert "\nVoorbeelden:\n  samenwerken export rpo-noord-veluwe --format html -o verslag.html\n" in dutch

    english = run("--lang", "en", "export", "--help").out
    assert english.startswith("usage: samenwerken export [-h] [--sessions-dir DIR]")
    assert "\npositional arguments:\n" in english
    assert "write to FILE (private, 0600) instead of stdout" in english
    assert "\nExamples:\n  samenwerken export rpo-noord-veluwe --format html -o report.html\n" in english


def test_room_help_in_both_languages(run) -> None:
    dutch = run("room", "new", "--help").out
    assert dutch.startswith("gebruik: samenwerken room new [-h]")
    assert "\nMaak een regiosessie met één persoonlijke code per plek.\n" in dutch
    assert "  --seats N           hoeveel partners (1–60)\n" in dutch
    assert '\nVoorbeelden:\n  samenwerken room new "Regio Noord, voorjaar" --seats 6\n' in dutch

    english = run("room", "new", "--help", "--lang", "en").out
    assert english.startswith("usage: samenwerken room new [-h]")
    assert "  --seats N           how many partners (1–60)\n" in english
    assert '\nExamples:\n  samenwerken room new "Region North, spring" --seats 6\n' in english

    room = run("room", "--help").out
    assert "\ncommando’s:\n" in room
    assert "    close               sluit de regiosessie; haar afspraken worden vervolgstappen op elke plek\n" in room
    assert "  samenwerken room close k7m2qp\n" in room
    assert "SUPPRESS" not in room and " seat " not in room and "web-seat" not in room


def test_the_settings_file_chooses_and_lang_wins(run, settings_file: Path) -> None:
    settings_file.write_text('language = "en"\n', encoding="utf-8")
    assert run("--help").out.startswith("usage: samenwerken ")
    assert run("--lang", "nl", "--help").out.startswith("gebruik: samenwerken ")
    assert run("--lang=nl", "list", "--help").out.startswith("gebruik: samenwerken list ")


def test_help_of_the_installed_command() -> None:
    result = run_process("--lang", "en", "compare", "--help")
    assert result.code == 0, result.err
    assert result.out.startswith("usage: samenwerken compare [-h]")
    assert "  samenwerken compare rpo-spring rpo-autumn\n" in result.out


def test_version_is_the_same_in_every_language(run) -> None:
    assert run("--version").out == run("--lang", "en", "--version").out
    assert run("--version").out.startswith("samenwerken ")


# bad usage: one translated line, exit 2 -----------------------------------------


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (["export"], "samenwerken: Dit ontbreekt nog: ID (zie ‘samenwerken export --help’)"),
        (
            ["export", "x", "--format", "pdf"],
            "samenwerken: Bij --format: ‘pdf’ kan niet; kies uit md, html, xlsx, csv, csv-rfc, json "
            "(zie ‘samenwerken export --help’)",
        ),
        (["list", "--bogus"], "samenwerken: Onbekende argumenten: --bogus (zie ‘samenwerken --help’)"),
        (
            ["export", "x", "-o"],
            "samenwerken: Bij -o/--output: hier hoort één waarde bij (zie ‘samenwerken export --help’)",
        ),
        (
            ["room"],
            "samenwerken: Dit ontbreekt nog: new|serve|status|phase|export|compare|close (zie ‘samenwerken room --help’)",
        ),
        (
            ["room", "serve", "x", "--idle-minutes", "lang"],
            "samenwerken: Bij --idle-minutes: ‘lang’ is geen getal (zie ‘samenwerken room serve --help’)",
        ),
        (
            ["lezen"],
            "samenwerken: Bij COMMANDO: ‘lezen’ kan niet; kies uit read, new, resume, walk, list, overview, "
            "export, compare, import, serve, room, plenary (zie ‘samenwerken --help’)",
        ),
    ],
    ids=["missing", "invalid-choice", "unrecognized", "no-value", "room-missing", "not-a-number", "no-command"],
)
def test_bad_usage_is_one_dutch_line(run, argv: list[str], line: str) -> None:
    result = run(*argv)
    assert (result.code, result.out, result.err) == (2, "", line + "\n")


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (["export"], "samenwerken: the following arguments are required: ID (see 'samenwerken export --help')"),
        (
            ["export", "x", "--format", "pdf"],
            "samenwerken: argument --format: invalid choice: 'pdf' (choose from md, html, xlsx, csv, csv-rfc, json) "
            "(see 'samenwerken export --help')",
        ),
        (["list", "--bogus"], "samenwerken: unrecognised arguments: --bogus (see 'samenwerken --help')"),
        (
            ["export", "x", "-o"],
            "samenwerken: argument -o/--output: expected one argument (see 'samenwerken export --help')",
        ),
    ],
    ids=["missing", "invalid-choice", "unrecognized", "no-value"],
)
def test_bad_usage_in_english_with_lang_en(run, argv: list[str], line: str) -> None:
    result = run("--lang", "en", *argv)
    assert (result.code, result.out, result.err) == (2, "", line + "\n")


def test_the_settings_file_words_bad_usage(run, settings_file: Path) -> None:
    settings_file.write_text('language = "en"\n', encoding="utf-8")
    assert (
        run("export").err == "samenwerken: the following arguments are required: ID (see 'samenwerken export --help')\n"
    )
    assert run("export", "--lang", "nl").err == "samenwerken: Dit ontbreekt nog: ID (zie ‘samenwerken export --help’)\n"


def test_a_bad_lang_is_said_in_the_default_language(run) -> None:
    result = run("--lang", "de", "list")
    assert result.code == 2
    assert result.err == "samenwerken: Bij --lang: ‘de’ kan niet; kies uit nl, en (zie ‘samenwerken --help’)\n"


# not found, and the command line's own messages --------------------------------


def test_an_unknown_session_in_dutch_and_english(tmp_path: Path, run) -> None:
    folder = tmp_path / "sessions"
    result = run("--sessions-dir", str(folder), "export", "nergens")
    assert (result.code, result.err) == (2, f"samenwerken: Geen reflecties in ‘{folder}’\n")

    SessionStore(folder).create("Regio Noord")
    SessionStore(folder).create("Regio Noordoost")
    result = run("--sessions-dir", str(folder), "overview", "nergens", "--print")
    assert (result.code, result.out, result.err) == (2, "", f"samenwerken: Geen reflectie ‘nergens’ in ‘{folder}’\n")
    result = run("--sessions-dir", str(folder), "--lang", "en", "overview", "nergens", "--print")
    assert result.err == f"samenwerken: no reflection 'nergens' in {folder}\n"

    result = run("--sessions-dir", str(folder), "export", "regio-noord")
    assert result.code == 2
    assert result.err.startswith("samenwerken: ‘regio-noord’ past bij meer dan één reflectie: regio-noord")


def test_an_unknown_room_in_dutch(tmp_path: Path, run) -> None:
    make_room(tmp_path)
    result = run("--sessions-dir", str(tmp_path / "sessions"), "room", "status", "nergens")
    rooms = tmp_path / "sessions" / "rooms"
    assert (result.code, result.err) == (2, f"samenwerken: Geen regiosessie ‘nergens’ in ‘{rooms}’\n")
    result = run("--sessions-dir", str(tmp_path / "sessions"), "--lang", "en", "room", "status", "nergens")
    assert result.err == f"samenwerken: no regional session 'nergens' in {rooms}\n"


def test_an_unknown_section_in_both_languages(run) -> None:
    dutch = run("read", "nergens")
    assert dutch.code == 2
    assert dutch.err.startswith("samenwerken: Er is geen onderdeel ‘nergens’; kies uit: vooraf, focus, ")
    english = run("--lang", "en", "read", "nergens")
    assert english.err.startswith("samenwerken: no section 'nergens'; choose one of: vooraf, focus, ")


def test_without_a_terminal_the_app_says_what_to_use(tmp_path: Path, run) -> None:
    result = run("--sessions-dir", str(tmp_path / "sessions"), "read")
    assert result.code == 2
    assert result.err == (
        "samenwerken: De app heeft een terminal nodig, en de invoer is er geen. Zonder terminal gebruik je "
        "‘samenwerken walk --plain’, ‘samenwerken list’, ‘samenwerken overview ID --print’ of "
        "‘samenwerken export ID’.\n"
    )


def test_an_existing_file_is_not_replaced_without_force(tmp_path: Path, run) -> None:
    folder = tmp_path / "sessions"
    stored = SessionStore(folder).create("Regio Noord")
    target = tmp_path / "verslag.md"
    target.write_text("van mij\n", encoding="utf-8")
    result = run("--sessions-dir", str(folder), "export", stored.session.id, "-o", str(target))
    assert (result.code, result.err) == (
        1,
        f"samenwerken: ‘{target}’ bestaat al; voeg --force toe om het te vervangen\n",
    )
    result = run("--sessions-dir", str(folder), "--lang", "en", "export", stored.session.id, "-o", str(target))
    assert result.err == f"samenwerken: {target} exists; add --force to replace it\n"
    assert target.read_text(encoding="utf-8") == "van mij\n"


# the pieces -------------------------------------------------------------------------


def test_argparse_messages_are_mapped_and_unknown_ones_pass() -> None:
    nl = strings_for("nl")
    assert argparse_message("argument --format: expected one argument", nl) == "Bij --format: hier hoort één waarde bij"
    assert argparse_message("invalid choice: \"it's\" (choose from 'a', 'b')", nl) == "‘it's’ kan niet; kies uit a, b"
    assert argparse_message("something argparse may say one day", nl) == "something argparse may say one day"
    assert argparse_message("argument X: something new", nl) == "Bij X: something new"


def test_the_language_is_found_before_parsing() -> None:
    assert language_asked(["--lang", "en", "list"]) == "en"
    assert language_asked(["list", "--lang=en"]) == "en"
    assert language_asked(["--lan", "en"]) == "en"
    assert language_asked(["--lang", "de"]) is None
    assert language_asked(["--lang"]) is None
    assert language_asked(["new", "--", "--lang", "en"]) is None
    assert language_asked(["new", "--lang-x"]) is None
    assert asks_version(["--lang", "en", "--version"])
    assert not asks_version(["list", "--version"])


def test_session_not_found_can_carry_its_own_reason() -> None:
    from tui.cli.output import not_found
    from tui.core.reason import Reason

    error = SessionNotFound("no session 'x' in /tmp", Reason("cli.not_found.session", {"ref": "x", "folder": "/tmp"}))
    assert not_found(error, strings_for("nl")) == "Geen reflectie ‘x’ in ‘/tmp’"
    assert str(error) == "no session 'x' in /tmp"  # English for logs
    # every store raises with its Reason: our own English is never read back to translate it
    assert not_found(SessionNotFound("no session 'x' in /tmp"), strings_for("nl")) == "no session 'x' in /tmp"
