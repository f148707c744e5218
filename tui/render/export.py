"""The overview of a session rendered: Markdown, CSV, JSON, HTML, and text for a terminal or a screen.

Every renderer takes a `tui.views.report.Report` and nothing else: the report holds the
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

from tui.core.text import escape_json, local_time, safe_line, visible
from tui.render.parts import (
    CHECKBOXES,
    ZONE_STYLE,
    Terminal,
    bar,
    blocks,
    columns,
    html_block,
    html_text,
    md_quote,
    md_text,
    step_caps,
    step_cells,
    step_headings,
    step_rows,
    zone,
)
from tui.views.numbers import one_decimal

if TYPE_CHECKING:
    from tui.content.i18n import Strings
    from tui.views.report import Report, SignalRow


def export(report: Report, fmt: str) -> str:
    """The report as a file in format `fmt` (one of FORMATS), faithful to what was typed."""
    if fmt not in RENDERERS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return RENDERERS[fmt](report)


def for_terminal(text: str, fmt: str) -> str:
    """An export about to be written to a terminal (not a file or pipe): nothing in it can steer the terminal.

    JSON keeps its meaning exactly (dangerous characters become \\uXXXX escapes); the other
    formats show them as visible stand-ins (see `tui.core.text.visible`).
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
    lines += [f"## {strings('report.parts')}", "", md(strings("overview.parts_hint"), start=True), ""]
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
    for p in report.parts:
        cells = [md(p.title), f"`{bar(p.mean, 10)}`", md(p.score_text), md(p.basis)]
        lines.append("| " + " | ".join(cells + ([p.change_text] if since else [])) + " |")
    lines += ["", f"## {strings('report.strengths')}", ""]
    lines += _md_signals(report.strengths, strings("report.strong_mark"), strings) or [strings("report.none"), ""]
    if report.absent:
        lines += [f"## {strings('report.absent')}", ""]
        lines += _md_signals(report.absent, strings("report.absent_mark"), strings)
    lines += [f"## {strings('report.obstacles')}", ""]
    lines += _md_signals(report.obstacles, strings("report.weak_mark"), strings) or [strings("report.none"), ""]
    if report.help:
        lines += [f"## {strings('report.help')}", "", md_text(strings("overview.help_hint"), start=True), ""]
        for h in report.help:
            lines += [f"- **{md(h.marked_label(strings))}**", f"  {md(h.text)}"]
        lines.append("")
    if report.other_remarks:
        lines += [f"## {strings('report.other_notes')}", ""]
        for _, text, note in report.other_remarks:
            lines += [f"- {md(text, start=True)}", *md_quote(note, "  ")]
        lines.append("")
    if s.remarks:
        lines += [f"## {strings('report.notes')}", "", *md_quote(s.remarks, ""), ""]
    lines += [f"## {strings('report.steps')}", ""]
    if report.steps:
        lines += ["| " + " | ".join(md(h) for h in step_headings(strings)) + " |", "|---|---|---|---|"]
        for step in report.steps:
            c = step_cells(step, strings, report.today)
            done = strings("steps.yes" if c.done else "steps.no")
            lines.append(f"| {md(c.what)} | {md(c.who)} | {md(c.when_marked(strings))} | {done} |")
    else:
        lines.append(strings("report.none"))
    lines += ["", f"## {report.unanswered_title}", ""]
    lines += [f"- {md(text, start=True)} ({md(part)})" for _, part, text in report.unanswered] or [
        strings("report.none")
    ]
    if report.not_applicable:
        lines += ["", f"## {strings('report.not_applicable')}", ""]
        lines += [f"- {md(text, start=True)} ({md(part)})" for _, part, text in report.not_applicable]
    return "\n".join(lines) + "\n"


def signal_lead(r: SignalRow, mark: str) -> str:
    """'− Speelt sterk': the sign, then the answer in the scale's words, so an obstacle reads as one.

    The sign (+, −, ○) keeps the meaning without colour; the statement follows after ' — '.
    As typed: a renderer makes it safe.
    """
    return f"{mark} {r.answer_word or r.answer_text}"


SIGNAL_DASH = " — "
"""Between the answer's word and the statement: 'Speelt sterk — Er is te weinig geld…'."""


