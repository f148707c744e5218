"""The content's validators: what a content file must be, checked by pydantic when the file is new or changed.

A start reads the content as it was validated before (tui.content.cache) into the plain
classes of tui.content.note and .tool, and never imports this module. These models only
check a file and hand on its data (`model_dump`): each has exactly the fields of the plain
class of the same name (a test checks it), and the rules each field and file must follow.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tui.content.note import SECTION_ID
from tui.content.tool import ITEM_ID, Direction


class ContentModel(BaseModel):
    """Content is edited by hand: unknown keys are typos, so they are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


class Section(ContentModel):
    """One section of the note; its Markdown body lives in its own file."""

    id: str = Field(pattern=SECTION_ID, description="Stable id, used in links and deep links.")
    number: str = Field("", description="'1'..'4' for the numbered sections, else empty.")
    title: str = Field(min_length=1, description="The note's own heading, without its number.")
    short: str = Field(min_length=1, max_length=22, description="Title for a narrow contents list.")
    file: str = Field(min_length=1, description="Markdown file, relative to content/.")


class NoteIndex(ContentModel):
    """content/note.toml: what the note is and the order of its sections."""

    title: str
    subtitle: str
    publisher: str
    adopted: str
    sections: list[Section] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> NoteIndex:
        seen: set[str] = set()
        for section in self.sections:
            if section.id in seen:
                raise ValueError(f"section id {section.id!r} is used twice")
            seen.add(section.id)
        return self


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
