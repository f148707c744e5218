"""Addresses as the person serving a room or a browser tab thinks of them."""

from __future__ import annotations

import ipaddress
import socket


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (then no warning about the network is needed)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def shown_host(host: str) -> str:
    """The address others type: this machine's name when serving on every address."""
    return socket.gethostname() if host in ("0.0.0.0", "::", "") else host
