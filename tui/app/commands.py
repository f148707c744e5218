"""The command palette (ctrl+p): every section of the note and, in a walk, every part and item."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from tui.app.application import SamenwerkenApp
    from tui.app.screens.walk import WalkScreen

Command = tuple[str, Callable[[], None], str]
"""What the palette shows, what it does, and a help line (empty for the first view)."""


class _Commands(Provider):
    """A list of commands, searched by the palette; the first view shows those without help."""

    @property
    def samenwerken(self) -> SamenwerkenApp:
        return cast("SamenwerkenApp", self.app)

    def commands(self) -> Iterator[Command]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for text, command, help_text in self.commands():
            if not help_text:  # sections and parts; items would flood the first view
                yield DiscoveryHit(text, command)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in self.commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, text=text, help=help_text or None)


class NavigationCommands(_Commands):
    """Read any section of the note (everywhere)."""

    def commands(self) -> Iterator[Command]:
        app = self.samenwerken
        for section in app.note.sections:
            yield f"{app.strings('palette.read')}: {section.heading}", partial(app.open_reader, section.id), ""


class WalkCommands(_Commands):
    """In a walk: jump to any part or item (registered on the walk screen only)."""

    def commands(self) -> Iterator[Command]:
        app = self.samenwerken
        screen = cast("WalkScreen", self.screen)
        lang = app.strings.language
        for part in app.tool.parts:
            title = part.loc("title", lang)
            yield f"{app.strings('palette.part')}: {title}", partial(screen.go_to_part, part.id), ""
            for item in part.items:
                yield item.loc("text", lang), partial(screen.go_to_item, item.id), title
