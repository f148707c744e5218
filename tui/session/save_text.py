"""A session's TOML bytes for an autosave, made from the texts kept since the last save.

`codec.dump` writes the whole session with tomli-w and then parses the whole text back to
check that it reads as the session (about 1.2 ms with all 49 items answered, where the write with its
fsync takes 0.7 ms). Here the file is put together from texts tomli-w wrote before, each read
back once when it was first written: each answer's table (its header and its lines, one value
a line), and the rest of the session (its title, times, context, steps), kept while it equals a
copy taken when it was written, with its time of change written anew when that moved. The file is
byte for byte what `codec.dump` writes: tomli-w writes the answers as `[answers."id"]` tables after
the context and before the steps, each table on its own, so the text of the session with no
answers has one `[answers]` header where the answers' tables go (tests/test_save_text.py
compares both on many sessions).

The check is the same: every part of the file read back equals its part of the session, so the
whole reads back as the session. An answer's table is its header and whole lines (`key = value`),
each reading back as the same value wherever it stands, so a table reads back as its lines'
values together: `canonical` checks those as the answer, as it checks an answer read from a file.
Whatever is new in a save (a line not written before, a new time of change) is read back in one
parse; a save within the same second as the last one, of a value written before, parses nothing.
Anything unusual (a part that does not read back, a text that cannot be encoded) goes to
`codec.dump`, which words the refusal as before.

An autosave's own work is what an answer costs beyond the disk's (bench/run.py: the autosave
against a plain write, fsync and rename of the same bytes). Right after a save's fsyncs the
processor's caches hold little of ours, so every object looked at costs: an answer that did not
change is looked at once (the same object, its values equal to the copy kept, its time the same
object), and nothing is copied or made for it.
"""

from __future__ import annotations

import copy
import dataclasses
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
EMPTY_ANSWERS = b"[answers]\n"

Pieces = dict[str, Any]
"""What the last save wrote, each part read back when it was written: under `TEXTS` each answer's text by its
item (`Kept`), under `HEAD` the rest of the session (`Head`); under `LINES` the lines tomli-w wrote (`_piece`)."""

HEAD = "head"
TEXTS = "texts"
LINES = "lines"

Kept = tuple[Answer, dict[str, Any], bytes]
"""An answer as last written: the object, a copy of its values then, and its text (UTF-8)."""

Head = tuple[dict[str, Any], object, bytes, bytes, bytes, datetime, bytes]
"""The rest of the session as last written: a deep copy of its fields (answers and time of change left out),
the offset of its time of creation, its text (UTF-8) before its time of change, after it up to the answers, and
after the answers, and that time and its text."""

_LEFT_OUT = {"answers": None, "updated": None}


class _Fallback(Exception):
    """Not the usual case: the whole session is written and checked by `codec.dump`."""


def dump_kept(session: Session, pieces: Pieces) -> bytes:
    """`codec.dump(session)`, writing and checking only what changed since the texts kept in `pieces`.

    `pieces` is updated to hold the answers of this session only.
    """
    try:
        return _dump(session, pieces)
    except (_Fallback, SessionFileError, TypeError, ValueError, LookupError, AttributeError, RecursionError):
        pieces.clear()
        return codec.dump(session)


