"""The note's sections as parsed Markdown, plain data kept between runs: the reader parses nothing at start.

The reader lays a section out from markdown-it's tokens (tui.app.widgets.section_text).
Importing markdown-it and compiling its rules, then parsing the first section, was most
of what the reader's start paid above home's (issue 24). The sections only change with
the note, so every section is parsed once, its tokens reduced to what the layout reads
(`Piece`: the block's kind and source lines, an inline run's words and their emphasis),
and kept as JSON beside the note (`tui.content.cache`, under a key made of every
section's text, this module's code and markdown-it's version). A start reads them back
into plain classes; markdown-it is imported only when the note or markdown-it changed.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.content.cache import decoder, remembered
from tui.content.note import Note
from tui.core.plain import Plain, record

if TYPE_CHECKING:
    from markdown_it.token import Token

PRESET = "gfm-like"
"""markdown-it's rules the note is read with (as Textual's Markdown widget reads it)."""

EMPHASIS = {"em_open": "em", "strong_open": "strong"}
"""Inline openings shown with a style (a link or a strike-through shows its words plain)."""


@record(frozen=True, kw_only=True)
class Styled(Plain):
    """A run of an inline text shown with a style: `em`, `strong` or `code_inline`."""

    start: int
    end: int
    style: str


@record(frozen=True, kw_only=True)
class Piece(Plain):
    """One markdown-it block token, as the layout reads it.

    `kind` is the token's type (`paragraph_open`, `inline`, `hr`, `fence`, `…_close`),
    `start`/`end` its source lines (0, 0 where it has none); `text` is an inline run's
    words (soft breaks as spaces) with `spans`, or a code block's content.
    """

    kind: str
    tag: str
    start: int
    end: int
    info: str
    markup: str
    text: str
    spans: list[Styled]


def section_source(note: Note, section_id: str) -> str:
    """The Markdown the reader shows for a section: its heading as the note prints it, then its body."""
    return f"# {note.section(section_id).heading}\n\n{note.body(section_id)}"


def section_pieces(note: Note, section_id: str) -> list[Piece]:
    """The blocks of `section_source(note, section_id)`: kept from an earlier run, or parsed now and kept.

    Each section is kept as its own JSON text inside the kept file, read into pieces only
    when it is shown (a start shows one section of eleven). One that does not read back
    (a hand-edited cache) is parsed again.
    """
    sources = {section.id: section_source(note, section.id) for section in note.sections}
    kept = _kept_sections(tuple(sources.items()))
    try:
        return _section_decoder()(json.loads(kept[section_id]))
    except (KeyError, ValueError, RecursionError):  # NotKept is a ValueError
        return parse(sources[section_id])


@functools.cache
def _kept_sections(sources: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Every section's pieces as JSON text, by section id (parsed once per version of the note)."""
    texts = [_parser_source(), *[text for pair in sources for text in pair]]
    kept: dict[str, str] = remembered(
        "sections", texts, lambda: {name: _dumped(parse(text)) for name, text in sources}, dict[str, str]
    )
    return kept


@functools.cache
def _section_decoder() -> Callable[[Any], list[Piece]]:
    return decoder(list[Piece])


def _dumped(pieces: list[Piece]) -> str:
    data = [piece.model_dump(mode="json") for piece in pieces]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


@functools.cache
def _parser_source() -> str:
    """This module's code and markdown-it's version: a change to either is another key."""
    found = importlib.util.find_spec("markdown_it")
    origin = Path(found.origin) if found is not None and found.origin else None
    version = origin.read_text(encoding="utf-8") if origin is not None and origin.is_file() else "no markdown-it"
    return Path(__file__).read_text(encoding="utf-8") + version


def parse(source: str) -> list[Piece]:
    """The blocks of `source` (Markdown), parsed with markdown-it (imported here, only when needed)."""
    from markdown_it import MarkdownIt

    return [_piece(token) for token in MarkdownIt(PRESET).parse(source)]


def _piece(token: Token) -> Piece:
    start, end = token.map or (0, 0)
    text, spans = _inline(token) if token.type == "inline" else (token.content, [])
    kind, tag, info, markup = token.type, token.tag, token.info, token.markup
    return Piece(kind=kind, tag=tag, start=start, end=end, info=info, markup=markup, text=text, spans=spans)


def _inline(token: Token) -> tuple[str, list[Styled]]:
    """An inline token's words with their emphasis, as Textual's Markdown words it (soft breaks are spaces)."""
    parts: list[str] = []
    spans: list[Styled] = []
    opened: list[tuple[str, int]] = []
    position = 0
    for child in token.children or []:
        kind = child.type
        text = ""
        if kind == "text":
            text = re.sub(r"\s+", " ", child.content)
        elif kind == "softbreak":
            text = " "
        elif kind == "hardbreak":
            text = "\n"
        elif kind == "code_inline":
            spans.append(Styled(start=position, end=position + len(child.content), style="code_inline"))
            text = child.content
        elif kind in ("em_open", "strong_open", "s_open", "link_open"):
            opened.append((EMPHASIS.get(kind, ""), position))
        elif kind.endswith("_close") and opened:
            style, start = opened.pop()
            if style:
                spans.append(Styled(start=start, end=position, style=style))
        parts.append(text)
        position += len(text)
    return "".join(parts), spans
