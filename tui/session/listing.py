"""A sessions folder as rows for `samenwerken list`, kept between runs so unchanged files are not parsed again.

Parsing and validating a session file takes about 0.6 ms; a folder of 10,000 took 7.6 s
to list, where reading their bytes takes 0.14 s. What a row shows is kept in the user's
cache folder (JSON, per sessions folder) with the status of the file it came from
(device, inode, size, mtime, ctime): a file whose status did not move is the file that
was read, as in `SessionStore.scan`. New and changed files, links and bad files are
always read afresh, so a bad file is named every time.

Home lists the folder from the same rows (`found` hands each on as it is ready, the kept
ones first), so its 10,000 rows need no file parsed that did not change.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import datetime
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from tui.core.digest import sha256
from tui.core.errors import SessionFileError
from tui.core.kept import open_kept
from tui.core.text import escape_json, terminal_json
from tui.session import parallel_read
from tui.session.model import Session
from tui.session.row_read import read_entry
from tui.session.store import BadFile, SessionStore
from tui.session.stored import Listing, Status, read_as

if TYPE_CHECKING:
    from tui.session.early_listing import Early

FORMAT = 3
"""Increased when what is kept per file changes shape.

3: the entries by column (`names`, then `columns`: each value of the entries in the names' order),
where 2 had a list per file: 10,000 files were read from JSON in 11 ms instead of 17.
"""
ENTRY = 12
"""The values of a kept entry: the file's status (5), then the row's (7; see `kept_of`)."""
FOLDER = "folders"
"""The cache's subfolder for what is kept per sessions folder."""


class Row(NamedTuple):
    """What `list` shows of one session. (A tuple: 10,000 frozen dataclasses took 25 ms to make.)"""

    id: str
    title: str
    answered: int
    updated: str
    """ISO 8601 with the offset, as the session holds it."""
    created: str
    follows: str | None
    path: str
    due: tuple[str, ...] = ()
    """The dates (ISO) of the open steps that have one: home counts those past."""

    def as_json(self, total: int) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "answered": self.answered,
            "total": total,
            "updated": self.updated,
            "created": self.created,
            "follows": self.follows,
            "path": self.path,
        }


class Stopped(Exception):
    """The caller asked to stop reading (an app that is closing)."""


def list_rows(
    store: SessionStore,
    item_ids: list[str],
    found: Callable[[Row], None] | None = None,
    stopped: Callable[[], bool] | None = None,
    listing: Listing | None = None,
    early: Early | None = None,
) -> tuple[list[Row], list[BadFile]]:
    """Every readable session as a row (newest change first) and every unreadable file.

    `found` is handed each row as it is ready: the kept ones first, then each file read
    (then the files are read here, one by one, never by forked helpers). `stopped` is asked
    before each file is read: when it says so, `Stopped` is raised. `listing` is what
    `store.files()` just gave, when the caller has it; `early` what `start_listing` began.
    """
    kept_file = kept_name(store.root)
    items_key = sha256("\n".join(item_ids).encode()).hexdigest()
    fresh: dict[str, Any] = {}
    if early is not None:
        listing, fresh = early.results(item_ids)
    kept = _files(early.document if early is not None else read_kept(kept_file), items_key)
    files, bad = listing or store.files()
    bad = list(bad)
    root = os.fspath(store.root) + os.sep
    failed: dict[str, SessionFileError] = {}
    known: dict[str, tuple[datetime, Row]] = {}
    """The rows kept from files that did not change, with their time of change."""
    listed: list[tuple[datetime, Row]]
    new: list[tuple[str, Status | None]] = []
    for name, status in files:
        if status is None:
            continue  # not a regular file: read below, every time
        made = _row(kept.get(name), root + name, status)
        if made is None:
            new.append((name, status))
        else:
            known[name] = made
            if found is not None:
                found(made[1])
    if len(known) == len(files) == len(kept):  # every file as kept, and nothing else kept: nothing to write
        listed = list(known.values())
        listed.sort(key=itemgetter(0), reverse=True)
        return [row for _, row in listed], bad
    if any(name not in fresh for name, _ in new):
        rest = [(name, status) for name, status in new if name not in fresh]
        fresh |= _read_new(store, item_ids, rest, failed, found, stopped)
    listed = []
    keep: dict[str, list[Any]] = {}
    changed = False
    """Something is kept that was not, or no longer kept (else `keep` is `kept` and is not written again)."""
    for name, status in files:
        made = known.get(name)
        if made is not None:
            keep[name] = kept[name]
            listed.append(made)
            continue
        changed = True
        where = root + name
        entry = fresh.get(name)
        if status is not None:
            made = _row(entry, where, status)
        if made is None:
            path = store.root / name
            if name in failed:  # read here already
                bad.append(BadFile.of(path, failed[name]))
                continue
            try:
                stored = store.load(path)
            except SessionFileError as error:
                bad.append(BadFile.of(path, error))
                continue
            row = row_from(stored.session, item_ids, where)
            made = (stored.session.updated, row)
            if found is not None:
                found(row)
            entry = None
            if status is not None and read_as(stored, status):
                entry = [*status, *kept_of(row)]
        if entry is not None:
            keep[name] = entry
        listed.append(made)
    if changed or len(keep) != len(kept):
        # Every entry has ENTRY values (each passed `_row`, or was made here); were one shorter, every column
        # would be cut to it and the next `list` would find the document unreadable, not fail now.
        columns = list(zip(*keep.values(), strict=False))
        document = {"format": FORMAT, "items": items_key, "names": list(keep), "columns": columns}
        folder = open_kept(FOLDER)
        if folder is not None:
            with folder:
                folder.write(kept_file, json.dumps(document, separators=(",", ":")).encode("ascii"))
    listed.sort(key=itemgetter(0), reverse=True)
    return [row for _, row in listed], bad