def _md_signals(rows: list[SignalRow], mark: str, strings: Strings) -> list[str]:
    lines: list[str] = []
    for r in rows:
        lines.append(f"- {md_text(signal_lead(r, mark), start=True)}{SIGNAL_DASH}**{md_text(r.title)}**")
        if r.change_text:
            lines.append(f"  - {md_text(r.change_text, start=True)}")
        if r.remark:
            lines += [f"  - {strings('report.note')}:", *md_quote(r.remark, "    ")]
        if r.suggestions:
            letters = ", ".join(x for x, _ in r.suggestions)
            lines.append(
                f"  - {strings('report.could_help')}: {md_text(strings('report.appendix1'))} {md_text(letters)}"
            )
        if r.perspectives:
            lines.append(f"  - {strings('report.perspective')}: {md_text(', '.join(r.perspectives))}")
    return lines + [""] if lines else []


# CSV and JSON ---------------------------------------------------------------

CSV_COLUMNS = ["id", "part", "text", "score", "not_applicable", "note", "answered_at", "part_score"]

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


CSV_HEADERS = (
    "column.id",
    "report.part",
    "column.statement",
    "column.answer",
    "column.not_applicable",
    "column.note",
    "column.answered_at",
    "column.part_score",
)
"""The header of `to_csv` as keys of content/strings.toml: CSV_COLUMNS in the report's language."""


def to_csv(report: Report) -> str:
    """CSV that Excel in a Dutch office opens in columns: `;` between cells, a UTF-8 BOM, headers in its language.

    One row per item of the tool, answered or not, with the columns of CSV_COLUMNS. Text is
    kept as typed, except formula starts. For scripts, see `to_csv_rfc`.
    """
    strings = report.strings
    scores = {p.id: p.score_text for p in report.parts}
    rows = _csv_rows(report, strings("column.yes"), strings("column.no"), scores, for_people=True)
    return "\ufeff" + _write_csv([strings(key) for key in CSV_HEADERS], rows, ";", "\n")


def to_csv_rfc(report: Report) -> str:
    """Plain RFC 4180 CSV for scripts: commas, no BOM, the fixed column names of CSV_COLUMNS, true/false."""
    scores = {p.id: one_decimal(p.mean) if p.mean is not None else "" for p in report.parts}
    return _write_csv(CSV_COLUMNS, _csv_rows(report, "true", "false", scores, for_people=False), ",", "\r\n")


def _csv_rows(report: Report, yes: str, no: str, part_scores: dict[str, str], for_people: bool) -> list[list[object]]:
    """One row per item; the last column repeats its part's score, rounded as every view rounds it.

    `for_people` (the CSV for Excel): the part's title and the local time as people read it
    ('10-03-2024 15:00'); otherwise (for scripts) the part's id and the exact moment in ISO 8601.
    """
    titles = {p.id: p.title for p in report.parts}
    rows: list[list[object]] = []
    for item in report.items:
        moment = ""
        if item.answered_at is not None:
            moment = local_time(item.answered_at) if for_people else item.answered_at.isoformat()
        rows.append(
            [
                item.id,
                titles.get(item.part, item.part) if for_people else item.part,
                item.title,
                "" if item.score is None else item.score,
                yes if item.not_applicable else no,
                item.remark,
                moment,
                part_scores.get(item.part, ""),
            ]
        )
    return rows


