"""Comparing sessions: one person over time, or partners on the same cooperation.

Pure functions, no Textual. Differences are topics for a conversation, not a
verdict: items where the answers lie furthest apart come first.

`compare` works on the tool's items; `build_comparison` turns that into plain data
in one language (a `Comparison`), the single source for every rendering of it
(tui.render.compare: the table, JSON and Markdown; the compare screen).

The tool's content has a version (content/tool.toml `version`); an item whose
meaning changed keeps its earlier wordings. Answers given to different wordings
are not quite the same question, so `compare` flags them (`ComparedItem.reworded`)
and `reworded_items` lists what changed between two versions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.content.i18n import Strings
from tui.content.tool import Item, Part, Tool
from tui.session.model import Session
from tui.views.scoring import part_score

DISAGREEMENT = 2
"""A spread of at least this many points is worth talking about."""


@dataclass(frozen=True)
class ComparedItem:
    """One item across sessions: each session's answer (None = unanswered or n.v.t.)."""

    item: Item
    part: Part
    scores: list[int | None]
    versions: list[int] = field(default_factory=list)
    """The tool version each session answered this item with (empty when unknown)."""

    @property
    def answered_versions(self) -> list[int]:
        """The tool versions of the sessions that gave this item a score."""
        return [v for v, s in zip(self.versions, self.scores, strict=False) if s is not None]

    @property
    def reworded(self) -> bool:
        """The sessions answered different wordings of this item: compare with care."""
        answered = self.answered_versions
        return len(answered) >= 2 and bool(changes_between(self.item, min(answered), max(answered)))

    def earlier_wording(self, lang: str) -> str | None:
        """The statement as the earliest of these answers read it, when the wording differed."""
        return self.item.wording_at(min(self.answered_versions), lang) if self.reworded else None

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
    """Parts with each session's mean, and items ordered by spread (largest first).

    Each item also carries the tool version each session answered it with, so that
    `ComparedItem.reworded` can flag answers given to different wordings.
    """
    parts = [ComparedPart(p, [part_score(tool, p, s).mean for s in sessions]) for p in tool.scale_parts]
    items: list[tuple[int, int, ComparedItem]] = []
    order = 0
    for part in tool.scale_parts:
        for item in part.items:
            order += 1
            scores = [_score(s, item.id) for s in sessions]
            compared = ComparedItem(item, part, scores, [answered_with(s, item.id) for s in sessions])
            spread = compared.spread
            items.append((-(spread if spread is not None else -1), order, compared))
    items.sort(key=lambda x: (x[0], x[1]))
    return parts, [c for *_, c in items]


# The comparison as plain data -------------------------------------------------


def labels(sessions: list[Session], names: bool) -> list[str]:
    """Who answered: A, B, C… by default; titles and dates when asked (never a role both may share)."""
    if not names:
        return column_letters(len(sessions))
    return legend(sessions, names)


def legend(sessions: list[Session], names: bool) -> list[str]:
    """What each column is: the title and the day it was started, 'RPO Noord (12-03-2026)'.

    Never the role: two partners who are both 'bestuurder' would read the same. `names` is
    kept for the callers that ask; the title already says whose reflection it is. As typed:
    a renderer makes it safe for its medium.
    """
    return [f"{s.title} ({s.created.astimezone().strftime('%d-%m-%Y')})" for s in sessions]


def oldest_first(sessions: list[Session]) -> list[Session]:
    """Sessions in the order they were started, so A is always the earliest and a change reads forwards."""
    return sorted(sessions, key=lambda s: (s.created, s.updated))  # stable: ties keep the order asked for


def column_letters(count: int) -> list[str]:
    """The columns' heads: A, B, C…, then S27, S28…"""
    return [chr(ord("A") + i) if i < 26 else f"S{i + 1}" for i in range(count)]


@dataclass(frozen=True)
class ComparisonPart:
    id: str
    title: str
    means: list[float | None]
    """Each session's mean for the part (None: too few answers)."""

    @property
    def difference(self) -> float | None:
        """The last session's part score minus the first's (oldest first: up is better); None without both."""
        first, last = self.means[0], self.means[-1]
        if len(self.means) < 2 or first is None or last is None:
            return None
        return last - first


