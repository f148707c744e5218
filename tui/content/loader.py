"""Reading content/ into its plain classes, turning every problem into one ContentError.

A file is validated (pydantic, tui.content.schema) only when it is new or changed; what the
validators gave is kept (tui.content.cache) and every start builds the plain classes from it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from tui.content.base import LANGUAGES
from tui.content.cache import remembered
from tui.content.note import Note, NoteIndex, Section
from tui.content.tool import Tool
from tui.core.errors import ContentError
from tui.core.paths import content_root

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from pydantic import BaseModel


def _display(path: Traversable) -> str:
    return str(path)


def read_text(path: Traversable) -> str:
    """A content file as text; missing or non-UTF-8 files become a ContentError."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(_display(path), "", "file is missing") from None
    except UnicodeDecodeError as error:
        raise ContentError(_display(path), f"byte {error.start}", "not valid UTF-8 text") from None
    except OSError as error:
        raise ContentError(_display(path), "", f"cannot be read ({error.strerror})") from None


def read_toml(path: Traversable) -> tuple[dict[str, Any], str]:
    text = read_text(path)
    return parse_toml(path, text), text


def parse_toml(path: Traversable, text: str) -> dict[str, Any]:
    import tomllib  # only to validate a changed file: a start reads what was kept

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ContentError(_display(path), "", f"not valid TOML: {error}") from None


def validate(model: type[BaseModel], path: Traversable, data: dict[str, Any], text: str) -> dict[str, Any]:
    """`data` checked by `model` (of tui.content.schema), as JSON data; the first error names its field and line."""
    from pydantic import ValidationError

    try:
        return model.model_validate(data).model_dump(mode="json")
    except ValidationError as error:
        errors = error.errors()
        # A misspelt key shows up as "unknown" plus "missing": the unknown one explains both.
        first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        loc = tuple(first["loc"])
        field = _dotted(loc)
        problem = first["msg"]
        if first["type"] == "extra_forbidden" and loc:
            import difflib

            close = difflib.get_close_matches(str(loc[-1]), _known_keys(), n=1)
            problem = "unknown key" + (f"; did you mean {close[0]!r}?" if close else "")
        line = _line_of(text, loc)
        where = field + (f", line {line}" if line else "")
        more = error.error_count() - 1
        if more:
            problem += f" (and {more} more problem{'s' if more > 1 else ''})"
        raise ContentError(_display(path), where, problem) from None


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@cache
def _known_keys() -> list[str]:
    from tui.content.schema import ContentModel

    keys: set[str] = set()
    pending: list[type] = [ContentModel]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        keys.update(getattr(cls, "model_fields", {}))
    return sorted(keys)


def _line_of(text: str, loc: tuple[Any, ...]) -> int | None:
    """Best guess of the line a validation error points at, following [tables] and [[arrays]]."""
    lines = text.splitlines()
    position, table = 0, []

    def find(header: re.Pattern[str], nth: int) -> int | None:
        count = -1
        for number in range(position, len(lines)):
            if header.match(lines[number]):
                count += 1
                if count == nth:
                    return number
        return None

    for i, part in enumerate(loc[:-1]):
        following = loc[i + 1]
        if isinstance(part, str) and isinstance(following, int):
            table.append(part)
            found = find(re.compile(r"^\s*\[\[\s*" + re.escape(".".join(table)) + r"\s*\]\]"), following)
        elif isinstance(part, str):
            table.append(part)
            found = find(re.compile(r"^\s*\[\s*" + re.escape(".".join(table)) + r"\s*\]"), 0)
        else:
            continue
        if found is None:
            return None
        position = found
    key = loc[-1] if loc else None
    if not isinstance(key, str):
        return position + 1 if position else None
    pattern = re.compile(r"^\s*" + re.escape(key) + r"\s*=")
    for number in range(position, len(lines)):
        if number > position and lines[number].lstrip().startswith("["):
            break  # the key is not in this table (a missing key): point at the table
        if pattern.match(lines[number]):
            return number + 1
    return position + 1 if position else None


