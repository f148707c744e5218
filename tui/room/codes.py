"""Personal codes: easy to say aloud, stored only as hashes, checked in constant time."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Sequence

from tui.room.model import Room

SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
"""About 30 ms per check here: cheap for one login, costly for guessing."""


def new_salt() -> str:
    return secrets.token_hex(16)


def make_codes(count: int, words: Sequence[str]) -> list[str]:
    """`count` different codes like kaas-molen-42, from a cryptographic random source."""
    codes: list[str] = []
    while len(codes) < count:
        first, second = secrets.choice(words), secrets.choice(words)
        code = f"{first}-{second}-{secrets.randbelow(90) + 10}"
        if first != second and code not in codes:
            codes.append(code)
    return codes


def normalise(code: str) -> str:
    """What was typed, as it was handed out: case, spaces and the dash's look do not matter."""
    return re.sub(r"[\s_\-–—]+", "-", code.strip().lower()).strip("-")


def hash_code(code: str, salt: str) -> str:
    return hashlib.scrypt(normalise(code).encode(), salt=bytes.fromhex(salt), **SCRYPT).hex()


def seat_for_code(room: Room, code: str) -> str | None:
    """The label of the seat whose code this is, or None.

    One hash, then a constant-time comparison with every seat's hash: how long it
    takes says nothing about which seat, or how much of a code, was right.
    """
    if len(code) > 200:
        return None
    typed = bytes.fromhex(hash_code(code, room.salt))
    found: str | None = None
    for seat in room.seats:
        if hmac.compare_digest(typed, bytes.fromhex(seat.code_hash)):
            found = seat.label
    return found
