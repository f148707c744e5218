"""One session's report as plain data: the single source for every export and the overview.

Pure Python, no Textual. Renderers (text, Markdown, HTML, CSV, JSON and the
overview screen) all start from `build_report`, so they never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.content.tool import Tool
from tui.i18n import t
from tui.scoring import Overview, PartScore, Signal, overview
from tui.session.model import NextStep, Session

BAR_WIDTH = 20


def filled(fraction: float, width: int) -> str:
    """A horizontal bar, `fraction` (0–1) of it filled."""
    cells = round(width * fraction)
    return "█" * cells + "░" * (width - cells)


def bar(mean: float | None, width: int = BAR_WIDTH) -> str:
    """A horizontal bar for a 1–5 mean: filled from 1 (empty) to 5 (full)."""
    return "·" * width if mean is None else filled((mean - 1) / 4, width)


@dataclass
class SignalRow:
    """A strength or obstacle, ready to show: its text, score and what could help."""

    id: str
    title: str
    part: str
    score: int
    value: int
    note: str
    suggestions: list[tuple[str, str]]
    perspectives: list[str]


@dataclass
class PartRow:
    id: str
    title: str
    mean: float | None
    answered: int
    not_applicable: int
    total: int

    @property
    def score_text(self) -> str:
        return f"{self.mean:.1f}" if self.mean is not None else t("report.too_few")


@dataclass
class Report:
    """What the overview says about one session."""

    session: Session
    context: list[tuple[str, str]]
    parts: list[PartRow]
    strengths: list[SignalRow]
    obstacles: list[SignalRow]
    unanswered: list[tuple[str, str, str]]
    """(item id, part title, item text)."""
    other_notes: list[tuple[str, str, str]]
    """(item id, item text, note) for notes on items that are neither strength nor obstacle."""
    steps: list[NextStep]
    overview: Overview


def build_report(tool: Tool, session: Session, lang: str) -> Report:
    """The report of `session` in `lang` ('nl' or 'en')."""
    result = overview(tool, session)
    stages = {s.id: s.loc("label", lang) for s in tool.context.stages}
    context = [
        (t("report.partners"), session.context.partners),
        (t("report.role"), session.context.role),
        (t("report.stage"), stages.get(session.context.stage, session.context.stage)),
        (t("report.themes"), ", ".join(session.context.themes)),
        (t("report.forms"), ", ".join(session.context.forms)),
    ]

    def row(signal: Signal, with_help: bool) -> SignalRow:
        return SignalRow(
            id=signal.id,
            title=signal.item.loc("text", lang),
            part=signal.part.loc("title", lang),
            score=signal.score,
            value=signal.value,
            note=signal.note,
            suggestions=[(x, tool.suggestion(x).loc("text", lang)) for x in signal.item.suggestions] if with_help else [],
            perspectives=[tool.perspective(p).loc("title", lang) for p in signal.item.perspectives] if with_help else [],
        )

    def part_row(score: PartScore) -> PartRow:
        return PartRow(
            score.part.id, score.part.loc("title", lang), score.mean, score.answered, score.not_applicable, score.total
        )

    return Report(
        session=session,
        context=[(label, value) for label, value in context if value],
        parts=[part_row(p) for p in result.parts],
        strengths=[row(s, False) for s in result.strengths],
        obstacles=[row(s, True) for s in result.obstacles],
        unanswered=[(i.id, p.loc("title", lang), i.loc("text", lang)) for p, i in result.unanswered],
        other_notes=[(i, tool.item(i).loc("text", lang), n) for i, n in result.notes.items()],
        steps=list(session.next_steps),
        overview=result,
    )
