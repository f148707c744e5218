"""One session's overview as plain data: the single source for every export and the overview screen.

Pure Python, no Textual. `build_report` resolves everything a reader sees, in
one language: the content's text and the interface's labels both come from the
`Strings` it is given, which the report keeps, so a renderer (tui.export) can
only speak the report's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tui.content.tool import Tool
from tui.i18n import Strings
from tui.scoring import PartScore, Signal, overview
from tui.session.model import NextStep, Session


@dataclass(frozen=True)
class SignalRow:
    """A strength or obstacle, ready to show: its text, score and what could help."""

    id: str
    title: str
    part: str
    score: int
    value: int
    remark: str
    suggestions: list[tuple[str, str]]
    """(letter in appendix 1, text) for an obstacle."""
    perspectives: list[str]


@dataclass(frozen=True)
class PartRow:
    id: str
    title: str
    mean: float | None
    score_text: str
    """The mean with one decimal, or 'too few' when too little is answered."""
    answered: int
    not_applicable: int
    total: int


@dataclass(frozen=True)
class ItemRow:
    """One item of the tool with its answer, answered or not (for CSV and JSON)."""

    id: str
    part: str
    """The part's id."""
    title: str
    score: int | None
    not_applicable: bool
    remark: str
    answered_at: datetime | None


@dataclass(frozen=True)
class Report:
    """What the overview says about one session, in the language of `strings`."""

    strings: Strings
    session: Session
    context: list[tuple[str, str]]
    """(label, value) of the context fields that are filled in."""
    parts: list[PartRow]
    strengths: list[SignalRow]
    obstacles: list[SignalRow]
    unanswered: list[tuple[str, str, str]]
    """(item id, part title, item text)."""
    other_remarks: list[tuple[str, str, str]]
    """(item id, item text, note) for notes on items that are neither strength nor obstacle."""
    steps: list[NextStep]
    items: list[ItemRow]
    strength_at: int
    """An answer is a strength from this value on (after direction)."""
    obstacle_at: int
    """An answer is an obstacle up to this value (after direction)."""


def build_report(tool: Tool, session: Session, strings: Strings) -> Report:
    """The report of `session`, worded in the language of `strings`."""
    lang = strings.language
    result = overview(tool, session)
    stages = {s.id: s.loc("label", lang) for s in tool.context.stages}
    context = [
        (strings("report.partners"), session.context.partners),
        (strings("report.role"), session.context.role),
        (strings("report.stage"), stages.get(session.context.stage, session.context.stage)),
        (strings("report.themes"), ", ".join(session.context.themes)),
        (strings("report.forms"), ", ".join(session.context.forms)),
    ]

    def row(signal: Signal, with_help: bool) -> SignalRow:
        return SignalRow(
            id=signal.id,
            title=signal.item.loc("text", lang),
            part=signal.part.loc("title", lang),
            score=signal.score,
            value=signal.value,
            remark=signal.remark,
            suggestions=[(x, tool.suggestion(x).loc("text", lang)) for x in signal.item.suggestions]
            if with_help
            else [],
            perspectives=[tool.perspective(p).loc("title", lang) for p in signal.item.perspectives]
            if with_help
            else [],
        )

    def part_row(score: PartScore) -> PartRow:
        return PartRow(
            id=score.part.id,
            title=score.part.loc("title", lang),
            mean=score.mean,
            score_text=f"{score.mean:.1f}" if score.mean is not None else strings("report.too_few"),
            answered=score.answered,
            not_applicable=score.not_applicable,
            total=score.total,
        )

    items = []
    for part in tool.scale_parts:
        for item in part.items:
            answer = session.answers.get(item.id)
            items.append(
                ItemRow(
                    id=item.id,
                    part=part.id,
                    title=item.loc("text", lang),
                    score=answer.score if answer is not None else None,
                    not_applicable=answer is not None and answer.not_applicable,
                    remark=answer.remark if answer is not None else "",
                    answered_at=answer.at if answer is not None else None,
                )
            )

    return Report(
        strings=strings,
        session=session,
        context=[(label, value) for label, value in context if value],
        parts=[part_row(p) for p in result.parts],
        strengths=[row(s, False) for s in result.strengths],
        obstacles=[row(s, True) for s in result.obstacles],
        unanswered=[(i.id, p.loc("title", lang), i.loc("text", lang)) for p, i in result.unanswered],
        other_remarks=[(i, tool.item(i).loc("text", lang), n) for i, n in result.remarks.items()],
        steps=list(session.next_steps),
        items=items,
        strength_at=tool.scoring.strength_at,
        obstacle_at=tool.scoring.obstacle_at,
    )