_ROW_JSON = (
    '  {\n    "id": %s,\n    "title": %s,\n    "answered": %d,\n    "total": %d,\n    "updated": %s,\n'
    '    "created": %s,\n    "follows": %s,\n    "path": %s\n  }'
)
"""A row as `json.dumps([row.as_json(total)], indent=2)` writes it inside its list."""


def rows_json(rows: list[Row], total: int) -> str:
    """`terminal_json([row.as_json(total) for row in rows])`, in a third of the time.

    `list --json` of 10,000 sessions spent 35 ms making a dict of each row and encoding them.
    Here each row's strings are encoded by the JSON encoder's own function (in C, as
    `json.dumps` does with `ensure_ascii=False`) into the text `json.dumps` gives a row in
    the list; the whole is then made safe to print as `terminal_json` makes it. A value of
    another type than a row holds (tests/test_listing.py compares both) goes to `terminal_json`.
    """
    string = json.encoder.encode_basestring
    try:
        if not rows or type(total) is not int:
            raise TypeError
        parts = []
        for id_, title, answered, updated, created, follows, path, _ in rows:
            if type(answered) is not int:  # `%d` writes a bool as a number, JSON as `true`
                raise TypeError
            follows_text = "null" if follows is None else string(follows)
            texts = (string(id_), string(title), answered, total, string(updated), string(created), follows_text)
            parts.append(_ROW_JSON % (*texts, string(path)))
    except TypeError:  # a value that is not a string where a row holds one (or not an int): JSON decides
        return terminal_json([row.as_json(total) for row in rows])
    return escape_json("[\n" + ",\n".join(parts) + "\n]")


def row_from(session: Session, item_ids: list[str], path: str) -> Row:
    return Row(
        session.id,
        session.title,
        session.answered_count(item_ids),
        session.updated.isoformat(),
        session.created.isoformat(),
        session.follows,
        path,
        tuple(step.due.isoformat() for step in session.next_steps if step.due is not None and not step.done),
    )


def _row_of(entry: list[Any], path: str) -> Row:
    """The row of a kept entry made just now (its values known to be right)."""
    id_, title, answered, updated, created, follows, due = entry[5:]
    return Row(id_, title, answered, updated, created, follows, path, tuple(due))


