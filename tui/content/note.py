"""The note's structure: its title and its sections in true reading order."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import field

from tui.content.base import Content
from tui.core.plain import record

SECTION_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"


@record(frozen=True, kw_only=True, eq=True)
class Section(Content):
    """One section of the note; its Markdown body lives in its own file."""

    id: str
    number: str = ""
    title: str
    short: str
    file: str

    @property
    def heading(self) -> str:
        """The heading as the note prints it: '2. Belemmerende …' or 'Vooraf'."""
        return f"{self.number}. {self.title}" if self.number else self.title


@record(frozen=True, kw_only=True, eq=True)
class NoteIndex(Content):
    """content/note.toml: what the note is and the order of its sections."""

    title: str
    subtitle: str
    publisher: str
    adopted: str
    sections: list[Section]


@record
class SearchHit:
    """One place where a search term occurs."""

    section: Section
    line: int
    snippet: str


@record
class Note:
    """The note: its index plus section bodies, read only when first asked for."""

    index: NoteIndex
    read_body: Callable[[Section], str]  # the loader owns file access
    _bodies: dict[str, str] = field(default_factory=dict)

    @property
    def sections(self) -> list[Section]:
        return self.index.sections

    def section(self, section_id: str) -> Section:
        """The section with this id; KeyError with the known ids if there is none."""
        for section in self.sections:
            if section.id == section_id:
                return section
        known = ", ".join(s.id for s in self.sections)
        raise KeyError(f"no section {section_id!r}; known: {known}")

    def label(self, section_id: str) -> str:
        """'§ 2 Factoren' for a numbered section, else its short title: where a statement comes from."""
        section = self.section(section_id)
        return f"§ {section.number} {section.short}" if section.number else section.short

    def position(self, section_id: str) -> int:
        return [s.id for s in self.sections].index(section_id)

    def body(self, section_id: str) -> str:
        if section_id not in self._bodies:
            self._bodies[section_id] = self.read_body(self.section(section_id))
        return self._bodies[section_id]

    def search(self, term: str, width: int = 60) -> list[SearchHit]:
        """Every occurrence of `term` (case-insensitive), in reading order, with a snippet."""
        term = term.strip()
        if not term:
            return []
        pattern = re.compile(re.escape(term), re.IGNORECASE)
        hits: list[SearchHit] = []
        for section in self.sections:
            for number, line in enumerate(self.body(section.id).splitlines()):
                for match in pattern.finditer(line):
                    hits.append(SearchHit(section, number, _snippet(line, match, width)))
        return hits


def plain(markdown_line: str) -> str:
    """A Markdown line without its markers, for snippets and comparisons."""
    text = re.sub(r"^\s*(?:[-*>]|#+|\d+\.)\s+", "", markdown_line)
    return re.sub(r"[*_`\\]", "", text).strip()


def _snippet(line: str, match: re.Match[str], width: int) -> str:
    text = plain(line)
    found = text.lower().find(match.group(0).lower())
    if found < 0:
        found = 0
    start = max(0, found - width // 3)
    end = min(len(text), start + width)
    # Cut at word boundaries: a snippet begins and ends with whole words, the term always inside.
    if start > 0 and not text[start - 1].isspace():
        space = text.find(" ", start, found)
        start = space + 1 if space >= 0 else start
    if end < len(text) and not text[end].isspace():
        space = text.rfind(" ", found + len(match.group(0)), end)
        end = space if space >= 0 else end
    snippet = text[start:end].strip()
    return ("…" if start else "") + snippet + ("…" if end < len(text) else "")