def _dump(session: Session, pieces: Pieces) -> bytes:
    answers = session.answers
    if type(session) is not Session or type(answers) is not dict:
        raise _Fallback
    kept: dict[str, Kept] = pieces.setdefault(TEXTS, {})
    known = kept.get
    texts: list[bytes] = []
    add = texts.append
    fresh: list[tuple[int, str, Answer]] = []
    for item_id, answer in answers.items():
        # The same object with equal values reads back as its kept text did; its time must be the same
        # object too, as an equal time in another offset is written otherwise. The editor puts a changed
        # answer in a new object; one changed in place has values that differ from the copy.
        last = known(item_id)
        if last is not None and last[0] is answer:
            then = last[1]
            values = answer.__dict__
            if values == then and values["at"] is then["at"]:
                add(last[2])
                continue
        fresh.append((len(texts), item_id, answer))
        add(b"")
    start, end, moment = _head(session, pieces)
    if fresh or moment is not None:
        lines: dict[tuple[object, ...], Line] = pieces.setdefault(LINES, {})
        new: list[tuple[str, Line]] = []
        written = [_piece(item_id, answer, lines, new) for _, item_id, answer in fresh]
        _read_back(moment, session.updated, new)
        for (index, item_id, answer), (text, read) in zip(fresh, written, strict=True):
            # The table reads back as its header's answer with each line's value (each line one whole line).
            try:
                if canonical._answer({key: line[1] for key, line in read.items()}) != answer:
                    raise _Fallback
            except canonical.NotCanonical:
                raise _Fallback from None
            texts[index] = text
            kept[item_id] = (answer, answer.__dict__.copy(), text)
    if len(kept) > len(answers):  # answers taken away: keep only this session's
        for item_id in kept.keys() - answers.keys():
            del kept[item_id]
    # The answers' tables where tomli-w puts an empty `[answers]` table (its line break before them kept).
    raw = b"".join((start, b"\n".join(texts) if texts else EMPTY_ANSWERS, end))
    if len(raw) > MAX_FILE_BYTES:
        raise _Fallback
    return raw


def _head(session: Session, pieces: Pieces) -> tuple[bytes, bytes, str | None]:
    """The session without its answers as tomli-w writes it (UTF-8), cut where its empty answers table stands,
    and the text of its time of change when that is still to be read back (None when the whole was read back
    here, or that time was at an earlier save).

    While the session's other fields equal the copy kept (and its time of creation has the same
    offset), the text last written is kept and only its time of change is written anew.
    """
    updated = session.updated
    kept: Head | None = pieces.get(HEAD)
    if kept is not None:
        fields, created_offset, before, after, end, last, last_text = kept
        if (
            type(updated) is datetime
            and session.__dict__ | _LEFT_OUT == fields
            and _offset(session.created) == created_offset
        ):
            if type(last) is datetime and last == updated and last.utcoffset() == updated.utcoffset():
                return before + last_text + after, end, None  # equal, in the same offset: the same text
            text = str(updated)  # how tomli-w writes a datetime
            moment = text.encode("utf-8")
            pieces[HEAD] = (fields, created_offset, before, after, end, updated, moment)
            return before + moment + after, end, text
    shell = copy.copy(session)
    shell.answers = {}
    head = tomli_w.dumps(shell.model_dump(mode="python", exclude_none=True, by_alias=True))
    if codec.parse(head.encode("utf-8"), session.id) != shell:
        raise _Fallback
    at = head.find(ANSWERS)
    if at < 0 or head.find(ANSWERS, at + 1) >= 0:
        raise _Fallback
    start, end = head[: at + 1].encode("utf-8"), head[at + len(ANSWERS) :].encode("utf-8")
    pieces.pop(HEAD, None)
    written = str(updated)  # how tomli-w writes a datetime
    line = f"\nupdated = {written}\n"
    found = head.find(line)
    if 0 <= found < at and head.find(line, found + 1) < 0:
        cut = found + len("\nupdated = ")
        before, after = head[:cut].encode("utf-8"), head[cut + len(written) : at + 1].encode("utf-8")
        fields = copy.deepcopy(session.__dict__ | _LEFT_OUT)
        created = _offset(session.created)
        pieces[HEAD] = (fields, created, before, after, end, updated, written.encode("utf-8"))
    return start, end, None


def _offset(moment: object) -> object:
    return moment.utcoffset() if isinstance(moment, datetime) else None


