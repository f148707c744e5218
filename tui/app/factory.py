"""Build the app: the one place that decides its language and content."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tui.app.start import Home, Start
from tui.content import Note, Tool, load_note, load_tool
from tui.content.i18n import strings_for
from tui.session import SessionStore

if TYPE_CHECKING:
    from tui.app.application import SamenwerkenApp


def make_app(
    store: SessionStore,
    start: Start | None = None,
    language: str = "nl",
    note: Note | None = None,
    tool: Tool | None = None,
    theme: str | None = None,
    settings_file: Path | None = None,
) -> SamenwerkenApp:
    """The one way to build the app: the command line, the tests and the snapshots use it.

    The words of `language`, the note and the tool are handed to the app, which hands
    them to its screens; a test may give other content without patching anything.
    `theme` (a Textual theme name) is applied at start; with `settings_file`, a theme
    chosen in the app is remembered there (see `tui.session.settings`).
    """
    from tui.app.application import SamenwerkenApp

    app = SamenwerkenApp(store, start or Home(), strings_for(language), note or load_note(), tool or load_tool())
    app.start_theme = theme
    app.settings_file = settings_file
    return app