def _write_csv(header: Sequence[str], rows: list[list[object]], delimiter: str, line_end: str) -> str:
    """The rows under `header`, every cell through `_cell`, each row ending in `line_end`."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=line_end)
    # With "\n" as line end the csv module leaves a lone CR unquoted, and a reader then ends the
    # row there: rows with a CR are written fully quoted.
    quoted = csv.writer(out, delimiter=delimiter, lineterminator=line_end, quoting=csv.QUOTE_ALL)
    writer.writerow([_cell(value) for value in header])
    for row in rows:
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
            "answer": r.answer_text,
        }
        if r.change:
            data["change"] = r.change
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
                "score_text": p.score_text,
                "basis": p.basis,
                "earlier_score": p.earlier_mean,
                "answered": p.answered,
                "not_applicable": p.not_applicable,
                "total": p.total,
            }
            for p in report.parts
        ],
        "strengths": [signal(r) for r in report.strengths],
        "obstacles": [signal(r) for r in report.obstacles],
        "absent": [signal(r) for r in report.absent],
        "help": [
            {"letter": h.letter, "credit": f"{credit} {h.letter}", "text": h.text, "obstacles": h.obstacles}
            for h in report.help
        ],
        "unanswered": [{"id": i, "part": p, "title": text} for i, p, text in report.unanswered],
        "not_applicable": [{"id": i, "part": p, "title": text} for i, p, text in report.not_applicable],
        "next_steps": [
            {**step.model_dump(mode="json"), "overdue": step_cells(step, report.strings, report.today).overdue}
            for step in report.steps
        ],
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
th{font-weight:600;vertical-align:bottom}.num{text-align:right}
.bar{font-family:monospace;white-space:nowrap}.strong{color:#1a7f3c}.middle{color:#9a6700}.weak{color:#c62828}
.none{color:#888}.note{font-style:italic;white-space:pre-wrap}.hint{color:#555}
ul.signals{list-style:none;padding-left:0}table.steps{width:100%}.mark{font-weight:bold;white-space:nowrap}
li{margin:.3rem 0}.sub{margin-left:1.5rem}input[type=checkbox]{margin:0 .5rem 0 0}
@page{size:A4;margin:18mm 16mm}
@media print{body{max-width:none;margin:0;padding:0;font-size:10.5pt}
h2{break-after:avoid;margin-top:1.2rem}li,tr{break-inside:avoid}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def to_html(report: Report) -> str:
    """One self-contained page to print on A4: no scripts, no links, no outside resources."""
    s, strings = report.session, report.strings
    t = html_text
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{strings.language}"><head><meta charset="utf-8">',
        f"<title>{t(s.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{t(s.title)}</h1>",
        f"<p>{t(made_line(report))}</p>",
    ]
    if report.context:
        out.append("<ul>" + "".join(f"<li><b>{t(k)}:</b> {t(v)}</li>" for k, v in report.context) + "</ul>")
    out.append(f"<h2>{t(strings('report.parts'))}</h2>")
    out.append(f"<p class='hint'>{t(strings('overview.parts_hint'))}</p>")
    if report.earlier_text:
        out.append(f"<p>{t(report.earlier_text)}</p>")
    since = report.earlier is not None
    heads = [
        ("", "report.part"),
        ("", "report.scale_head"),
        (" class='num'", "report.mean"),
        ("", "report.basis_head"),
    ] + ([("", "report.since")] if since else [])
    out.append("<table><tr>" + "".join(f"<th{css}>{t(strings(key))}</th>" for css, key in heads) + "</tr>")
    for p in report.parts:
        where = zone(p.mean, report.strength_at, report.obstacle_at)
        out.append(
            f"<tr><td>{t(p.title)}</td><td class='bar {where}'>{bar(p.mean, 10)}</td>"
            f"<td class='num'>{t(p.score_text)}</td><td>{t(p.basis)}</td>"
            + (f"<td>{t(p.change_text)}</td>" if since else "")
            + "</tr>"
        )
    out.append("</table>")
    sections = [
        ("report.strengths", report.strengths, "strong", "report.strong_mark", True),
        ("report.absent", report.absent, "", "report.absent_mark", False),
        ("report.obstacles", report.obstacles, "weak", "report.weak_mark", True),
    ]
    for heading, rows, css, mark, always in sections:
        if not rows and not always:
            continue
        out.append(f"<h2>{t(strings(heading))}</h2>")
        if not rows:
            out.append(f"<p>{t(strings('report.none'))}</p>")
            continue
        out.append("<ul class='signals'>")
        for r in rows:
            lead = t(signal_lead(r, strings(mark)))
            out.append(f"<li><span class='mark {css}'>{lead}</span>{SIGNAL_DASH}<b>{t(r.title)}</b>")
            if r.change_text:
                out.append(f"<div class='sub'>{t(r.change_text)}</div>")
            if r.remark:
                out.append(f"<div class='sub note'>{html_block(r.remark)}</div>")
            if r.suggestions:
                letters = t(f"{strings('report.appendix1')} {', '.join(x for x, _ in r.suggestions)}")
                out.append(f"<div class='sub'>{t(strings('report.could_help'))}: {letters}</div>")
            if r.perspectives:
                out.append(f"<div class='sub'>{t(strings('report.perspective'))}: {t(', '.join(r.perspectives))}</div>")
            out.append("</li>")
        out.append("</ul>")
    if report.help:
        out.append(f"<h2>{t(strings('report.help'))}</h2><p class='hint'>{t(strings('overview.help_hint'))}</p><ul>")
        out += [f"<li><b>{t(h.marked_label(strings))}</b><div>{t(h.text)}</div></li>" for h in report.help]
        out.append("</ul>")
    if report.other_remarks:
        out.append(f"<h2>{t(strings('report.other_notes'))}</h2><ul>")
        out += [
            f"<li>{t(text)}<div class='note'>{html_block(note)}</div></li>" for _, text, note in report.other_remarks
        ]
        out.append("</ul>")
    if s.remarks:
        out.append(f"<h2>{t(strings('report.notes'))}</h2><p class='note'>{html_block(s.remarks)}</p>")
    out.append(f"<h2>{t(strings('report.steps'))}</h2>")
    if report.steps:
        out.append("<table class='steps'><tr>" + "".join(f"<th>{t(h)}</th>" for h in step_headings(strings)) + "</tr>")
        for step in report.steps:
            c = step_cells(step, strings, report.today)
            checked = " checked" if c.done else ""
            when = t(c.when) + (f" <span class='weak mark'>{t(strings('steps.overdue'))}</span>" if c.overdue else "")
            done = t(strings("steps.yes" if c.done else "steps.no"))
            out.append(
                f"<tr><td>{t(c.what)}</td><td>{t(c.who)}</td><td>{when.strip()}</td>"
                f'<td><label><input type="checkbox" disabled{checked}> {done}</label></td></tr>'
            )
        out.append("</table>")
    else:
        out.append(f"<p>{t(strings('report.none'))}</p>")
    out.append(f"<h2>{t(report.unanswered_title)}</h2>")
    if report.unanswered:
        out.append("<ul>" + "".join(f"<li>{t(text)} ({t(part)})</li>" for _, part, text in report.unanswered) + "</ul>")
    else:
        out.append(f"<p>{t(strings('report.none'))}</p>")
    if report.not_applicable:
        out.append(f"<h2>{t(strings('report.not_applicable'))}</h2><ul>")
        out += [f"<li>{t(text)} ({t(part)})</li>" for _, part, text in report.not_applicable]
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


# Text, for a terminal or the overview screen ---------------------------------


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


TEXT_SECTIONS = (
    "head", "context", "parts", "strengths", "absent", "obstacles", "help", "other_remarks", "notes", "steps",
    "unanswered", "not_applicable",
)  # fmt: skip
"""The sections of the text overview, in order; `to_text` can render any of them."""

UNANSWERED_SHOWN = 10
"""The text overview lists this many unanswered items, then '…'."""

TEXT_BAR = 12
"""The width of a part's bar in the text overview."""


