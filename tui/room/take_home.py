"""What a participant takes home from a seat: their session as TOML and their report as Markdown.

A seat's export never writes a file: the seat's app runs on the facilitator's
machine, so a path there means nothing to the participant. Over SSH the
participant fetches both with the door's read-only `bewaar` command; in a browser
tab they are downloads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.session import codec

if TYPE_CHECKING:
    from tui.content import Tool
    from tui.i18n import Strings
    from tui.session.model import Session

DOOR_USER = "regio"
"""The user name shown in the commands (the door takes any: the code decides the seat)."""
FORMATS = ("toml", "md")


@dataclass(frozen=True)
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
        from tui.export import export
        from tui.report import build_report

        return f"{session.id}.md", export(build_report(tool, session, strings), "md")
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
