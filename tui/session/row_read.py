"""What `list` keeps of one session file, read straight from its TOML: no Session built.

A first `list` of 10,000 files spent most of its time after parsing: turning rtoml's values
into tomllib's (`tui.core.toml_read`), building the plain classes (`tui.session.canonical`,
20 answers each) and making the row from them, about 0.25 ms a file where rtoml takes 0.1 ms.
A row needs little of that. Here a file the app wrote is checked against every rule that
`canonical` checks, on rtoml's values as they come, and only the row's values are made.

Anything else answers None: a link, a file that moved or changed since its status was asked
for, an older or newer format, a value not exactly as the app writes it, TOML that rtoml
refuses. The caller then reads the file as before (`SessionStore.load`), which accepts it or
names what is wrong in the same words as ever. So this may hand a good file to the slow road,
never let a bad one past it, and makes exactly the row the slow road makes
(tests/test_row_read.py compares the two on spoiled documents).
"""

from __future__ import annotations

import functools
import os
import stat
from datetime import date, datetime, timezone
from typing import Any

from tui.core.toml_read import fast_reader
from tui.session.canonical import _CONTEXT_KEYS, _DAY, _ID, _REQUIRED, _SESSION_KEYS, _STEP_KEYS
from tui.session.limits import MAX_FILE_BYTES
from tui.session.model import SCHEMA_VERSION
from tui.session.stored import Status, status_of

_OPEN = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_TEXTS = ("partners", "role", "stage")
_WORDS = ("themes", "forms")
_STEP_TEXTS = ("id", "text", "who", "when", "suggestion")


class _Odd(Exception):
    """Not exactly as the app writes it: the slow road decides."""


def read_entry(path: str, status: Status, item_ids: list[str]) -> list[Any] | None:
    """The kept entry of the file at `path` (its `status`, then the row's values), or None for the slow road.

    `status` is the file's status as the folder's listing just asked for it: the entry is made
    only from a regular file that still has it (as `read_as` asks of a file read the slow way).
    """
    read = read_values(path, status)
    return None if read is None else with_answered(*read, item_ids)


def read_values(path: str, status: Status | None) -> tuple[list[Any], list[str]] | None:
    """The kept entry without its count of answered items (0), and the ids of the answered answers; None: slow road.

    For reading before the tool's items are known (`with_answered` counts them then). Without
    `status`, the entry has the status of the file as it was read.
    """
    rtoml = fast_reader()
    if rtoml is None or not getattr(os, "O_NOFOLLOW", 0):
        return None
    try:
        fd = os.open(path, _OPEN)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if (
            not stat.S_ISREG(info.st_mode)
            or info.st_size > MAX_FILE_BYTES
            or (status is not None and (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns) != status[:4])
        ):
            return None
        if status is None:
            status = status_of(info)
        raw = os.read(fd, info.st_size + 1)  # one byte more: a file that grew meanwhile goes the full way
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(raw) != info.st_size or not raw.strip() or b"\x00" in raw:
        return None
    try:
        values, answered = _row_values(rtoml.loads(raw.decode("utf-8")))
    except Exception:  # noqa: BLE001 - refused, odd, or a value we do not vouch for: the slow road decides
        return None
    return [*status, *values], answered


def with_answered(entry: list[Any], answered: list[str], item_ids: list[str]) -> list[Any]:
    """`entry` with its count of answered items, as `Session.answered_count` counts them."""
    items = _items_of(tuple(item_ids))
    if items is None:  # an item id named twice counts twice
        given = set(answered)
        count = sum(1 for item in item_ids if item in given)
    else:
        count = len(items.intersection(answered))
    entry[7] = count
    return entry


