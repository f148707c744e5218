"""One session's overview as plain data: the single source for every export and the overview screen.

Pure Python, no Textual. `build_report` resolves everything a reader sees, in
one language: the content's text and the interface's labels both come from the
`Strings` it is given, which the report keeps, so a renderer (tui.render.export) can
only speak the report's language.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from tui.content.i18n import Strings
from tui.content.tool import Item, Part, Tool
from tui.session import due
from tui.session.model import NextStep, Session
from tui.views.numbers import score_number
from tui.views.scoring import PartScore, Signal, oriented, overview

Change = Literal["up", "down", "same", ""]
"""How a value moved since the earlier session: higher, lower, equal, or '' when there is nothing to compare."""


def count_text(strings: Strings, n: int, one: str, many: str, **values: object) -> str:
    """`one` for exactly one, `many` for any other number (0 too: '0 items')."""
    return strings(one if n == 1 else many, n=n, **values)


def moved(now: float, was: float) -> Change:
    return "up" if now > was else "down" if now < was else "same"


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
    answer_text: str = ""
    """The answer with its number: 'antwoord 1: ‘Speelt niet’', 'antwoord 2: ‘Speelt nauwelijks’', 'antwoord 3'."""
    answer_word: str = ""
    """The scale's word for the answer, which every view puts first: 'Speelt sterk', 'Nauwelijks'."""
    change: Change = ""
    """Since the earlier session, after direction: up is better."""
    change_text: str = ""
    """`change` in words, with the earlier answer ('' without an earlier answer)."""


@dataclass(frozen=True)
class PartRow:
    id: str
    title: str
    mean: float | None
    """The part score: the mean after direction, full precision; shown rounded once, in `score_text`."""
    score_text: str
    """The mean with one decimal in the report's language ('3,4'), 'te weinig' or 'alles n.v.t.'."""
    answered: int
    """Items answered, with a score or n.v.t."""
    not_applicable: int
    total: int
    basis: str = ""
    """What the score rests on: '11 van 12 beantwoord, 1 n.v.t.'."""

    @property
    def scored(self) -> int:
        """Items answered with a score: what the mean is made of."""
        return self.answered - self.not_applicable

    earlier_mean: float | None = None
    """The part score in the earlier session (None: no earlier session, or too few answers there)."""
    change: Change = ""
    change_text: str = ""
    """'▲ 2,8 → 3,3' and the like; '' when there is nothing to compare."""


@dataclass(frozen=True)
class HelpRow:
    """A suggestion of appendix 1 and the obstacles it could help with, listed once."""

    letter: str
    text: str
    label: str
    """'naar bijlage 1 d — past bij 8 knelpunten': it fits them; whether it helps is for the board to find out."""
    obstacles: list[str]
    """The ids of the obstacles that name it, worst first."""
    taken: bool = False
    """A next step came from it already (its `suggestion` is this letter)."""

    def marked_label(self, strings: Strings) -> str:
        """The label, with '✓ al een stap' after it when a step came from this suggestion."""
        return f"{self.label} · {strings('steps.taken')}" if self.taken else self.label


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
    absent: list[SignalRow] = field(default_factory=list)
    """Hindrances answered at the good end: each with its own word ('Speelt niet', 'Speelt nauwelijks'),
    never as strengths."""
    help: list[HelpRow] = field(default_factory=list)
    """The suggestions named by the obstacles, the most named first."""
    earlier: Session | None = None
    """The session this one follows up, when it was found."""
    earlier_text: str = ""
    """'Vergeleken met je vorige reflectie ‘…’ van <date>.' or ''."""
    not_applicable: list[tuple[str, str, str]] = field(default_factory=list)
    """(item id, part title, item text) of the items answered n.v.t.: listed, never scored."""
    unanswered_title: str = ""
    """'Nog niet beantwoord: 1 item' / '…: 48 items'."""
    today: date = field(default_factory=lambda: due.today())
    """The day the report is made: an open step with an earlier date is overdue."""


def part_score_text(score: PartScore, strings: Strings) -> str:
    """The part score as every view shows it: '3,4', or why there is none."""
    if score.mean is not None:
        return score_number(score.mean, strings)
    return strings("report.all_na" if score.all_not_applicable else "report.too_few")


def basis_text(score: PartScore, strings: Strings) -> str:
    """'11 van 12 beantwoord, 1 n.v.t.': what a part score rests on."""
    text = strings("report.basis", scored=score.scored, total=score.total)
    if score.not_applicable:
        text += strings("report.basis_na", n=score.not_applicable)
    return text


