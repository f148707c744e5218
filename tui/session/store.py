"""The sessions folder: list, load, create, save, rename, trash and import sessions.

Every write goes through `files.write_atomic`; a file that cannot be read is
reported as a `BadFile` and never written, moved or deleted by the store.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from tui.errors import SessionFileError, SessionNotFound
from tui.session import codec
from tui.session.files import PRIVATE_FILE, ensure_private_dir, write_atomic
from tui.session.model import SCHEMA_VERSION, Session, now
from tui.session.naming import new_session_id

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Larger files are not sessions this app wrote; reading them would stall the list."""

SUFFIX = ".toml"
TRASH = ".prullenbak"


@dataclass
class StoredSession:
    """A session together with the file it lives in."""

    session: Session
    path: Path
    migrated_from: int | None = None
    """The older format the file had; its first save keeps the original as a backup."""


@dataclass
class BadFile:
    """A file in the sessions folder that could not be read, and why (one line)."""

    path: Path
    reason: str


class SessionStore:
    """One folder of session files."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    # reading ---------------------------------------------------------------

    def scan(self) -> tuple[list[StoredSession], list[BadFile]]:
        """Every readable session (newest change first) and every unreadable file."""
        good: list[StoredSession] = []
        bad: list[BadFile] = []
        if not self.root.is_dir():
            return good, bad
        for path in sorted(self.root.iterdir()):
            if path.name.startswith(".") or not path.name.endswith(SUFFIX):
                continue
            try:
                good.append(self.load(path))
            except SessionFileError as error:
                bad.append(BadFile(path, error.problem if not error.where else f"{error.where}: {error.problem}"))
        good.sort(key=lambda s: s.session.updated, reverse=True)
        return good, bad

    def read(self, path: Path) -> Session:
        """Parse one file, refusing anything that is not a small regular file in this folder."""
        return self.load(path).session

    def load(self, path: Path) -> StoredSession:
        """Parse one file into a StoredSession (see `read` for what is refused)."""
        name = str(path)
        try:
            info = path.lstat()
        except OSError as error:
            raise SessionFileError(name, "", f"cannot be read ({error.strerror})") from None
        if stat.S_ISLNK(info.st_mode):
            target = path.resolve()
            if target.parent != self.root.resolve():
                raise SessionFileError(name, "", "a link to a file outside the sessions folder")
            info = target.stat()
        if stat.S_ISDIR(info.st_mode):
            raise SessionFileError(name, "", "a folder, not a session file")
        if not stat.S_ISREG(info.st_mode):
            raise SessionFileError(name, "", "not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise SessionFileError(name, "", f"too large for a session ({info.st_size // 1024 // 1024} MB)")
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise SessionFileError(name, "", f"cannot be read ({error.strerror})") from None
        session, version = codec.parse_versioned(raw, name)
        return StoredSession(session, path, version if version < SCHEMA_VERSION else None)

    def find(self, ref: str | None = None) -> StoredSession:
        """The session named by id, unique id prefix, title or file path; the newest if None."""
        if ref and (os.sep in ref or ref.endswith(SUFFIX)) and Path(ref).exists():
            return SessionStore(Path(ref).resolve().parent).load(Path(ref).resolve())
        sessions, _ = self.scan()
        if not sessions:
            raise SessionNotFound(f"no sessions in {self.root}")
        if ref is None:
            return sessions[0]
        for matches in (
            [s for s in sessions if s.session.id == ref],
            [s for s in sessions if s.session.id.startswith(ref)],
            [s for s in sessions if s.session.title.casefold() == ref.casefold()],
        ):
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                names = ", ".join(s.session.id for s in matches)
                raise SessionNotFound(f"{ref!r} matches more than one session: {names}")
        raise SessionNotFound(f"no session {ref!r} in {self.root}")

    # writing ---------------------------------------------------------------

    def create(self, title: str, language: str = "nl", follows: Session | None = None) -> StoredSession:
        """A new session file, written at once so it shows up in every list."""
        ensure_private_dir(self.root)
        while True:
            session_id = new_session_id(title)
            path = self.root / f"{session_id}{SUFFIX}"
            if not path.exists():
                break
        stamp = now()
        session = Session(id=session_id, title=title, language=language, created=stamp, updated=stamp)
        if follows is not None:
            session.follows = follows.id
            session.context = follows.context.model_copy(deep=True)
            session.next_steps = [s.model_copy(deep=True) for s in follows.next_steps if not s.done]
        stored = StoredSession(session, path)
        self.save(stored, touch=False)
        return stored

    def save(self, stored: StoredSession, touch: bool = True) -> None:
        """Write the session atomically. Raises OSError or SessionFileError; the old file survives."""
        if touch:
            stored.session.touch()
        data = codec.dump(stored.session)
        ensure_private_dir(self.root)
        if stored.migrated_from is not None:
            backup = stored.path.with_name(f"{stored.path.stem}.v{stored.migrated_from}.bak")
            if not backup.exists():
                write_atomic(backup, stored.path.read_bytes())
            stored.migrated_from = None
        write_atomic(stored.path, data)

    def trash(self, stored: StoredSession) -> Path:
        """Move a session file to the trash folder inside the sessions folder."""
        trash = self.root / TRASH
        ensure_private_dir(trash)
        target = trash / stored.path.name
        counter = 1
        while target.exists():
            target = trash / f"{stored.path.stem}.{counter}{SUFFIX}"
            counter += 1
        os.replace(stored.path, target)
        return target

    def import_file(self, source: Path) -> StoredSession:
        """Copy a session file (for example a partner's) into this folder, keeping its id if free."""
        session = SessionStore(source.parent).read(source)
        ensure_private_dir(self.root)
        path = self.root / f"{session.id}{SUFFIX}"
        if path.exists():
            existing = self.read(path) if path.is_file() else None
            if existing is not None and existing == session:
                return StoredSession(existing, path)
            session.id = new_session_id(session.title)
            path = self.root / f"{session.id}{SUFFIX}"
        stored = StoredSession(session, path)
        self.save(stored, touch=False)
        return stored

    def write_export(self, session: Session, fmt: str, text: str) -> Path:
        """An export written inside the sessions folder (exports/), private like the sessions."""
        folder = self.root / "exports"
        ensure_private_dir(folder)
        path = folder / f"{session.id}.{fmt}"
        self.export_file(path, text.encode("utf-8"))
        return path

    def export_file(self, path: Path, data: bytes) -> None:
        """Write an export where the user asked, private like the sessions themselves."""
        write_atomic(path, data)
        os.chmod(path, PRIVATE_FILE)