def _row_values(data: Any) -> tuple[list[Any], list[str]]:
    """id, title, answered (0), updated, created, follows, due: what `listing.kept_of` keeps of the session.

    And the keys of the answers that have a score or n.v.t., to count the tool's items among them.
    """
    if type(data) is not dict or not (data.keys() <= _SESSION_KEYS and data.keys() >= _REQUIRED):
        raise _Odd
    version = data.get("schema_version")
    if type(version) is not int or version != SCHEMA_VERSION:
        raise _Odd
    ident, title = data["id"], data["title"]
    if type(ident) is not str or _ID.fullmatch(ident) is None or type(title) is not str:
        raise _Odd
    language = data.get("language", "nl")
    if type(language) is not str or language not in ("nl", "en"):
        raise _Odd
    follows = data.get("follows", "")
    if type(follows) is not str or type(data.get("notes", "")) is not str:
        raise _Odd
    created, updated = _moment(data["created"]), _moment(data["updated"])
    if "context" in data:
        _context(data["context"])
    answers = data.get("answers", {})
    steps = data.get("next_steps", [])
    if type(answers) is not dict or type(steps) is not list:
        raise _Odd
    due = [day for step in steps if (day := _step_due(step)) is not None]
    answered: list[str] = []
    kinds = _ANSWER_TYPES.get
    for key, answer in answers.items():  # each as `canonical._answer` accepts it
        if type(answer) is not dict:
            raise _Odd
        for name, value in answer.items():
            if kinds(name) is not type(value):  # a key of its own (None) or a value of another type
                raise _Odd
        score = answer.get("score")
        if score is not None and not 1 <= score <= 5:
            raise _Odd
        not_applicable = answer.get("not_applicable", False)
        if score is not None and not_applicable:
            raise _Odd
        if answer.get("tool_version", 1) < 1:
            raise _Odd
        if "at" in answer:
            _moment(answer["at"])
        if score is not None or not_applicable:
            answered.append(key)
    return [ident, title, 0, updated.isoformat(), created.isoformat(), follows, due], answered


_ANSWER_TYPES = {"score": int, "not_applicable": bool, "note": str, "at": datetime, "tool_version": int, "shared": bool}
"""An answer's keys (`canonical._ANSWER_KEYS`) and the exact type of each value."""


@functools.lru_cache(maxsize=4)
def _items_of(item_ids: tuple[str, ...]) -> frozenset[str] | None:
    """The item ids as a set, or None when one is named twice."""
    items = frozenset(item_ids)
    return items if len(items) == len(item_ids) else None


def _context(context: Any) -> None:
    if type(context) is not dict or not context.keys() <= _CONTEXT_KEYS:
        raise _Odd
    for key in _WORDS:
        words = context.get(key, [])
        if type(words) is not list or not all(type(word) is str for word in words):
            raise _Odd
    for key in _TEXTS:
        if type(context.get(key, "")) is not str:
            raise _Odd


def _step_due(step: Any) -> str | None:
    """The step's date (ISO) when it is open and has one, after checking it as `canonical._step` does."""
    if type(step) is not dict or not step.keys() <= _STEP_KEYS or "text" not in step:
        raise _Odd
    for key in _STEP_TEXTS:
        if key in step and type(step[key]) is not str:
            raise _Odd
    done = step.get("done", False)
    due = step.get("due")
    if type(done) is not bool or (due is not None and type(due) is not date):
        raise _Odd
    return None if due is None or done else due.isoformat()


def _moment(value: Any) -> datetime:
    """A time with its offset, checked as `canonical._moment` checks it after `toml_read` made its offset a `timezone`.

    The offset's class does not change the instant, nor the text `isoformat` gives (made from
    the offset alone), so rtoml's own is kept. From 1971 to 2037 the time can be shown in local
    time everywhere; outside that span, asking is the check.
    """
    if type(value) is not datetime:
        raise _Odd
    offset = value.utcoffset()
    if offset is None or not -_DAY < offset < _DAY:
        raise _Odd
    if not 1970 < value.year < 2038:
        value.replace(tzinfo=timezone(offset)).astimezone()  # OverflowError, ValueError, OSError: the slow road
    return value
