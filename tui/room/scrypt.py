"""scrypt by libsodium when PyNaCl is installed (the `room` extra), else by hashlib: the same bytes.

When sixty participants log in at once, a room's server is short of CPU, and each code's
scrypt check is nearly half of a login (issue 24). libsodium's scrypt gives exactly the
bytes of Python's hashlib (OpenSSL), with the same parameters, in about four fifths of
the time here. Nothing about the hash changes: rooms made with either one open with
the other.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache

Kdf = Callable[..., bytes]
"""hashlib.scrypt's signature: (password, *, salt, n, r, p, dklen) -> bytes."""


def scrypt(password: bytes, *, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    return kdf()(password, salt=salt, n=n, r=r, p=p, dklen=dklen)


@cache
def kdf() -> Kdf:
    """The implementation in use; loaded once (libsodium's takes about 30 ms to import: the server
    asks before its first login)."""
    try:
        import nacl.hashlib
    except ImportError:
        return hashlib.scrypt
    if not nacl.hashlib.SCRYPT_AVAILABLE:  # a libsodium built without it
        return hashlib.scrypt
    return nacl.hashlib.scrypt