@dataclass(frozen=True)
class ComparisonItem:
    id: str
    part: str
    """The part's id."""
    title: str
    scores: list[int | None]
    """Each session's answer (None: unanswered or not applicable)."""
    low: int | None
    high: int | None
    spread: int | None
    """Highest minus lowest answer, when at least two sessions answered it."""
    earlier_wording: str | None
    """The statement as the earliest of these answers read it, when it was reworded since."""
    reworded_note: str
    """The sentence that says so ('' when it was not reworded)."""
    part_title: str = ""
    """The part's title, in the comparison's language."""
    not_applicable: list[bool] = field(default_factory=list)
    """Each session's 'not applicable' (its score is then None)."""
    remarks: list[str] = field(default_factory=list)
    """Each session's remark on the item, as typed ('' for none)."""

    @property
    def has_remarks(self) -> bool:
        return any(self.remarks)

    @property
    def reworded(self) -> bool:
        return self.earlier_wording is not None


@dataclass(frozen=True)
class Comparison:
    """Sessions side by side, in the language of `strings`: parts, then items by spread."""

    strings: Strings
    sessions: list[Session]
    labels: list[str]
    """Who answered: A, B… or, with `names`, roles and dates."""
    legend: list[str]
    """What each column (A, B…) is: see `legend`."""
    names: bool
    """Whether whose session is whose may be shown."""
    parts: list[ComparisonPart]
    items: list[ComparisonItem]
    """Largest spread first; items answered by fewer than two sessions last."""
    disagreement: int = DISAGREEMENT


def build_comparison(tool: Tool, sessions: list[Session], strings: Strings, names: bool = False) -> Comparison:
    """The comparison of `sessions`, worded in the language of `strings`."""
    lang = strings.language
    sessions = oldest_first(sessions)
    parts, items = compare(tool, sessions)

    def item(c: ComparedItem) -> ComparisonItem:
        earlier = c.earlier_wording(lang)
        note = strings("compare.reworded", old=earlier) if earlier is not None else ""
        answers = [s.answers.get(c.item.id) for s in sessions]
        return ComparisonItem(
            id=c.item.id,
            part=c.part.id,
            title=c.item.loc("text", lang),
            scores=c.scores,
            low=c.low,
            high=c.high,
            spread=c.spread,
            earlier_wording=earlier,
            reworded_note=note,
            part_title=c.part.loc("title", lang),
            not_applicable=[a is not None and a.not_applicable for a in answers],
            remarks=[a.remark if a is not None else "" for a in answers],
        )

    return Comparison(
        strings=strings,
        sessions=list(sessions),
        labels=labels(sessions, names),
        legend=legend(sessions, names),
        names=names,
        parts=[ComparisonPart(p.part.id, p.part.loc("title", lang), p.means) for p in parts],
        items=[item(c) for c in items],
    )


def _score(session: Session, item_id: str) -> int | None:
    answer = session.answers.get(item_id)
    return answer.score if answer is not None else None


# Wording across tool versions --------------------------------------------------

FIRST_VERSION = 1
"""Sessions saved before the tool had a version were answered with version 1."""


def answered_with(session: Session, item_id: str) -> int:
    """The tool version `session` answered `item_id` with.

    Read from the answer; answers saved before the session format recorded it
    were all given with the first version of the tool.
    """
    answer = session.answers.get(item_id)
    return answer.tool_version if answer is not None and answer.tool_version else FIRST_VERSION


def changes_between(item: Item, old: int, new: int) -> list[int]:
    """The versions after `old` up to and including `new` in which `item`'s meaning changed."""
    low, high = min(old, new), max(old, new)
    return [v for v in item.changed_in if low < v <= high]


@dataclass(frozen=True)
class Reworded:
    """An item whose statement means something else in one version than in another."""

    item: Item
    part: Part
    old: str
    """The statement as version `old` worded it."""
    new: str
    """The statement as version `new` words it."""
    changed_in: list[int]
    """The versions (after `old`, up to `new`) that changed it."""


def reworded_items(tool: Tool, old: int, new: int, lang: str) -> list[Reworded]:
    """Items, in walk order, whose meaning changed between tool versions `old` and `new`.

    Pure: depends on the tool's content only. Give the versions two sessions were
    answered with; an empty list means their answers can be compared as they are.
    """
    out = []
    for part in tool.scale_parts:
        for item in part.items:
            versions = changes_between(item, old, new)
            if versions:
                out.append(Reworded(item, part, item.wording_at(old, lang), item.wording_at(new, lang), versions))
    return out
