"""The session file's validators: what a session must be, checked by pydantic for a file the app did not write itself.

A session file as the app writes it is read without them (tui.session.canonical); anything
else (a hand edit, an older format, a file from elsewhere that is not in that exact form)
is checked here, and every refusal is worded from what these validators say. Each model
has exactly the fields of the plain class of the same name in tui.session.model (a test
checks it).
"""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tui.session.model import SCHEMA_VERSION, as_aware


class SessionModel(BaseModel):
    """Session files may be hand-edited: unknown keys are refused, never dropped."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, populate_by_name=True, defer_build=True)
    """In code a user's own words are a *remark* ("note" is the Overlegraad's document); the file
    keeps its keys `note` and `notes`, so every field is written by its alias. The validators
    are built when the first session is read, not at import: an empty folder's home never needs them."""


class Answer(SessionModel):
    """The answer to one scale item. A remark alone, without a score, is allowed."""

    score: int | None = Field(None, ge=1, le=5, description="1–5, or absent when not (yet) scored.")
    not_applicable: bool = Field(False, description="'Niet van toepassing': answered, but no score.")
    remark: str = Field("", alias="note", description="The user's own words, kept verbatim (`note` in the file).")
    at: datetime | None = Field(None, description="When the score or n.v.t. was last given.")
    tool_version: int | None = Field(None, ge=1, description="The tool's version when the score was given.")
    shared: bool = Field(False, description="In a regional session: the remark is shown to the group, without a name.")

    _local_time = field_validator("at", mode="before")(as_aware)

    @model_validator(mode="after")
    def _score_or_not_applicable(self) -> Answer:
        if self.score is not None and self.not_applicable:
            raise ValueError("an answer cannot have a score and be not applicable")
        return self


class Context(SessionModel):
    """What the cooperation is about; can be filled in now or later."""

    themes: list[str] = Field(default_factory=list, description="Themes of section 1.")
    forms: list[str] = Field(default_factory=list, description="Forms of section 1.")
    partners: str = Field("", description="Who cooperates, in the user's words.")
    role: str = Field("", description="The user's role in it.")
    stage: str = Field("", description="Stage id from the tool: verkennen, starten, …")


class NextStep(SessionModel):
    """An agreed next step: what, who, by when, and whether it is done.

    `when` is what was typed; `due` the date read from it when it names one, so nothing typed
    is lost and an open step past its date can be flagged as overdue.
    """

    id: str = Field(default_factory=lambda: secrets.token_hex(4))
    text: str
    who: str = ""
    when: str = Field("", description="By when, as the user typed it: kept whether or not it names a date.")
    due: date | None = Field(
        None, description="The date `when` names (see tui.session.due); a whole month is its last day."
    )
    done: bool = False
    suggestion: str = Field("", description="Letter of the Bijlage 1 suggestion it came from.")


class Session(SessionModel):
    """The whole file: one person's (or board's) reflection on one cooperation."""

    schema_version: int = SCHEMA_VERSION
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    language: Literal["nl", "en"] = "nl"
    created: datetime
    updated: datetime
    follows: str = Field("", description="Id of the session this one follows up.")
    context: Context = Field(default_factory=Context)
    answers: dict[str, Answer] = Field(default_factory=dict)
    remarks: str = Field("", alias="notes", description="Free remarks on the whole cooperation (`notes` in the file).")
    next_steps: list[NextStep] = Field(default_factory=list)

    _local_times = field_validator("created", "updated", mode="before")(as_aware)
