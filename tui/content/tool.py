"""The reflection tool (the note's Bijlage 3, rebuilt): parts, items, scoring rules."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from tui.content.base import ContentModel

ITEM_ID = r"^[a-z0-9-]+\.[a-z0-9-]+$"
Direction = Literal["positive", "negative"]
Anchor = Literal["low", "near_low", "near_high", "high"]
ANSWER_WORDS: dict[int, Anchor] = {1: "low", 2: "near_low", 4: "near_high", 5: "high"}
"""The answers that have a word of their own; 3, the middle, has none."""


class Stage(ContentModel):
    """A stage a cooperation can be in (verkennen, starten, …)."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    label: str
    label_en: str | None = None


class ContextLists(ContentModel):
    """The choices for a session's context, taken from the note's section 1."""

    themes: list[str] = Field(min_length=1)
    forms: list[str] = Field(min_length=1)
    stages: list[Stage] = Field(min_length=1)


class Perspective(ContentModel):
    """One of the five perspectives of the Kaats & Opheij model."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str
    title_en: str | None = None
    description: str
    description_en: str | None = None


class Suggestion(ContentModel):
    """A suggestion of Bijlage 1 (a–i), rewritten as what one board can do.

    Bijlage 1 speaks to the sector councils and profile organisations; the app's
    text is a rewrite, so it is always credited "naar bijlage 1 <letter>".
    """

    letter: str = Field(pattern=r"^[a-z]$")
    text: str
    text_en: str | None = None
    quote: str = Field(min_length=1, description="Words of the original letter in Bijlage 1, verbatim: `l` shows them.")


class Scale(ContentModel):
    """Labels that hold for every scale item."""

    not_applicable: str
    not_applicable_en: str | None = None


class Scoring(ContentModel):
    """Thresholds on the 1–5 scale after direction (higher = better)."""

    strength_at: int = Field(ge=1, le=5)
    obstacle_at: int = Field(ge=1, le=5)
    min_answered_share: float = Field(gt=0, le=1)
    """A part gets a score only when at least this share of its items has one (0.5: half)."""

    @model_validator(mode="after")
    def _ordered(self) -> Scoring:
        if self.obstacle_at >= self.strength_at:
            raise ValueError("obstacle_at must be below strength_at")
        return self


class Wording(ContentModel):
    """An earlier wording of an item, kept so answers given to it can be flagged."""

    replaced_in: int = Field(ge=2, description="The tool version that replaced this wording.")
    text: str = Field(min_length=1, description="The statement as it read before that version.")
    text_en: str | None = None
    why: str = Field(min_length=1, description="What changed in its meaning, for maintainers.")


class Item(ContentModel):
    """One scale item: a statement answered 1–5 or not applicable."""

    id: str = Field(pattern=ITEM_ID, description="'<part>.<slug>', stable forever: answers are keyed by it.")
    text: str = Field(min_length=1)
    text_en: str | None = None
    explain: str = Field(min_length=1)
    explain_en: str | None = None
    source: str = Field(description="Id of the note section this item comes from.")
    quote: str = Field("", description="The note's words this item derives from.")
    factor: str | None = Field(None, description="The reason or factor of section 2 it stands for.")
    passage: str | None = Field(
        None, description="Without a factor: words naming the sentence or quoted element of the note it stands for."
    )
    suggestions: list[str] = Field(default_factory=list)
    why: dict[str, str] = Field(
        default_factory=dict, description="For each suggestion letter, one line on why it fits this item."
    )
    history: list[Wording] = Field(
        default_factory=list, description="Earlier wordings whose meaning differed, oldest first."
    )
    perspectives: list[str] = Field(default_factory=list)
    direction: Direction | None = None
    low: str | None = None
    low_en: str | None = None
    near_low: str | None = None
    near_low_en: str | None = None
    near_high: str | None = None
    near_high_en: str | None = None
    high: str | None = None
    high_en: str | None = None

    @model_validator(mode="after")
    def _links_explained(self) -> Item:
        if len(set(self.suggestions)) != len(self.suggestions):
            raise ValueError(f"item {self.id!r} names a suggestion twice")
        missing = [x for x in self.suggestions if not self.why.get(x, "").strip()]
        if missing:
            raise ValueError(f"item {self.id!r}: say why suggestion {missing[0]!r} fits (why.{missing[0]} = ...)")
        extra = sorted(set(self.why) - set(self.suggestions))
        if extra:
            raise ValueError(f"item {self.id!r}: why.{extra[0]} explains a suggestion it does not link")
        versions = [w.replaced_in for w in self.history]
        if versions != sorted(set(versions)):
            raise ValueError(f"item {self.id!r}: history must be oldest first, one wording per version")
        return self

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


class Part(ContentModel):
    """A part of the walk: a group of scale items, or the next steps."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
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
    items: list[Item] = Field(default_factory=list)

    @model_validator(mode="after")
    def _complete(self) -> Part:
        if self.kind == "steps":
            if self.items:
                raise ValueError(f"part {self.id!r} is a steps part and cannot have items")
            return self
        missing = [
            k for k in ("question", "direction", "low", "near_low", "near_high", "high") if getattr(self, k) is None
        ]
        if missing:
            raise ValueError(f"scale part {self.id!r} needs {', '.join(missing)}")
        if not self.items:
            raise ValueError(f"scale part {self.id!r} has no items")
        for item in self.items:
            if not item.id.startswith(self.id + "."):
                raise ValueError(f"item {item.id!r} must start with its part id {self.id + '.'!r}")
        return self

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


class Tool(ContentModel):
    """content/tool.toml: the whole reflection tool."""

    schema_version: int = Field(ge=1, description="The format of this file.")
    version: int = Field(
        1, ge=1, description="The version of the tool's content; raise it when a statement's meaning changes."
    )
    scale: Scale
    scoring: Scoring
    context: ContextLists
    perspectives: list[Perspective]
    suggestions: list[Suggestion]
    parts: list[Part] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Tool:
        letters = {s.letter for s in self.suggestions}
        perspectives = {p.id for p in self.perspectives}
        seen: set[str] = set()
        for part in self.parts:
            if part.id in seen:
                raise ValueError(f"part id {part.id!r} is used twice")
            seen.add(part.id)
            for item in part.items:
                if item.id in seen:
                    raise ValueError(f"item id {item.id!r} is used twice")
                seen.add(item.id)
                for letter in item.suggestions:
                    if letter not in letters:
                        raise ValueError(f"item {item.id!r}: no suggestion {letter!r} in [[suggestions]]")
                for perspective in item.perspectives:
                    if perspective not in perspectives:
                        raise ValueError(f"item {item.id!r}: no perspective {perspective!r} in [[perspectives]]")
                for earlier in item.history:
                    if earlier.replaced_in > self.version:
                        raise ValueError(
                            f"item {item.id!r}: wording replaced in version {earlier.replaced_in}, "
                            f"but the tool is at version {self.version}"
                        )
        return self

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
