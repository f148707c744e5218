"""Lists that behave as people expect: Down at the last line stays there (Textual's lists wrap around).

And widgets that repaint once per change (see `SteadyStatic`).
"""

from __future__ import annotations

from textual import events
from textual.geometry import Size
from textual.visual import VisualType
from textual.widgets import OptionList, Static


class StayingOptionList(OptionList):
    """An OptionList whose cursor stops at both ends instead of jumping to the other end.

    Wrapping made a step at the top get ticked when the user meant the bottom one.
    """

    def action_cursor_down(self) -> None:
        if self.highlighted is None or self.highlighted < self.option_count - 1:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.highlighted is None or self.highlighted > 0:
            super().action_cursor_up()

    _painted_width: int | None = None

    def replace_prompt(self, index: int, prompt: VisualType) -> None:
        """Show another prompt for one option; the others' rendered lines are kept.

        OptionList's own `replace_option_prompt_at_index` throws every option's rendered
        lines away, so marking one answered drew the whole list again (issue 24). Here only
        this option's lines are dropped; when it fills as many lines as before, the list's
        line map stays too. (Option and its caches are OptionList's own: textual is pinned.)
        """
        option = self.get_option_at_index(index)
        lines_before = self._line_cache.heights.get(index)
        option._set_prompt(prompt)
        rendered = self._option_render_cache.keys()  # an LRUCache: not iterable itself
        for key in [key for key in rendered if key[0] is option]:
            self._option_render_cache.discard(key)
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - self._get_left_gutter_width() - padding.width
        lines = self._get_visual(option).get_height(self.styles, width) + option._divider  # type: ignore[arg-type]  # as OptionList does
        if lines != lines_before:
            self._clear_caches()  # another height: every line below moves, as OptionList does it
        else:
            self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        """Clear the rendered lines only when the width changed: they depend on nothing else.

        A list that only grew or shrank in height (the text below it took a line more or
        less) was repainted at its new size in the same frame; clearing and refreshing it
        again drew every answer twice.
        """
        event.prevent_default()  # instead of OptionList's own, which always clears and repaints
        if self.size.width != self._painted_width:
            self._painted_width = self.size.width
            self._clear_caches()


class SteadyStatic(Static):
    """A Static that does not ask for a second layout after it changed size.

    Textual lays out the screen, then sets each widget's virtual size, and for a widget
    whose height followed its new text that asks for the whole layout again: a second
    paint of the same screen. A Static never scrolls, so its virtual size needs no layout.
    """

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    _measured_width: tuple[int, int] | None = None
    """The width the content asked for when last measured: (the container's width, the content's width)."""
    _measured_height: tuple[int, int] | None = None
    """The height the content asked for when last measured: (the width it had, the content's height)."""

    def get_content_width(self, container: Size, viewport: Size) -> int:
        width = super().get_content_width(container, viewport)
        self._measured_width = (container.width, width)
        return width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        height = super().get_content_height(container, viewport, width)
        self._measured_height = (width, height)
        return height

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        """Show `content`; lay out the screen again only when it changes the widget's size.

        Textual's Static lays out the whole screen after every update, though most of the
        walk's texts (where we are, the statement, its explanation) fill as many lines as
        before: each answer reflowed every widget (issue 24). A widget's size depends on its
        content only where its width or height is `auto` (or a width in `fr` that the layout
        measured); there the new content is measured as the last layout measured the old,
        and a layout follows only when the two differ. Not laid out yet: a layout, as always.
        """
        if not layout or not self.is_mounted or not self.size:
            super().update(content, layout=layout)
            return
        width_before, height_before = self._measured_width, self._measured_height
        super().update(content, layout=False)
        if not (self._same_width(width_before) and self._same_height(height_before)):
            self.refresh(layout=True)

    def _same_width(self, before: tuple[int, int] | None) -> bool:
        width = self.styles.width
        if width is None or not (width.is_auto or width.is_fraction):
            return True  # the width is the container's, or given: the content has no say
        if before is None:
            return not width.is_auto  # a width in fr that no layout measured: the layout gave it out
        container, measured = before
        return self.get_content_width(Size(container, 0), Size(0, 0)) == measured

    def _same_height(self, before: tuple[int, int] | None) -> bool:
        height = self.styles.height
        if height is None or not height.is_auto:
            return True
        if before is None:
            return False
        width, measured = before
        return self.get_content_height(Size(0, 0), Size(0, 0), width) == measured
