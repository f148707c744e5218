"""Next year's room: `room new TITLE --from ROOM` follows a room up, seat by seat.

Each seat letter carries over. A seat's new session is an ordinary follow-up of its
session last year (`SessionStore.create(follows=…)`, as `samenwerken new --from`): its
context and open steps carry over, and so do the room's agreements, as steps (the way
`room close` hands them out, whether or not last year's room was closed). Last year's
seat sessions are copied into the new room's seats/ folder, so the walk finds each
seat's earlier answers by id and shows "Vorige keer", and the group report can show
last year's distribution beside this year's from the room alone.

Everything is read and checked before anything is made: a room that cannot be read, is
newer, or has a seat file that cannot be read, makes no new room at all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from tui.core.errors import SessionFileError
from tui.core.reason import Reason
from tui.room.model import MIN_GROUP, EarlierRoom, EarlierSeat, seat_labels
from tui.room.store import ROOM_FILE, RoomFolder, RoomStore, read_room
from tui.session import due
from tui.session.model import NextStep, Session
from tui.session.store import SessionStore


@dataclass(frozen=True)
class LastYear:
    """Last year's room as read, every seat's session with it (label → session, in seat order)."""

    folder: RoomFolder
    sessions: dict[str, Session]


def find_earlier(store: RoomStore, ref: str) -> RoomFolder:
    """The room `--from` names: one in this rooms folder (id, prefix, title), or a room's folder by path.

    A path that holds no room, or a newer or broken room file, raises SessionFileError.
    """
    if os.sep in ref or (os.altsep and os.altsep in ref):
        path = Path(os.path.abspath(ref))
        if path.name == ROOM_FILE:
            path = path.parent
        return RoomFolder(path, read_room(path / ROOM_FILE))
    return store.find(ref)


def read_last_year(folder: RoomFolder) -> LastYear:
    """Every seat's session of `folder`; a seat file that cannot be read raises SessionFileError naming the seat."""
    store = folder.seat_store()
    sessions: dict[str, Session] = {}
    for seat in folder.room.seats:
        path = folder.seats_dir / seat.file
        try:
            sessions[seat.label] = store.read(path)
        except SessionFileError as error:
            reason = Reason("file.room_from_seat", {"label": seat.label, "problem": error.why()})
            raise SessionFileError(str(path), "", reason) from None
    return LastYear(folder, sessions)


def carried(session: Session, folder: RoomFolder) -> Session:
    """Last year's session with the room's agreements added as open steps (a step already there is not doubled)."""
    copy = session.model_copy(deep=True)
    today = due.today()
    have = {step.text for step in copy.next_steps}
    for agreement in folder.room.agreements:
        if agreement.text not in have:
            found = due.parse_due(agreement.when, today)
            step = NextStep(
                text=agreement.text, who=agreement.who, when=agreement.when, due=found.date if found else None
            )
            copy.next_steps.append(step)
            have.add(agreement.text)
    return copy


def follow_room(
    store: RoomStore,
    last: LastYear,
    title: str,
    seats: int,
    words: tuple[str, ...],
    language: str = "nl",
    welcome: str = "",
    min_group: int = MIN_GROUP,
) -> tuple[RoomFolder, list[str]]:
    """A new room whose seats follow up `last`'s seats with the same letters; returns it and its new codes."""
    labels = seat_labels(seats)
    follows = {label: carried(last.sessions[label], last.folder) for label in labels if label in last.sessions}
    opened, codes = store.create(title, seats, words, language, welcome=welcome, min_group=min_group, follows=follows)
    seat_store = SessionStore(opened.seats_dir)
    copies: list[EarlierSeat] = []
    for seat in last.folder.room.seats:
        copy = seat_store.import_file(last.folder.seats_dir / seat.file)
        copies.append(EarlierSeat(label=seat.label, file=copy.path.name))
    earlier = last.folder.room
    opened.room.earlier = EarlierRoom(
        id=earlier.id, title=earlier.title, created=earlier.created, min_group=earlier.min_group, seats=copies
    )
    opened.save()
    return opened, codes
