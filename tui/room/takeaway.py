"""`bewaar`: a participant takes their own reflection home, over the same SSH door.

    ssh -p 2222 regio@HOST bewaar    > mijn-reflectie.toml   # the seat's session file
    ssh -p 2222 regio@HOST bewaar md > mijn-reflectie.md     # its report, in Markdown

The one command the door runs beside the seat's app: read-only, no shell, no
arguments beyond the format. The TOML is the seat's session file as kept (so
`samenwerken new --from mijn-reflectie.toml` can follow it up next year); the
Markdown is what `samenwerken export --format md` writes, in the room's language.
No asyncssh and no Textual here: the door passes the command and sends the bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.session import codec
from tui.session.files import read_limited
from tui.session.limits import MAX_FILE_BYTES

if TYPE_CHECKING:
    from tui.room.store import RoomFolder

COMMAND = "bewaar"
FORMATS = {"": "toml", "toml": "toml", "md": "md"}
"""What may follow `bewaar`: nothing (the session file), `toml` (the same) or `md` (the report)."""


def takeaway_format(command: str) -> str | None:
    """The format `command` asks for ('toml' or 'md'), or None when it is not a `bewaar` command."""
    words = command.split()
    if not words or words[0] != COMMAND or len(words) > 2:
        return None
    return FORMATS.get(words[1] if len(words) == 2 else "")


def takeaway(folder: RoomFolder, label: str, fmt: str) -> bytes:
    """Seat `label`'s reflection as `fmt`; a broken or unreadable file raises SessionFileError or OSError."""
    path = folder.seat_path(label)
    try:
        raw, _ = read_limited(path, MAX_FILE_BYTES)
    except ValueError as error:
        from tui.errors import SessionFileError

        raise SessionFileError(str(path), "", str(error)) from None
    session = codec.parse(raw, str(path))  # only a real session leaves the room
    if fmt == "toml":
        return raw
    from tui.content import load_tool
    from tui.export import export
    from tui.i18n import strings_for
    from tui.report import build_report

    report = build_report(load_tool(), session, strings_for(folder.room.language))
    return export(report, "md").encode("utf-8")
