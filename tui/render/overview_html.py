"""The overview as one HTML page to print: one renderer of the description in `tui.render.overview`.

Every kind of section has one function here (`BLOCKS`), giving the section's lines of HTML.
No scripts, no links, no outside resources; everything typed is escaped (`html_text`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.render.overview import SIGNAL_DASH, Shown, describe, made_line, shows, signal_lead
from tui.render.parts import bar, html_block, html_text, step_cells, step_headings, zone

if TYPE_CHECKING:
    from tui.views.report import Report

t = html_text

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
    """One self-contained page to print on A4: every section the description shows, in its order."""
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{report.strings.language}"><head><meta charset="utf-8">',
        f"<title>{t(report.session.title)}</title><style>{_CSS}</style></head><body>",
    ]
    for shown in describe(report, documents_only=True):
        if shows(shown):
            out += BLOCKS[shown.kind](shown, report)
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _h2(shown: Shown) -> str:
    return f"<h2>{t(shown.title)}</h2>"


def _none(report: Report) -> str:
    return f"<p>{t(report.strings('report.none'))}</p>"


def _head(shown: Shown, report: Report) -> list[str]:
    return [f"<h1>{t(shown.rows[0])}</h1>", f"<p>{t(made_line(report))}</p>"]


def _context(shown: Shown, report: Report) -> list[str]:
    return ["<ul>" + "".join(f"<li><b>{t(k)}:</b> {t(v)}</li>" for k, v in shown.rows) + "</ul>"]


def _parts(shown: Shown, report: Report) -> list[str]:
    strings = report.strings
    out = [_h2(shown), f"<p class='hint'>{t(strings(shown.section.hint))}</p>"]
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
    for p in shown.rows:
        where = zone(p.mean, report.strength_at, report.obstacle_at)
        out.append(
            f"<tr><td>{t(p.title)}</td><td class='bar {where}'>{bar(p.mean, 10)}</td>"
            f"<td class='num'>{t(p.score_text)}</td><td>{t(p.basis)}</td>"
            + (f"<td>{t(p.change_text)}</td>" if since else "")
            + "</tr>"
        )
    out.append("</table>")
    return out


def _signals(shown: Shown, report: Report) -> list[str]:
    strings = report.strings
    if not shown.rows:
        return [_h2(shown), _none(report)]
    out = [_h2(shown), "<ul class='signals'>"]
    css, mark = shown.section.tone, strings(shown.section.mark)
    for r in shown.rows:
        lead = t(signal_lead(r, mark))
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
    return out


def _help(shown: Shown, report: Report) -> list[str]:
    strings = report.strings
    out = [f"{_h2(shown)}<p class='hint'>{t(strings(shown.section.hint))}</p><ul>"]
    out += [f"<li><b>{t(h.marked_label(strings))}</b><div>{t(h.text)}</div></li>" for h in shown.rows]
    return out + ["</ul>"]


def _remarks(shown: Shown, report: Report) -> list[str]:
    out = [f"{_h2(shown)}<ul>"]
    out += [f"<li>{t(text)}<div class='note'>{html_block(note)}</div></li>" for _, text, note in shown.rows]
    return out + ["</ul>"]


def _notes(shown: Shown, report: Report) -> list[str]:
    return [f"{_h2(shown)}<p class='note'>{html_block(note)}</p>" for note in shown.rows]


def _steps(shown: Shown, report: Report) -> list[str]:
    strings = report.strings
    if not shown.rows:
        return [_h2(shown), _none(report)]
    heads = "".join(f"<th>{t(h)}</th>" for h in step_headings(strings))
    out = [_h2(shown), f"<table class='steps'><tr>{heads}</tr>"]
    for step in shown.rows:
        c = step_cells(step, strings, report.today)
        checked = " checked" if c.done else ""
        when = t(c.when) + (f" <span class='weak mark'>{t(strings('steps.overdue'))}</span>" if c.overdue else "")
        done = t(strings("steps.yes" if c.done else "steps.no"))
        out.append(
            f"<tr><td>{t(c.what)}</td><td>{t(c.who)}</td><td>{when.strip()}</td>"
            f'<td><label><input type="checkbox" disabled{checked}> {done}</label></td></tr>'
        )
    return out + ["</table>"]


def _unanswered(shown: Shown, report: Report) -> list[str]:
    if not shown.rows:
        return [_h2(shown), _none(report)]
    return [_h2(shown), "<ul>" + "".join(f"<li>{t(text)} ({t(part)})</li>" for _, part, text in shown.rows) + "</ul>"]


def _items(shown: Shown, report: Report) -> list[str]:
    if not shown.rows:
        return [_h2(shown), _none(report)]
    return [f"{_h2(shown)}<ul>", *(f"<li>{t(text)} ({t(part)})</li>" for _, part, text in shown.rows), "</ul>"]


BLOCKS: dict[str, Callable[[Shown, Report], list[str]]] = {
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
"""Each kind of section (`Section.kind`) as lines of HTML."""
