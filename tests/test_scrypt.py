"""The codes' scrypt: libsodium's when PyNaCl is there, hashlib's otherwise, and always the same bytes."""

from __future__ import annotations

import builtins
import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.room import make_room
from tui.room import scrypt as scrypt_module
from tui.room.codes import SCRYPT, hash_code, seat_for_code

RFC_KEY = bytes.fromhex(
    "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
    "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887"
)
"""RFC 7914, section 12: "pleaseletmein" with salt "SodiumChloride", N = 16384 (the codes' cost), r = 8, p = 1."""


@pytest.fixture
def fresh_kdf() -> Iterator[None]:
    scrypt_module.kdf.cache_clear()
    yield
    scrypt_module.kdf.cache_clear()


def test_the_room_extra_brings_libsodium_and_the_codes_use_it(fresh_kdf: None) -> None:
    import nacl.hashlib

    assert scrypt_module.kdf() is nacl.hashlib.scrypt


def test_both_implementations_give_the_rfc_test_vector() -> None:
    import nacl.hashlib

    for kdf in (nacl.hashlib.scrypt, hashlib.scrypt):
        assert kdf(b"pleaseletmein", salt=b"SodiumChloride", n=16384, r=8, p=1, dklen=64) == RFC_KEY


@settings(max_examples=15, deadline=None)
@given(code=st.text(max_size=60), salt=st.binary(min_size=16, max_size=16))
def test_a_code_hashes_to_the_same_bytes_with_either(code: str, salt: bytes) -> None:
    import nacl.hashlib

    password = code.encode()
    assert nacl.hashlib.scrypt(password, salt=salt, **SCRYPT) == hashlib.scrypt(password, salt=salt, **SCRYPT)


def test_without_pynacl_hashlib_is_used_and_a_room_made_with_libsodium_still_opens(
    tmp_path: Path, fresh_kdf: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, codes = make_room(tmp_path, seats=2)
    assert scrypt_module.kdf().__module__ == "nacl.hashlib"  # the room was made with libsodium's
    scrypt_module.kdf.cache_clear()
    real_import = builtins.__import__

    def no_nacl(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "nacl" or name.startswith("nacl."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_nacl)
    for module in [m for m in sys.modules if m == "nacl" or m.startswith("nacl.")]:
        monkeypatch.delitem(sys.modules, module)
    assert scrypt_module.kdf() is hashlib.scrypt
    assert seat_for_code(folder.room, codes[1]) == "B"
    assert hash_code(codes[0], folder.room.salt) == folder.room.seats[0].code_hash
