"""What every screen and dialog of the app shares.

- Typed access to the app (`self.samenwerken`, the `SamenwerkenApp`),
  and through it to the words of the chosen language (`self.strings`) and the
  content (`self.app.note`, `self.app.tool`), handed in when the app was built.
- Key descriptions in the chosen language (see `tui.app.widgets.base`).
- The too-small notice: whenever a screen of ours comes to the front while the
  window is too small, the notice covers it.
- A list of next steps' requests handled the same way on every screen (`StepsRequests`).
- Only the window's current size lays a screen out (see `ignore_a_late_resize`).
- The app's broadcasts (`save_state_signal`, `room_signal`) reach every screen of ours
  as a message (`SaveStateChanged`, `RoomChanged`) its handlers take.
- A screen is styled once when it opens, not three times (see `StyledOnce`).
- Rules only some screens use are in their own style files, read when the first such
  screen is made (see `read_style_files`).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual import events, on
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.types import NoActiveAppError

from tui.app.screens.steps_requests import StepsRequests
from tui.app.shown import shown, waiting
from tui.app.widgets.base import OfTheApp

if TYPE_CHECKING:
    from tui.session.editor import SessionEditor

ResultType = TypeVar("ResultType")

_STYLES = Path(__file__).resolve().parent.parent
"""Where app.tcss and the other style files are (tui/app)."""
FIRST_PAINT_PATIENCE = 1.0
"""Seconds after its mount at most that the first screen counts as drawn, should no whole paint come."""


def read_style_files(screen: Screen[Any], names: tuple[str, ...]) -> None:
    """Add the style files `names` to the app's stylesheet, each once, before `screen` is styled.

    app.tcss was parsed at every start, rules of every screen included: about 90 million
    instructions, more than anything else the first screen waited for (issue 24). Rules that only
    one kind of screen uses (home, the reader, the walk, Vervolg's pane, dialogs, the overview and
    comparisons, a regional session's screens) are in files of their own, read when the first
    screen that needs one is made. They are the app's rules
    as app.tcss's are (not a widget's defaults), and come after them, in the same order as
    before. Textual's own way for a screen's CSS (`CSS_PATH` on a screen) parses every source
    again and restyles every widget of the app; here the stylesheet parses only the new file
    (it keeps what it parsed) and the new screen's widgets are styled when they mount.
    """
    try:
        stylesheet = screen.app.stylesheet
    except NoActiveAppError:  # made outside a running app (a test): nothing is styled
        return
    for name in names:
        path = str(_STYLES / name)
        if not stylesheet.has_source(path, ""):
            css = (_STYLES / name).read_text(encoding="utf-8")
            stylesheet.add_source(css, read_from=(path, ""), is_default_css=False)


class SaveStateChanged(Message):
    """Answers reached the disk again (or failed to): screens that show it update."""


class RoomChanged(Message):
    """In a regional session: the facilitator opened or closed an item, or wrote an agreement."""


def ignore_a_late_resize(screen: Screen[Any], event: events.Resize) -> None:
    """Keep Textual's own resize handling from laying a screen out at a size the window no longer has.

    A window made small and large again quickly (a seat's window dragged over SSH, under load)
    can leave the small size's Resize queued at a screen. Textual then lays that screen out, and
    the screen below it, at the old size, and the screen below posted itself one Resize for each
    size, which took turns for ever: 100 % CPU and a window that never repainted.
    """
    if event.size != screen.app.size:
        event.prevent_default()  # Screen's handler, which would take the size up, is not called


def breakpoint_classes(screen: Screen[Any], width: int, height: int) -> dict[str, bool]:
    """The breakpoint classes Textual gives `screen` at this size (as `Screen._on_resize` computes them)."""
    app = screen.app
    horizontal = screen.HORIZONTAL_BREAKPOINTS
    horizontal = (app.HORIZONTAL_BREAKPOINTS if horizontal is None else horizontal) or []
    vertical = screen.VERTICAL_BREAKPOINTS
    vertical = (app.VERTICAL_BREAKPOINTS if vertical is None else vertical) or []
    classes = {name: False for _, name in horizontal + vertical}
    for breakpoints, size in ((horizontal, width), (vertical, height)):
        for at, name in sorted(breakpoints, reverse=True):
            if size >= at:
                classes[name] = True
                break
    return classes


class StyledOnce:
    """A mixin for our screens (before Textual's Screen in the bases): the stylesheet is applied once when it opens.

    Textual applies the stylesheet to every widget as it mounts, then twice more to the
    whole screen: when the first Resize gives the screen its breakpoint classes
    (`-narrow`, `-tall`, …) and when it is first resumed (`ScreenResume.refresh_styles`).
    At start that was a third of the time spent on styles (issue 24). Here the screen has its
    breakpoint classes before its widgets mount, so the Resize changes no class, and the
    first resume, which follows the mount at once, keeps the styles just applied. Every later
    resume (after a dialog, or back from another screen) refreshes them as before.
    """

    _styled = False

    def _classes_before_mount(self) -> None:
        """Call in `__init__`: the breakpoint classes of the app's size now (nothing to restyle yet)."""
        screen = cast(Screen[Any], self)
        try:
            width, height = screen.app.size
        except NoActiveAppError:  # made outside a running app (a test): Textual's Resize sets them
            return
        screen.update_classes(breakpoint_classes(screen, width, height), update=False)

    def _keep_fresh_styles(self, event: events.ScreenResume) -> None:
        """Call from a ScreenResume handler of the screen (a plain mixin's own handlers are not found)."""
        if not self._styled:
            self._styled = True
            event.refresh_styles = False


class AppScreen(StepsRequests, OfTheApp, StyledOnce, Screen[ResultType]):
    """A full screen of the app."""

    editor: SessionEditor | None = None
    """The session this screen changes, if any: its lock is kept while the screen is open."""

    STYLE_FILES: ClassVar[tuple[str, ...]] = ()
    """Style files beside app.tcss this screen's widgets need (see `read_style_files`)."""

    _first_paint_waits = False
    """The app's first screen, not yet drawn whole on the terminal (see `_compositor_refresh`)."""

    def __init__(self) -> None:
        super().__init__()
        self._translate_own_bindings()
        self._classes_before_mount()
        read_style_files(self, self.STYLE_FILES)

    @on(events.Mount)
    def _hear_the_app(self) -> None:
        """The app's signals, turned into messages for this screen (the subscription ends with the screen)."""
        self.samenwerken.save_state_signal.subscribe(self, self._save_state_changed, immediate=True)
        self.samenwerken.room_signal.subscribe(self, self._room_changed, immediate=True)
        if waiting:  # the app's first screen: what waits for it (a held collection, a seat's turn) goes on once
            self._first_paint_waits = True  # it is drawn (`_compositor_refresh`), at the latest after a while
            asyncio.get_running_loop().call_later(FIRST_PAINT_PATIENCE, self._first_paint_done)

    def _first_paint_done(self) -> None:
        if self._first_paint_waits:
            self._first_paint_waits = False
            shown()

    def _save_state_changed(self, _: None) -> None:
        self.post_message(SaveStateChanged())

    def _room_changed(self, _: None) -> None:
        self.post_message(RoomChanged())

    @on(events.ScreenResume)
    def _cover_when_too_small(self, event: events.ScreenResume) -> None:
        self._keep_fresh_styles(event)
        self.samenwerken.cover_if_too_small()

    @on(events.Resize)
    def _only_the_current_size(self, event: events.Resize) -> None:
        ignore_a_late_resize(self, event)

    def _compositor_refresh(self) -> None:
        """Textual's paint of the screen in front, but no render while the app batches its updates: then
        `App._display` draws nothing, and Textual's render was thrown away.

        A start batches its first screen's mount, resume and first layout (Textual's `run_process_messages`
        waits there for the screen to mount): the first screen's full render in that batch never reached
        the terminal (in a forked seat's welcome about 4 ms of CPU; it filled caches the paints after the
        batch then used). Nor is a part of the screen rendered when the whole screen is to be repainted next
        (`_repaint_required`: Textual's update does that right after the layout, whose own paint drew the
        first screen's footer line alone, just before the whole). What the render would have left is left
        the same: the compositor's dirty regions and the screen's dirty widgets cleared, the widget under
        the mouse looked at.

        The app's first screen is drawn whole (Textual renders a full update when the screen's whole
        region is dirty) by the first such paint after the batch: then what waited for it goes on
        (`tui.app.shown`: the next seat's turn, this seat's lower priority, garbage collection).

        Relies on Textual internals (8.2.8): `Screen._compositor_refresh`, `App._batch_count`,
        `Screen._repaint_required`, `Compositor._dirty_regions`, `Screen._dirty_widgets`, `App._update_mouse_over`.
        """
        app = self.app
        if (app._batch_count or self._repaint_required) and self is app.screen and not app.is_inline:
            self._compositor._dirty_regions.clear()
            self._dirty_widgets.clear()
            app._update_mouse_over(self)
            return
        compositor = self._compositor
        whole = self._first_paint_waits and self is app.screen and compositor.size.region in compositor._dirty_regions
        super()._compositor_refresh()
        if whole:  # the first screen is drawn whole: a seat's turn and the held collection go on now, not before
            self._first_paint_done()


class AppModal(OfTheApp, StyledOnce, ModalScreen[ResultType]):
    """A dialog of the app (its result comes back through `dismiss`)."""

    STYLE_FILES: ClassVar[tuple[str, ...]] = ("dialogs.tcss",)
    """Style files beside app.tcss this dialog needs (see `read_style_files`)."""

    def __init__(self) -> None:
        super().__init__()
        self._translate_own_bindings()
        self._classes_before_mount()
        read_style_files(self, self.STYLE_FILES)

    @on(events.ScreenResume)
    def _styles_kept(self, event: events.ScreenResume) -> None:
        self._keep_fresh_styles(event)

    @on(events.Resize)
    def _only_the_current_size(self, event: events.Resize) -> None:
        ignore_a_late_resize(self, event)
