"""What happens after an unexpected error: a log without the user's text, and a plain message."""

from __future__ import annotations

import os
import time
import traceback
from pathlib import Path

from tui.core.errors import UserFileError
from tui.core.files import CLOEXEC, NOFOLLOW, PRIVATE_FILE, ensure_private_dir


class Crashed(Exception):
    """Shown instead of a traceback: where the answers are and where the log is."""

    def __init__(self, sessions: str, log: Path | None) -> None:
        self.sessions = sessions
        self.log = log
        super().__init__("samenwerken stopped after an unexpected error")

    def __rich__(self) -> str:
        where = f"Details (without your text): {self.log}" if self.log else "No log could be written."
        return (
            "samenwerken stopped after an unexpected error.\n"
            f"Everything you answered was saved as you went, in {self.sessions}.\n{where}"
        )


def write_crash_log(folder: Path, error: BaseException) -> Path | None:
    """Write the error's type and code path (no messages, no variables) to a private log."""
    frames = traceback.extract_tb(error.__traceback__)
    lines = [f"{time.strftime('%Y-%m-%d %H:%M:%S')} {type(error).__module__}.{type(error).__qualname__}"]
    lines += [f'  File "{f.filename}", line {f.lineno}, in {f.name}' for f in frames]
    try:
        logs = folder / ".logs"
        ensure_private_dir(logs)
        path = logs / f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | NOFOLLOW | CLOEXEC, PRIVATE_FILE)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
        return path
    except (OSError, UserFileError):  # no log rather than one written through a link
        return None
