"""SHA-256 without starting OpenSSL when a start hashes only a few small texts.

Importing `hashlib` loads OpenSSL's digests (`_hashlib`) and tries each of them: about
0.5 MB of memory and 2 ms of every start that hashed anything (issue 24), where a start
hashes only its content's sources (170 kB) and a session file or two. CPython's own
SHA-256 gives the same digest; OpenSSL's is about ten times quicker, so once `hashlib`
is loaded anyway (a listing of thousands of files imports it) that one is used.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Protocol, cast


class Hash(Protocol):
    """What hashlib's and CPython's own hash objects both have."""

    def update(self, data: bytes, /) -> None: ...
    def digest(self) -> bytes: ...
    def hexdigest(self) -> str: ...


def _builtin() -> Callable[[bytes], Hash]:
    """CPython's own SHA-256 (`_sha256` in 3.11, `_sha2` from 3.12), else hashlib's."""
    try:
        from _sha256 import sha256  # type: ignore[import-not-found,unused-ignore]

        return cast(Callable[[bytes], Hash], sha256)
    except ImportError:
        pass
    try:
        from _sha2 import sha256 as sha2_256  # type: ignore[import-not-found,unused-ignore]

        return cast(Callable[[bytes], Hash], sha2_256)
    except ImportError:
        from hashlib import sha256 as openssl_256

        return openssl_256


_BUILTIN = _builtin()


def sha256(data: bytes = b"") -> Hash:
    """A SHA-256 hash object of `data` (`.update`, `.digest`, `.hexdigest`), as `hashlib.sha256(data)`."""
    loaded = sys.modules.get("hashlib")
    made: Hash = loaded.sha256(data) if loaded is not None else _BUILTIN(data)
    return made
