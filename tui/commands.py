"""The command palette (ctrl+p): every section of the note and, in a walk, every item."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.content import load_note, load_tool
from tui.i18n import language, t


class NavigationCommands(Provider):
    """Read any section; in the walk, jump to any item or part; open the overview."""

    def _commands(self) -> list[tuple[str, Callable[[], None], str]]:
        app = self.app
        screen = self.screen
        commands: list[tuple[str, Callable[[], None], str]] = []
        for section in load_note().sections:
            commands.append((f"{t('palette.read')}: {section.heading}", partial(app.open_reader, section.id), ""))
        editor = getattr(screen, "editor", None)
        if editor is not None and hasattr(screen, "go_to_item"):
            lang = language()
            tool = load_tool()
            for part in tool.parts:
                commands.append((f"{t('palette.part')}: {part.loc('title', lang)}", partial(screen.go_to_part, part.id), ""))
                for item in part.items:
                    commands.append(
                        (item.loc("text", lang), partial(screen.go_to_item, item.id), part.loc("title", lang))
                    )
        return commands

    async def discover(self) -> Hits:
        for text, command, help_text in self._commands():
            if not help_text:  # sections and parts; items would flood the first view
                yield DiscoveryHit(text, command)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, text=text, help=help_text or None)
