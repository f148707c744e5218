"""Votes on what to discuss: each seat marks up to three items, in a small file of its own.

rooms/<id>/votes/A.toml   seat A's marks: `items = ["id", …]`

A seat never writes room.toml, so its votes live beside its session, written only
by that seat's app (atomically, like its answers). The board reads them all and
counts them per item, without names: only the totals leave this module.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import tomli_w

from tui.core.files import ensure_private_dir, read_limited, write_atomic
from tui.room.store import RoomFolder

VOTES = "votes"
MAX_VOTES = 3
MAX_VOTES_BYTES = 4096


class TooManyVotes(Exception):
    """The seat has marked MAX_VOTES items already."""


def votes_path(folder: RoomFolder, label: str) -> Path:
    folder.room.seat(label)  # a seat of this room (its label is a safe file name), or KeyError
    return folder.path / VOTES / f"{label}.toml"


def read_votes(folder: RoomFolder, label: str) -> list[str]:
    """The seat's marked item ids, in the order marked; nothing for a missing or broken file."""
    try:
        raw, _ = read_limited(votes_path(folder, label), MAX_VOTES_BYTES)
        data = tomllib.loads(raw.decode("utf-8"))
    except (OSError, ValueError, KeyError):
        return []
    items = data.get("items")
    if not isinstance(items, list):
        return []
    marked: list[str] = []
    for item in items:
        if isinstance(item, str) and item not in marked and len(item) <= 200:
            marked.append(item)
    return marked[:MAX_VOTES]


def toggle_vote(folder: RoomFolder, label: str, item_id: str) -> bool:
    """Mark the item, or take the mark away; True when it is marked now. TooManyVotes past three."""
    marked = read_votes(folder, label)
    if item_id in marked:
        marked.remove(item_id)
        now_marked = False
    elif len(marked) >= MAX_VOTES:
        raise TooManyVotes
    else:
        marked.append(item_id)
        now_marked = True
    path = votes_path(folder, label)
    ensure_private_dir(path.parent)
    write_atomic(path, tomli_w.dumps({"items": marked}).encode())
    return now_marked


def count_votes(folder: RoomFolder, item_ids: list[str]) -> dict[str, int]:
    """Per item of the tool, how many seats marked it (items nobody marked are left out)."""
    known = set(item_ids)
    totals: dict[str, int] = {}
    for seat in folder.room.seats:
        for item_id in read_votes(folder, seat.label):
            if item_id in known:
                totals[item_id] = totals.get(item_id, 0) + 1
    return totals
