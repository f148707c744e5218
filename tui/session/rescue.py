"""Rescue copies: where answers go when the session file cannot take them.

When a save keeps failing (a full disk, a file changed beyond merging) and the
user quits anyway, or the terminal hangs up, the session as it is in memory is
written, private (0600), to the first of several folders that takes it. The
next start looks in the same folders and says what it found and where.
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path

from tui.core.errors import UserFileError
from tui.core.files import ensure_private_dir, write_new_private
from tui.core.paths import owned_by_user
from tui.session.model import Session

RESCUE = ".rescue"


def rescue_folders(sessions_root: Path) -> list[Path]:
    """Places to try, most durable first: the user's state folder, the sessions folder, temp, home."""
    from tui.core.paths import state_dir

    uid = getattr(os, "getuid", lambda: 0)()
    return [
        state_dir() / "rescue",
        sessions_root / RESCUE,
        Path(tempfile.gettempdir()) / f"samenwerken-{uid}" / "rescue",
        Path.home() / "samenwerken-rescue",
    ]


def rescue_bytes(session: Session) -> bytes:
    """The session as TOML; without the read-back check if that is what failed."""
    import tomli_w  # here: `list` looks for rescue copies and writes none

    from tui.session import codec

    try:
        return codec.dump(session)
    except UserFileError:
        import tomli_w

        return tomli_w.dumps(session.model_dump(mode="python", exclude_none=True, by_alias=True)).encode(
            "utf-8", "replace"
        )


def write_rescue(session: Session, sessions_root: Path) -> Path:
    """Write a rescue copy to the first folder that takes it; OSError when none does."""
    data = rescue_bytes(session)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    problems: list[str] = []
    for folder in rescue_folders(sessions_root):
        path = folder / f"{session.id}-{stamp}-{os.getpid()}.toml"
        try:
            ensure_private_dir(folder)
            write_new_private(path, data)
        except (OSError, UserFileError) as error:
            problems.append(f"{folder}: {error}")
            continue
        return path
    raise OSError("no folder could take a rescue copy (" + "; ".join(problems) + ")")


def find_rescues(sessions_root: Path) -> list[Path]:
    """Rescue copies left by earlier runs, oldest first (only in real folders of the user's own)."""
    found: list[Path] = []
    for folder in rescue_folders(sessions_root):
        try:
            info = os.lstat(folder)
            if not stat.S_ISDIR(info.st_mode) or not owned_by_user(info):  # a link is not a folder here
                continue
            found += [
                folder / name for name in os.listdir(folder) if name.endswith(".toml") and not name.startswith(".")
            ]
        except OSError:
            continue
    return sorted(found, key=lambda p: p.name)


def is_rescue(path: Path, sessions_root: Path) -> bool:
    """True when `path` is a rescue copy in one of the rescue folders."""
    real = Path(os.path.realpath(path.parent))
    return any(real == Path(os.path.realpath(folder)) for folder in rescue_folders(sessions_root))
