"""The one way an export reaches the disk: where it goes, whether it may replace, how it is written.

The command line (`-o FILE`), the app (the sessions folder's exports/), the screens and the
room all deliver through here. The caller does the asking: the command line's `--force` or
its question, the app's confirmation dialog. A first attempt without permission raises
`ExportExists`; after a yes, the caller delivers again with `replace=True`.

A link, folder, FIFO, device or socket is never written through or replaced. An existing
file is opened without following links and its type checked on the opened descriptor; the
new bytes go to a private temporary file beside it and are renamed over, so a crash leaves
the old file or the new one, never half. Every failure is a `UserFileError` with a Reason,
which the caller words in the user's language (`error.text(strings)`).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from tui.core.errors import UnsafePath, UserFileError
from tui.core.files import CLOEXEC, NOFOLLOW, ensure_private_dir, refuse_unless_regular, write_atomic
from tui.core.os_errors import os_error_reason
from tui.core.reason import Reason
from tui.session.store import EXPORTS

__all__ = ["ExportExists", "NotDelivered", "deliver_file", "export_target"]


class ExportExists(UserFileError):
    """The target is a regular file and the caller did not allow replacing it: nothing was written."""


class NotDelivered(UserFileError):
    """The file system refused the write (full disk, no permission, no such folder, …)."""


def export_target(root: Path, name: str) -> Path:
    """Where the app puts an export: `name` in the sessions folder's private exports/ (made if missing).

    Raises UnsafePath when exports/ is a link, a file or someone else's; NotDelivered when it cannot be made.
    """
    folder = root / EXPORTS
    try:
        ensure_private_dir(folder)
    except OSError as error:
        raise NotDelivered(folder, "", os_error_reason(error)) from None
    return folder / name


def deliver_file(path: Path, data: bytes, *, replace: bool = False) -> Path:
    """Write `data` to `path`: a new file, or a regular file replaced when `replace` allows it.

    The file is private (0600), like the sessions. Raises ExportExists (no permission to
    replace), UnsafePath (a link, folder, FIFO, device or socket: refused) or NotDelivered.
    """
    try:
        if _is_regular_file(path) and not replace:
            raise ExportExists(path, "", Reason("file.exists"))
        if not path.parent.is_dir():
            raise NotDelivered(path.parent, "", Reason("oserror.ENOENT"))
        write_atomic(path, data)
    except UserFileError:
        raise
    except OSError as error:  # name the file asked for, not the temporary one beside it
        raise NotDelivered(path, "", os_error_reason(error)) from None
    return path


def _is_regular_file(path: Path) -> bool:
    """True for an existing regular file, False when nothing is there; UnsafePath for anything else.

    The type is read from the opened file (opened without following a link, without
    blocking on a FIFO), and must be the same file the name showed a moment before.
    """
    try:
        named = os.lstat(path)
    except FileNotFoundError:
        return False
    refuse_unless_regular(path, named)  # a device or FIFO is never opened: opening one can have effects
    try:
        fd = os.open(path, os.O_RDONLY | NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | CLOEXEC)
    except PermissionError:
        return True  # a file of ours we may not read: still a regular file, replaced by a rename
    except OSError as error:
        if error.errno == errno.ELOOP:  # swapped for a link since lstat
            raise UnsafePath(path, "", Reason("file.link")) from None
        raise
    try:
        opened = os.fstat(fd)
    finally:
        os.close(fd)
    refuse_unless_regular(path, opened)
    if (opened.st_dev, opened.st_ino) != (named.st_dev, named.st_ino):
        raise UnsafePath(path, "", Reason("file.swapped"))
    return True