def answer_text(part: Part, item: Item, score: int, strings: Strings) -> str:
    """The answer with its number and the scale's word for it: 'antwoord 2: ‘Speelt nauwelijks’'.

    The middle answer has no word of its own: 'antwoord 3'.
    """
    word = part.answer_word(item, score, strings.language)
    if word:
        return strings("report.answer_is", n=score, label=word)
    return f"{strings('report.answer')} {score}"


def build_report(
    tool: Tool, session: Session, strings: Strings, earlier: Session | None = None, today: date | None = None
) -> Report:
    """The report of `session`, worded in the language of `strings`.

    With `earlier` (the session it follows up, looked up by the caller), parts and signals
    say how they moved since then. Steps are overdue as of `today` (the clock's date when
    not given). Pure otherwise: it reads no files.
    """
    lang = strings.language
    result = overview(tool, session)
    before = overview(tool, earlier) if earlier is not None else None
    earlier_means = {p.part.id: p.mean for p in before.parts} if before is not None else {}
    stages = {s.id: s.loc("label", lang) for s in tool.context.stages}
    context = [
        (strings("report.partners"), session.context.partners),
        (strings("report.role"), session.context.role),
        (strings("report.stage"), stages.get(session.context.stage, session.context.stage)),
        (strings("report.themes"), ", ".join(session.context.themes)),
        (strings("report.forms"), ", ".join(session.context.forms)),
    ]

    def item_change(signal: Signal) -> tuple[Change, str]:
        answer = earlier.answers.get(signal.id) if earlier is not None else None
        if answer is None or answer.score is None:
            return "", ""
        was = oriented(answer.score, signal.part.item_direction(signal.item))
        change = moved(signal.value, was)
        return change, strings(f"report.item_{change}", was=answer.score)

    def row(signal: Signal, with_help: bool) -> SignalRow:
        change, change_text = item_change(signal)
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
            answer_text=answer_text(signal.part, signal.item, signal.score, strings),
            answer_word=signal.part.answer_word(signal.item, signal.score, lang),
            change=change,
            change_text=change_text,
        )

    def part_row(score: PartScore) -> PartRow:
        was = earlier_means.get(score.part.id)
        change: Change = ""
        change_text = ""
        if score.mean is not None and was is not None:
            # Moved as shown: two means that round to the same figure have not moved for the reader.
            now_text, was_text = score_number(score.mean, strings), score_number(was, strings)
            change = "same" if now_text == was_text else moved(score.mean, was)
            change_text = strings(f"report.part_{change}", was=was_text, now=now_text)
        return PartRow(
            id=score.part.id,
            title=score.part.loc("title", lang),
            mean=score.mean,
            score_text=part_score_text(score, strings),
            answered=score.answered,
            not_applicable=score.not_applicable,
            total=score.total,
            basis=basis_text(score, strings),
            earlier_mean=was,
            change=change,
            change_text=change_text,
        )

    obstacles = [row(s, True) for s in result.obstacles]
    named = Counter(letter for r in obstacles for letter, _ in r.suggestions)
    credit = strings("report.appendix1")
    taken = {step.suggestion for step in session.next_steps if step.suggestion}
    help_rows = [
        HelpRow(
            letter=letter,
            text=tool.suggestion(letter).loc("text", lang),
            label=count_text(strings, n, "report.fits_one", "report.fits_many", credit=credit, letter=letter),
            obstacles=[r.id for r in obstacles if any(x == letter for x, _ in r.suggestions)],
            taken=letter in taken,
        )
        for letter, n in sorted(named.items(), key=lambda x: (-x[1], x[0]))
    ]
    earlier_text = (
        strings("report.compared", title=earlier.title, date=earlier.updated.astimezone().strftime("%d-%m-%Y"))
        if earlier is not None
        else ""
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

    part_titles = {part.id: part.loc("title", lang) for part in tool.scale_parts}
    return Report(
        strings=strings,
        session=session,
        context=[(label, value) for label, value in context if value],
        parts=[part_row(p) for p in result.parts],
        strengths=[row(s, False) for s in result.strengths],
        obstacles=obstacles,
        unanswered=[(i.id, p.loc("title", lang), i.loc("text", lang)) for p, i in result.unanswered],
        not_applicable=[(i.id, part_titles[i.part], i.title) for i in items if i.not_applicable],
        other_remarks=[(i, tool.item(i).loc("text", lang), n) for i, n in result.remarks.items()],
        steps=list(session.next_steps),
        items=items,
        strength_at=tool.scoring.strength_at,
        obstacle_at=tool.scoring.obstacle_at,
        absent=[row(s, False) for s in result.absent],
        help=help_rows,
        earlier=earlier,
        earlier_text=earlier_text,
        unanswered_title=strings(
            "report.unanswered_count",
            count=count_text(strings, len(result.unanswered), "report.items_one", "report.items_many"),
        ),
        today=today or due.today(),
    )
