"""The overview as Markdown: one renderer of the description in `tui.render.overview`.

Every kind of section has one function here (`BLOCKS`); each gives the section's lines,
ending in a blank line. Everything typed is literal Markdown (`md_text`, `md_quote`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.render.overview import SIGNAL_DASH, Shown, describe, made_line, shows, signal_lead
from tui.render.parts import bar, md_quote, md_text, step_cells, step_headings

if TYPE_CHECKING:
    from tui.views.report import Report

md = md_text


def to_markdown(report: Report) -> str:
    """The overview as a Markdown document: every section the description shows, in its order."""
    lines = [line for shown in describe(report, documents_only=True) if shows(shown) for line in _block(shown, report)]
    return "\n".join(lines[:-1]) + "\n"  # every block ends in a blank line; the document in one newline


def _block(shown: Shown, report: Report) -> list[str]:
    return BLOCKS[shown.kind](shown, report)


def _heading(shown: Shown) -> list[str]:
    return [f"## {shown.title}", ""]


def _none(shown: Shown, report: Report) -> list[str]:
    return [report.strings("report.none"), ""]


def _head(shown: Shown, report: Report) -> list[str]:
    return [f"# {md(shown.rows[0])}", "", made_line(report), ""]


def _context(shown: Shown, report: Report) -> list[str]:
    return [f"- **{md(label)}:** {md(value)}" for label, value in shown.rows] + [""]


def _parts(shown: Shown, report: Report) -> list[str]:
    strings = report.strings
    lines = _heading(shown) + [md(strings(shown.section.hint), start=True), ""]
    if report.earlier_text:
        lines += [md(report.earlier_text, start=True), ""]
    since = report.earlier is not None
    head = [
        strings("report.part"),
        strings("report.scale_head"),
        strings("report.mean"),
        strings("report.basis_head"),
    ] + ([strings("report.since")] if since else [])
    lines += ["| " + " | ".join(md(h) for h in head) + " |", "|" + "---|" * len(head)]
    for p in shown.rows:
        cells = [md(p.title), f"`{bar(p.mean, 10)}`", md(p.score_text), md(p.basis)]
        lines.append("| " + " | ".join(cells + ([p.change_text] if since else [])) + " |")
    return lines + [""]


def _signals(shown: Shown, report: Report) -> list[str]:
    strings = report.strings
    if not shown.rows:
        return _heading(shown) + _none(shown, report)
    mark = strings(shown.section.mark)
    lines = _heading(shown)
    for r in shown.rows:
        lines.append(f"- {md(signal_lead(r, mark), start=True)}{SIGNAL_DASH}**{md(r.title)}**")
        if r.change_text:
            lines.append(f"  - {md(r.change_text, start=True)}")
        if r.remark:
            lines += [f"  - {strings('report.note')}:", *md_quote(r.remark, "    ")]
        if r.suggestions:
            letters = ", ".join(x for x, _ in r.suggestions)
            lines.append(f"  - {strings('report.could_help')}: {md(strings('report.appendix1'))} {md(letters)}")
        if r.perspectives:
            lines.append(f"  - {strings('report.perspective')}: {md(', '.join(r.perspectives))}")
    return lines + [""]


def _help(shown: Shown, report: Report) -> list[str]:
    lines = _heading(shown) + [md(report.strings(shown.section.hint), start=True), ""]
    for h in shown.rows:
        lines += [f"- **{md(h.marked_label(report.strings))}**", f"  {md(h.text)}"]
    return lines + [""]


def _remarks(shown: Shown, report: Report) -> list[str]:
    lines = _heading(shown)
    for _, text, note in shown.rows:
        lines += [f"- {md(text, start=True)}", *md_quote(note, "  ")]
    return lines + [""]


def _notes(shown: Shown, report: Report) -> list[str]:
    return _heading(shown) + [line for note in shown.rows for line in md_quote(note, "")] + [""]


def _steps(shown: Shown, report: Report) -> list[str]:
    strings = report.strings
    if not shown.rows:
        return _heading(shown) + _none(shown, report)
    lines = _heading(shown)
    lines += ["| " + " | ".join(md(h) for h in step_headings(strings)) + " |", "|---|---|---|---|"]
    for step in shown.rows:
        c = step_cells(step, strings, report.today)
        done = strings("steps.yes" if c.done else "steps.no")
        lines.append(f"| {md(c.what)} | {md(c.who)} | {md(c.when_marked(strings))} | {done} |")
    return lines + [""]


def _items(shown: Shown, report: Report) -> list[str]:
    if not shown.rows:
        return _heading(shown) + _none(shown, report)
    return _heading(shown) + [f"- {md(text, start=True)} ({md(part)})" for _, part, text in shown.rows] + [""]


BLOCKS: dict[str, Callable[[Shown, Report], list[str]]] = {
    "head": _head,
    "context": _context,
    "parts": _parts,
    "signals": _signals,
    "help": _help,
    "remarks": _remarks,
    "notes": _notes,
    "steps": _steps,
    "unanswered": _items,
    "items": _items,
}
"""Each kind of section (`Section.kind`) as Markdown lines."""
