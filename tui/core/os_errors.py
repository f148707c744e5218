"""A failed file operation in words: the errors people meet, each with a sentence in the interface's language."""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING

from tui.core.reason import Reason

if TYPE_CHECKING:
    from tui.content.i18n import Strings


OS_ERRORS = {
    errno.ENOSPC: "ENOSPC",
    errno.EDQUOT: "EDQUOT",
    errno.EROFS: "EROFS",
    errno.EACCES: "EACCES",
    errno.EPERM: "EACCES",
    errno.ENAMETOOLONG: "ENAMETOOLONG",
    errno.ENOTDIR: "ENOTDIR",
    errno.EEXIST: "EEXIST",
    errno.EISDIR: "EISDIR",
    errno.ELOOP: "ELOOP",
    errno.ENOENT: "ENOENT",
}
"""Errors people meet, each with a sentence in the interface's language ('oserror.*')."""


def os_error_reason(error: OSError) -> Reason:
    """What happened in a failed file operation and what to do, in no language yet."""
    name = OS_ERRORS.get(error.errno or 0)
    return Reason(f"oserror.{name}") if name else Reason.plain(error.strerror or str(error))


def describe_os_error(error: OSError, strings: Strings) -> str:
    """One plain line for a failed file operation, in the language of `strings`."""
    return os_error_reason(error).text(strings)
