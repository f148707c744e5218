"""A participant's first screen in a regional session: the room, the facilitator's line, their seat.

Every seat of a room opens here, sixty at once at the start of a meeting: the screen is kept
light. Its words are one widget (`WELCOME_PARTS`): seven Statics cost a forked seat about 7 ms
of CPU to mount, style and lay out, as much as a tenth of its start. What only a phone shows (its
button) is made only in the phone layout, and the countdown's timer runs only while the
facilitator's timer does.
"""

from __future__ import annotations

from typing import NamedTuple

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.color import Color
from textual.containers import Vertical
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Static, Tooltip

from tui.app.screens.base import AppScreen, RoomChanged, breakpoint_classes
from tui.app.widgets.footer import SteadyFooter
from tui.app.widgets.header import AppHeader
from tui.app.widgets.literal import plain_text, visible
from tui.room.phases import phase_line
from tui.session import StoredSession
from tui.session.model import now


class Part(NamedTuple):
    """One paragraph of the welcome: its words, and the blank lines it wants above and below (as CSS margins)."""

    text: Content
    above: int = 0
    below: int = 0


def joined_parts(parts: list[Part]) -> Content:
    """The paragraphs one under the other, as a vertical layout puts widgets with margins: between two, the larger
    of the one's margin below and the other's above (the first's margin above and the last's below included)."""
    lines: list[Content] = []
    below = 0
    for index, part in enumerate(parts):
        gap = part.above if index == 0 else max(below, part.above)
        lines += [Content("")] * gap + [part.text]
        below = part.below
    lines += [Content("")] * below
    return Content("\n").join(lines)


WELCOME_PARTS = {
    "title": "bold $accent",
    "line": "italic",
    "discussion": "bold $warning",
}
"""The welcome's paragraphs' styles, as the rules of its former widgets gave them (a hint's: `hint_style`)."""


def hint_style(widget: Widget) -> Style:
    """The colour `.hint` (app.tcss: `$text-muted`) gives a widget's text, for a paragraph of `widget`'s.

    `$text-muted` is `auto 60%` in Textual's themes: the text colour that stands out against the
    widget's background, at 60 %. A style in a Content does not resolve `auto` against a
    background; a widget's own colour does, as here.
    """
    value = widget.app.theme_variables.get("text-muted", "auto 60%").strip()
    background = widget.background_colors[1]
    if value.startswith("auto"):
        alpha = value[4:].strip().rstrip("%")
        return Style(foreground=background.get_contrast_text(float(alpha) / 100 if alpha else 1.0))
    return Style(foreground=Color.parse(value))


class Paragraphs(Static):
    """The welcome's words: a blank line between paragraphs is drawn as the space between widgets was.

    Content draws an empty line as one empty piece in the text's colour; a widget's line is then
    filled out in its background alone, as the space between widgets is. Left empty, the blank line
    is only that fill: the same pieces on the terminal (and in a screenshot) as before.
    """

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        return Strip([]) if not line.cell_length else line


