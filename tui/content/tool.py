"""The reflection tool (the note's Bijlage 3, rebuilt): parts, items, scoring rules.

Plain classes of validated data: what each field must be is checked in tui.content.schema,
when a file is new or changed; a start builds these from what was kept (tui.content.cache).
"""

from __future__ import annotations

from dataclasses import field
from typing import Literal

from tui.content.base import Content
from tui.core.plain import record

ITEM_ID = r"^[a-z0-9-]+\.[a-z0-9-]+$"
Direction = Literal["positive", "negative"]
Anchor = Literal["low", "near_low", "near_high", "high"]
ANSWER_WORDS: dict[int, Anchor] = {1: "low", 2: "near_low", 4: "near_high", 5: "high"}
"""The answers that have a word of their own; 3, the middle, has none."""


@record(frozen=True, kw_only=True, eq=True)
class Stage(Content):
    """A stage a cooperation can be in (verkennen, starten, …)."""

    id: str
    label: str
    label_en: str | None = None


@record(frozen=True, kw_only=True, eq=True)
class ContextLists(Content):
    """The choices for a session's context, taken from the note's section 1."""

    themes: list[str]
    forms: list[str]
    stages: list[Stage]


@record(frozen=True, kw_only=True, eq=True)
class Perspective(Content):
    """One of the five perspectives of the Kaats & Opheij model."""

    id: str
    title: str
    title_en: str | None = None
    description: str
    description_en: str | None = None


@record(frozen=True, kw_only=True, eq=True)
class Suggestion(Content):
    """A suggestion of Bijlage 1 (a–i), rewritten as what one board can do.

    Bijlage 1 speaks to the sector councils and profile organisations; the app's
    text is a rewrite, so it is always credited "naar bijlage 1 <letter>".
    """

    letter: str
    text: str
    text_en: str | None = None
    quote: str


@record(frozen=True, kw_only=True, eq=True)
class Scale(Content):
    """Labels that hold for every scale item."""

    not_applicable: str
    not_applicable_en: str | None = None


@record(frozen=True, kw_only=True, eq=True)
class Scoring(Content):
    """Thresholds on the 1–5 scale after direction (higher = better)."""

    strength_at: int
    obstacle_at: int
    min_answered_share: float
    """A part gets a score only when at least this share of its items has one (0.5: half)."""


@record(frozen=True, kw_only=True, eq=True)
class Wording(Content):
    """An earlier wording of an item, kept so answers given to it can be flagged."""

    replaced_in: int
    text: str
    text_en: str | None = None
    why: str


@record(frozen=True, kw_only=True, eq=True)
class Item(Content):
    """One scale item: a statement answered 1–5 or not applicable."""

    id: str
    text: str
    text_en: str | None = None
    explain: str
    explain_en: str | None = None
    source: str
    quote: str = ""
    factor: str | None = None
    passage: str | None = None
    suggestions: list[str] = field(default_factory=list)
    why: dict[str, str] = field(default_factory=dict)
    history: list[Wording] = field(default_factory=list)
    perspectives: list[str] = field(default_factory=list)
    direction: Direction | None = None
    low: str | None = None
    low_en: str | None = None
    near_low: str | None = None
    near_low_en: str | None = None
    near_high: str | None = None
    near_high_en: str | None = None
    high: str | None = None
    high_en: str | None = None

    @property
    def changed_in(self) -> list[int]:
        """The tool versions in which this item's meaning changed."""
        return [w.replaced_in for w in self.history]

    def wording_at(self, version: int, lang: str = "nl") -> str:
        """The statement as it read in tool `version` (the current text if it has not changed since)."""
        for earlier in self.history:
            if version < earlier.replaced_in:
                return earlier.loc("text", lang)
        return self.loc("text", lang)


@record(frozen=True, kw_only=True, eq=True)
class Part(Content):
    """A part of the walk: a group of scale items, or the next steps."""

    id: str
    title: str
    title_en: str | None = None
    kind: Literal["scale", "steps"]
    source: str
    intro: str
    intro_en: str | None = None
    question: str | None = None
    question_en: str | None = None
    direction: Direction | None = None
    low: str | None = None
    low_en: str | None = None
    near_low: str | None = None
    """The word for answer 2, one step from `low`: 'Speelt nauwelijks'."""
    near_low_en: str | None = None
    near_high: str | None = None
    """The word for answer 4, one step from `high`: 'Grotendeels'."""
    near_high_en: str | None = None
    high: str | None = None
    high_en: str | None = None
    strength_when_good: bool = True
    items: list[Item] = field(default_factory=list)

    def item_direction(self, item: Item) -> Direction:
        return item.direction or self.direction or "positive"

    def anchor(self, item: Item, end: Anchor, lang: str) -> str:
        """The word for answer 1, 2, 4 or 5 (low, near_low, near_high, high) of this item: its own, else the part's."""
        own = item.loc(end, lang) if getattr(item, end) else ""
        return own or self.loc(end, lang)

    def answer_word(self, item: Item, score: int, lang: str) -> str:
        """The scale's word for answer `score` to `item` ('Speelt nauwelijks' for 2), '' for the middle."""
        end = ANSWER_WORDS.get(score)
        return self.anchor(item, end, lang) if end else ""


@record(frozen=True, kw_only=True, eq=True)
class Tool(Content):
    """content/tool.toml: the whole reflection tool."""

    schema_version: int
    version: int = 1
    scale: Scale
    scoring: Scoring
    context: ContextLists
    perspectives: list[Perspective]
    suggestions: list[Suggestion]
    parts: list[Part]

    @property
    def scale_parts(self) -> list[Part]:
        return [p for p in self.parts if p.kind == "scale"]

    @property
    def items(self) -> list[Item]:
        """Every scale item in walk order."""
        return [item for part in self.scale_parts for item in part.items]

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def part_of(self, item_id: str) -> Part:
        for part in self.scale_parts:
            if any(item.id == item_id for item in part.items):
                return part
        raise KeyError(item_id)

    def suggestion(self, letter: str) -> Suggestion:
        return next(s for s in self.suggestions if s.letter == letter)

    def perspective(self, perspective_id: str) -> Perspective:
        return next(p for p in self.perspectives if p.id == perspective_id)
