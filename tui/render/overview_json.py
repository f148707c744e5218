"""The overview as JSON for a script: one renderer of the description in `tui.render.overview`.

The session comes first (with its context and notes), then one list per section under its
`json_key`, each row made by the function of its kind (`ROWS`). Faithful: a file gets the
user's text exactly (for a terminal, see `tui.render.export.for_terminal`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tui.render.overview import describe
from tui.render.parts import step_cells

if TYPE_CHECKING:
    from tui.session.model import NextStep
    from tui.views.report import HelpRow, ItemRow, PartRow, Report, SignalRow

JSON_ORDER = (
    "parts", "strengths", "obstacles", "absent", "help", "unanswered", "not_applicable", "next_steps", "items",
)  # fmt: skip
"""The keys in the order the JSON has always had them; a new section's key follows them."""


def to_json(report: Report) -> str:
    """Everything, for a script. Faithful: a file gets the user's text exactly (for a terminal, see `for_terminal`)."""
    s = report.session
    lists = {
        shown.json_key: [ROWS[shown.kind](row, report) for row in shown.rows]
        for shown in describe(report)
        if shown.json_key
    }
    order = [key for key in JSON_ORDER if key in lists] + [key for key in lists if key not in JSON_ORDER]
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
        **{key: lists[key] for key in order},
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _credit(report: Report, letter: str) -> str:
    return f"{report.strings('report.appendix1')} {letter}"


def _signal(r: SignalRow, report: Report) -> dict[str, object]:
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
        data["suggestions"] = [{"letter": x, "credit": _credit(report, x), "text": text} for x, text in r.suggestions]
        data["perspectives"] = r.perspectives
    return data


def _part(p: PartRow, report: Report) -> dict[str, object]:
    return {
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


def _help(h: HelpRow, report: Report) -> dict[str, object]:
    return {"letter": h.letter, "credit": _credit(report, h.letter), "text": h.text, "obstacles": h.obstacles}


def _item(row: tuple[str, str, str], report: Report) -> dict[str, object]:
    i, part, text = row
    return {"id": i, "part": part, "title": text}


def _step(step: NextStep, report: Report) -> dict[str, object]:
    return {**step.model_dump(mode="json"), "overdue": step_cells(step, report.strings, report.today).overdue}


def _answer(i: ItemRow, report: Report) -> dict[str, object]:
    return {
        "id": i.id,
        "part": i.part,
        "title": i.title,
        "score": i.score,
        "not_applicable": i.not_applicable,
        "note": i.remark,
    }


ROWS: dict[str, Callable[[Any, Report], dict[str, object]]] = {
    "parts": _part,
    "signals": _signal,
    "help": _help,
    "steps": _step,
    "unanswered": _item,
    "items": _item,
    "answers": _answer,
}
"""Each kind of section (`Section.kind`) as one JSON object per row; kinds the session holds have none."""
