"""Build the app after choosing the language, so key descriptions are in that language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.i18n import set_language
from tui.session import SessionStore
from tui.start import Start

if TYPE_CHECKING:
    from tui.app import SamenwerkenApp


def make_app(store: SessionStore, start: Start | None = None, language: str = "nl") -> SamenwerkenApp:
    """The one way to build the app: the command line, the tests and the snapshots use it.

    Screens read their key descriptions when first imported, so the language
    is set before the first import of `tui.app`.
    """
    set_language(language)
    from tui.app import SamenwerkenApp

    return SamenwerkenApp(store, start or Start("home"))
