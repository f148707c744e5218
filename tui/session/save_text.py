"""A session's TOML bytes for an autosave, made from the answers' texts kept since the last save.

`codec.dump` writes the whole session with tomli-w and then parses the whole text back to
check that it reads as the session (about 1.2 ms with all 49 items answered, where the write with its
fsync takes 0.7 ms). An answer keeps its text between saves, so here each answer is
written and read back once, when its values are new; the rest of the session (its title,
times, context, steps) keeps its text while it equals a copy taken when it was written,
and only its time of change, new with every save, is written and read back. The file is byte for byte
what `codec.dump` writes: tomli-w writes the answers as `[answers."id"]` tables after the
context and before the steps, each table on its own, so the text of the session with no
answers has one `[answers]` header where the answers' tables go (tests/test_save_text.py
compares both on many sessions).

The check is the same: every part of the file read back equals its part of the session,
so the whole reads back as the session. Anything unusual (a value that cannot be hashed,
a part that does not read back, a text that cannot be encoded) goes to `codec.dump`,
which words the refusal as before.
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

import tomli_w

from tui.core import toml_read
from tui.core.errors import SessionFileError
from tui.session import canonical, codec
from tui.session.limits import MAX_FILE_BYTES
from tui.session.model import Answer, Session

ANSWERS = "\n[answers]\n"
"""Where tomli-w puts an empty answers table: the answers' own tables take its place."""

Pieces = dict[Any, Any]
"""Each answer's text by its item and its values (`(item_id, values)`: text), each read back once when it was
written; and under `HEAD` the rest of the session as last written (a copy, the text before and after its time of
change), for the next save that changes only that time."""

HEAD = "head"


class _Fallback(Exception):
    """Not the usual case: the whole session is written and checked by `codec.dump`."""


def dump_kept(session: Session, pieces: Pieces) -> bytes:
    """`codec.dump(session)`, writing and checking only the answers whose values are not in `pieces`.

    `pieces` is updated to hold the answers of this session only.
    """
    try:
        return _dump(session, pieces)
    except (_Fallback, SessionFileError, TypeError, ValueError, RecursionError):
        pieces.clear()
        return codec.dump(session)


def _dump(session: Session, pieces: Pieces) -> bytes:
    answers = session.answers
    if type(answers) is not dict:
        raise _Fallback
    shell = copy.copy(session)
    shell.answers = {}
    head = _head(session.id, shell, pieces)
    at = head.find(ANSWERS)
    if at < 0 or head.find(ANSWERS, at + 1) >= 0:
        raise _Fallback
    made: Pieces = {HEAD: pieces[HEAD]} if HEAD in pieces else {}
    texts = []
    for item_id, answer in answers.items():
        # Equal values write the same text; a time is equal in another offset too, so that is in the key as well.
        key = (item_id, tuple(answer.__dict__.items()), _offset(answer.at))
        text = pieces.get(key)
        if text is None:
            text = _piece(item_id, answer)
        made[key] = text
        texts.append(text)
    pieces.clear()
    pieces.update(made)
    if texts:
        head = head[: at + 1] + "\n".join(texts) + head[at + len(ANSWERS) :]
    raw = head.encode("utf-8")
    if len(raw) > MAX_FILE_BYTES:
        raise _Fallback
    return raw


def _head(session_id: str, shell: Session, pieces: Pieces) -> str:
    """The session without its answers, as tomli-w writes it, checked to read back as `shell`.

    When only its time of change moved since the last save, the text last written is kept
    and that time alone is written (and read back) anew.
    """
    kept = pieces.get(HEAD)
    if kept is not None:
        snapshot, before, after = kept
        snapshot.updated = shell.updated
        if snapshot == shell and _offset(snapshot.created) == _offset(shell.created):
            return f"{before}{_moment(shell.updated)}{after}"
    head = tomli_w.dumps(shell.model_dump(mode="python", exclude_none=True, by_alias=True))
    if codec.parse(head.encode("utf-8"), session_id) != shell:
        raise _Fallback
    pieces.pop(HEAD, None)
    moment = str(shell.updated)  # how tomli-w writes a datetime
    line = f"\nupdated = {moment}\n"
    at = head.find(line)
    if at >= 0 and head.find(line, at + 1) < 0:
        start = at + len("\nupdated = ")
        pieces[HEAD] = (copy.deepcopy(shell), head[:start], head[start + len(moment) :])
    return head


def _offset(moment: object) -> object:
    return moment.utcoffset() if isinstance(moment, datetime) else None


def _moment(updated: object) -> str:
    """The session's time of change as tomli-w writes it, checked to read back as that time."""
    if type(updated) is not datetime:
        raise _Fallback
    text = str(updated)
    try:
        read = canonical._moment(toml_read.loads(f"updated = {text}")["updated"])
    except canonical.NotCanonical:
        raise _Fallback from None
    if read != updated:
        raise _Fallback
    return text


def _piece(item_id: str, answer: Answer) -> str:
    """One answer's table, as tomli-w writes it within the session, checked to read back as the answer."""
    if type(item_id) is not str or type(answer) is not Answer:
        raise _Fallback
    text = tomli_w.dumps({"answers": {item_id: answer.model_dump(mode="python", exclude_none=True, by_alias=True)}})
    text.encode("utf-8")  # UnicodeEncodeError (a ValueError): codec.dump refuses it in its own words
    data = toml_read.loads(text)
    if data.keys() != {"answers"} or list(data["answers"]) != [item_id]:
        raise _Fallback
    try:
        read = canonical._answer(data["answers"][item_id])
    except canonical.NotCanonical:
        raise _Fallback from None
    if read != answer:
        raise _Fallback
    return text
