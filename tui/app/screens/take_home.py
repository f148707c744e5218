"""`e` in a room seat's overview: the reflection goes home with the participant, never into a file here.

Over SSH the dialog shows the two `bewaar` commands to type on one's own machine
(`c` puts the first on the clipboard, which works over SSH); in a browser tab it
offers the session (TOML) and the report (Markdown) as downloads.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from tui.app.screens.base import AppModal
from tui.app.screens.export_picker import FormatPicker
from tui.app.widgets.literal import plain_text
from tui.render.take_home import FORMATS


class BewaarDialog(AppModal[None]):
    """The commands that fetch one's reflection over SSH; Escape or Enter closes."""

    STYLE_FILES = ("dialogs.tcss", "room.tcss")
    """Its rules beside app.tcss's (see `tui.app.screens.base.read_style_files`)."""

    BINDINGS = [
        Binding("c", "copy", "key.copy", id="take_home.copy"),
        Binding("escape,enter", "close", "key.close", id="take_home.close"),
    ]

    def __init__(self, commands: tuple[str, str]) -> None:
        super().__init__()
        self.commands = commands

    def compose(self) -> ComposeResult:
        toml, md = self.commands
        with Vertical(classes="dialog wide", id="take-home"):
            yield Static(self.strings("take_home.heading"), classes="dialog-question")
            file = self.strings("take_home.file_stem") + ".toml"
            yield Static(plain_text(self.strings("take_home.ssh", toml=toml, md=md, file=file)), id="take-home-text")
            yield Static(self.strings("take_home.keys"), id="take-home-keys", classes="hint")

    def action_copy(self) -> None:
        self.samenwerken.copy_to_clipboard(self.commands[0])
        self.samenwerken.say(self.strings("take_home.copied"))

    def action_close(self) -> None:
        self.dismiss(None)


class DownloadPicker(FormatPicker):
    """In a browser tab: the session (TOML) or the report (Markdown)."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="take_home.cancel")]
    HEADING, OPTION, FORMATS, DIALOG = "take_home.web_heading", "take_home.", FORMATS, "dialog wide"