@cache
def load_note(root: Traversable | None = None) -> Note:
    """The note's index; section bodies are read when first shown or searched.

    Validated once per version of the files (see `tui.content.cache`).
    """
    root = root or content_root()
    path = root / "note.toml"
    text = read_text(path)
    index: NoteIndex = remembered("note", [text], lambda: _checked_note(path, text), NoteIndex)
    for section in index.sections:
        if not (root / section.file).is_file():
            raise ContentError(_display(path), f"sections: {section.id}", f"file {section.file!r} is missing")

    def read_body(section: Section) -> str:
        body = read_text(root / section.file)
        if not body.strip():
            raise ContentError(_display(root / section.file), "", "the section is empty")
        return body

    return Note(index, read_body)


@cache
def load_tool(root: Traversable | None = None) -> Tool:
    """The reflection tool, checked against the note's section ids (validated once per version of both)."""
    root = root or content_root()
    path = root / "tool.toml"
    text = read_text(path)
    note = load_note(root)  # type: ignore[arg-type]  # content roots are hashable paths
    tool: Tool = remembered(
        "tool", [text, read_text(root / "note.toml")], lambda: _checked_tool(path, text, note), Tool
    )
    return tool


def _checked_note(path: Traversable, text: str) -> dict[str, Any]:
    from tui.content import schema

    return validate(schema.NoteIndex, path, parse_toml(path, text), text)


def _checked_tool(path: Traversable, text: str, note: Note) -> dict[str, Any]:
    from tui.content import schema

    tool = validate(schema.Tool, path, parse_toml(path, text), text)
    known = {s.id for s in note.sections}
    for part in tool["parts"]:
        for where, source in [(part["id"], part["source"])] + [(i["id"], i["source"]) for i in part["items"]]:
            if source not in known:
                raise ContentError(_display(path), where, f"source {source!r} is not a section of the note")
    return tool


def load_strings(root: Traversable | None = None) -> dict[str, dict[str, str]]:
    """The interface's words per language: {'nl': {...}, 'en': {...}}, each as `load_language` gives it."""
    return {language: load_language(language, root) for language in LANGUAGES}  # type: ignore[arg-type]  # hashable paths


@cache
def load_language(language: str, root: Traversable | None = None) -> dict[str, str]:
    """The interface's words in one language, a gap in English filled with the Dutch text (checked once per version).

    Each language is kept on its own, so a start reads only the words it shows (issue 24:
    both were about 0.5 MB of every start); the whole file is still checked, both languages
    together, whenever it changed.
    """
    if language not in LANGUAGES:
        raise ValueError(f"no language {language!r}")
    path = (root or content_root()) / "strings.toml"
    text = read_text(path)
    words: dict[str, str] = remembered(
        f"strings_{language}", [text], lambda: _one_language(_checked_strings(path, text), language), dict[str, str]
    )
    return words


def _one_language(tables: dict[str, dict[str, str]], language: str) -> dict[str, str]:
    """`language`'s words; where English is empty, the Dutch text (as the words were looked up before)."""
    if language == "nl":
        return tables["nl"]
    return tables["nl"] | {key: text for key, text in tables[language].items() if text}


def _checked_strings(path: Traversable, text: str) -> dict[str, dict[str, str]]:
    data = parse_toml(path, text)
    out: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        table = data.get(lang)
        if not isinstance(table, dict):
            raise ContentError(_display(path), lang, f"the table [{lang}] is missing")
        bad = [k for k, v in table.items() if not isinstance(v, str)]
        if bad:
            raise ContentError(_display(path), f"{lang}.{bad[0]}", "must be a string")
        out[lang] = table
    missing = sorted(set(out["nl"]) - set(out["en"]))
    if missing:
        raise ContentError(_display(path), f"en.{missing[0]}", "has no English text")
    return out


@cache
def load_code_words(root: Traversable | None = None) -> tuple[str, ...]:
    """The words personal codes of a regional session are made of (content/room_words.toml)."""
    path = (root or content_root()) / "room_words.toml"
    data, _ = read_toml(path)
    words = data.get("words")
    if not isinstance(words, list) or len(words) < 50 or not all(isinstance(w, str) and w.isalpha() for w in words):
        raise ContentError(_display(path), "words", "must be a list of at least 50 plain words")
    return tuple(dict.fromkeys(w.lower() for w in words))