def to_text(report: Report, width: int = 80, color: bool = False, sections: Sequence[str] = TEXT_SECTIONS) -> str:
    """The overview as text for a terminal, a pipe or the screen, wrapped to `width` (see `render.Terminal`).

    `sections` (names from TEXT_SECTIONS, always rendered in that order) picks a part of it:
    the overview screen shows the steps as a list of its own between the others. Sections
    with nothing to show are left out; a blank line separates the others. Every strength,
    obstacle and absent hindrance begins with a sign and its answer in words ('+ Volledig',
    '− Speelt sterk', '○ Speelt nauwelijks'), so the text reads the same without colour. With
    `color`: bold headings, bars and signs red for an obstacle and green for a strength, dim hints.
    """
    unknown = set(sections) - set(TEXT_SECTIONS)
    if unknown:
        raise ValueError(f"unknown sections {sorted(unknown)}; choose from {', '.join(TEXT_SECTIONS)}")
    term, strings, s = Terminal(width, color), report.strings, report.session
    none = ["  " + safe_line(strings("report.none"))]

    def hint(text: str) -> list[str]:
        return [term.paint(line, "dim") for line in term.wrap(text, "  ")]

    def signals(name: str, hint_key: str, rows: list[SignalRow], mark: str, style: str) -> list[str]:
        out = [term.heading(strings(name)), *hint(strings(hint_key))]
        for r in rows:
            out += term.marked(signal_lead(r, strings(mark)), style, SIGNAL_DASH.lstrip() + r.title)
            if r.change_text:
                out += term.wrap(r.change_text, "      ", "    ")
            if r.remark:
                out += term.wrap(f"{strings('report.note')}: {r.remark}", "    ")
            if r.suggestions:
                letters = ", ".join(x for x, _ in r.suggestions)
                out += term.wrap(f"{strings('report.could_help')}: {strings('report.appendix1')} {letters}", "    ")
        return out if rows else out + none

    def parts() -> list[str]:
        na = {p.id: strings("report.basis_na", n=p.not_applicable) if p.not_applicable else "" for p in report.parts}
        rows = [
            (safe_line(p.title), safe_line(p.score_text), f"{p.scored}/{p.total}", safe_line(na[p.id]), p)
            for p in report.parts
        ]
        changes = [safe_line(p.change_text) for p in report.parts]
        score_width = max(len(r[1]) for r in rows)
        fraction_width = max(len(r[2]) for r in rows)
        na_width = max(len(r[3]) for r in rows)
        change_width = max(len(c) for c in changes)
        bar_width = TEXT_BAR - 2 if change_width else TEXT_BAR  # room for the change since last time
        fixed = 2 + 1 + bar_width + 1 + score_width + 2 + fraction_width + na_width
        fixed += 2 + change_width if change_width else 0
        label_width = max(10, min(max(len(r[0]) for r in rows), term.width - fixed))
        out = [term.heading(strings("report.parts")), *hint(strings("overview.parts_hint"))]
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

    def section(name: str) -> list[str]:
        if name == "head":
            return [term.heading(s.title), safe_line(made_line(report))]
        if name == "context":
            return [line for label, value in report.context for line in term.wrap(f"{label}: {value}", "    ", "  ")]
        if name == "parts":
            return parts()
        if name == "strengths":
            return signals("report.strengths", "overview.strong_hint", report.strengths, "report.strong_mark", "green")
        if name == "absent" and report.absent:
            return signals("report.absent", "overview.absent_hint", report.absent, "report.absent_mark", "")
        if name == "obstacles":
            return signals("report.obstacles", "overview.weak_hint", report.obstacles, "report.weak_mark", "red")
        if name == "help" and report.help:
            out = [term.heading(strings("report.help")), *hint(strings("overview.help_hint"))]
            for h in report.help:
                out += term.wrap(h.marked_label(strings), "    ", "  ") + term.wrap(h.text, "    ")
            return out
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
            return [term.heading(strings("report.steps"))] + (step_table(report, term.width) or none)
        if name == "unanswered":
            out = [term.heading(report.unanswered_title)]
            for _, _, text in report.unanswered[:UNANSWERED_SHOWN]:
                out += term.wrap(text, "    ", "  · ")
            return out + (["  …"] if len(report.unanswered) > UNANSWERED_SHOWN else [])
        if name == "not_applicable" and report.not_applicable:
            out = [term.heading(strings("report.not_applicable"))]
            for _, part, text in report.not_applicable:
                out += term.wrap(f"{text} ({part})", "    ", "  · ")
            return out
        return []

    return blocks(*(section(name) for name in TEXT_SECTIONS if name in sections))


RENDERERS: dict[str, Callable[[Report], str]] = {
    "md": to_markdown,
    "html": to_html,
    "csv": to_csv,
    "csv-rfc": to_csv_rfc,
    "json": to_json,
}
"""Every text format of the overview: what `export` renders."""

FORMATS: tuple[str, ...] = tuple(RENDERERS)
"""The text formats, which `export` renders and a terminal can be shown (see `for_terminal`)."""

BINARY_FORMATS: tuple[str, ...] = ("xlsx",)
"""Formats that are bytes, not text: `tui.render.office.export_bytes` renders them, never for a terminal."""

EXPORT_FORMATS: tuple[str, ...] = ("md", "html", "xlsx", "csv", "csv-rfc", "json")
"""The one list of export formats, in the order the export picker offers them: the command line's
--format and the export picker use it (every one of FORMATS and BINARY_FORMATS)."""