def _piece(
    item_id: str, answer: Answer, lines: dict[tuple[object, ...], Line], new: list[tuple[str, Line]]
) -> tuple[bytes, dict[str, Line]]:
    """One answer's table as tomli-w writes it within the session (UTF-8), and its lines by key.

    tomli-w writes the table's header and then one line per value, each line the same wherever
    its table stands; `lines` keeps each header and line tomli-w wrote, by what it was written
    from (a time also by its offset), with what it read back as. A header or line not written
    before is written by tomli-w and added to `new`, to be read back (`_read_back`).
    """
    if type(item_id) is not str or type(answer) is not Answer:
        raise _Fallback
    header = lines.get((item_id,))
    if header is None:
        header = _line(lines, (item_id,), tomli_w.dumps({"answers": {item_id: {}}}))
        new.append((item_id, header))
    parts = [header[0]]
    read: dict[str, Line] = {}
    values = answer.__dict__
    for name, key in _ANSWER_KEYS:
        value = values[name]
        if value is None:
            continue  # as `model_dump(exclude_none=True)` leaves it out
        kind = type(value)
        if kind not in _LINE_TYPES:
            raise _Fallback
        made = (key, kind, value, value.utcoffset() if kind is datetime else None)
        line = lines.get(made)
        if line is None:
            line = _line(lines, made, tomli_w.dumps({key: value}))
            new.append(("", line))
        parts.append(line[0])
        read[key] = line
    # UnicodeEncodeError (a ValueError): codec.dump refuses it in its own words
    return "".join(parts).encode("utf-8"), read


Line = list[Any]
"""A header or line as tomli-w wrote it, and the value it read back as (`_UNREAD` until read back)."""
_UNREAD = object()
_ANSWER_KEYS = tuple((field.name, field.metadata.get("alias", field.name)) for field in dataclasses.fields(Answer))
"""Each field of an answer and its key in the file, in the order `model_dump` gives them."""
_LINE_TYPES = frozenset((int, bool, str, datetime))
"""The types of an answer's values (exactly these): each written by tomli-w on one line."""
MAX_LINES = 256
"""Lines kept per session: the answers' scores, short notes and times of the last saves."""
MAX_LINE = 256
"""The longest line kept (characters): together at most 64k characters a session."""


def _line(lines: dict[tuple[object, ...], Line], made: tuple[object, ...], text: str) -> Line:
    """A header or line new to `lines`, unread; it must be one whole line (a table's header or a key and its value:
    what it reads back as is then the same wherever it stands). Kept in `lines` when short: a note can be long, and
    each version of it written is written once (its answer's table is kept until it changes again)."""
    if not text.endswith("\n") or text.count("\n") != 1:
        raise _Fallback
    line = [text, _UNREAD]
    if len(text) <= MAX_LINE:
        if len(lines) >= MAX_LINES:
            lines.clear()
        lines[made] = line
    return line


def _read_back(moment: str | None, updated: datetime, new: list[tuple[str, Line]]) -> None:
    """What is new, read back in one parse: the time of change as `updated`; each new header as its table, empty;
    each new line (under a table of its own) as one key, whose value it keeps."""
    parts = [f"updated = {moment}\n"] if moment is not None else []
    headers = [item_id for item_id, _ in new if item_id]
    parts += [line[0] if item_id else f"[{n}]\n{line[0]}" for n, (item_id, line) in enumerate(new)]
    if not parts:
        return
    text = "".join(parts)
    # As a session file is read (tui.core.toml_read): by rtoml where it is there. Its values are read
    # as they come; `canonical` takes only the exact types tomllib would give (a time's offset class aside).
    reader = toml_read.fast_reader()
    try:
        data = reader.loads(text) if reader is not None else toml_read.loads(text)
    except Exception:  # noqa: BLE001 - refused: codec.dump reads the whole and words what is wrong
        raise _Fallback from None
    if type(data) is not dict:
        raise _Fallback
    expected = {str(n) for n, (item_id, _) in enumerate(new) if not item_id}
    expected |= ({"updated"} if moment is not None else set()) | ({"answers"} if headers else set())
    if data.keys() != expected:
        raise _Fallback
    try:
        if moment is not None and canonical._moment(data["updated"]) != updated:
            raise _Fallback
    except canonical.NotCanonical:
        raise _Fallback from None
    if headers and data["answers"] != dict.fromkeys(headers, {}):
        raise _Fallback
    for n, (item_id, line) in enumerate(new):
        if item_id:
            line[1] = None
            continue
        table = data[str(n)]
        if type(table) is not dict or len(table) != 1:
            raise _Fallback
        ((key, line[1]),) = table.items()
        if not line[0].startswith(f"{key} = "):  # read back under another key than it was written with
            raise _Fallback
