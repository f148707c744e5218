"""The rooms folder: one folder per room with room.toml, the seats' session files and the host key.

rooms/<id>/room.toml      the room: seats (code hashes), discussion, agreements
rooms/<id>/seats/A.toml   seat A's session: an ordinary session file
rooms/<id>/host_key       the SSH host key, 0600, made on the first serve

room.toml is written only by the process that holds its lock (`room serve`,
or `room close` when nobody serves); each seat file only by its seat's app.
"""

from __future__ import annotations

import secrets
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import tomli_w
from pydantic import ValidationError

from tui.core.errors import SessionFileError, SessionNotFound
from tui.core.files import ensure_private_dir, read_limited, write_atomic
from tui.core.os_errors import os_error_reason
from tui.core.parse_reason import toml_reason, validation_reason
from tui.core.reason import Reason
from tui.room.codes import hash_code, make_codes, new_salt
from tui.room.model import MIN_GROUP, Room, Seat, seat_labels
from tui.session.lock import SessionLock
from tui.session.model import Session, now
from tui.session.store import SessionStore, same_text

ROOMS = "rooms"
ROOM_FILE = "room.toml"
SEATS = "seats"
HOST_KEY = "host_key"
MAX_SEATS = 60
MAX_ROOM_BYTES = 1024 * 1024
ID_LETTERS = "abcdefghjkmnpqrstuvwxyz23456789"
"""No 0/o or 1/l/i: an id is read off a screen and typed."""


class RoomNotFound(SessionNotFound):
    """No room, or more than one, answers to what was typed."""


@dataclass
class RoomFolder:
    """One room on disk and its room file as last read."""

    path: Path
    room: Room

    @property
    def room_file(self) -> Path:
        return self.path / ROOM_FILE

    @property
    def seats_dir(self) -> Path:
        return self.path / SEATS

    @property
    def host_key(self) -> Path:
        return self.path / HOST_KEY

    def seat_store(self) -> SessionStore:
        return SessionStore(self.seats_dir)

    def seat_path(self, label: str) -> Path:
        return self.seats_dir / self.room.seat(label).file

    def lock(self) -> SessionLock:
        """Held by the one process that may write room.toml."""
        return SessionLock(self.room_file)

    def reload(self) -> Room:
        self.room = read_room(self.room_file)
        return self.room

    def save(self) -> None:
        """Write room.toml atomically (only while holding `lock()`)."""
        data = self.room.model_dump(mode="python", exclude_none=True)
        if not data.get("revealed"):
            data.pop("revealed", None)  # no empty [revealed] table at the end of every file
        write_atomic(self.room_file, tomli_w.dumps(data).encode())


def read_room(path: Path) -> Room:
    """A room file, or a SessionFileError that says what is wrong with it."""
    return room_from_bytes(read_room_bytes(path), path)


def read_room_bytes(path: Path) -> bytes:
    """A room file's bytes (at most MAX_ROOM_BYTES), or a SessionFileError that says why not."""
    name = str(path)
    try:
        raw, _ = read_limited(path, MAX_ROOM_BYTES)
    except FileNotFoundError:
        raise SessionFileError(name, "", Reason("file.no_room_file")) from None
    except OSError as error:
        raise SessionFileError(name, "", Reason("file.cannot_read", {"reason": os_error_reason(error)})) from None
    except ValueError:  # too large, or not a regular file
        raise SessionFileError(name, "", Reason("file.room_unreadable")) from None
    return raw


def room_from_bytes(raw: bytes, path: Path) -> Room:
    """The room in a room file's bytes (read from `path`), or a SessionFileError that says what is wrong."""
    name = str(path)
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise SessionFileError(name, "", toml_reason(error)) from None
    except UnicodeDecodeError as error:
        raise SessionFileError(name, f"byte {error.start}", Reason("file.not_utf8")) from None
    except RecursionError:
        raise SessionFileError(name, "", Reason("file.too_deep")) from None
    except ValueError:
        raise SessionFileError(name, "", Reason("file.room_unreadable")) from None
    version = data.get("schema_version")
    if isinstance(version, int) and version > Room.model_fields["schema_version"].default:
        raise SessionFileError(name, "schema_version", Reason("file.newer_room", {"version": version}))
    try:
        return Room.model_validate(data)
    except ValidationError as error:
        where, problem = validation_reason(error, top="", unknown="file.unknown_key_refused")
        raise SessionFileError(name, where, problem) from None


class RoomStore:
    """The rooms beside a sessions folder: `<sessions>/rooms/<id>/`."""

    def __init__(self, sessions_root: Path) -> None:
        self.root = Path(sessions_root) / ROOMS

    def create(
        self,
        title: str,
        seats: int,
        words: tuple[str, ...],
        language: str = "nl",
        welcome: str = "",
        min_group: int = MIN_GROUP,
        follows: Mapping[str, Session] | None = None,
    ) -> tuple[RoomFolder, list[str]]:
        """A new room with `seats` seats, each with an empty session; returns it and the codes, in seat order.

        The codes exist only in what this returns: the room keeps their hashes. `min_group`:
        how many seats must have answered an item before anyone sees its counts. `follows`:
        label → last year's session that seat's session follows up (see tui.room.succession).
        """
        if not 1 <= seats <= MAX_SEATS:
            raise ValueError(f"a room has 1 to {MAX_SEATS} seats")
        ensure_private_dir(self.root.parent, may_be_link=True)
        ensure_private_dir(self.root)
        while True:
            room_id = "".join(secrets.choice(ID_LETTERS) for _ in range(6))
            folder = self.root / room_id
            if not folder.exists():
                break
        ensure_private_dir(folder)
        codes = make_codes(seats, words)
        salt = new_salt()
        store = SessionStore(folder / SEATS)
        records = []
        for label, code in zip(seat_labels(seats), codes, strict=True):
            stored = store.create(f"{title} · {label}", language, follows=(follows or {}).get(label))
            records.append(Seat(label=label, code_hash=hash_code(code, salt), file=stored.path.name))
        room = Room(
            id=room_id,
            title=title,
            welcome=welcome,
            language="en" if language == "en" else "nl",
            min_group=min_group,
            created=now(),
            salt=salt,
            seats=records,
        )
        opened = RoomFolder(folder, room)
        opened.save()
        return opened, codes

    def all(self) -> list[RoomFolder]:
        """Every readable room, newest first (unreadable ones are left out here; `find` names them)."""
        rooms: list[RoomFolder] = []
        try:
            entries = sorted(self.root.iterdir())
        except OSError:
            return rooms
        for entry in entries:
            try:
                rooms.append(RoomFolder(entry, read_room(entry / ROOM_FILE)))
            except SessionFileError:
                continue
        rooms.sort(key=lambda r: r.room.created, reverse=True)
        return rooms

    def find(self, ref: str) -> RoomFolder:
        """The room named by its id, the start of its id, or its title."""
        rooms = self.all()
        for matches in (
            [r for r in rooms if r.room.id == ref],
            [r for r in rooms if ref and r.room.id.startswith(ref)],
            [r for r in rooms if same_text(r.room.title, ref)],
        ):
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                names = ", ".join(r.room.id for r in matches)
                raise RoomNotFound(
                    f"{ref!r} matches more than one room: {names}",
                    Reason("cli.not_found.rooms", {"ref": ref, "names": names}),
                )
        raise RoomNotFound(
            f"no room {ref!r} in {self.root}", Reason("cli.not_found.room", {"ref": ref, "folder": str(self.root)})
        )
