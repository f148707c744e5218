"""The overview's sections, described once: what every format of the overview renders.

`SECTIONS` is the one ordered list of the overview's sections. Each says its id, its
heading (a key of content/strings.toml), how its rows look (`kind`) and where its rows
come from in a `tui.views.report.Report`; `describe` resolves them for one report. Every
format is a renderer of that description (`overview_markdown`, `overview_html`,
`overview_text`, `overview_json`, `overview_csv`, and the workbook in `office`): each maps
a kind to one function. A new section is one entry here; a section of a new kind needs
one more function per format. No Textual, and light to import.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.views.report import Report, SignalRow


@dataclass(frozen=True)
class Section:
    """One section of the overview: a heading, then rows of one kind.

    The formats differ in how they lay out a kind; they agree on what is in it and in
    which order, which is this.
    """

    id: str
    """Names the section: `to_text(sections=...)` picks by it; JSON keys it (see `json_key`)."""
    kind: str
    """How its rows look and which renderer of each format lays them out: 'signals', 'items', …"""
    rows: Callable[[Report], Sequence[Any]]
    """Its rows in one report."""
    heading: str = ""
    """A key of content/strings.toml; '' for a section without a heading (the title, the context)."""
    title: Callable[[Report], str] | None = None
    """The heading in words when it depends on the report ('Nog niet beantwoord: 3 items')."""
    always: bool = False
    """Shown when it has no rows (saying 'None.' where the format says so); else left out."""
    hint: str = ""
    """A key: the hint under the heading, in every document."""
    screen_hint: str = ""
    """A key: the hint under the heading in text for a terminal or the screen only."""
    mark: str = ""
    """A key: the sign before each row of a list of signals ('+', '−', '○')."""
    tone: str = ""
    """'strong', 'weak' or '': the colour of the signs (see `tui.render.parts.ZONE_STYLE`)."""
    json_key: str | None = None
    """The JSON key of its rows: None is the id, '' leaves it out (the session object holds it)."""
    document: bool = True
    """Shown in the documents (Markdown, HTML, text); False: the table of every answer, for CSV and JSON."""


@dataclass(frozen=True)
class Shown:
    """A section of one report: its description, its heading in words and its rows."""

    section: Section
    title: str
    rows: Sequence[Any]

    @property
    def id(self) -> str:
        return self.section.id

    @property
    def kind(self) -> str:
        return self.section.kind

    @property
    def json_key(self) -> str:
        key = self.section.json_key
        return self.section.id if key is None else key


def _notes(report: Report) -> list[str]:
    return [report.session.remarks] if report.session.remarks else []


SECTIONS: tuple[Section, ...] = (
    Section("head", "head", lambda r: [r.session.title], always=True, json_key=""),
    Section("context", "context", lambda r: r.context, json_key=""),
    Section("parts", "parts", lambda r: r.parts, "report.parts", always=True, hint="overview.parts_hint"),
    Section(
        "strengths", "signals", lambda r: r.strengths, "report.strengths", always=True,
        screen_hint="overview.strong_hint", mark="report.strong_mark", tone="strong",
    ),
    Section(
        "absent", "signals", lambda r: r.absent, "report.absent",
        screen_hint="overview.absent_hint", mark="report.absent_mark",
    ),
    Section(
        "obstacles", "signals", lambda r: r.obstacles, "report.obstacles", always=True,
        screen_hint="overview.weak_hint", mark="report.weak_mark", tone="weak",
    ),
    Section("help", "help", lambda r: r.help, "report.help", hint="overview.help_hint"),
    Section("other_remarks", "remarks", lambda r: r.other_remarks, "report.other_notes", json_key=""),
    Section("notes", "notes", _notes, "report.notes", json_key=""),
    Section("steps", "steps", lambda r: r.steps, "report.steps", always=True, json_key="next_steps"),
    Section(
        "unanswered", "unanswered", lambda r: r.unanswered, "report.unanswered_count",
        title=lambda r: r.unanswered_title, always=True,
    ),
    Section("not_applicable", "items", lambda r: r.not_applicable, "report.not_applicable"),
    Section("answers", "answers", lambda r: r.items, json_key="items", document=False),
)  # fmt: skip
"""The overview's sections in the order every document shows them."""


def describe(report: Report, documents_only: bool = False) -> list[Shown]:
    """The sections of `report` in order, each with its heading in words and its rows, empty or not.

    With `documents_only`, the sections the documents show (see `Section.document`).
    Whether an empty one is shown is the format's to ask: `shows`.
    """
    strings = report.strings
    out = []
    for section in SECTIONS:
        if documents_only and not section.document:
            continue
        if section.title is not None:
            title = section.title(report)
        else:
            title = strings(section.heading) if section.heading else ""
        out.append(Shown(section, title, list(section.rows(report))))
    return out


def shows(shown: Shown) -> bool:
    """Whether a document shows this section: it has rows, or it is always shown."""
    return bool(shown.rows) or shown.section.always


def section_ids() -> tuple[str, ...]:
    """The ids of the documents' sections, in order: what `to_text` can render."""
    return tuple(s.id for s in SECTIONS if s.document)


def made_line(report: Report) -> str:
    """'Reflection, last updated <date>' in the local time zone."""
    return report.strings("report.made", date=report.session.updated.astimezone().strftime("%d-%m-%Y"))


def signal_lead(r: SignalRow, mark: str) -> str:
    """'− Speelt sterk': the sign, then the answer in the scale's words, so an obstacle reads as one.

    The sign (+, −, ○) keeps the meaning without colour; the statement follows after ' — '.
    As typed: a renderer makes it safe.
    """
    return f"{mark} {r.answer_word or r.answer_text}"


SIGNAL_DASH = " — "
"""Between the answer's word and the statement: 'Speelt sterk — Er is te weinig geld…'."""
