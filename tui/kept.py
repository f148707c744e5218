"""Files kept between runs in the user's cache folder: private, written whole, never a problem.

What lives there can always be made again (see `tui.paths.cache_dir`), so a file that
cannot be read is treated as absent and a folder that cannot be written as no cache.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from tui.paths import owned_by_user


def read_kept(path: Path) -> bytes | None:
    """The file's bytes; None when it is missing, cannot be read, or others could have written it.

    Only a file (and folder) of this user that nobody else may write is trusted: what is
    kept may be a pickle, which runs code when read.
    """
    try:
        for place in (path.parent, path):
            info = os.stat(place)
            if not owned_by_user(info) or info.st_mode & 0o022:
                return None
        return path.read_bytes()
    except OSError:
        return None


def write_kept(path: Path, data: bytes) -> bool:
    """Write `data` atomically (a new 0600 file renamed over the old, in a 0700 folder); False when it cannot."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
        return True
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        return False
