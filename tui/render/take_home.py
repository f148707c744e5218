"""What a participant takes home from a seat: their session as TOML and their report as Markdown.

A seat's export never writes a file: the seat's app runs on the facilitator's
machine, so a path there means nothing to the participant. Over SSH the
participant fetches both with the door's read-only `bewaar` command, the one
command the door runs beside the seat's app (no shell, no argument but the format):

    ssh -p 2222 regio@HOST bewaar    > mijn-reflectie.toml   # the seat's session file
    ssh -p 2222 regio@HOST bewaar md > mijn-reflectie.md     # its report, in Markdown

In a browser tab they are downloads. Both ways give the same bytes. No asyncssh
and no Textual here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.plain import record
from tui.session import codec

if TYPE_CHECKING:
    from tui.content import Tool
    from tui.content.i18n import Strings
    from tui.room.store import RoomFolder
    from tui.session.model import Session

COMMAND = "bewaar"
COMMAND_FORMATS = {"": "toml", "toml": "toml", "md": "md"}
"""What may follow `bewaar`: nothing (the session file), `toml` (the same) or `md` (the report)."""
DOOR_USER = "regio"
"""The user name shown in the commands (the door takes any: the code decides the seat)."""
FORMATS = ("toml", "md")


@record(frozen=True)
class Door:
    """Where the participant reached the room over SSH; None where the seat was not told."""

    host: str | None = None
    port: int | None = None


def bewaar_commands(door: Door, strings: Strings) -> tuple[str, str]:
    """The two commands a participant types on their own machine: the session as TOML, the report as Markdown.

    Without a known host or port they name it in words (e.g. `ssh -p POORT regio@ADRES …`).
    """
    host = door.host or strings("take_home.host")
    port = str(door.port) if door.port else strings("take_home.port")
    base = f"ssh -p {port} {DOOR_USER}@{host} bewaar"
    name = strings("take_home.file_stem")
    return f"{base} > {name}.toml", f"{base} md > {name}.md"


def take_home_file(tool: Tool, session: Session, fmt: str, strings: Strings) -> tuple[str, str]:
    """The file a participant downloads: (name, text). `toml` is the session file itself, `md` the report."""
    if fmt == "toml":
        return f"{session.id}.toml", codec.dump(session).decode("utf-8")
    if fmt == "md":
        from tui.render.export import export
        from tui.views.report import build_report

        return f"{session.id}.md", export(build_report(tool, session, strings), "md")
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def takeaway_format(command: str) -> str | None:
    """The format an SSH `command` asks for ('toml' or 'md'), or None when it is not a `bewaar` command."""
    words = command.split()
    if not words or words[0] != COMMAND or len(words) > 2:
        return None
    return COMMAND_FORMATS.get(words[1] if len(words) == 2 else "")


def takeaway(folder: RoomFolder, label: str, fmt: str) -> bytes:
    """Seat `label`'s reflection as `fmt`, for `bewaar`; a broken or unreadable file raises SessionFileError or OSError.

    The TOML is the seat's file exactly as kept, after checking that it is a session: only
    a real session leaves the room. The Markdown is what a browser tab downloads.
    """
    from tui.core.files import read_limited
    from tui.session.limits import MAX_FILE_BYTES

    path = folder.seat_path(label)
    try:
        raw, _ = read_limited(path, MAX_FILE_BYTES)
    except ValueError:
        from tui.core.errors import SessionFileError
        from tui.core.reason import Reason

        raise SessionFileError(str(path), "", Reason("file.not_regular_or_too_large")) from None
    session = codec.parse(raw, str(path))
    if fmt == "toml":
        return raw
    from tui.content import load_tool
    from tui.content.i18n import strings_for

    return take_home_file(load_tool(), session, fmt, strings_for(folder.room.language))[1].encode("utf-8")
