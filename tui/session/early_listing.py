"""A first `list` under way before the tool's items are known: the folder's files read on the other cores.

Loading the tool's items the first time (nothing kept in the cache) takes a quarter of a
second on one core, and asking for the status of 10,000 files a tenth. When nothing is kept
for the folder yet and it holds many files, forked helpers (`tui.session.parallel_read`) start
reading them at once, and count each file's answered items once the command line hands the
items over (`Early.results`); the command line then takes its share of the files too.

Every file is new then: its status is the one of the file as it was read (asked for on the
open file, no link followed), so the folder's status is not asked for file by file first.
The files that were not read so are asked for afterwards, and the listing is then what
`SessionStore.files` would have given. When rows are kept, `list_rows` compares each file's
status with them as before and reads only what changed.
"""

from __future__ import annotations

import os
import stat
from typing import Any

from tui.core.errors import SessionFileError
from tui.session import parallel_read
from tui.session.listing import kept_name, kept_of, read_kept, row_from
from tui.session.row_read import read_values, with_answered
from tui.session.store import SUFFIX, SessionStore
from tui.session.stored import Listing, Status, StoredSession, read_as, status_of


class Early:
    """What `start_listing` began: the listing, the kept document, and the files being read."""

    def __init__(self, store: SessionStore) -> None:
        self.store = store
        self.document = read_kept(kept_name(store.root))
        kept = self.document.get("names") if self.document is not None else None
        self.listing: Listing | None = None
        names = None if kept else _names(store)
        self.names: list[str] = []
        self.shared: parallel_read.Shared | None = None
        if names is None or not parallel_read.shares_out(len(names)):
            # Rows kept, or few files: `list_rows` reads what changed, after comparing each file's status.
            self.listing = store.files()
            return
        self.names = names
        root = os.fspath(store.root)

        def read(name: str) -> Any:
            where = os.path.join(root, name)
            values = read_values(where, None)  # nothing kept: each file's status as it is read
            if values is not None:
                return values
            try:
                info = os.lstat(where)
            except OSError:
                return None
            if not stat.S_ISREG(info.st_mode):
                return None  # a link, a folder: the caller reads it (and names it) as before
            status = status_of(info)
            try:
                return store.load(store.root / name), status, where
            except SessionFileError:
                return None  # named by the caller, which reads it again

        self.shared = parallel_read.start(self.names, read, _finished)
        if self.shared is None:  # no helper could be started
            self.listing = store.files()

    def results(self, item_ids: list[str]) -> tuple[Listing, dict[str, Any]]:
        """The folder's listing, and what to keep of each file read (None: read it again) by name."""
        shared, self.shared = self.shared, None
        read = {} if shared is None else dict(zip(self.names, shared.results(item_ids), strict=True))
        if self.listing is None:  # the files' status as they were read; the others' asked for now
            self.listing = ([(name, _status(self.store, name, read[name])) for name in self.names], [])
        return self.listing, read

    def close(self) -> None:
        """Stop the helpers, if `results` was never asked for (the command failed before)."""
        if self.shared is not None:
            self.shared.close()
            self.shared = None


def start_listing(store: SessionStore) -> Early:
    """Begin listing `store`'s folder, the new files read by forked helpers where there are many (the command line)."""
    return Early(store)


def _names(store: SessionStore) -> list[str] | None:
    """The names `SessionStore.files` lists, without their status; None when the folder cannot be read (it says why)."""
    try:
        names = sorted(os.listdir(store.root))
    except OSError:
        return None
    return [name for name in names if not name.startswith(".") and name.endswith(SUFFIX)]


def _status(store: SessionStore, name: str, entry: Any) -> Status | None:
    """The status of a file read (kept in its entry), else as `SessionStore.files` asks for it."""
    if entry is not None:
        return (entry[0], entry[1], entry[2], entry[3], entry[4])
    try:
        info = os.lstat(os.path.join(store.root, name))
    except OSError:
        return None
    return status_of(info) if stat.S_ISREG(info.st_mode) else None


def _finished(part: Any, item_ids: list[str]) -> list[Any] | None:
    """What to keep of a file that `Early` read, now the items are known (None: the caller reads it again)."""
    if part is None:
        return None
    if len(part) == 2:
        entry, answered = part
        return with_answered(entry, answered, item_ids)
    stored, status, where = part
    if not isinstance(stored, StoredSession) or not read_as(stored, status):
        return None
    return [*status, *kept_of(row_from(stored.session, item_ids, where))]
