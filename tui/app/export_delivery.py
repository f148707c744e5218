"""The app's side of delivering an export: where the user is, asking before replacing, saying how it went.

A browser tab gets a download; a terminal gets a file in the sessions folder's exports/,
written by the delivery service (`tui.session.delivery`). An existing file is replaced
only after a yes in the confirmation dialog. Every failure is said in the app's language;
the screens only ask the app to export and never touch a file.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.errors import UserFileError
from tui.core.os_errors import os_error_reason
from tui.session.delivery import ExportExists, deliver_file, export_target

if TYPE_CHECKING:
    from tui.app.exporting import ExportingApp


def refuse_in_a_seat(app: ExportingApp) -> None:
    """A room seat's app runs on the facilitator's machine: it writes no export there (see `take_home`)."""
    import errno

    if app.room_seat is not None:
        raise PermissionError(errno.EPERM, "a seat's export is never written on the facilitator's machine")


def write_export_file(app: ExportingApp, name: str, data: bytes) -> Path:
    """`name` written into exports/, replacing an earlier file of that name.

    Raises UserFileError when it cannot be, PermissionError in a room seat.
    """
    refuse_in_a_seat(app)
    return deliver_file(export_target(app.store.root, name), data, replace=True)


def hand_over(app: ExportingApp, name: str, data: bytes, text: str | None = None) -> None:
    """An export where the user is: a download in a browser tab, else a file in exports/. Says how it went.

    `text`, when given, is the same export as text (a browser saves it as UTF-8).
    """
    try:
        refuse_in_a_seat(app)
    except PermissionError as error:
        app.say(app.strings("export.failed", reason=os_error_reason(error).text(app.strings)), severity="error")
        return
    if app.is_web:
        if text is not None:
            app.deliver_text(io.StringIO(text), save_filename=name, encoding="utf-8")
        else:
            app.deliver_binary(io.BytesIO(data), save_filename=name)
        app.say(app.strings("web.downloaded", name=name), timeout=10)
        return
    try:
        path = export_target(app.store.root, name)
    except UserFileError as error:
        _failed(app, error)
        return
    _deliver(app, path, data, replace=False)


def _deliver(app: ExportingApp, path: Path, data: bytes, replace: bool) -> None:
    """Write the file; an existing one is replaced only after the user said yes."""
    from tui.app.screens.dialogs import Confirm

    try:
        deliver_file(path, data, replace=replace)
    except ExportExists:

        def answered(yes: bool | None) -> None:
            if yes:
                _deliver(app, path, data, replace=True)
            else:
                app.say(app.strings("export.not_replaced", path=str(path)), timeout=10)

        app.push_screen(Confirm(app.strings("export.replace_ask", path=str(path))), answered)
        return
    except UserFileError as error:
        _failed(app, error)
        return
    app.say(app.strings("export.done", path=str(path)), timeout=10)


def _failed(app: ExportingApp, error: UserFileError) -> None:
    app.say(app.strings("export.failed", reason=error.text(app.strings)), severity="error")
