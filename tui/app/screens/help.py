"""`?`: every key of the screen below, generated from its bindings."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.app.screens.base import AppModal, AppScreen
from tui.app.widgets.literal import plain_text

if TYPE_CHECKING:
    from tui.content.i18n import Strings


class HelpScreen(AppModal[None]):
    """A list of keys and what they do; any of Escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "key.close", id="help.close"),
    ]

    def __init__(self, rows: list[tuple[str, str]], title: str) -> None:
        super().__init__()
        self.rows = rows
        self.title_text = title

    def compose(self) -> ComposeResult:
        width = max((len(key) for key, _ in self.rows), default=4) + 2
        lines = [f"{key:<{width}}{description}" if key else f"\n{description}" for key, description in self.rows]
        with VerticalScroll(id="help-box"):
            yield Static(plain_text(self.title_text), classes="help-title")
            yield Static(plain_text("\n".join(lines)), id="help-keys")
            yield Static(plain_text(self.strings("help.close_hint")), classes="hint")


def help_rows(screen: AppScreen[Any] | AppModal[Any]) -> list[tuple[str, str]]:
    """(keys, description) for the bindings active on `screen`, one row per action.

    The app's own keys come first. Textual's general keys of the focused widget
    (scrolling, selecting, copying) follow under their own heading (a row with no
    keys), their descriptions in the app's language where strings.toml has them.
    """
    app = screen.app
    strings = screen.strings
    own: dict[str, tuple[list[str], str]] = {}
    general: dict[str, tuple[list[str], str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description:
            continue
        ours = binding.id is not None and "." in binding.id  # the app's bindings are named "screen.action"
        description = binding.description if ours else general_description(binding.description, strings)
        keys, _ = (own if ours else general).setdefault(binding.action, ([], description))
        display = app.get_key_display(binding.with_key(key))
        if display not in keys:
            keys.append(display)
    rows = [(" / ".join(keys), description) for keys, description in own.values()]
    if general:
        rows.append(("", strings("help.general")))
        rows += [(" / ".join(keys), description) for keys, description in general.values()]
    return rows


def general_description(description: str, strings: Strings) -> str:
    """One of Textual's own key descriptions ("Scroll Up") in the app's language ("textual.scroll_up")."""
    key = "textual." + re.sub(r"[^a-z0-9]+", "_", description.lower()).strip("_")
    return strings(key) if strings.has(key) else description