def kept_of(row: Row) -> list[Any]:
    """What is kept of a row after the file's status."""
    return [row.id, row.title, row.answered, row.updated, row.created, row.follows, list(row.due)]


def _read_new(
    store: SessionStore,
    item_ids: list[str],
    files: list[tuple[str, Status | None]],
    failed: dict[str, SessionFileError],
    found: Callable[[Row], None] | None = None,
    stopped: Callable[[], bool] | None = None,
) -> dict[str, Any]:
    """What to keep of each new or changed regular file, read on every core (None: the caller reads it).

    A file that could not be read in this process is in `failed` (a helper's failures are read again).
    With `found`, the files are read here in turn and each row is handed on as it is read.
    """
    statuses = dict(files)
    root = os.fspath(store.root)

    def entry_of(name: str) -> list[Any] | None:
        if stopped is not None and stopped():
            raise Stopped
        status = statuses[name]
        where = os.path.join(root, name)
        if status is not None:
            entry = read_entry(where, status, item_ids)
            if entry is not None:
                if found is not None:
                    found(_row_of(entry, where))
                return entry
        try:
            stored = store.load(store.root / name)
        except SessionFileError as error:
            failed[name] = error
            return None
        if status is None or not read_as(stored, status):
            return None
        row = row_from(stored.session, item_ids, where)
        if found is not None:
            found(row)
        return [*status, *kept_of(row)]

    names = [name for name, _ in files]
    if found is not None or stopped is not None:
        return dict(zip(names, [entry_of(name) for name in names], strict=True))
    return dict(zip(names, parallel_read.read_all(names, entry_of), strict=True))


def _row(entry: Any, path: str, status: tuple[int, ...]) -> tuple[datetime, Row] | None:
    """The kept row and its time of change, if `entry` is well formed and read from the file that has `status` now."""
    if type(entry) not in (list, tuple) or len(entry) != ENTRY:  # kept (a column's values), or read just now
        return None
    device, inode, size, mtime, ctime, id_, title, answered, updated, created, follows, due = entry
    if (device, inode, size, mtime, ctime) != status:
        return None
    if not (type(id_) is str and type(title) is str and type(updated) is str and type(created) is str):
        return None
    if type(answered) is not int or not (follows is None or type(follows) is str):
        return None
    if type(due) is not list or (due and not all(type(day) is str for day in due)):
        return None
    try:
        when = _when(updated)
    except ValueError:
        return None
    if when.utcoffset() is None:  # every session's time has its offset: not a row we wrote
        return None
    # `Row(...)` is a function of Python's own (namedtuple's `__new__`); this is the tuple it makes, made in C.
    return when, _new_row(Row, (id_, title, answered, updated, created, follows, path, tuple(due)))


_when = datetime.fromisoformat
_new_row = tuple.__new__


def kept_name(root: Path) -> str:
    """The name of what is kept for the sessions folder `root` (in the cache's `folders/`)."""
    where = sha256(os.fsencode(os.path.realpath(root))).hexdigest()[:40]
    return f"{where}.json"


def read_kept(name: str) -> dict[str, Any] | None:
    """The kept document of a sessions folder, when there is one in the right format."""
    folder = open_kept(FOLDER, create=False)
    if folder is None:
        return None
    with folder:
        raw = folder.read(name)
    if raw is None:
        return None
    try:
        document = json.loads(raw)
    except (ValueError, RecursionError):  # broken, cut short, or nested beyond reason
        return None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return None
    return document


def _files(document: dict[str, Any] | None, items_key: str) -> dict[str, Any]:
    """The kept entries by file name; empty when there are none, they are broken, or the tool's items changed."""
    if document is None or document.get("items") != items_key:
        return {}
    names, columns = document.get("names"), document.get("columns")
    if type(names) is not list or type(columns) is not list or not names:
        return {}
    if len(columns) != ENTRY or not all(type(column) is list and len(column) == len(names) for column in columns):
        return {}
    try:
        return dict(zip(names, zip(*columns, strict=True), strict=True))
    except TypeError:  # a name that is not a string (unhashable): nothing kept is trusted
        return {}
