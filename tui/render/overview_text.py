"""The overview as text for a terminal, a pipe or the screen: one renderer of `tui.render.overview`.

Every kind of section has one function here (`BLOCKS`), giving the section's lines at the
terminal's width; `to_text` puts a blank line between sections. Everything typed is made
safe for a terminal (`tui.render.parts.Terminal`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.core.text import safe_line
from tui.render.overview import SIGNAL_DASH, Shown, describe, made_line, section_ids, shows, signal_lead
from tui.render.parts import CHECKBOXES, ZONE_STYLE, Terminal, bar, blocks, columns, step_caps, step_rows, zone

if TYPE_CHECKING:
    from tui.views.report import Report

TEXT_SECTIONS = section_ids()
"""The sections of the text overview, in order; `to_text` can render any of them."""

UNANSWERED_SHOWN = 10
"""The text overview lists this many unanswered items, then '…'."""

TEXT_BAR = 12
"""The width of a part's bar in the text overview."""


def step_table(report: Report, width: int, boxes: tuple[str, str] = CHECKBOXES, indent: str = "  ") -> list[str]:
    """The next steps as a register in aligned columns (Wat, Wie, Wanneer, Klaar) within `width`.

    A heading line, then each step on one line or more (cells wrap inside their column);
    an overdue step says so in its 'when' cell. Empty without steps.
    """
    if not report.steps:
        return []
    rows = step_rows(report.steps, report.strings, report.today, boxes)
    laid_out = columns(rows, width - len(indent), step_caps(width - len(indent)))
    return [indent + line for lines in laid_out for line in lines]


def to_text(report: Report, width: int = 80, color: bool = False, sections: Sequence[str] | None = None) -> str:
    """The overview as text for a terminal, a pipe or the screen, wrapped to `width` (see `render.Terminal`).

    `sections` (ids of the description's sections, always rendered in its order; all when None)
    picks a part of it: the overview screen shows the steps as a list of its own between the
    others. Sections with nothing to show are left out; a blank line separates the others. Every
    strength, obstacle and absent hindrance begins with a sign and its answer in words
    ('+ Volledig', '− Speelt sterk', '○ Speelt nauwelijks'), so the text reads the same without
    colour. With `color`: bold headings, bars and signs red for an obstacle and green for a
    strength, dim hints.
    """
    described = describe(report, documents_only=True)
    ids = [shown.id for shown in described]
    if sections is not None:
        unknown = set(sections) - set(ids)
        if unknown:
            raise ValueError(f"unknown sections {sorted(unknown)}; choose from {', '.join(ids)}")
    page = _Page(report, Terminal(width, color))
    return blocks(
        *(
            BLOCKS[shown.kind](shown, page)
            for shown in described
            if (sections is None or shown.id in sections) and shows(shown)
        )
    )


@dataclass(frozen=True)
class _Page:
    """What every block needs: the report and the terminal it is written for."""

    report: Report
    term: Terminal

    def hint(self, key: str) -> list[str]:
        text = self.report.strings(key)
        return [self.term.paint(line, "dim") for line in self.term.wrap(text, "  ")]

    def none(self) -> list[str]:
        return ["  " + safe_line(self.report.strings("report.none"))]

    def heading(self, shown: Shown) -> list[str]:
        return [self.term.heading(shown.title)]


def _head(shown: Shown, page: _Page) -> list[str]:
    return [page.term.heading(shown.rows[0]), safe_line(made_line(page.report))]


def _context(shown: Shown, page: _Page) -> list[str]:
    return [line for label, value in shown.rows for line in page.term.wrap(f"{label}: {value}", "    ", "  ")]


