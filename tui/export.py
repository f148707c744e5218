"""The overview of a session rendered: Markdown, CSV, JSON, HTML, and text for a terminal or a screen.

Every renderer takes a `tui.report.Report` and nothing else: the report holds the
content's text and the interface's words in one language, so a renderer cannot mix
two. The command line, the overview screen and the export picker all use these.
No Textual, and light to import: the command line reads FORMATS before anything else.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from tui.render import Terminal, bar, blocks, html_block, html_text, md_quote, md_text, step_line
from tui.text import escape_json, safe_line, visible

if TYPE_CHECKING:
    from tui.i18n import Strings
    from tui.report import Report, SignalRow


def export(report: Report, fmt: str) -> str:
    """The report as a file in format `fmt` (one of FORMATS), faithful to what was typed."""
    if fmt not in RENDERERS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return RENDERERS[fmt](report)


def for_terminal(text: str, fmt: str) -> str:
    """An export about to be written to a terminal (not a file or pipe): nothing in it can steer the terminal.

    JSON keeps its meaning exactly (dangerous characters become \\uXXXX escapes); the other
    formats show them as visible stand-ins (see `tui.text.visible`).
    """
    return escape_json(text) if fmt == "json" else visible(text)


def made_line(report: Report) -> str:
    """'Reflection, last updated <date>' in the local time zone."""
    return report.strings("report.made", date=report.session.updated.astimezone().strftime("%d-%m-%Y"))


# Markdown -------------------------------------------------------------------


def to_markdown(report: Report) -> str:
    s, strings = report.session, report.strings
    md = md_text
    lines = [f"# {md(s.title)}", "", made_line(report), ""]
    if report.context:
        lines += [f"- **{md(label)}:** {md(value)}" for label, value in report.context] + [""]
    lines += [
        f"## {strings('report.parts')}",
        "",
        f"| {strings('report.part')} | {strings('report.score')} | {strings('report.answered')} |",
    ]
    lines.append("|---|---|---|")
    for p in report.parts:
        lines.append(f"| {md(p.title)} | {p.score_text} `{bar(p.mean, 10)}` | {p.answered}/{p.total} |")
    lines += ["", f"## {strings('report.strengths')}", ""]
    lines += _md_signals(report.strengths, strings) or [strings("report.none"), ""]
    lines += [f"## {strings('report.obstacles')}", ""]
    lines += _md_signals(report.obstacles, strings) or [strings("report.none"), ""]
    if report.other_remarks:
        lines += [f"## {strings('report.other_notes')}", ""]
        for _, text, note in report.other_remarks:
            lines += [f"- {md(text, start=True)}", *md_quote(note, "  ")]
        lines.append("")
    if s.remarks:
        lines += [f"## {strings('report.notes')}", "", *md_quote(s.remarks, ""), ""]
    lines += [f"## {strings('report.steps')}", ""]
    lines += [f"- {md(step_line(step, strings), start=True)}" for step in report.steps] or [strings("report.none")]
    lines += ["", f"## {strings('report.unanswered')}", ""]
    lines += [f"- {md(text, start=True)} ({md(part)})" for _, part, text in report.unanswered] or [
        strings("report.none")
    ]
    return "\n".join(lines) + "\n"


def _md_signals(rows: list[SignalRow], strings: Strings) -> list[str]:
    lines: list[str] = []
    for r in rows:
        lines.append(f"- **{md_text(r.title)}** — {md_text(r.part)}, {strings('report.answer')} {r.score}")
        if r.remark:
            lines += [f"  - {strings('report.note')}:", *md_quote(r.remark, "    ")]
        for letter, text in r.suggestions:
            lines.append(
                f"  - {strings('report.try')} ({strings('report.appendix1')} {md_text(letter)}): {md_text(text)}"
            )
        if r.perspectives:
            lines.append(f"  - {strings('report.perspective')}: {md_text(', '.join(r.perspectives))}")
    return lines + [""] if lines else []


# CSV and JSON ---------------------------------------------------------------

CSV_COLUMNS = ["id", "part", "text", "score", "not_applicable", "note", "answered_at"]

_FORMULA = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""What makes a spreadsheet read a cell as a formula (with the full-width look-alikes)."""
_FORMULA_BLANKS = "\t\r\n\0"


def _cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula (OWASP CSV injection).

    A cell that begins with = + - @, a tab, CR, LF or NUL, also after leading blanks, gets a
    single quote in front; every other cell is written exactly as it is.
    """
    if not isinstance(value, str) or not value:
        return value
    if value[0] in _FORMULA_BLANKS or value.lstrip().startswith(_FORMULA):
        return "'" + value
    return value


def to_csv(report: Report) -> str:
    """One row per item of the tool, answered or not. Text is kept as typed, except formula starts."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    # With "\n" as line end the csv module leaves a lone CR unquoted, and a reader then ends the
    # row there: rows with a CR are written fully quoted.
    quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    for item in report.items:
        row = [
            item.id,
            item.part,
            item.title,
            "" if item.score is None else item.score,
            "true" if item.not_applicable else "false",
            item.remark,
            item.answered_at.isoformat() if item.answered_at else "",
        ]
        cells = [_cell(value) for value in row]
        (quoted if any(isinstance(c, str) and "\r" in c for c in cells) else writer).writerow(cells)
    return out.getvalue()


