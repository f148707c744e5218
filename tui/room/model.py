"""A room as it is kept on disk: its seats, what is open for discussion, its agreements."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from tui.session.model import as_aware, now

ROOM_SCHEMA_VERSION = 1
MIN_GROUP = 3
"""An item's counts are shown once this many seats answered it (a room may ask for more, or for 2)."""
MIN_GROUP_FLOOR = 2
"""Below two, counts would be one person's answer."""
PHASES = ("answering", "reveal", "discussion", "agreements")
"""The meeting's phases, in order; the facilitator moves between them (see tui.room.phases)."""
Phase = Literal["answering", "reveal", "discussion", "agreements"]


class RoomModel(BaseModel):
    """Room files are written by the app only; unknown keys are refused, never dropped.

    Validators are built when a room is first read (the command line imports this module for
    every command, to describe `room` in its help).
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


class Seat(RoomModel):
    """One participant's place: a letter on the board, a code's hash, a session file."""

    label: str = Field(pattern=r"^[A-Z]{1,2}$")
    code_hash: str = Field(pattern=r"^[0-9a-f]{64}$", description="scrypt of the personal code with the room's salt.")
    file: str = Field(pattern=r"^[a-z0-9][a-z0-9.-]*\.toml$", description="The seat's session file in seats/.")
    joined: datetime | None = Field(None, description="When the seat was first taken.")

    _local_time = field_validator("joined", mode="before")(as_aware)


class Agreement(RoomModel):
    """What the group agreed: what, who, by when (in the facilitator's words)."""

    text: str = Field(min_length=1, max_length=2000)
    who: str = Field("", max_length=200)
    when: str = Field("", max_length=200)
    at: datetime = Field(default_factory=now)

    _local_time = field_validator("at", mode="before")(as_aware)


class Discussion(RoomModel):
    """The item open for discussion and the group's answers to it, as counts only."""

    item: str
    counts: dict[str, int] = Field(default_factory=dict, description="'1'…'5' and 'nvt' → how many seats.")
    opened: datetime = Field(default_factory=now)

    _local_time = field_validator("opened", mode="before")(as_aware)


class EarlierSeat(RoomModel):
    """One seat of last year's room: its letter and the copy of its session in this room's seats/."""

    label: str = Field(pattern=r"^[A-Z]{1,2}$")
    file: str = Field(pattern=r"^[a-z0-9][a-z0-9.-]*\.toml$")


class EarlierRoom(RoomModel):
    """The room this one follows up (`room new --from`): last year's group, kept for comparing."""

    id: str = Field(pattern=r"^[a-z0-9]{4,16}$")
    title: str = Field(min_length=1, max_length=400)
    created: datetime
    min_group: int = Field(MIN_GROUP, ge=MIN_GROUP_FLOOR, le=1000)
    seats: list[EarlierSeat] = Field(default_factory=list, max_length=100)

    _local_time = field_validator("created", mode="before")(as_aware)


class Room(RoomModel):
    """The whole room file (room.toml)."""

    schema_version: int = ROOM_SCHEMA_VERSION
    id: str = Field(pattern=r"^[a-z0-9]{4,16}$")
    title: str = Field(min_length=1, max_length=400)
    welcome: str = Field("", max_length=2000, description="The facilitator's line on the participants' welcome.")
    language: Literal["nl", "en"] = "nl"
    min_group: int = Field(
        MIN_GROUP,
        ge=MIN_GROUP_FLOOR,
        le=1000,
        description="Counts, medians and spreads of an item are shown once this many seats answered it."
        " Rooms made before it existed get the default.",
    )
    created: datetime
    salt: str = Field(pattern=r"^[0-9a-f]{32}$")
    seats: list[Seat]
    discussion: Discussion | None = None
    agreements: list[Agreement] = Field(default_factory=list)
    closed: datetime | None = None
    phase: Phase = Field("answering", description="Rooms made before phases existed are answering.")
    phase_ends: datetime | None = Field(None, description="The phase's timer: shown as a countdown, it moves nobody.")
    revealed_parts: list[str] = Field(default_factory=list, max_length=100, description="Parts whose counts seats see.")
    shown_part: str | None = Field(None, max_length=100, description="The part the board and beamer show now.")
    revealed: dict[str, dict[str, int]] = Field(
        default_factory=dict,
        description="Counts of the revealed parts' items (only those at or above min_group), kept current by the"
        " serving process: the seats read them here, never the other seats' files.",
    )
    earlier: EarlierRoom | None = Field(None, description="Last year's room, when this one follows it up.")

    _local_times = field_validator("created", "closed", "phase_ends", mode="before")(as_aware)

    def seat(self, label: str) -> Seat:
        for seat in self.seats:
            if seat.label == label:
                return seat
        raise KeyError(label)


def seat_labels(count: int) -> list[str]:
    """A, B, … Z, then AA, AB, …: short letters for the board, never names."""
    letters = [chr(ord("A") + n) for n in range(26)]
    labels = letters + [a + b for a in letters for b in letters]
    return labels[:count]
