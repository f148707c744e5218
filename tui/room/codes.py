"""Personal codes: easy to say aloud, stored only as hashes, checked in constant time.

A code is three different words and a number from 10 to 99 (kaas-molen-fiets-42):
with the 277 words of content/room_words.toml about 2^30.8 codes, so guessing one,
slowed by the door's gate, is hopeless. Rooms made with two-word codes keep
working: only hashes are stored, and `normalise` accepts any number of parts.
"""

from __future__ import annotations

import hmac
import math
import re
import secrets
from collections.abc import Sequence

from tui.room.model import Room
from tui.room.scrypt import scrypt

SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
"""About 30 to 45 ms per check here: cheap for one login, costly for guessing (`tui.room.scrypt`)."""


def new_salt() -> str:
    return secrets.token_hex(16)


WORDS_PER_CODE = 3
NUMBERS = 90
"""Two digits: 10 to 99."""


def code_bits(word_count: int) -> float:
    """How many bits a code carries: three different words out of `word_count`, then two digits."""
    choices = NUMBERS
    for n in range(WORDS_PER_CODE):
        choices *= max(word_count - n, 1)
    return math.log2(choices)


def make_codes(count: int, words: Sequence[str]) -> list[str]:
    """`count` different codes like kaas-molen-fiets-42, from a cryptographic random source."""
    codes: list[str] = []
    while len(codes) < count:
        chosen = [secrets.choice(words) for _ in range(WORDS_PER_CODE)]
        code = "-".join([*chosen, str(secrets.randbelow(NUMBERS) + 10)])
        if len(set(chosen)) == WORDS_PER_CODE and code not in codes:
            codes.append(code)
    return codes


def normalise(code: str) -> str:
    """What was typed, as it was handed out: case, spaces and the dash's look do not matter."""
    return re.sub(r"[\s_\-–—]+", "-", code.strip().lower()).strip("-")


def hash_code(code: str, salt: str) -> str:
    return scrypt(normalise(code).encode(), salt=bytes.fromhex(salt), **SCRYPT).hex()


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
