"""A session file as the app writes it, read into the plain classes without a validator.

Reading a session through pydantic took its import (about 40 ms) and the building of its
validators (about 15 ms) on the first file of every start. A file the app wrote has one
exact form: the keys as written (`note`, `notes`), each value of its exact type (an `int`
is not a `bool`, a `date` not a `datetime`), every time with its offset. `read` accepts
only that form, checks every rule the validators check (tui.session.schema), and builds
the same objects they would; for anything else it answers None, and the file goes through
the validators, which accept it or word the refusal as before. So it may send a valid file
to the validators, never let an invalid one past them (tests/test_session_canonical.py
compares both on hostile documents).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from tui.session.model import SCHEMA_VERSION, Answer, Context, NextStep, Session, _new_step_id

_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
"""The session id's pattern, `^[a-z0-9][a-z0-9-]*$` as pydantic's regex reads it (`$` is the very end)."""

_SESSION_KEYS = frozenset(
    ("schema_version", "id", "title", "language", "created", "updated")
    + ("follows", "context", "answers", "notes", "next_steps")
)
_REQUIRED = frozenset(("id", "title", "created", "updated"))
_ANSWER_KEYS = frozenset(("score", "not_applicable", "note", "at", "tool_version", "shared"))
_CONTEXT_KEYS = frozenset(("themes", "forms", "partners", "role", "stage"))
_STEP_KEYS = frozenset(("id", "text", "who", "when", "due", "done", "suggestion"))

_new, _set = object.__new__, object.__setattr__
_DAY = timedelta(days=1)
P = TypeVar("P")


class NotCanonical(Exception):
    """Not in the form the app writes: for the validators to judge."""


def read(data: dict[str, Any]) -> Session | None:
    """The session in `data` (a migrated TOML document), or None when the validators must judge it."""
    try:
        return _session(data)
    except NotCanonical:
        return None


def _session(data: dict[str, Any]) -> Session:
    if not (data.keys() <= _SESSION_KEYS and data.keys() >= _REQUIRED):
        raise NotCanonical
    if _exact(int, data.get("schema_version", SCHEMA_VERSION)) != SCHEMA_VERSION:
        raise NotCanonical
    ident = _exact(str, data["id"])
    if _ID.fullmatch(ident) is None:
        raise NotCanonical
    language = data.get("language", "nl")
    if language not in ("nl", "en") or type(language) is not str:
        raise NotCanonical
    answers = _exact(dict, data.get("answers", {}))
    steps = _exact(list, data.get("next_steps", []))
    return _make(
        Session,
        schema_version=SCHEMA_VERSION,
        id=ident,
        title=_exact(str, data["title"]),
        language=language,
        created=_moment(data["created"]),
        updated=_moment(data["updated"]),
        follows=_exact(str, data.get("follows", "")),
        context=_context(data["context"]) if "context" in data else Context(),
        answers={_exact(str, key): _answer(value) for key, value in answers.items()},
        remarks=_exact(str, data.get("notes", "")),
        next_steps=[_step(step) for step in steps],
    )


def _answer(data: Any) -> Answer:
    if type(data) is not dict or not data.keys() <= _ANSWER_KEYS:
        raise NotCanonical
    score = data.get("score")
    if score is not None and not (type(score) is int and 1 <= score <= 5):
        raise NotCanonical
    not_applicable = _exact(bool, data.get("not_applicable", False))
    if score is not None and not_applicable:
        raise NotCanonical
    at = data.get("at")
    version = data.get("tool_version")
    if version is not None and not (type(version) is int and version >= 1):
        raise NotCanonical
    return _make(
        Answer,
        score=score,
        not_applicable=not_applicable,
        remark=_exact(str, data.get("note", "")),
        at=None if at is None else _moment(at),
        tool_version=version,
        shared=_exact(bool, data.get("shared", False)),
    )


def _context(data: Any) -> Context:
    if type(data) is not dict or not data.keys() <= _CONTEXT_KEYS:
        raise NotCanonical
    return _make(
        Context,
        themes=_words(data.get("themes", [])),
        forms=_words(data.get("forms", [])),
        partners=_exact(str, data.get("partners", "")),
        role=_exact(str, data.get("role", "")),
        stage=_exact(str, data.get("stage", "")),
    )


def _step(data: Any) -> NextStep:
    if type(data) is not dict or not data.keys() <= _STEP_KEYS or "text" not in data:
        raise NotCanonical
    due = data.get("due")
    if due is not None and type(due) is not date:
        raise NotCanonical
    return _make(
        NextStep,
        id=_exact(str, data["id"]) if "id" in data else _new_step_id(),
        text=_exact(str, data["text"]),
        who=_exact(str, data.get("who", "")),
        when=_exact(str, data.get("when", "")),
        due=due,
        done=_exact(bool, data.get("done", False)),
        suggestion=_exact(str, data.get("suggestion", "")),
    )


def _moment(value: Any) -> datetime:
    """A time with its offset, as the app writes it, that can be shown in local time (as `as_aware` checks).

    From 1971 to 2037, with an offset of less than a day, the time can be shown in local time
    everywhere (as `tui.session.row_read` reads it); outside that span, asking is the check.
    """
    if type(value) is not datetime:
        raise NotCanonical
    offset = value.utcoffset()
    if offset is None:
        raise NotCanonical
    if 1970 < value.year < 2038 and -_DAY < offset < _DAY:
        return value
    try:
        value.astimezone()
    except (OverflowError, ValueError, OSError):
        raise NotCanonical from None
    return value


def _words(value: Any) -> list[str]:
    if type(value) is not list or not all(type(word) is str for word in value):
        raise NotCanonical
    return value


def _exact(kind: type, value: Any) -> Any:
    if type(value) is not kind:
        raise NotCanonical
    return value


def _make(kind: type[P], **values: Any) -> P:
    """An instance of the plain class `kind` with exactly these values, as its own `__init__` would set them."""
    made: P = _new(kind)
    _set(made, "__dict__", values)
    return made
