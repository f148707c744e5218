"""The sessions folder: list, load, create, save, rename, trash and import sessions.

Every write goes through `files.write_atomic`; a file that cannot be read is
reported as a `BadFile` and never written, moved or deleted by the store. A
save checks that the file on disk is still the one this copy was read from
(or last wrote), so a stale copy never overwrites newer answers.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.errors import ChangedOnDisk, OpenElsewhere, SessionFileError, SessionNotFound
from tui.core.files import CLOEXEC, ensure_private_dir, read_limited, write_atomic
from tui.core.os_errors import describe_os_error, os_error_reason
from tui.core.paths import owned_by_user
from tui.core.reason import Reason
from tui.session.limits import MAX_FILE_BYTES
from tui.session.model import SCHEMA_VERSION, Session, now
from tui.session.naming import export_file_name, new_session_id
from tui.session.stored import BadFile, Fingerprint, Listing, Status, StoredSession, read_as, status_of

if TYPE_CHECKING:
    from tui.content.i18n import Strings

SUFFIX = ".toml"
TRASH = ".prullenbak"
EXPORTS = "exports"

__all__ = ["MAX_FILE_BYTES", "BadFile", "Fingerprint", "SessionStore", "StoredSession"]


def same_text(a: str, b: str) -> bool:
    """Titles match whatever their Unicode form or case (é typed two ways is one é)."""
    return unicodedata.normalize("NFC", a).casefold() == unicodedata.normalize("NFC", b).casefold()


def export_name(session: Session, fmt: str) -> str:
    """An export's file name: the session's title and the day it was last changed ('regio-noord-2026-03-01.md')."""
    return export_file_name([session.title], session.updated.astimezone().date(), fmt)


class SessionStore:
    """One folder of session files."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._scanned: dict[str, tuple[Status, StoredSession]] = {}
        """Each file as the last scan parsed it, by its status: an unchanged file is not read again."""

    # reading ---------------------------------------------------------------

    def scan(
        self, stopped: Callable[[], bool] | None = None, listing: Listing | None = None
    ) -> tuple[list[StoredSession], list[BadFile]]:
        """Every readable session (newest change first) and every unreadable file.

        `stopped` is asked before each file: when it says so, the scan ends with what it
        found (a scan beside the screen of an app that is closing). `listing` is what
        `files()` just gave, when the caller has it.
        """
        good: list[StoredSession] = []
        files, bad = listing or self.files()
        bad = list(bad)
        scanned: dict[str, tuple[Status, StoredSession]] = {}
        for name, status in files:
            if stopped is not None and stopped():
                return good, bad
            # A regular file whose status did not move is the one parsed last time (links are always
            # followed afresh).
            known = self._scanned.get(name)
            if known is not None and status is not None and known[0] == status:
                scanned[name] = known
                good.append(known[1])
                continue
            path = self.root / name
            try:
                stored = self.load(path)
            except SessionFileError as error:
                bad.append(BadFile.of(path, error))
                continue
            good.append(stored)
            if status is not None and read_as(stored, status):
                scanned[name] = (status, stored)
        self._scanned = scanned
        good.sort(key=lambda s: s.session.updated, reverse=True)
        return good, bad

    def count(self) -> int:
        """How many names in the folder look like session files, without asking for any file's status.

        (10,000 files: a few ms, where `files()` takes tens of ms for their status.)
        """
        try:
            names = os.listdir(self.root)
        except OSError:
            return 0
        return sum(1 for name in names if not name.startswith(".") and name.endswith(SUFFIX))

    def files(self) -> Listing:
        """The folder's session files as (name, status of a regular file, else None), by name.

        The second list holds the folder itself when it cannot be read. (Plain strings, not
        Paths: for 10,000 files making Paths cost as much as asking for their status.)
        """
        root = os.fspath(self.root)
        try:
            names = sorted(os.listdir(root))
        except FileNotFoundError:
            return [], []
        except OSError as error:
            why = Reason("file.folder_unreadable", {"reason": os_error_reason(error)})
            return [], [BadFile(self.root, str(why), why)]
        files = []
        try:  # each file asked for within the folder opened once: no path to make and walk per file
            folder: int | None = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | CLOEXEC)
        except OSError:
            folder = None
        if os.stat not in os.supports_dir_fd and folder is not None:
            os.close(folder)
            folder = None
        try:
            for name in names:
                if name.startswith(".") or not name.endswith(SUFFIX):
                    continue
                try:
                    info = os.lstat(os.path.join(root, name)) if folder is None else os.lstat(name, dir_fd=folder)
                except OSError:
                    info = None
                files.append((name, status_of(info) if info is not None and stat.S_ISREG(info.st_mode) else None))
        finally:
            if folder is not None:
                os.close(folder)
        return files, []

    def unread(self, listing: Listing | None = None) -> int:
        """How many files a `scan` would parse now: the new and changed ones (and links)."""
        files, _ = listing or self.files()
        return sum(1 for name, status in files if (known := self._scanned.get(name)) is None or known[0] != status)

    def read(self, path: Path) -> Session:
        """Parse one file, refusing anything that is not a small regular file in this folder."""
        return self.load(path).session

    def load(self, path: Path) -> StoredSession:
        """Read one file afresh into a StoredSession; every problem is a SessionFileError."""
        name = str(path)
        try:
            info = os.lstat(path)
        except OSError as error:
            raise SessionFileError(name, "", Reason("file.cannot_read", {"reason": os_error_reason(error)})) from None
        is_link = stat.S_ISLNK(info.st_mode)
        if is_link:
            try:
                target = path.resolve(strict=True)
                info = os.stat(path)
            except (OSError, RuntimeError):
                raise SessionFileError(name, "", Reason("file.dead_link")) from None
            if target.parent != Path(os.path.realpath(path.parent)):
                raise SessionFileError(name, "", Reason("file.link_outside"))
        if stat.S_ISDIR(info.st_mode):
            raise SessionFileError(name, "", Reason("file.is_folder_not_session"))
        if not stat.S_ISREG(info.st_mode):
            raise SessionFileError(name, "", Reason("file.not_regular"))
        if info.st_size > MAX_FILE_BYTES:
            raise SessionFileError(name, "", Reason("file.too_large_session", {"mb": info.st_size // 1024 // 1024}))
        try:
            raw, info = read_limited(path, MAX_FILE_BYTES)
        except OSError as error:
            raise SessionFileError(name, "", Reason("file.cannot_read", {"reason": os_error_reason(error)})) from None
        except ValueError:  # replaced meanwhile by something else, or grown past the limit
            raise SessionFileError(name, "", Reason("file.not_regular_or_too_large")) from None
        from tui.session import codec  # here, not at the top: `list` of kept rows reads no TOML

        session, version = codec.parse_versioned(raw, name)
        return StoredSession(
            session,
            path,
            version if version < SCHEMA_VERSION else None,
            fingerprint=Fingerprint.of(info, raw),
            is_link=is_link,
        )

    def find(self, ref: str | None = None) -> StoredSession:
        """The session named by id, unique id prefix, title or file path; the newest if None."""
        if ref and (os.sep in ref or ref.endswith(SUFFIX)) and os.path.lexists(ref):
            path = Path(os.path.abspath(ref))
            return SessionStore(path.parent).load(path)
        sessions, _ = self.scan()
        if not sessions:
            raise SessionNotFound(
                f"no sessions in {self.root}", Reason("cli.not_found.none", {"folder": str(self.root)})
            )
        if ref is None:
            return sessions[0]
        for matches in (
            [s for s in sessions if s.session.id == ref],
            [s for s in sessions if s.session.id.startswith(ref)],
            [s for s in sessions if same_text(s.session.title, ref)],
        ):
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                names = ", ".join(s.session.id for s in matches)
                raise SessionNotFound(
                    f"{ref!r} matches more than one session: {names}",
                    Reason("cli.not_found.sessions", {"ref": ref, "names": names}),
                )
        raise SessionNotFound(
            f"no session {ref!r} in {self.root}",
            Reason("cli.not_found.session", {"ref": ref, "folder": str(self.root)}),
        )

    def follow_up_source(self, ref: str) -> Session:
        """The session `new --from REF` follows up: one here (id, prefix, title or path), or a file from elsewhere.

        A session file outside this folder (a reflection taken home from a regional session) is
        read and validated like any session, then copied in (`import_file`), so the follow-up's
        report finds it later; the given file itself is only read. A missing, broken or newer
        file raises SessionNotFound with a Reason that names it.
        """
        if not (os.sep in ref or ref.endswith(SUFFIX) or (os.altsep and os.altsep in ref)):
            return self.find(ref).session
        source = Path(os.path.abspath(ref))
        if not os.path.lexists(source):
            raise SessionNotFound(f"no session file {ref!r}", Reason("cli.from.missing", {"path": ref}))
        try:
            if Path(os.path.realpath(source.parent)) == Path(os.path.realpath(self.root)):
                return self.load(source).session  # already here
            return self.import_file(source).session
        except SessionFileError as error:
            raise SessionNotFound(
                str(error), Reason("cli.from.refused", {"path": ref, "problem": error.why()})
            ) from None

    def earlier_of(self, session: Session) -> Session | None:
        """The session this one follows up (`new --from`), when it is still here and readable; else None."""
        if not session.follows:
            return None
        try:
            found = self.find(session.follows)
        except (SessionNotFound, SessionFileError, OSError):
            return None
        return found.session if found.session.id == session.follows else None

    def not_writable(self, strings: Strings) -> str:
        """Why nothing can be written in this folder ('' when it can), in the language of `strings`. Creates nothing."""
        folder = self.root
        while not os.path.lexists(folder):
            if folder.parent == folder:
                return ""
            folder = folder.parent
        try:
            info = os.stat(folder)
        except OSError as error:
            return f"{folder}: {describe_os_error(error, strings)}"
        if not stat.S_ISDIR(info.st_mode):
            return strings("folder.not_a_folder", folder=str(folder))
        if folder == self.root and not os.path.islink(folder) and not owned_by_user(info):
            return strings("folder.not_yours", folder=str(folder))
        if hasattr(os, "statvfs") and os.statvfs(folder).f_flag & getattr(os, "ST_RDONLY", 1):
            return strings("folder.read_only_disk", folder=str(folder))
        if not os.access(folder, os.W_OK | os.X_OK):
            return strings("folder.no_write", folder=str(folder))
        return ""

    # writing ---------------------------------------------------------------

    def create(self, title: str, language: str = "nl", follows: Session | None = None) -> StoredSession:
        """A new session file, written at once so it shows up in every list."""
        from tui.session.limits import MAX_TITLE, check_length

        check_length("title", title, MAX_TITLE)
        if language not in ("nl", "en"):
            raise ValueError(f"no language {language!r}")  # the app's own mistake: the interface has two
        ensure_private_dir(self.root, may_be_link=True)
        while True:
            session_id = new_session_id(title)
            path = self.root / f"{session_id}{SUFFIX}"
            if not os.path.lexists(path):
                break
        stamp = now()
        session = Session(id=session_id, title=title, language=language, created=stamp, updated=stamp)  # type: ignore[arg-type]
        if follows is not None:
            session.follows = follows.id
            session.context = follows.context.model_copy(deep=True)
            session.next_steps = [s.model_copy(deep=True) for s in follows.next_steps if not s.done]
        stored = StoredSession(session, path)
        self.save(stored, touch=False)
        return stored

    def disk_fingerprint(self, stored: StoredSession) -> Fingerprint | None:
        """The session file as it is on disk now (None when it is gone); reread only when its status moved."""
        path = stored.path
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            return None
        if stat.S_ISLNK(info.st_mode):
            raise SessionFileError(str(path), "", Reason("file.link_read_only"))
        known = stored.fingerprint
        if known is not None and known.status == (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns):
            return known
        try:
            raw, info = read_limited(path, MAX_FILE_BYTES)
        except ValueError:
            return Fingerprint((info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns), b"")
        return Fingerprint.written(info, raw)

    def save(self, stored: StoredSession, touch: bool = True) -> None:
        """Write the session atomically, if the file on disk is still the one it was read from.

        Raises ChangedOnDisk when another program wrote the file since (it is left as it is),
        OSError or SessionFileError when it cannot be written; the old file always survives.
        """
        path = stored.path
        if stored.is_link:
            raise SessionFileError(str(path), "", Reason("file.link_read_only"))
        if touch:
            stored.session.touch()
        from tui.session.save_text import dump_kept

        data = dump_kept(stored.session, stored.pieces)
        ensure_private_dir(os.path.dirname(path) or os.curdir, may_be_link=True)
        current = self.disk_fingerprint(stored)
        if stored.fingerprint is None and current is not None:
            raise ChangedOnDisk(str(path), "", Reason("file.appeared"))
        if stored.fingerprint is not None and current is not None and not current.same_bytes(stored.fingerprint):
            raise ChangedOnDisk(str(path), "", Reason("file.changed_on_disk"))
        if stored.migrated_from is not None:
            backup = path.with_name(f"{path.stem}.v{stored.migrated_from}.bak")
            if not os.path.lexists(backup) and current is not None:
                raw, _ = read_limited(path, MAX_FILE_BYTES)
                write_atomic(backup, raw)
            stored.migrated_from = None
        info = write_atomic(path, data)
        stored.fingerprint = Fingerprint.written(info, data)

    def trash(self, stored: StoredSession) -> Path:
        """Move a session file to the trash folder beside it; refused while it is open elsewhere."""
        from tui.session.lock import SessionLock  # here: a lock asks for the host's name (socket)

        lock = SessionLock(stored.path)
        if not lock.acquire():
            raise OpenElsewhere(str(stored.path), lock.holder())
        try:
            trash = Path(os.path.realpath(stored.path.parent)) / TRASH
            ensure_private_dir(trash)
            target = trash / stored.path.name
            counter = 1
            while os.path.lexists(target):
                target = trash / f"{stored.path.stem}.{counter}{SUFFIX}"
                counter += 1
            os.replace(stored.path, target)
        finally:
            lock.release()
        return target

    def import_file(self, source: Path) -> StoredSession:
        """Copy a session file (for example a partner's) into this folder, keeping its id if free."""
        session = SessionStore(source.parent).read(source)
        ensure_private_dir(self.root, may_be_link=True)
        path = self.root / f"{session.id}{SUFFIX}"
        if os.path.lexists(path):
            try:
                existing: Session | None = self.read(path)
            except SessionFileError:
                existing = None
            if existing is not None and existing == session:
                return self.load(path)
            session.id = new_session_id(session.title)
            path = self.root / f"{session.id}{SUFFIX}"
        stored = StoredSession(session, path)
        self.save(stored, touch=False)
        return stored

    def restore(self, source: Path) -> tuple[StoredSession, Path | None]:
        """Put a rescue copy back in place of its session; the version it replaces goes to the trash.

        Returns the restored session and where the replaced file went (None when there was
        none, or when the copy belongs to no session here and was imported as a new one).
        """
        rescued = SessionStore(source.parent).read(source)
        path = self.root / f"{rescued.id}{SUFFIX}"
        try:
            current = self.load(path)
        except SessionFileError:
            return self.import_file(source), None
        if current.session.created != rescued.created:
            return self.import_file(source), None  # same id, another session: keep both
        replaced = self.trash(current)
        stored = StoredSession(rescued, path)
        self.save(stored, touch=False)
        return stored, replaced
