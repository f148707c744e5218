"""Closing a room: its agreements become next steps in every seat's session.

So a later `samenwerken new --from SEAT` carries them on. Closing again is
harmless: a step already there (same text) is not added twice, and a seat that
was busy the first time gets its steps now.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.core.errors import LimitExceeded, SessionFileError
from tui.room.store import RoomFolder
from tui.session.editor import SaveFailed, SessionEditor
from tui.session.model import now


@dataclass
class Closed:
    updated: int = 0
    """Seats whose session got the agreements (or had them already)."""
    busy: list[str] = field(default_factory=list)
    """Seats whose session is open elsewhere or unreadable: run `room close` again later."""


def close(folder: RoomFolder) -> Closed:
    """Mark the room closed and copy its agreements; call while holding the room's lock."""
    room = folder.reload()
    result = Closed()
    store = folder.seat_store()
    for seat in room.seats:
        try:
            editor = SessionEditor(store, store.load(folder.seat_path(seat.label)))
        except SessionFileError:
            result.busy.append(seat.label)
            continue
        try:
            if editor.read_only:
                result.busy.append(seat.label)
                continue
            have = {step.text for step in editor.session.next_steps}
            for agreement in room.agreements:
                if agreement.text not in have:
                    editor.add_step(agreement.text, agreement.who, agreement.when)
            result.updated += 1
        except (SaveFailed, LimitExceeded):
            result.busy.append(seat.label)
        finally:
            editor.close()
    if room.closed is None:
        room.closed = now()
    folder.save()
    return result
