"""The room's SSH host key: made on the first serve, kept private beside room.toml."""

from __future__ import annotations

from pathlib import Path

import asyncssh

from tui.core.files import write_new_private


def ensure_host_key(path: Path) -> asyncssh.SSHKey:
    """The room's host key: made on the first serve, kept 0600 beside room.toml."""
    if not path.exists():
        key = asyncssh.generate_private_key("ssh-ed25519")
        write_new_private(path, key.export_private_key())
    return asyncssh.read_private_key(str(path))


def fingerprint(key: asyncssh.SSHKey) -> str:
    return str(key.get_fingerprint("sha256"))