def _parts(shown: Shown, page: _Page) -> list[str]:
    report, term, strings = page.report, page.term, page.report.strings
    na = {p.id: strings("report.basis_na", n=p.not_applicable) if p.not_applicable else "" for p in shown.rows}
    rows = [
        (safe_line(p.title), safe_line(p.score_text), f"{p.scored}/{p.total}", safe_line(na[p.id]), p)
        for p in shown.rows
    ]
    changes = [safe_line(p.change_text) for p in shown.rows]
    score_width = max(len(r[1]) for r in rows)
    fraction_width = max(len(r[2]) for r in rows)
    na_width = max(len(r[3]) for r in rows)
    change_width = max(len(c) for c in changes)
    bar_width = TEXT_BAR - 2 if change_width else TEXT_BAR  # room for the change since last time
    fixed = 2 + 1 + bar_width + 1 + score_width + 2 + fraction_width + na_width
    fixed += 2 + change_width if change_width else 0
    label_width = max(10, min(max(len(r[0]) for r in rows), term.width - fixed))
    out = page.heading(shown) + page.hint(shown.section.hint)
    if report.earlier_text:
        out += term.wrap(report.earlier_text, "  ")
    for (title, score, fraction, not_applicable, p), change in zip(rows, changes, strict=True):
        if len(title) > label_width:
            title = title[: label_width - 1] + "…"
        where = zone(p.mean, report.strength_at, report.obstacle_at)
        painted = term.paint(bar(p.mean, bar_width), ZONE_STYLE[where])
        line = f"  {title:<{label_width}} {painted} {score:>{score_width}}  {fraction:>{fraction_width}}"
        line += f"{not_applicable:<{na_width}}" + (f"  {change}" if change else "")
        out.append(line.rstrip())
    return out


def _signals(shown: Shown, page: _Page) -> list[str]:
    term, strings, section = page.term, page.report.strings, shown.section
    out = page.heading(shown) + page.hint(section.screen_hint)
    style = ZONE_STYLE.get(section.tone, "")
    for r in shown.rows:
        out += term.marked(signal_lead(r, strings(section.mark)), style, SIGNAL_DASH.lstrip() + r.title)
        if r.change_text:
            out += term.wrap(r.change_text, "      ", "    ")
        if r.remark:
            out += term.wrap(f"{strings('report.note')}: {r.remark}", "    ")
        if r.suggestions:
            letters = ", ".join(x for x, _ in r.suggestions)
            out += term.wrap(f"{strings('report.could_help')}: {strings('report.appendix1')} {letters}", "    ")
    return out if shown.rows else out + page.none()


def _help(shown: Shown, page: _Page) -> list[str]:
    term, strings = page.term, page.report.strings
    out = page.heading(shown) + page.hint(shown.section.hint)
    for h in shown.rows:
        out += term.wrap(h.marked_label(strings), "    ", "  ") + term.wrap(h.text, "    ")
    return out


def _remarks(shown: Shown, page: _Page) -> list[str]:
    out = page.heading(shown)
    for _, text, note in shown.rows:
        out += page.term.wrap(text, "    ", "  · ") + page.term.wrap(note, "    ")
    return out


def _notes(shown: Shown, page: _Page) -> list[str]:
    paragraphs = [text for note in shown.rows for text in note.replace("\r\n", "\n").split("\n")]
    return page.heading(shown) + [line for text in paragraphs for line in page.term.wrap(text, "  ")]


def _steps(shown: Shown, page: _Page) -> list[str]:
    return page.heading(shown) + (step_table(page.report, page.term.width) or page.none())


def _unanswered(shown: Shown, page: _Page) -> list[str]:
    out = page.heading(shown)
    for _, _, text in shown.rows[:UNANSWERED_SHOWN]:
        out += page.term.wrap(text, "    ", "  · ")
    return out + (["  …"] if len(shown.rows) > UNANSWERED_SHOWN else [])


def _items(shown: Shown, page: _Page) -> list[str]:
    out = page.heading(shown)
    for _, part, text in shown.rows:
        out += page.term.wrap(f"{text} ({part})", "    ", "  · ")
    return out if shown.rows else out + page.none()


BLOCKS: dict[str, Callable[[Shown, _Page], list[str]]] = {
    "head": _head,
    "context": _context,
    "parts": _parts,
    "signals": _signals,
    "help": _help,
    "remarks": _remarks,
    "notes": _notes,
    "steps": _steps,
    "unanswered": _unanswered,
    "items": _items,
}
"""Each kind of section (`Section.kind`) as lines of terminal text."""
