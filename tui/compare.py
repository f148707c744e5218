"""Comparing sessions: one person over time, or partners on the same cooperation.

Pure functions, no Textual. Differences are topics for a conversation, not a
verdict: items where the answers lie furthest apart come first.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.content.tool import Item, Part, Tool
from tui.scoring import part_score
from tui.session.model import Session

DISAGREEMENT = 2
"""A spread of at least this many points is worth talking about."""


@dataclass(frozen=True)
class ComparedItem:
    """One item across sessions: each session's answer (None = unanswered or n.v.t.)."""

    item: Item
    part: Part
    scores: list[int | None]

    @property
    def given(self) -> list[int]:
        return [s for s in self.scores if s is not None]

    @property
    def low(self) -> int | None:
        return min(self.given) if self.given else None

    @property
    def high(self) -> int | None:
        return max(self.given) if self.given else None

    @property
    def spread(self) -> int | None:
        """Highest minus lowest answer, when at least two sessions answered it."""
        return self.high - self.low if len(self.given) >= 2 else None  # type: ignore[operator]


@dataclass(frozen=True)
class ComparedPart:
    part: Part
    means: list[float | None]


def compare(tool: Tool, sessions: list[Session]) -> tuple[list[ComparedPart], list[ComparedItem]]:
    """Parts with each session's mean, and items ordered by spread (largest first)."""
    parts = [ComparedPart(p, [part_score(tool, p, s).mean for s in sessions]) for p in tool.scale_parts]
    items: list[tuple[int, int, ComparedItem]] = []
    order = 0
    for part in tool.scale_parts:
        for item in part.items:
            order += 1
            scores = [_score(s, item.id) for s in sessions]
            compared = ComparedItem(item, part, scores)
            spread = compared.spread
            items.append((-(spread if spread is not None else -1), order, compared))
    items.sort(key=lambda x: (x[0], x[1]))
    return parts, [c for *_, c in items]


def _score(session: Session, item_id: str) -> int | None:
    answer = session.answers.get(item_id)
    return answer.score if answer is not None else None
