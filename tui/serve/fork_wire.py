"""What the room's server and its seats' warm parent (`tui.cli.zygote`) say to each other.

One message is one packet on a Unix socket pair (SOCK_SEQPACKET keeps packets whole):
a 4-byte big-endian length, then that many bytes of UTF-8 JSON holding one object,
and at most one descriptor beside it (SCM_RIGHTS: a seat's pseudo-terminal, or the
pidfd of a seat's process). Nothing else: no pickle, no code. Both ends check every
message; a message that is too long, cut short or not an object is dropped.
"""

from __future__ import annotations

import json
import socket
import struct

MAX_MESSAGE = 4096
"""Bytes in one packet, length included: a request or an answer is a few hundred."""
LABEL_MAX = 32
TERM_MAX = 63
HOST_MAX = 255


def pack(message: dict[str, object]) -> bytes:
    data = json.dumps(message, separators=(",", ":")).encode()
    packet = struct.pack(">I", len(data)) + data
    if len(packet) > MAX_MESSAGE:
        raise ValueError("message too long")
    return packet


def unpack(packet: bytes) -> dict[str, object] | None:
    """The object in `packet`, or None when it is not one well-formed message."""
    if len(packet) < 4 or len(packet) > MAX_MESSAGE:
        return None
    (length,) = struct.unpack(">I", packet[:4])
    if length != len(packet) - 4:
        return None
    try:
        message = json.loads(packet[4:].decode())
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    return message if isinstance(message, dict) else None


def receive(sock: socket.socket) -> tuple[dict[str, object] | None, list[int], bool]:
    """One packet: its message (None if malformed), the descriptors that came with it, and False at the end.

    Every descriptor received is the caller's to close, also those of a malformed message.
    """
    data, fds, flags, _ = socket.recv_fds(sock, MAX_MESSAGE + 1, 2)
    if not data and not fds:
        return None, [], False
    if flags & (socket.MSG_TRUNC | socket.MSG_CTRUNC):
        return None, fds, True
    return unpack(data), fds, True


def text(value: object, most: int) -> str | None:
    """`value` when it is a printable string of at most `most` characters."""
    if isinstance(value, str) and 0 < len(value) <= most and value.isprintable():
        return value
    return None


def port(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 65536:
        return value
    return None
