"""A session's report as Markdown, CSV, JSON, HTML or terminal text. No Textual.

All formats are rendered from `report.build_report`, so they say the same.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import textwrap

from tui.content.tool import Tool
from tui.i18n import t
from tui.report import Report, SignalRow, bar, build_report
from tui.session.model import Session
from tui.text import escape_json, one_line, printable, safe_line, visible

FORMATS = ("md", "csv", "json", "html")


def export(tool: Tool, session: Session, fmt: str, lang: str) -> str:
    """The session in format `fmt` (one of FORMATS)."""
    if fmt == "csv":
        return to_csv(tool, session, lang)
    report = build_report(tool, session, lang)
    if fmt == "md":
        return to_markdown(report)
    if fmt == "json":
        return to_json(tool, report, lang)
    if fmt == "html":
        return to_html(report)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def for_terminal(text: str, fmt: str) -> str:
    """An export about to be written to a terminal (not a file or pipe): nothing in it can steer the terminal.

    JSON keeps its meaning exactly (dangerous characters become \\uXXXX escapes); the other
    formats show them as visible stand-ins (see `tui.text.visible`).
    """
    return escape_json(text) if fmt == "json" else visible(text)


def _step_line(step) -> str:
    box = "[x]" if step.done else "[ ]"
    extra = " — ".join(x for x in (step.who, step.when) if x)
    credit = f" ({t('report.appendix1')} {step.suggestion})" if step.suggestion else ""
    return f"{box} {step.text}{credit}" + (f" ({extra})" if extra else "")


# Markdown -------------------------------------------------------------------

_MD_ESCAPE = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|~"})
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_MD_BLOCK_START = re.compile(r"^(?:([-+=:])|(\d+)([.)]))")


def _md_literal(line: str, start: bool) -> str:
    """One line of text, literal in Markdown: no emphasis, code, links, images, HTML or entities.

    With `start`, the line also begins a block (a list item's text, a quoted line), so what
    could open a list, heading, rule, setext heading or code block there is escaped as well.
    """
    out = _MD_ENTITY.sub("\\\\&", line.translate(_MD_ESCAPE))
    if start:
        out = _MD_BLOCK_START.sub(lambda m: "\\" + m[1] if m[1] else m[2] + "\\" + m[3], out)
    return out


def _md(text: str, start: bool = False) -> str:
    """User (or content) text on one line of Markdown: line breaks become spaces, nothing is markup."""
    return _md_literal(one_line(text).strip(" \t"), start)


def to_markdown(report: Report) -> str:
    s = report.session
    lines = [f"# {_md(s.title)}", "", t("report.made", date=s.updated.astimezone().strftime("%d-%m-%Y")), ""]
    if report.context:
        lines += [f"- **{_md(label)}:** {_md(value)}" for label, value in report.context] + [""]
    lines += [f"## {t('report.parts')}", "", f"| {t('report.part')} | {t('report.score')} | {t('report.answered')} |", "|---|---|---|"]
    for p in report.parts:
        lines.append(f"| {_md(p.title)} | {p.score_text} `{bar(p.mean, 10)}` | {p.answered}/{p.total} |")
    lines += ["", f"## {t('report.strengths')}", ""]
    lines += _md_signals(report.strengths) or [t("report.none"), ""]
    lines += [f"## {t('report.obstacles')}", ""]
    lines += _md_signals(report.obstacles) or [t("report.none"), ""]
    if report.other_notes:
        lines += [f"## {t('report.other_notes')}", ""]
        for _, text, note in report.other_notes:
            lines += [f"- {_md(text, start=True)}", *_md_quote(note, "  ")]
        lines.append("")
    if s.notes:
        lines += [f"## {t('report.notes')}", "", *_md_quote(s.notes, ""), ""]
    lines += [f"## {t('report.steps')}", ""]
    lines += [f"- {_md(_step_line(step), start=True)}" for step in report.steps] or [t("report.none")]
    lines += ["", f"## {t('report.unanswered')}", ""]
    lines += [f"- {_md(text, start=True)} ({_md(part)})" for _, part, text in report.unanswered] or [t("report.none")]
    return "\n".join(lines) + "\n"


def _md_quote(text: str, indent: str) -> list[str]:
    """User text as a block quote, line by line, so blank lines and '- ' stay inside it.

    Leading blanks are dropped (four would make a code block; Markdown drops fewer anyway),
    trailing ones too (two would make a hard line break), and so are blank lines at the end.
    """
    lines = [_md_literal(line.strip(" \t"), start=True) for line in printable(text).rstrip(" \t\n").split("\n")]
    return [f"{indent}> {line}".rstrip() for line in lines]


def _md_signals(rows: list[SignalRow]) -> list[str]:
    lines: list[str] = []
    for r in rows:
        lines.append(f"- **{_md(r.title)}** — {_md(r.part)}, {t('report.answer')} {r.score}")
        if r.note:
            lines += [f"  - {t('report.note')}:", *_md_quote(r.note, "    ")]
        for letter, text in r.suggestions:
            lines.append(f"  - {t('report.try')} ({t('report.appendix1')} {_md(letter)}): {_md(text)}")
        if r.perspectives:
            lines.append(f"  - {t('report.perspective')}: {_md(', '.join(r.perspectives))}")
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


def to_csv(tool: Tool, session: Session, lang: str) -> str:
    """One row per item of the tool, answered or not. Text is kept as typed, except formula starts."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    # With "\n" as line end the csv module leaves a lone CR unquoted, and a reader then ends the
    # row there: rows with a CR are written fully quoted.
    quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    for part in tool.scale_parts:
        for item in part.items:
            answer = session.answers.get(item.id)
            row = [
                item.id,
                part.id,
                item.loc("text", lang),
                "" if answer is None or answer.score is None else answer.score,
                "true" if answer is not None and answer.not_applicable else "false",
                answer.note if answer else "",
                answer.at.isoformat() if answer and answer.at else "",
            ]
            cells = [_cell(value) for value in row]
            (quoted if any(isinstance(c, str) and "\r" in c for c in cells) else writer).writerow(cells)
    return out.getvalue()


def to_json(tool: Tool, report: Report, lang: str) -> str:
    s = report.session

    def signal(r: SignalRow) -> dict[str, object]:
        data: dict[str, object] = {
            "id": r.id, "title": r.title, "part": r.part, "score": r.score, "value": r.value, "note": r.note,
        }
        if r.suggestions or r.perspectives:
            data["suggestions"] = [
                {"letter": x, "credit": f"{t('report.appendix1')} {x}", "text": text} for x, text in r.suggestions
            ]
            data["perspectives"] = r.perspectives
        return data

    items = []
    for part in tool.scale_parts:
        for item in part.items:
            answer = s.answers.get(item.id)
            items.append(
                {
                    "id": item.id,
                    "part": part.id,
                    "title": item.loc("text", lang),
                    "score": answer.score if answer else None,
                    "not_applicable": bool(answer and answer.not_applicable),
                    "note": answer.note if answer else "",
                }
            )
    data = {
        "session": {
            "id": s.id,
            "title": s.title,
            "language": s.language,
            "created": s.created.isoformat(),
            "updated": s.updated.isoformat(),
            "follows": s.follows,
            "context": s.context.model_dump(),
            "notes": s.notes,
        },
        "parts": [
            {"id": p.id, "title": p.title, "score": p.mean, "answered": p.answered,
             "not_applicable": p.not_applicable, "total": p.total}
            for p in report.parts
        ],
        "strengths": [signal(r) for r in report.strengths],
        "obstacles": [signal(r) for r in report.obstacles],
        "unanswered": [{"id": i, "part": p, "title": text} for i, p, text in report.unanswered],
        "next_steps": [step.model_dump() for step in report.steps],
        "items": items,
    }
    # Faithful: a file gets the user's text exactly. For a terminal, see `for_terminal`.
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
    def e(text: str) -> str:
        """Text on one line, escaped for HTML; apostrophes stay as typed (no attribute holds user text)."""
        return html.escape(one_line(text), quote=False)

    def block(text: str) -> str:
        """Text whose line breaks count (notes), escaped for HTML."""
        return html.escape(printable(text), quote=False)

    s = report.session
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{html.escape(s.language)}"><head><meta charset="utf-8">',
        f"<title>{e(s.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(s.title)}</h1>",
        f"<p>{e(t('report.made', date=s.updated.astimezone().strftime('%d-%m-%Y')))}</p>",
    ]
    if report.context:
        out.append("<ul>" + "".join(f"<li><b>{e(k)}:</b> {e(v)}</li>" for k, v in report.context) + "</ul>")
    out.append(f"<h2>{e(t('report.parts'))}</h2><table>")
    out.append(f"<tr><th>{e(t('report.part'))}</th><th>{e(t('report.score'))}</th><th></th><th>{e(t('report.answered'))}</th></tr>")
    for p in report.parts:
        out.append(
            f"<tr><td>{e(p.title)}</td><td>{e(p.score_text)}</td><td class='bar'>{bar(p.mean, 10)}</td>"
            f"<td>{p.answered}/{p.total}</td></tr>"
        )
    out.append("</table>")
    for heading, rows, css in (
        (t("report.strengths"), report.strengths, "strength"),
        (t("report.obstacles"), report.obstacles, "obstacle"),
    ):
        out.append(f"<h2>{e(heading)}</h2>")
        if not rows:
            out.append(f"<p>{e(t('report.none'))}</p>")
            continue
        out.append("<ul>")
        for r in rows:
            out.append(f"<li class='{css}'><b>{e(r.title)}</b> — {e(r.part)}, {e(t('report.answer'))} {r.score}")
            if r.note:
                out.append(f"<div class='note'>{block(r.note)}</div>")
            if r.suggestions:
                out.append("<ul>" + "".join(
                    f"<li>{e(t('report.try'))} ({e(t('report.appendix1'))} {e(x)}): {e(text)}</li>" for x, text in r.suggestions
                ) + "</ul>")
            if r.perspectives:
                out.append(f"<div>{e(t('report.perspective'))}: {e(', '.join(r.perspectives))}</div>")
            out.append("</li>")
        out.append("</ul>")
    if report.other_notes:
        out.append(f"<h2>{e(t('report.other_notes'))}</h2><ul>")
        out += [f"<li>{e(text)}<div class='note'>{block(note)}</div></li>" for _, text, note in report.other_notes]
        out.append("</ul>")
    if s.notes:
        out.append(f"<h2>{e(t('report.notes'))}</h2><p class='note'>{block(s.notes)}</p>")
    out.append(f"<h2>{e(t('report.steps'))}</h2><ul>")
    out += [f"<li>{e(_step_line(step))}</li>" for step in report.steps] or [f"<li>{e(t('report.none'))}</li>"]
    out.append(f"</ul><h2>{e(t('report.unanswered'))}</h2><ul>")
    out += [f"<li>{e(text)} ({e(part)})</li>" for _, part, text in report.unanswered] or [f"<li>{e(t('report.none'))}</li>"]
    out.append("</ul></body></html>")
    return "\n".join(out) + "\n"


