"""One voice in the app's own text: the user is "je", statements are "we/ons", words read well.

Only text written for the app is checked: the note's own words (quotes, factors,
the themes and forms, the note's Markdown) are kept as the note has them.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tui.content import load_note, load_strings, load_tool

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"

DUTCH_FIELDS = {
    "text",
    "intro",
    "question",
    "low",
    "high",
    "explain",
    "description",
    "title",
    "label",
    "not_applicable",
}
"""Fields of tool.toml that hold Dutch text written for the app (their *_en twins are English)."""
ENGLISH_FIELDS = {f"{name}_en" for name in DUTCH_FIELDS}

APP_WRITTEN_SECTIONS = ("bijlage-2", "bijlage-3")
"""Sections of the note whose body the app wrote, because the original is a figure."""

POLITE = re.compile(r"\b(?:u|uw|U|Uw)\b")


def _texts(data: Any, fields: set[str], where: str = "") -> list[tuple[str, str]]:
    """(where, text) for every string under one of `fields`; earlier wordings (history) are left out."""
    out: list[tuple[str, str]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "history":
                continue
            here = f"{where}.{key}" if where else key
            if key in fields and isinstance(value, str):
                out.append((here, value))
            else:
                out += _texts(value, fields, here)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            label = value.get("id") or value.get("letter") if isinstance(value, dict) else None
            out += _texts(value, fields, f"{where}[{label or index}]")
    return out


@pytest.fixture(scope="module")
def tool_data() -> dict[str, Any]:
    return tomllib.loads((CONTENT / "tool.toml").read_text(encoding="utf-8"))


def app_written_markdown() -> list[tuple[str, str]]:
    """The app's own Markdown: whole bodies of the figure sections, and *marked* lines elsewhere."""
    note = load_note()
    out = [(section, note.body(section)) for section in APP_WRITTEN_SECTIONS]
    for section in note.sections:
        if section.id not in APP_WRITTEN_SECTIONS:
            out += [(section.id, line) for line in note.body(section.id).splitlines() if line.startswith("*In de ")]
    return out


@pytest.fixture(scope="module")
def dutch(tool_data) -> list[tuple[str, str]]:
    strings = [(f"strings.nl.{key}", value) for key, value in load_strings()["nl"].items()]
    return strings + _texts(tool_data, DUTCH_FIELDS) + app_written_markdown()


@pytest.fixture(scope="module")
def english(tool_data) -> list[tuple[str, str]]:
    strings = [(f"strings.en.{key}", value) for key, value in load_strings()["en"].items()]
    return strings + _texts(tool_data, ENGLISH_FIELDS)


def offending(texts: list[tuple[str, str]], pattern: re.Pattern[str]) -> list[str]:
    return [f"{where}: {text!r}" for where, text in texts if pattern.search(text)]


# --------------------------------------------------------------------------- one form of address


def test_collectors_see_the_text(dutch, english):
    wheres = {where for where, _ in dutch}
    assert "strings.nl.home.about" in wheres
    assert any(w.endswith("[belangen].question") for w in wheres)
    assert any(w.startswith("suggestions[c]") for w in wheres)
    assert "bijlage-3" in wheres
    assert len(dutch) > 250 and len(english) > 250


def test_the_user_is_je_never_u(dutch):
    found = offending(dutch, POLITE)
    assert not found, "address the user as je, not u/uw:\n" + "\n".join(found)


def test_the_polite_pattern_catches_u():
    for polite in ("In hoeverre bent u het eens?", "uw bestuur", "U kunt kiezen", "Uw rol"):
        assert POLITE.search(polite), polite
    for fine in ("uur", "nu", "duurzaam", "Utrecht", "uitruil"):
        assert not POLITE.search(fine), fine


def test_statements_speak_as_we(tool_data):
    """Statements stay in the note's voice: we/ons, never addressed to the reader."""
    statements = [(where, text) for where, text in _texts(tool_data, {"text"}) if where.startswith("parts")]
    assert len(statements) == len(load_tool().items)
    found = offending(statements, re.compile(r"\b(?:je|jij|jouw|jullie|u|uw)\b", re.IGNORECASE))
    assert not found, "\n".join(found)


def test_user_remarks_are_aantekeningen():
    """'Notitie' is the Overlegraad's note; what the user writes is an aantekening."""
    nl = load_strings()["nl"]
    for key in ("key.note", "walk.note_label", "note.heading", "report.note", "report.notes", "report.other_notes"):
        assert "aantekening" in nl[key].lower(), key
        assert "notitie" not in nl[key].lower(), key


# --------------------------------------------------------------------------- Dutch that reads well

