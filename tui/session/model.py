"""One reflection on one cooperation, as it is kept on disk.

Plain classes: a session file as the app writes it is read into them without a validator
(tui.session.canonical); any other file is first checked by pydantic (tui.session.schema).
Nothing here imports pydantic, so a start that reads its sessions never does (issue 24).
"""

from __future__ import annotations

import os
from dataclasses import field
from datetime import UTC, date, datetime
from typing import Any, Literal

from tui.core.plain import Plain, alias, record

SCHEMA_VERSION = 4
"""The session file format this version writes. Raise it with a migration step.

2: answers record the tool version they were given with (`Answer.tool_version`).
3: a remark can be shared with a regional session's group (`Answer.shared`).
4: a next step keeps the date its "when" names (`NextStep.due`).
"""


def now() -> datetime:
    """The current time in UTC, to the second: readable in the file, precise enough."""
    return datetime.now(UTC).replace(microsecond=0)


def as_aware(value: Any) -> Any:
    """A hand-edited time without a zone is local time; a date alone is its local midnight.

    A time that cannot be shown in local time (at the very edge of the calendar) is refused.
    """
    try:
        if isinstance(value, datetime):
            aware = value.astimezone() if value.tzinfo is None else value
            aware.astimezone()  # it must be showable where the user is
            return aware
        if isinstance(value, date):
            return datetime(value.year, value.month, value.day).astimezone()
    except (OverflowError, ValueError, OSError):
        raise ValueError("a date and time outside the range that can be shown") from None
    return value


def _new_step_id() -> str:
    return os.urandom(4).hex()  # as secrets.token_hex(4), without importing hmac at start


@record(init=False, eq=True)
class Answer(Plain):
    """The answer to one scale item. A remark alone, without a score, is allowed.

    A score outside 1–5, or a score together with "not applicable", is refused when made or
    set (ValueError), as the file's validator refuses it.
    """

    score: int | None = None
    """1–5, or absent when not (yet) scored."""
    not_applicable: bool = False
    """'Niet van toepassing': answered, but no score."""
    remark: str = field(default="", metadata=alias("note"))
    """The user's own words, kept verbatim (`note` in the file)."""
    at: datetime | None = None
    """When the score or n.v.t. was last given."""
    tool_version: int | None = None
    """The tool's version when the score was given."""
    shared: bool = False
    """In a regional session: the remark is shown to the group, without a name."""

    def __init__(
        self,
        *,
        score: int | None = None,
        not_applicable: bool = False,
        remark: str = "",
        at: datetime | None = None,
        tool_version: int | None = None,
        shared: bool = False,
        note: str | None = None,
    ) -> None:
        values = {
            "score": score,
            "not_applicable": not_applicable,
            "remark": remark if note is None else note,
            "at": at,
            "tool_version": tool_version,
            "shared": shared,
        }
        object.__setattr__(self, "__dict__", values)
        self._check()

    def __setattr__(self, name: str, value: Any) -> None:
        object.__setattr__(self, name, value)
        if name in ("score", "not_applicable"):
            self._check()

    def _check(self) -> None:
        score = self.score
        if score is not None and (type(score) is not int or not 1 <= score <= 5):
            raise ValueError("a score is a whole number from 1 to 5")
        if score is not None and self.not_applicable:
            raise ValueError("an answer cannot have a score and be not applicable")

    @property
    def answered(self) -> bool:
        return self.score is not None or self.not_applicable


@record(kw_only=True, eq=True)
class Context(Plain):
    """What the cooperation is about; can be filled in now or later."""

    themes: list[str] = field(default_factory=list)
    """Themes of section 1."""
    forms: list[str] = field(default_factory=list)
    """Forms of section 1."""
    partners: str = ""
    """Who cooperates, in the user's words."""
    role: str = ""
    """The user's role in it."""
    stage: str = ""
    """Stage id from the tool: verkennen, starten, …"""


@record(kw_only=True, eq=True)
class NextStep(Plain):
    """An agreed next step: what, who, by when, and whether it is done.

    `when` is what was typed; `due` the date read from it when it names one, so nothing typed
    is lost and an open step past its date can be flagged as overdue.
    """

    id: str = field(default_factory=_new_step_id)
    text: str
    who: str = ""
    when: str = ""
    """By when, as the user typed it: kept whether or not it names a date."""
    due: date | None = None
    """The date `when` names (see tui.session.due); a whole month is its last day."""
    done: bool = False
    suggestion: str = ""
    """Letter of the Bijlage 1 suggestion it came from."""


@record(kw_only=True, eq=True)
class Session(Plain):
    """The whole file: one person's (or board's) reflection on one cooperation."""

    schema_version: int = SCHEMA_VERSION
    id: str
    title: str
    language: Literal["nl", "en"] = "nl"
    created: datetime
    updated: datetime
    follows: str = ""
    """Id of the session this one follows up."""
    context: Context = field(default_factory=Context)
    answers: dict[str, Answer] = field(default_factory=dict)
    remarks: str = field(default="", metadata=alias("notes"))
    """Free remarks on the whole cooperation (`notes` in the file)."""
    next_steps: list[NextStep] = field(default_factory=list)

    def answered_count(self, item_ids: list[str]) -> int:
        """How many of these items have a score or n.v.t."""
        return sum(1 for i in item_ids if (a := self.answers.get(i)) is not None and a.answered)

    def first_unanswered(self, item_ids: list[str]) -> str | None:
        return next((i for i in item_ids if not ((a := self.answers.get(i)) and a.answered)), None)

    def touch(self) -> None:
        self.updated = now()
