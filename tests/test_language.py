"""The language is explicit: every rendering speaks the language it is handed.

Each view (the overview in every format and as text, the comparison as table, JSON and
Markdown, the command line's own text) is rendered in each language, one after the
other in one process, and must hold no interface word of the other language. The session's own text is neutral (no word of either
language), so every word found is the app's.

The words looked for are the report's, the comparison's and the overview's texts in
content/strings.toml, read here with tomllib: each fixed fragment of a text that the
other language words differently. A few distinctive ones are written out as well.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.helpers.cli import run_main
from tui.content import i18n, load_tool
from tui.content.i18n import strings_for
from tui.render.compare import COMPARE_RENDERERS
from tui.render.compare_office import compare_bytes
from tui.render.export import FORMATS, export, to_text
from tui.session import Answer, Context, NextStep, Session, SessionStore
from tui.session.limits import MAX_TITLE, OverLimit, check_length
from tui.views.compare import build_comparison
from tui.views.report import build_report

ROOT = Path(__file__).resolve().parent.parent
T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
OTHER = {"nl": "en", "en": "nl"}

OVERVIEW_WORDS = {
    "nl": ["Sterke punten", "Knelpunten", "Per deel", "Belemmeringen die hier niet spelen", "naar bijlage 1", "Nog niet beantwoord",
           "Vervolgstappen", "te weinig", "Reflectie, laatst bijgewerkt", "Overige aantekeningen"],
    "en": ["Strengths", "Obstacles", "By part", "Obstacles that do not play a role here", "adapted from appendix 1", "Not answered yet",
           "Next steps", "too few", "Reflection, last updated", "Other remarks"],
}  # fmt: skip
COMPARE_WORDS = {
    "nl": ["Vergelijking van", "verschil", "Overige items", "anders geformuleerd"],
    "en": ["Comparison of", "spread", "Other items", "reworded"],
}
"""Words of each language that a rendering of this session must show, and the other language's must not."""

RENDERED_KEYS = ("report.", "compare.", "overview.", "limit.", "cli.")


def fragments(language: str) -> set[str]:
    """The fixed fragments (between the {values}) of the rendered texts of `language`."""
    with open(ROOT / "content" / "strings.toml", "rb") as handle:
        table = tomllib.load(handle)[language]
    out = set()
    for key, text in table.items():
        if key.startswith(RENDERED_KEYS):
            for fragment in re.split(r"\{\w+\}", text):
                fragment = fragment.strip(" :;,")
                if len(re.sub(r"\W", "", fragment)) >= 3:
                    out.add(fragment)
    return out


def interface_words(language: str) -> set[str]:
    """The fragments of `language` that the other language does not share ('Partners', ' item(s)' are both)."""
    return fragments(language) - fragments(OTHER[language])


def found(words: set[str], text: str) -> list[str]:
    """The words that occur in `text` as words (not inside a longer one: 'Rol' is not in 'Role')."""
    return sorted(w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text))


# A session and a comparison whose own text is neutral ------------------------------------------


@pytest.fixture(autouse=True)
def _utc(utc: None) -> None:
    """Every test here shows dates: in UTC (conftest's `utc`)."""


@pytest.fixture(scope="module")
def tool():
    return load_tool()


def neutral_session(tool, ident: str = "q7-000000", version: int = 2) -> Session:
    """Strengths, obstacles (with suggestions), other notes, a part with too few answers, steps, notes."""
    answers: dict[str, Answer] = {}
    for n, item in enumerate(tool.items):
        if tool.part_of(item.id).id == "waarom":
            continue  # too few answers: its score is 'too few'
        answers[item.id] = Answer(score=(5, 1, 3)[n % 3], at=T0, remark="Q7 K9", tool_version=version)
    answers["helpt.benchmarks"] = Answer(score=5 if version == 2 else 1, at=T0, tool_version=version)
    return Session(
        id=ident,
        title="Q7 K9",
        created=T0,
        updated=T0,
        context=Context(partners="Q7", role="K9", stage="lopend"),
        answers=answers,
        remarks="K9\nQ7",
        next_steps=[
            NextStep(id="step0001", text="Q7", who="K9", when="2025"),
            NextStep(id="step0002", text="K9", done=True, suggestion="g"),
        ],
    )


def strings_in(data: object) -> Iterator[str]:
    """Every string value in parsed JSON (not the keys: those are the same in every language)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings_in(value)


def shown(fmt: str, text: str) -> str:
    """What a reader sees: for JSON the string values, for CSV the cells but the header."""
    if fmt == "json":
        return "\n".join(strings_in(json.loads(text)))
    if fmt == "csv":
        return "\n".join("\n".join(row) for row in list(csv.reader(io.StringIO(text, newline="")))[1:])
    return text


def renderings(tool, language: str) -> dict[str, str]:
    """Every view in every format, in `language`."""
    strings = strings_for(language)
    report = build_report(tool, neutral_session(tool), strings)
    out = {fmt: shown(fmt, export(report, fmt)) for fmt in FORMATS}
    out["text"] = to_text(report, width=100)
    out["text in colour"] = to_text(report, width=60, color=True)
    sessions = [neutral_session(tool, "q7-1", version=1), neutral_session(tool, "q7-2")]
    comparison = build_comparison(tool, sessions, strings, names=True)
    for fmt in COMPARE_RENDERERS:
        out[f"compare {fmt}"] = shown("json" if fmt == "json" else "text", COMPARE_RENDERERS[fmt](comparison))
    out["compare xlsx"] = workbook_text(compare_bytes(comparison, "xlsx"))
    return out


def workbook_text(data: bytes) -> str:
    """Every cell's text of an xlsx workbook, sheet names included."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    return "\n".join([*book.sheetnames, *cells])