def to_json(report: Report) -> str:
    """Everything, for a script. Faithful: a file gets the user's text exactly (for a terminal, see `for_terminal`)."""
    s, credit = report.session, report.strings("report.appendix1")

    def signal(r: SignalRow) -> dict[str, object]:
        data: dict[str, object] = {
            "id": r.id,
            "title": r.title,
            "part": r.part,
            "score": r.score,
            "value": r.value,
            "note": r.remark,
        }
        if r.suggestions or r.perspectives:
            data["suggestions"] = [{"letter": x, "credit": f"{credit} {x}", "text": text} for x, text in r.suggestions]
            data["perspectives"] = r.perspectives
        return data

    data = {
        "session": {
            "id": s.id,
            "title": s.title,
            "language": s.language,
            "created": s.created.isoformat(),
            "updated": s.updated.isoformat(),
            "follows": s.follows,
            "context": s.context.model_dump(),
            "notes": s.remarks,
        },
        "parts": [
            {
                "id": p.id,
                "title": p.title,
                "score": p.mean,
                "answered": p.answered,
                "not_applicable": p.not_applicable,
                "total": p.total,
            }
            for p in report.parts
        ],
        "strengths": [signal(r) for r in report.strengths],
        "obstacles": [signal(r) for r in report.obstacles],
        "unanswered": [{"id": i, "part": p, "title": text} for i, p, text in report.unanswered],
        "next_steps": [step.model_dump() for step in report.steps],
        "items": [
            {
                "id": i.id,
                "part": i.part,
                "title": i.title,
                "score": i.score,
                "not_applicable": i.not_applicable,
                "note": i.remark,
            }
            for i in report.items
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# HTML -----------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.2rem;border-bottom:1px solid #ccc;margin-top:2rem}
table{border-collapse:collapse}td,th{padding:.2rem .6rem;text-align:left;border-bottom:1px solid #eee}
.bar{font-family:monospace;color:#2a6}.note{font-style:italic;white-space:pre-wrap}
.strength::before{content:"+ ";font-weight:bold}.obstacle::before{content:"− ";font-weight:bold}
li{margin:.3rem 0}@media print{body{margin:0}}
"""


def to_html(report: Report) -> str:
    """One self-contained page to print: no scripts, no links, no outside resources."""
    s, strings = report.session, report.strings
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{strings.language}"><head><meta charset="utf-8">',
        f"<title>{html_text(s.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{html_text(s.title)}</h1>",
        f"<p>{html_text(made_line(report))}</p>",
    ]
    if report.context:
        out.append(
            "<ul>" + "".join(f"<li><b>{html_text(k)}:</b> {html_text(v)}</li>" for k, v in report.context) + "</ul>"
        )
    out.append(f"<h2>{html_text(strings('report.parts'))}</h2><table>")
    out.append(
        f"<tr><th>{html_text(strings('report.part'))}</th><th>{html_text(strings('report.score'))}</th><th></th>"
        f"<th>{html_text(strings('report.answered'))}</th></tr>"
    )
    for p in report.parts:
        out.append(
            f"<tr><td>{html_text(p.title)}</td><td>{html_text(p.score_text)}</td><td class='bar'>{bar(p.mean, 10)}</td>"
            f"<td>{p.answered}/{p.total}</td></tr>"
        )
    out.append("</table>")
    for heading, rows, css in (
        (strings("report.strengths"), report.strengths, "strength"),
        (strings("report.obstacles"), report.obstacles, "obstacle"),
    ):
        out.append(f"<h2>{html_text(heading)}</h2>")
        if not rows:
            out.append(f"<p>{html_text(strings('report.none'))}</p>")
            continue
        out.append("<ul>")
        for r in rows:
            answer = f"{html_text(strings('report.answer'))} {r.score}"
            out.append(f"<li class='{css}'><b>{html_text(r.title)}</b> — {html_text(r.part)}, {answer}")
            if r.remark:
                out.append(f"<div class='note'>{html_block(r.remark)}</div>")
            if r.suggestions:
                try_ = f"{html_text(strings('report.try'))} ({html_text(strings('report.appendix1'))}"
                out.append(
                    "<ul>"
                    + "".join(f"<li>{try_} {html_text(x)}): {html_text(text)}</li>" for x, text in r.suggestions)
                    + "</ul>"
                )
            if r.perspectives:
                out.append(
                    f"<div>{html_text(strings('report.perspective'))}: {html_text(', '.join(r.perspectives))}</div>"
                )
            out.append("</li>")
        out.append("</ul>")
    if report.other_remarks:
        out.append(f"<h2>{html_text(strings('report.other_notes'))}</h2><ul>")
        out += [
            f"<li>{html_text(text)}<div class='note'>{html_block(note)}</div></li>"
            for _, text, note in report.other_remarks
        ]
        out.append("</ul>")
    if s.remarks:
        out.append(f"<h2>{html_text(strings('report.notes'))}</h2><p class='note'>{html_block(s.remarks)}</p>")
    none = [f"<li>{html_text(strings('report.none'))}</li>"]
    out.append(f"<h2>{html_text(strings('report.steps'))}</h2><ul>")
    out += [f"<li>{html_text(step_line(step, strings))}</li>" for step in report.steps] or none
    out.append(f"</ul><h2>{html_text(strings('report.unanswered'))}</h2><ul>")
    out += [f"<li>{html_text(text)} ({html_text(part)})</li>" for _, part, text in report.unanswered] or none
    out.append("</ul></body></html>")
    return "\n".join(out) + "\n"


# Text, for a terminal or the overview screen ---------------------------------

TEXT_SECTIONS = ("head", "context", "parts", "strengths", "obstacles", "other_remarks", "notes", "steps", "unanswered")
"""The sections of the text overview, in order; `to_text` can render any of them."""

UNANSWERED_SHOWN = 10
"""The text overview lists this many unanswered items, then '…'."""


def to_text(report: Report, width: int = 80, color: bool = False, sections: Sequence[str] = TEXT_SECTIONS) -> str:
    """The overview as text for a terminal, a pipe or the screen, wrapped to `width` (see `render.Terminal`).

    `sections` (names from TEXT_SECTIONS, always rendered in that order) picks a part of it:
    the overview screen shows the steps as a list of its own between the others. Sections
    with nothing to show are left out; a blank line separates the others. With `color`:
    bold headings, a green +, a red − and dim hints.
    """
    unknown = set(sections) - set(TEXT_SECTIONS)
    if unknown:
        raise ValueError(f"unknown sections {sorted(unknown)}; choose from {', '.join(TEXT_SECTIONS)}")
    term, strings, s = Terminal(width, color), report.strings, report.session
    none = ["  " + safe_line(strings("report.none"))]

    def signals(name: str, hint: str, rows: list[SignalRow], mark: str, style: str) -> list[str]:
        out = [term.heading(strings(name))] + [term.paint(line, "dim") for line in term.wrap(hint, "    ", "  ")]
        for r in rows:
            out += term.wrap(
                f"{r.title} ({r.part}, {strings('report.answer')} {r.score})", "    ", term.paint(f"  {mark} ", style)
            )
            if r.remark:
                out += term.wrap(f"{strings('report.note')}: {r.remark}", "      ", "    ")
            for letter, text in r.suggestions:
                out += term.wrap(
                    f"{strings('report.try')} ({strings('report.appendix1')} {letter}): {text}", "      ", "    → "
                )
        return out if rows else out + none

    def parts() -> list[str]:
        titles = [safe_line(p.title) for p in report.parts]
        label_width = min(max(len(title) for title in titles), term.width - 34)
        out = [term.heading(strings("report.parts"))]
        for p, title in zip(report.parts, titles, strict=True):
            score = safe_line(p.score_text)
            out.append(f"  {title[:label_width]:<{label_width}} {bar(p.mean, 12)} {score:>4}  {p.answered}/{p.total}")
        return out

    def section(name: str) -> list[str]:
        if name == "head":
            return [term.heading(s.title), safe_line(made_line(report))]
        if name == "context":
            return [line for label, value in report.context for line in term.wrap(f"{label}: {value}", "  ")]
        if name == "parts":
            return parts()
        if name == "strengths":
            hint = strings("overview.strong_hint", at=report.strength_at)
            return signals("report.strengths", hint, report.strengths, "+", "green")
        if name == "obstacles":
            hint = strings("overview.weak_hint", at=report.obstacle_at)
            return signals("report.obstacles", hint, report.obstacles, "−", "red")
        if name == "other_remarks" and report.other_remarks:
            out = [term.heading(strings("report.other_notes"))]
            for _, text, note in report.other_remarks:
                out += term.wrap(text, "    ", "  · ") + term.wrap(note, "    ")
            return out
        if name == "notes" and s.remarks:
            paragraphs = s.remarks.replace("\r\n", "\n").split("\n")
            return [term.heading(strings("report.notes"))] + [
                line for text in paragraphs for line in term.wrap(text, "  ")
            ]
        if name == "steps":
            lines = [line for step in report.steps for line in term.wrap(step_line(step, strings), "      ", "  ")]
            return [term.heading(strings("report.steps"))] + (lines or none)
        if name == "unanswered":
            out = [term.heading(strings("report.unanswered_count", n=len(report.unanswered)))]
            for _, _, text in report.unanswered[:UNANSWERED_SHOWN]:
                out += term.wrap(text, "    ", "  · ")
            return out + (["  …"] if len(report.unanswered) > UNANSWERED_SHOWN else [])
        return []

    return blocks(*(section(name) for name in TEXT_SECTIONS if name in sections))


RENDERERS: dict[str, Callable[[Report], str]] = {"md": to_markdown, "html": to_html, "csv": to_csv, "json": to_json}
"""Every file format of the overview, in the order the export picker offers them."""

FORMATS: tuple[str, ...] = tuple(RENDERERS)
"""The one list of export formats: the command line's --format and the export picker use it."""
