"""The title bar at the top of every screen: one widget that draws what Textual's Header draws.

Textual's Header is four widgets (the bar, its icon, its title and the space for a clock);
each widget a start mounts costs about as much as a key on the key bar did (issue 24). This
bar is one widget with the same look: the icon on the left (a click opens the command
palette), the screen's title and subtitle centred between the icon and the clock's space,
and a click elsewhere making the bar three lines high and back, as the Header does.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.style import Style
from textual.widget import Widget

ICON = "⭘"
ICON_WIDTH = 8
"""The icon's place on the left, padding included (Textual's HeaderIcon)."""
CLOCK_WIDTH = 10
"""The clock's place on the right, empty (Textual's HeaderClockSpace)."""


class AppHeader(Widget):
    """The app's (or the screen's) title and subtitle, as Textual's Header shows them, in one widget."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"app-header--icon-hover"}
    DEFAULT_CSS = """
    AppHeader {
        dock: top; width: 100%; height: 1;
        background: $panel; color: $foreground;
        text-wrap: nowrap; content-align-vertical: middle;
        &.-tall { height: 3; }
        & > .app-header--icon-hover { background: $foreground 10%; }
    }
    """
    """Textual's Header, and its icon's hover."""

    def __init__(self) -> None:
        super().__init__()
        self._icon_hover = False

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._title_changed, init=False)
            self.watch(node, "sub_title", self._title_changed, init=False)

    def _title_changed(self) -> None:
        self.refresh()

    def _titles(self) -> Content:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        return app.format_title(title, sub_title)

    def render(self) -> Content:
        width = self.size.width
        icon = Content(f" {ICON}").pad_right(ICON_WIDTH - 2)
        if self._icon_hover:
            icon = icon.stylize(Style.from_rich_style(self.get_component_rich_style("app-header--icon-hover")))
        room = max(0, width - ICON_WIDTH - CLOCK_WIDTH)
        title = self._titles().truncate(room, ellipsis=True)
        left = (room - title.cell_length) // 2
        middle = title.pad(left, room - left - title.cell_length)
        return Content.assemble(icon, middle, " " * CLOCK_WIDTH)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        over = event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE
        if over != self._icon_hover:
            self._icon_hover = over
            self.refresh()

    def on_leave(self) -> None:
        if self._icon_hover:
            self._icon_hover = False
            self.refresh()

    async def on_click(self, event: events.Click) -> None:
        """The icon opens the command palette; anywhere else the bar grows to three lines, or back."""
        event.stop()
        if event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE:
            await self.run_action("app.command_palette")
        else:
            self.toggle_class("-tall")