# The tests -----------------------------------------------------------------------------------------


def test_there_is_no_global_language() -> None:
    """Every renderer is handed its Strings: nothing could read a language from elsewhere."""
    assert not {"set_language", "language", "t", "_language"} & set(vars(i18n))


@pytest.mark.parametrize(("language", "none"), [("nl", "Geen."), ("en", "None.")])
def test_the_words_looked_for_include_the_distinctive_ones(language: str, none: str) -> None:
    distinctive = set(OVERVIEW_WORDS[language] + COMPARE_WORDS[language]) | {none}
    looked_for = "\n".join(interface_words(language))
    assert [word for word in sorted(distinctive) if not found({word}, looked_for)] == []


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_rendering_speaks_only_the_language_it_is_handed(tool, language: str) -> None:
    other_words = interface_words(OTHER[language])
    for name, text in renderings(tool, language).items():
        assert found(other_words, text) == [], f"{name} in {language} holds {OTHER[language]} words"


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_overview_shows_the_words_of_its_language(tool, language: str) -> None:
    out = renderings(tool, language)
    for fmt in ("md", "html", "text"):
        missing = [w for w in OVERVIEW_WORDS[language] if w not in out[fmt]]
        assert missing == [], f"{fmt} in {language} lacks {missing}"
    assert f'<html lang="{language}">' in out["html"]
    credit = {"nl": "naar bijlage 1", "en": "adapted from appendix 1"}[language]
    assert credit in out["json"]
    for view in ("compare table", "compare md"):
        missing = [w for w in COMPARE_WORDS[language] if w not in out[view]]
        assert missing == [], f"{view} in {language} lacks {missing}"


@pytest.mark.parametrize("language", ["en", "nl"])
def test_content_follows_the_language_too(tool, language: str) -> None:
    """Items, parts, stages and suggestions in the chosen language (the tool has both for each)."""
    texts = renderings(tool, language)
    other = OTHER[language]
    wrong = set()
    for item in tool.items:
        if item.loc("text", other) != item.loc("text", language):
            wrong |= {name for name, text in texts.items() if item.loc("text", other) in text}
    for part in tool.scale_parts:
        wrong |= {
            name for name, text in texts.items() if re.search(rf"(?<!\w){re.escape(part.loc('title', other))}", text)
        }
    stage = next(s for s in tool.context.stages if s.id == "lopend")
    wrong |= {name for name in ("md", "html", "text") if stage.loc("label", other) in texts[name]}
    assert wrong == set()


@pytest.mark.parametrize("language", ["en", "nl"])
def test_limits_and_file_problems_are_said_in_the_language_asked(tmp_path: Path, language: str) -> None:
    strings = strings_for(language)
    with pytest.raises(OverLimit) as caught:
        check_length("title", "x" * (MAX_TITLE + 1), MAX_TITLE)
    said = {"nl": "De titel is 401 tekens lang; er passen er hoogstens 400 in",
            "en": "The title is 401 characters long; at most 400 fit"}  # fmt: skip
    assert caught.value.reason.text(strings) == said[language]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_command_line_speaks_the_language_asked(
    tmp_path: Path, tool, capsys: pytest.CaptureFixture[str], language: str
) -> None:
    folder = tmp_path / "sessions"
    empty = run_main(capsys, "--sessions-dir", str(folder), "--lang", language, "list")
    assert empty.code == 0
    assert empty.out.startswith({"nl": "Nog geen reflecties in ", "en": "No reflections yet in "}[language])

    store = SessionStore(folder)
    for session in (neutral_session(tool, "q7-1", version=1), neutral_session(tool, "q7-2")):
        stored = store.create("x")
        stored.session = session.model_copy(update={"id": stored.session.id})
        store.save(stored, touch=False)
    a, b = (s.session.id for s in store.scan()[0])
    other_words = interface_words(OTHER[language])
    runs = [
        ["overview", a, "--print"],
        *(["export", a, "--format", fmt] for fmt in FORMATS),
        *(["compare", a, b, "--format", fmt] for fmt in COMPARE_RENDERERS),
    ]
    for argv in runs:
        ran = run_main(capsys, "--sessions-dir", str(folder), "--lang", language, *argv)
        assert ran.code == 0, ran.err
        fmt = argv[-1] if argv[0] != "overview" else "text"
        assert found(other_words, shown(fmt if fmt in ("json", "csv") else "text", ran.out)) == [], argv


@pytest.mark.parametrize(("language", "said"), [("nl", "Schermafdruk bewaard in "), ("en", "Screenshot saved to ")])
async def test_the_screenshot_notice_speaks_the_apps_language(tmp_path: Path, app_factory, language, said) -> None:
    app = app_factory(language=language)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_screenshot(filename="scherm.svg", path=str(tmp_path))
        for _ in range(50):
            await pilot.pause(0.05)
            if app._notifications:
                break
        messages = [n.message for n in app._notifications]
    assert (tmp_path / "scherm.svg").is_file()
    assert any(m.startswith(said) for m in messages), messages
    assert not any("Saved screenshot" in m for m in messages if language == "nl")