class RoomWelcomeScreen(AppScreen[None]):
    """Where a seat lands after the code: Enter goes into the walk, and the walk comes back here."""

    STYLE_FILES = ("room.tcss",)
    """Its rules beside app.tcss's (see `tui.app.screens.base.read_style_files`)."""

    BINDINGS = [
        Binding("enter", "walk", "key.room_start", id="room.walk"),
        Binding("r", "read", "key.read", id="room.read"),
        Binding("q", "quit", "key.quit", id="room.quit"),
    ]

    def __init__(self, stored: StoredSession) -> None:
        super().__init__()
        self.stored = stored
        self._ticking: Timer | None = None
        self._just_shown = False
        """Shown by the mount, and not suspended since: the first resume, which follows at once, shows nothing new."""
        self._shown_phone = False
        """Whether the words shown are a phone's."""
        self._parts: list[Part] = []
        """The welcome's paragraphs but the phase's line (which the countdown redraws)."""

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Vertical(id="welcome"):
            yield Paragraphs(id="welcome-text")
            if self.has_class("-phone"):
                yield self._phone_start()
        yield SteadyFooter()

    def _extend_compose(self, widgets: list[Widget]) -> None:
        """Textual's notifications' rack, but not its tooltip: nothing on the welcome has a tooltip (a widget less
        to mount, style and lay out in every seat's start; Textual's tooltip code expects none may be there)."""
        super()._extend_compose(widgets)
        widgets[:] = [widget for widget in widgets if not isinstance(widget, Tooltip)]

    def _phone_start(self) -> Widget:
        """A phone's way in (room.tcss shows it in the phone layout only)."""
        start = Button(self.strings("key.room_start") + " ▶", id="welcome-start")
        start.can_focus = False
        return start

    def _phone(self) -> bool:
        """Whether the window is a phone's now (the phone layout's words: no keys, no take-home line)."""
        width, height = self.app.size
        return breakpoint_classes(self, width, height)["-phone"]

    @on(events.Resize)
    async def _phone_when_narrow(self) -> None:
        """Into or out of a phone's width: the words for it; a phone's button mounted (once), hidden if it widens."""
        phone = self._phone()
        if phone != self._shown_phone:
            self._show()
        if phone and not self.query("#welcome-start"):
            await self.query_one("#welcome", Vertical).mount(self._phone_start())

    def on_mount(self) -> None:
        self.sub_title = self.strings("room.subtitle")
        self._show()
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self._just_shown = True  # once drawn, a forked seat lets the next one start (`AppScreen`)

    def on_screen_resume(self) -> None:
        """Shown again (back from the walk, a dialog); the first resume follows the mount, which showed it just now."""
        if self._just_shown:
            self._just_shown = False
            return
        self._show()

    def on_screen_suspend(self) -> None:
        self._just_shown = False

    def on_room_changed(self, _: RoomChanged) -> None:
        self._show()

    def _theme_changed(self, _: object) -> None:
        """The muted lines' colour is worked out against the background (`hint_style`): again, once the new theme's
        styles are in place."""
        self.call_after_refresh(self._show)

    def _show(self) -> None:
        watch = self.samenwerken.room_watch
        if watch is None:
            return
        seat = self.samenwerken.room_seat
        room, label = watch.room, seat.label if seat else "?"
        phone = self._shown_phone = self._phone()
        self.title = visible(room.title)
        seat_words = plain_text(
            self.strings("room.welcome_seat", label=label, n=room.min_group)
            + "\n\n"
            + (self.strings("room.welcome_follows", title=room.earlier.title) + "\n\n" if room.earlier else "")
        ).rstrip()
        editor = self.samenwerken.editor_for(self.stored)
        item_ids = [item.id for item in self.samenwerken.tool.items]
        answered = editor.session.answered_count(item_ids) if editor else 0
        key = ("room.welcome_start" if answered == 0 else "room.welcome_resume") + ("_phone" if phone else "")
        text = self.query_one("#welcome-text", Paragraphs)
        progress = plain_text(self.strings(key, done=answered, total=len(item_ids))).stylize(hint_style(text))
        parts = [Part(plain_text(room.title, WELCOME_PARTS["title"]), below=1)]
        if room.welcome.strip():
            parts.append(Part(plain_text(room.welcome, WELCOME_PARTS["line"]), below=1))
        parts.append(Part(seat_words, below=1))
        if not phone:
            parts.append(Part(plain_text(self.strings("room.welcome_take_home")), below=1))
        parts.append(Part(progress))
        if room.discussion is not None:
            item = self.samenwerken.tool.item(room.discussion.item)
            words = self.strings("room.now_discussed", item=item.loc("text", self.strings.language))
            parts.append(Part(plain_text(words, WELCOME_PARTS["discussion"]), above=1))
        self._parts = parts
        self._show_phase()

    def _tick(self) -> None:
        """The timer's countdown, once a second while it runs."""
        watch = self.samenwerken.room_watch
        if self.samenwerken.screen is self and watch is not None and watch.room.phase_ends is not None:
            self._show_phase()

    def _show_phase(self) -> None:
        """The welcome's words again with the phase's line as it is now (the countdown's, every second)."""
        watch = self.samenwerken.room_watch
        if watch is None:
            return
        room = watch.room
        parts = list(self._parts)
        text = self.query_one("#welcome-text", Paragraphs)
        if room.phase != "answering" or room.phase_ends is not None:
            parts.append(Part(plain_text(phase_line(room, self.strings, now())).stylize(hint_style(text))))
        text.update(joined_parts(parts))
        if room.phase_ends is not None and self._ticking is None:
            self._ticking = self.set_interval(1.0, self._tick)
        elif room.phase_ends is None and self._ticking is not None:
            self._ticking.stop()
            self._ticking = None

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The phone layout's button: a tap does what Enter does."""
        if event.button.id == "welcome-start":
            self.action_walk()

    def action_walk(self) -> None:
        self.samenwerken.open_walk(self.stored)

    def action_read(self) -> None:
        self.samenwerken.open_reader(self.samenwerken.note.sections[0].id)

    def action_quit(self) -> None:
        self.samenwerken.quit_asking()