# Terminal text --------------------------------------------------------------

_ANSI = {"bold": "\x1b[1m", "green": "\x1b[32m", "red": "\x1b[31m", "dim": "\x1b[2m", "reset": "\x1b[0m"}


def to_text(report: Report, width: int = 80, color: bool = False) -> str:
    """The overview as plain text for a terminal or a pipe, wrapped to `width`.

    Every piece of text (the user's and the content's) goes through `visible`/`safe_line`:
    nothing in a session file can steer the terminal or break a line it should not.
    The only escape sequences are the colours asked for with `color`.
    """
    width = max(40, width)

    def paint(text: str, style: str) -> str:
        return f"{_ANSI[style]}{text}{_ANSI['reset']}" if color else text

    def heading(text: str) -> str:
        return paint(safe_line(text), "bold")

    def wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
        return textwrap.wrap(visible(text), width, initial_indent=first if first is not None else indent,
                             subsequent_indent=indent) or [first or indent]

    none = "  " + safe_line(t("report.none"))
    s = report.session
    out = [heading(s.title), safe_line(t("report.made", date=s.updated.astimezone().strftime("%d-%m-%Y")))]
    if report.context:
        out.append("")
    for label, value in report.context:
        out += wrap(f"{label}: {value}", "  ")
    out += ["", heading(t("report.parts"))]
    titles = [safe_line(p.title) for p in report.parts]
    label_width = min(max(len(title) for title in titles), width - 34)
    for p, title in zip(report.parts, titles, strict=True):
        score = safe_line(p.score_text)
        out.append(f"  {title[:label_width]:<{label_width}} {bar(p.mean, 12)} {score:>4}  {p.answered}/{p.total}")
    for name, rows, mark, style in (
        (t("report.strengths"), report.strengths, "+", "green"),
        (t("report.obstacles"), report.obstacles, "−", "red"),
    ):
        out += ["", heading(name)]
        if not rows:
            out.append(none)
        for r in rows:
            out += wrap(f"{r.title} ({r.part}, {t('report.answer')} {r.score})", "    ", paint(f"  {mark} ", style))
            if r.note:
                out += wrap(f"{t('report.note')}: {r.note}", "      ", "    ")
            for letter, text in r.suggestions:
                out += wrap(f"{t('report.try')} ({t('report.appendix1')} {letter}): {text}", "      ", "    → ")
    if report.other_notes:
        out += ["", heading(t("report.other_notes"))]
        for _, text, note in report.other_notes:
            out += wrap(text, "    ", "  · ") + wrap(note, "    ")
    out += ["", heading(t("report.steps"))]
    out += [line for step in report.steps for line in wrap(_step_line(step), "      ", "  ")] or [none]
    out += ["", heading(t("report.unanswered_count", n=len(report.unanswered)))]
    return "\n".join(out) + "\n"
