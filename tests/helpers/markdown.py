"""Reading Markdown as a person does: without its markers, and the block a screen highlights."""

from __future__ import annotations

import re
from typing import Any


def words(text: str) -> str:
    """Whitespace collapsed to single spaces."""
    return re.sub(r"\s+", " ", text).strip()


def unmarked(markdown: str) -> str:
    """Markdown without its markers (headings, bullets, quotes, emphasis, escapes), whitespace collapsed."""
    lines = []
    for line in markdown.splitlines():
        line = re.sub(r"^\s*(?:#+|[-*>])\s+", "", line)
        if line.strip() == "---":
            continue
        lines.append(line)
    text = " ".join(lines)
    text = re.sub(r"[*_`\\]", "", text)
    return words(text)


def fold(text: str) -> str:
    """For loose comparisons: unmarked, typographic quotes made plain, casefolded."""
    text = unmarked(text)
    plain: dict[str, str | int | None] = {"‘": "'", "’": "'", "“": '"', "”": '"'}
    text = text.translate(str.maketrans(plain))
    return text.casefold()


def list_items(markdown: str, heading: str | None = None) -> list[tuple[str, list[str]]]:
    """Top-level `- ` items (with their indented `- ` sub-items) of the block under `## heading`.

    Without a heading: the items before the first `## ` heading.
    """
    lines = markdown.splitlines()
    start = lines.index(f"## {heading}") + 1 if heading is not None else 0
    items: list[tuple[str, list[str]]] = []
    for line in lines[start:]:
        if line.startswith("## "):
            break
        if line.startswith("- "):
            items.append((line[2:].strip(), []))
        elif re.match(r"^\s+- ", line) and items:
            items[-1][1].append(line.strip()[2:].strip())
    return items


def highlighted_source(screen: Any) -> str:
    """The Markdown source of the block the screen marks: what the person is pointed at."""
    from tui.app.widgets.section_text import SectionText

    text = screen.query_one("#text", SectionText)
    assert text.marked is not None, "nothing is marked"
    start, end = text.marked
    return " ".join(text.source.splitlines()[start : max(end, start + 1)])
