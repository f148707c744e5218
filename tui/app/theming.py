"""Themes and the command palette, in the app's language; a chosen theme is remembered."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from textual.app import SystemCommand
from textual.command import CommandPalette
from textual.screen import Screen

from tui.app.notifying import NotifyingApp
from tui.app.shared_css import theme_variables
from tui.core.errors import UserFileError


class ThemingApp(NotifyingApp):
    """The start theme, the theme picker and Textual's own palette entries, translated."""

    start_theme: str | None = None
    """The theme to start with (from the settings file); None: Textual's default."""
    settings_file: Path | None = None
    """Where a theme chosen in the app is remembered (None: not remembered)."""
    _remembered_theme: str | None = None

    def _apply_start_theme(self) -> None:
        """The remembered theme; an unknown name is said once and Textual's default stays."""
        name = self.start_theme
        if name and name not in self.available_themes:
            where = str(self.settings_file or "")
            self.say(self.strings("config.unknown_theme", theme=name, path=where), severity="warning", timeout=10)
        elif name:
            self._remembered_theme = name
            self.theme = name
        self._remembered_theme = self.theme

    def get_css_variables(self) -> dict[str, str]:
        """Textual's variables of the current theme, computed once per theme in the process (`theme_variables`).

        Every app computes them in its `__init__`; a room's warm parent does it for all of its seats.
        """
        variables = theme_variables(self.current_theme, self.get_theme_variable_defaults(), super().get_css_variables)
        self.theme_variables = variables
        return variables

    def watch_theme(self, name: str) -> None:
        """A theme chosen in the app (command palette: theme) is remembered in the settings file."""
        if self.settings_file is None or self._remembered_theme in (None, name):
            return
        from tui.session.settings import ConfigError, save_theme

        try:
            save_theme(self.settings_file, name)
        except ConfigError as error:
            reason = error.reason.text(self.strings)
        except OSError as error:
            from tui.core.os_errors import describe_os_error

            reason = describe_os_error(error, self.strings)
        except UserFileError as error:
            reason = error.text(self.strings)
        else:
            self._remembered_theme = name
            return
        self.say(
            self.strings("config.theme_not_saved", path=str(self.settings_file), reason=reason),
            severity="warning",
            timeout=10,
        )

    def search_themes(self) -> None:
        """The theme picker, prompting in the app's language."""
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=self.strings("palette.themes")))

    def get_system_commands(self, screen: Screen[Any]) -> Iterator[SystemCommand]:
        """Textual's own palette entries (Theme, Quit, Keys, Screenshot, …) in the app's language."""
        for command in super().get_system_commands(screen):
            key = "palette.system." + command.title.lower()
            if self.strings.has(key):
                command = command._replace(title=self.strings(key), help=self.strings(f"{key}_help"))
            yield command

    def action_command_palette(self) -> None:
        """The command palette, its search field prompting in the app's language."""
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(id="--command-palette", placeholder=self.strings("palette.placeholder")))
