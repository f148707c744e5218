"""The error types for problems in files people edit or keep.

Each names the file, where in it, and what is wrong, so the command line can
print one line and the app can show one notification: never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.content.i18n import Strings
    from tui.core.reason import Reason


class UserFileError(Exception):
    """A file the user (or an editor of the content) owns is not as it must be.

    `problem` may be a Reason: then the interface words it in its own language
    (`text(strings)`), and `problem` (and `str(error)`) keep the English, for logs.
    A plain string problem is shown as it is.
    """

    def __init__(self, path: Path | str, where: str, problem: str | Reason) -> None:
        self.path = str(path)
        self.where = where
        self.reason: Reason | None = problem if not isinstance(problem, str) else None
        self.problem = problem if isinstance(problem, str) else str(problem)
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f" ({self.where})" if self.where else ""
        return f"{self.path}{where}: {self.problem}"

    def why(self) -> Reason:
        """What is wrong (where in the file, and the problem), without the file's name."""
        from tui.core.reason import Reason

        problem = self.reason if self.reason is not None else Reason.plain(self.problem)
        return Reason("file.where", {"where": self.where, "problem": problem}) if self.where else problem

    def text(self, strings: Strings) -> str:
        """The whole line (file, where, problem) in the language of `strings`."""
        from tui.core.reason import Reason

        return Reason("file.line", {"path": self.path, "why": self.why()}).text(strings)


class ContentError(UserFileError):
    """A file under content/ is broken: the app cannot show the note or the tool."""


class SessionFileError(UserFileError):
    """A session file cannot be read (or safely written); it is left untouched."""


class SessionNotFound(Exception):
    """No session matches what the user asked for.

    The message is English, for logs. `reason` words it in the interface's language;
    every store gives one (`tui.cli.output.not_found` shows it).
    """

    def __init__(self, message: str, reason: Reason | None = None) -> None:
        super().__init__(message)
        self.reason = reason


class UnsafePath(UserFileError):
    """A path the app would write through is a link, not a folder, or someone else's: refused."""


class ChangedOnDisk(SessionFileError):
    """The session file changed since this editor read or wrote it: it is not overwritten."""


class LimitExceeded(ValueError):
    """A text or list is longer than a session file may hold; nothing was changed."""


class OpenElsewhere(SessionFileError):
    """The session is open for writing in another window; `holder` says which (pid and host)."""

    def __init__(self, path: str, holder: str) -> None:
        from tui.core.reason import Reason

        super().__init__(path, "", Reason("error.open_elsewhere", {"holder": holder}))
        self.holder = holder
