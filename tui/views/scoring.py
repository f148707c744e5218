"""From answers to part scores, strengths and obstacles — pure functions, no Textual.

Every score is first turned around where a high answer is bad ("direction"), so
that after it higher is always better. Not applicable and unanswered items never
count. Thresholds live in content/tool.toml ([scoring]).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from tui.content.tool import Item, Part, Tool
from tui.session.model import Session

SCALE_MAX = 5


def oriented(score: int, direction: str) -> int:
    """The score with 'higher is better' for every item (1↔5 for negative items)."""
    return score if direction == "positive" else SCALE_MAX + 1 - score


@dataclass(frozen=True)
class Signal:
    """One answered item that stands out: a strength or an obstacle."""

    item: Item
    part: Part
    score: int
    """The answer as given (1–5)."""
    value: int
    """The answer after direction: higher is better."""
    remark: str

    @property
    def id(self) -> str:
        return self.item.id


@dataclass(frozen=True)
class PartScore:
    """How one part of the tool is going: the mean of its answers after direction, and what it rests on.

    The one part score of the app: every screen and export shows this mean (rounded once,
    by `tui.views.numbers.score_number`), never another figure for the same part.
    """

    part: Part
    mean: float | None
    """Full precision; None when fewer items have a score than [scoring] min_answered_share asks."""
    answered: int
    """Items with a score or n.v.t."""
    not_applicable: int
    total: int

    @property
    def scored(self) -> int:
        """Items answered with a score (1–5): what the mean is made of."""
        return self.answered - self.not_applicable

    @property
    def all_not_applicable(self) -> bool:
        return self.total > 0 and self.not_applicable == self.total


@dataclass
class Overview:
    """Everything the overview shows of one session."""

    parts: list[PartScore]
    strengths: list[Signal]
    obstacles: list[Signal]
    unanswered: list[tuple[Part, Item]]
    remarks: dict[str, str] = field(default_factory=dict)
    """Remarks on items that are neither strength nor obstacle, by item id."""
    absent: list[Signal] = field(default_factory=list)
    """Hindrances answered at the good end: they (hardly) play a role. Never strengths: their
    statement says something bad, so listing it as a strong point would read the wrong way round."""


def part_score(tool: Tool, part: Part, session: Session) -> PartScore:
    values: list[int] = []
    not_applicable = 0
    for item in part.items:
        answer = session.answers.get(item.id)
        if answer is None:
            continue
        if answer.not_applicable:
            not_applicable += 1
        elif answer.score is not None:
            values.append(oriented(answer.score, part.item_direction(item)))
    enough = bool(values) and len(values) >= needed_for_score(tool, part)
    mean = sum(values) / len(values) if enough else None
    return PartScore(part, mean, len(values) + not_applicable, not_applicable, len(part.items))


def needed_for_score(tool: Tool, part: Part) -> int:
    """How many items of `part` need a score before the part gets one: never more certainty than that."""
    return max(1, math.ceil(tool.scoring.min_answered_share * len(part.items)))


def is_hindrance(part: Part, item: Item) -> bool:
    """An item whose statement is bad news when it holds (a high answer is the bad end)."""
    return part.item_direction(item) == "negative"


def overview(tool: Tool, session: Session) -> Overview:
    """Per-part scores, strengths (strongest first), obstacles (worst first), absent hindrances, what is left."""
    strengths: list[tuple[int, int, Signal]] = []
    absent: list[tuple[int, int, Signal]] = []
    obstacles: list[tuple[int, int, Signal]] = []
    unanswered: list[tuple[Part, Item]] = []
    remarks: dict[str, str] = {}
    order = 0
    for part in tool.scale_parts:
        for item in part.items:
            order += 1
            answer = session.answers.get(item.id)
            if answer is None or not answer.answered:
                unanswered.append((part, item))
            if answer is None:
                continue
            if answer.score is None:
                if answer.remark:
                    remarks[item.id] = answer.remark
                continue
            value = oriented(answer.score, part.item_direction(item))
            signal = Signal(item, part, answer.score, value, answer.remark)
            if value >= tool.scoring.strength_at and part.strength_when_good:
                (absent if is_hindrance(part, item) else strengths).append((-value, order, signal))
            elif value <= tool.scoring.obstacle_at:
                obstacles.append((value, order, signal))
            elif answer.remark:
                remarks[item.id] = answer.remark
    return Overview(
        parts=[part_score(tool, part, session) for part in tool.scale_parts],
        strengths=[s for *_, s in sorted(strengths, key=lambda x: (x[0], x[1]))],
        obstacles=[s for *_, s in sorted(obstacles, key=lambda x: (x[0], x[1]))],
        unanswered=unanswered,
        remarks=remarks,
        absent=[s for *_, s in sorted(absent, key=lambda x: (x[0], x[1]))],
    )