DUTCH_TO_AVOID = [
    (r"\bsectie", "the note's parts are hoofdstukken or onderdelen"),
    (r"\binvalshoek", "everywhere else it is perspectief"),
    (r"N\.v\.t\.", "n.v.t., as the scale says"),
    (r"\bna richting\b", "not Dutch"),
    (r"Geldt heel sterk", "not how a scale reads"),
    (r"meeste stemmen gelden niet", "the note's idiom is ‘meeste stemmen gelden’ gaat niet op"),
    (r"worden pas werk", "not Dutch"),
    (r"\bgaan voor\b", "ambiguous"),
    (r"dit ons zelf belemmert", "not Dutch"),
    (r"\w'\w", "the note writes ’ (Thema’s, agenda’s)"),
    (r"'\{|\}'", "quote marks around a value are ‘ ’"),
    (r"ook van de kleinste", "not in the note"),
    (r"weinig zin", "too casual for boards"),
    (r"(?i)\bstelling(?!name)", "a statement is an uitspraak"),
    (r"(?i)opmerking", "what the user writes is an aantekening"),
    (r"(?i)helpt bij (?:\S+ )?knelpunt", "a suggestion fits an obstacle (past bij); it has not helped yet"),
    (r"(?i)hindernis", "the note says belemmering"),
    (r"eigen scholen", "the note says eigen organisatie"),
    (r"(?<!aan )de eigen achterban uitleggen", "explain to: aan de eigen achterban uitleggen"),
]


@pytest.mark.parametrize("pattern, why", DUTCH_TO_AVOID)
def test_dutch_avoids(dutch, pattern, why):
    found = offending(dutch, re.compile(pattern))
    assert not found, f"{why}:\n" + "\n".join(found)


def test_words_the_note_uses():
    tool = load_tool()
    helpt = next(p for p in tool.parts if p.id == "helpt")
    assert "bronnen" in helpt.intro and "onderzoeken" not in helpt.intro
    assert "eigen instelling" in tool.item("hindert.concurrentie").text
    assert "toezichthouders" in tool.item("waarom.niet-willen").text
    assert not re.search(r"regels|systemen|vervoer", tool.item("waarom.praktische-redenen").text)


# --------------------------------------------------------------------------- English that reads as English

ENGLISH_TO_AVOID = [
    (r"pigeonhol", "silo thinking"),
    (r"pinches", "not idiomatic"),
    (r"done justice to", "not idiomatic"),
    (r"when someone leads and it is assigned", "not English"),
    (r"the great task", "the main challenge"),
    (r"(?<!the )majority does not rule", "needs its article"),
    (r"after direction", "not English"),
    (r"\bN/a\b", "n/a, as the scale says"),
    (r"(?i)\bcomments?\b", "one word for what the user writes: remark"),
    (r"(?i)\bsupervisors?\b(?! board)", "supervisory board, as in the note's raad van toezicht"),
    (r"(?i)\b(?<!regional )sessions?\b", "a person's session is a reflection, a room a regional session"),
    (r"(?i)\b(?:a|the|this|that|no) rooms?\b", "a room is a regional session"),
    (r"(?i)\b\w+(?<!s)(?:iz|yz)(?:e|es|ed|ing|ation)\b", "British spelling: organise, recognise"),
    (r"\bcolor", "British spelling: colour"),
    (r"the most named", "those named most often"),
    (r"glad to see each other gain", "happy to see each other succeed"),
    (r"Staff feel resistance", "Staff are resistant to, or uncertain about"),
    (r"without a key\b", "without a keystroke"),
    (r"You are seat", "You are in seat"),
    (r"\bRunning\b", "the stage is Ongoing"),
    (r"\(hardly\) plays a role", "says the opposite of what it means"),
    (r"helps with (?:\S+ )?obstacle", "a suggestion fits an obstacle; it has not helped yet"),
]


@pytest.mark.parametrize("pattern, why", ENGLISH_TO_AVOID)
def test_english_avoids(english, pattern, why):
    found = offending(english, re.compile(pattern))
    assert not found, f"{why}:\n" + "\n".join(found)


# --------------------------------------------------------------------------- marked additions


def test_restored_focus_list_is_marked():
    body = load_note().body("focus")
    lines = body.rstrip().splitlines()
    at = lines.index("4. Regionaal samenwerken is een vaardigheid")
    marker = [line for line in lines[at + 1 :] if line.strip()]
    assert marker and marker[0].startswith("*") and marker[0].endswith("*")
    assert "hersteld" in marker[0]


@pytest.mark.parametrize("section", APP_WRITTEN_SECTIONS)
def test_figure_sections_say_they_are_written_for_the_app(section):
    first = next(line for line in load_note().body(section).splitlines() if line.startswith("*"))
    assert first.startswith("*In de oorspronkelijke notitie staat hier een figuur")
    assert "voor deze app geschreven" in first


def test_bijlage_3_says_what_the_app_is():
    body = load_note().body("bijlage-3")
    assert "deze tool" not in body
    assert "opnieuw opgebouwd uit de notitie zelf" in body
    assert "context" in body  # themes and forms are context, not questions
    assert "naar bijlage 1" in body
