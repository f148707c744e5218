"""Comparison output for the command line: a readable table or JSON. No Textual.

Both are written to a terminal as often as to a pipe, so both are terminal-safe: the
table shows control, bidi and invisible characters as visible stand-ins, the JSON writes
them as \\uXXXX escapes (the same data after parsing).
"""

from __future__ import annotations

import textwrap

from tui.compare import DISAGREEMENT, compare
from tui.content.tool import Tool
from tui.i18n import t
from tui.session.model import Session
from tui.text import safe_line, terminal_json, visible


def labels(sessions: list[Session], names: bool) -> list[str]:
    """Who answered: A, B, C… by default; titles, roles and dates only when asked."""
    if not names:
        return [chr(ord("A") + i) if i < 26 else f"S{i + 1}" for i in range(len(sessions))]
    out = []
    for s in sessions:
        who = s.context.role or s.title
        out.append(f"{who} ({s.created.astimezone().strftime('%d-%m-%Y')})")
    return out


def compare_json(tool: Tool, sessions: list[Session], lang: str, names: bool = False) -> str:
    parts, items = compare(tool, sessions)
    data = {
        "sessions": [
            {"label": label, **({"id": s.id, "title": s.title} if names else {})}
            for label, s in zip(labels(sessions, names), sessions, strict=True)
        ],
        "parts": [{"id": p.part.id, "title": p.part.loc("title", lang), "means": p.means} for p in parts],
        "items": [
            {
                "id": c.item.id,
                "part": c.part.id,
                "title": c.item.loc("text", lang),
                "scores": c.scores,
                "low": c.low,
                "high": c.high,
                "spread": c.spread,
                "reworded": c.reworded,
                **({"earlier_wording": c.earlier_wording(lang)} if c.reworded else {}),
            }
            for c in items
        ],
    }
    return terminal_json(data) + "\n"


def compare_table(tool: Tool, sessions: list[Session], lang: str, names: bool = False, width: int = 100) -> str:
    """Parts, then items with a spread of 2 or more first: the conversations to have."""
    parts, items = compare(tool, sessions)
    who = [safe_line(label) for label in labels(sessions, names)]
    cell = 4
    lines = [safe_line(t("compare.heading", n=len(sessions)))]
    lines += [f"  {label}: {safe_line(s.title)}" if names else f"  {label}" for label, s in zip(who, sessions, strict=True)]
    short = [label if len(label) <= cell else label[:cell] for label in (chr(ord("A") + i) for i in range(len(sessions)))]
    header = "".join(f"{x:>{cell}}" for x in short)
    lines += ["", safe_line(t("compare.parts")), f"  {'':<34}{header}"]
    for p in parts:
        values = "".join(f"{m:>{cell}.1f}" if m is not None else f"{'–':>{cell}}" for m in p.means)
        lines.append(f"  {safe_line(p.part.loc('title', lang))[:34]:<34}{values}")
    text_width = max(20, width - 2 - len(header) - 8)
    spread_label = safe_line(t("compare.spread"))
    lines += ["", safe_line(t("compare.items", spread=DISAGREEMENT)), f"  {'':<{text_width}}{header}  {spread_label}"]
    shown_divider = False
    for c in items:
        if not shown_divider and (c.spread is None or c.spread < DISAGREEMENT):
            lines += ["", safe_line(t("compare.rest"))]
            shown_divider = True
        wrapped = textwrap.wrap(visible(c.item.loc("text", lang)), text_width) or [""]
        scores = "".join(f"{s:>{cell}}" if s is not None else f"{'–':>{cell}}" for s in c.scores)
        spread = f"{c.spread:>6}" if c.spread is not None else f"{'–':>6}"
        lines.append(f"  {wrapped[0]:<{text_width}}{scores}{spread}")
        lines += [f"  {w}" for w in wrapped[1:]]
        if c.reworded:
            note = visible(t("compare.reworded", old=c.earlier_wording(lang) or ""))
            lines += [f"    {w}" for w in textwrap.wrap(note, text_width)]
    return "\n".join(lines) + "\n"
