"""The meeting's phases: answering → reveal → discussion → agreements, and the optional timer.

What a seat may see follows the phase: while answering no group counts at all;
in reveal only those of the parts the facilitator revealed; in discussion and
agreements the item under discussion, as before phases existed.

room.toml has one writer (the process holding its lock: the board, a headless
room, or `room phase` when nobody serves). So `room phase` from another terminal
leaves a request beside it, `phase-request.toml`, which the serving process takes
and applies within a second; nobody else ever writes room.toml.
"""

from __future__ import annotations

import contextlib
import math
import os
import tomllib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import tomli_w

from tui.core.files import read_limited, write_atomic
from tui.room.model import PHASES, Phase, Room
from tui.room.store import RoomFolder

if TYPE_CHECKING:
    from tui.content.i18n import Strings

REQUEST_FILE = "phase-request.toml"
MAX_REQUEST_BYTES = 4096
MAX_TIMER_MINUTES = 24 * 60.0
"""A day: a meeting's timer is minutes, not weeks."""

ALIASES: dict[str, Phase] = {
    "antwoorden": "answering",
    "tonen": "reveal",
    "onthullen": "reveal",
    "resultaten": "reveal",
    "bespreken": "discussion",
    "gesprek": "discussion",
    "afspraken": "agreements",
    "answer": "answering",
    "results": "reveal",
    "discuss": "discussion",
}
"""Dutch (and a few English) words `room phase` accepts beside the four ids."""


def phase_named(text: str) -> Phase | None:
    """The phase a typed name means ('reveal', 'tonen', 'Bespreken'), or None."""
    name = text.strip().lower()
    for phase in PHASES:
        if name == phase:
            return phase  # type: ignore[return-value]
    return ALIASES.get(name)


def stepped(phase: Phase, by: int) -> Phase:
    """The phase `by` steps on (or back), staying within the four."""
    index = min(max(PHASES.index(phase) + by, 0), len(PHASES) - 1)
    return PHASES[index]  # type: ignore[return-value]


def set_phase(room: Room, phase: Phase, at: datetime, minutes: float | None = None) -> None:
    """Move the room to `phase`, with a timer of `minutes` from `at` or none.

    Back to answering hides every part again: what the group saw is taken back with it.
    """
    room.phase = phase
    room.phase_ends = at + timedelta(minutes=minutes) if minutes is not None else None
    if phase == "answering":
        room.revealed_parts = []
        room.shown_part = None


def toggle_part(room: Room, part_id: str) -> bool:
    """Reveal a part and show it; a revealed part not shown is shown; the shown part is hidden again.

    Returns whether the part is revealed now.
    """
    if part_id not in room.revealed_parts:
        room.revealed_parts = [*room.revealed_parts, part_id]
        room.shown_part = part_id
        return True
    if room.shown_part != part_id:
        room.shown_part = part_id
        return True
    room.revealed_parts = [p for p in room.revealed_parts if p != part_id]
    room.shown_part = room.revealed_parts[-1] if room.revealed_parts else None
    return False


def seats_see(room: Room, part_id: str) -> bool:
    """Whether the seats may see the counts of an item in this part now."""
    if room.phase == "answering":
        return False
    if room.phase == "reveal":
        return part_id in room.revealed_parts
    return True


def seconds_left(room: Room, at: datetime) -> int | None:
    """Whole seconds until the timer ends (0 once it has), or None without a timer."""
    if room.phase_ends is None:
        return None
    return max(0, math.ceil((room.phase_ends - at).total_seconds()))


def countdown(seconds: int) -> str:
    """'14:59', or '1:02:03' past the hour."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def phase_line(room: Room, strings: Strings, at: datetime) -> str:
    """'Fase 2 van 4: resultaten tonen · nog 12:34', as the board and every seat show it."""
    line = strings(
        "phase.line", n=PHASES.index(room.phase) + 1, total=len(PHASES), phase=strings(f"phase.{room.phase}")
    )
    left = seconds_left(room, at)
    if left is not None:
        line += " · " + (strings("phase.time_left", time=countdown(left)) if left else strings("phase.time_up"))
    return line


def reveal_mark(room: Room, part_id: str) -> str:
    """'✓ ' before a revealed part on the board while revealing ('  ' before the others); '' in other phases."""
    if room.phase != "reveal":
        return ""
    return "✓ " if part_id in room.revealed_parts else "  "


# the request `room phase` leaves for the serving process ------------------------------------


@dataclass(frozen=True)
class PhaseRequest:
    phase: Phase
    minutes: float | None = None
    part: str | None = None
    """A part to reveal and show (reveal only)."""


def valid_minutes(value: object) -> float | None:
    """A timer's minutes if they are a sensible number, else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    minutes = float(value)
    return minutes if math.isfinite(minutes) and 0 < minutes <= MAX_TIMER_MINUTES else None


def request_path(folder: RoomFolder) -> os.PathLike[str]:
    return folder.path / REQUEST_FILE


def write_request(folder: RoomFolder, request: PhaseRequest) -> None:
    data: dict[str, object] = {"phase": request.phase}
    if request.minutes is not None:
        data["minutes"] = request.minutes
    if request.part is not None:
        data["part"] = request.part
    write_atomic(folder.path / REQUEST_FILE, tomli_w.dumps(data).encode())


def drop_request(folder: RoomFolder) -> None:
    with contextlib.suppress(OSError):
        os.unlink(folder.path / REQUEST_FILE)


def request_waiting(folder: RoomFolder) -> bool:
    return os.path.lexists(folder.path / REQUEST_FILE)


def read_request(folder: RoomFolder) -> PhaseRequest | None:
    """The waiting request, or None (none, or one that does not make sense: it is dropped then)."""
    path = folder.path / REQUEST_FILE
    if not os.path.lexists(path):
        return None
    try:
        raw, _ = read_limited(path, MAX_REQUEST_BYTES)
        data = tomllib.loads(raw.decode("utf-8"))
    except (OSError, ValueError):
        drop_request(folder)
        return None
    phase = phase_named(str(data.get("phase", "")))
    minutes = valid_minutes(data["minutes"]) if "minutes" in data else None
    part = data.get("part")
    if phase is None or ("minutes" in data and minutes is None) or not (part is None or isinstance(part, str)):
        drop_request(folder)
        return None
    return PhaseRequest(phase, minutes, part)


def apply_request(room: Room, request: PhaseRequest, at: datetime, part_ids: list[str]) -> None:
    """What `room phase` asked, done to the room (an unknown part is left out)."""
    set_phase(room, request.phase, at, request.minutes)
    if request.phase == "reveal" and request.part in part_ids:
        if request.part not in room.revealed_parts:
            room.revealed_parts = [*room.revealed_parts, request.part]
        room.shown_part = request.part


def take_request(folder: RoomFolder, at: datetime, part_ids: list[str]) -> bool:
    """Apply a waiting request, save the room, then remove the request; True when one was applied.

    Call while holding the room's lock. The request goes only once room.toml holds what it asked,
    so `room phase`, which waits for it to go, then reads the new phase. OSError when the room
    cannot be saved (the request stays, to be tried again).
    """
    request = read_request(folder)
    if request is None:
        return False
    apply_request(folder.room, request, at, part_ids)
    folder.save()
    drop_request(folder)
    return True
