"""Vervolg: the next steps of a session — add, edit, tick off, remove, or take a suggestion."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.widgets.base import AppPane
from tui.app.widgets.lists import StayingOptionList
from tui.app.widgets.literal import plain_text, visible
from tui.content import Tool
from tui.render.parts import columns, step_caps, step_rows
from tui.session import NextStep, due
from tui.session.editor import SessionEditor

BOXES = ("☐", "☑")
"""Open and done, as the screen shows them."""

ROOM_BESIDE = 3
"""Cells the list's own padding and a scrollbar take beside the rows."""


class StepsPane(AppPane):
    """The list of next steps with its keys; changes go through the session editor."""

    BINDINGS = [
        Binding("a", "add", "key.add_step", id="steps.add"),
        Binding("s", "suggest", "key.suggestion", id="steps.suggest"),
        Binding("space", "toggle_step", "key.toggle_step", key_display="␣", id="steps.toggle"),
        Binding("x,delete", "remove", "key.remove_step", show=False, id="steps.remove"),  # in the help (?)
        Binding("l", "source", "key.source", show=False, id="steps.source"),
    ]

    def __init__(self, editor: SessionEditor, tool: Tool, id: str | None = None) -> None:
        super().__init__(id=id)
        self.editor = editor
        self.tool = tool

    def compose(self) -> ComposeResult:
        yield Static(id="steps-head", classes="steps-head")
        yield StayingOptionList(id="steps")
        yield Static(self.strings("steps.hint"), id="steps-hint", classes="hint")

    def on_resize(self) -> None:
        """The columns fit the pane: laid out again when its width changes."""
        if self._laid_out_for != self._row_width():
            self.call_after_refresh(self.refresh_steps)  # after this layout: a new height is then measured

    _laid_out_for = 0

    def _row_width(self) -> int:
        width = self.size.width or self.samenwerken.size.width
        return max(20, width - ROOM_BESIDE)

    @property
    def steps(self) -> list[NextStep]:
        return self.editor.session.next_steps

    def action_source(self) -> None:
        """Bijlage 1, with the original of the step's suggestion marked when it came from one."""
        step = self.current()
        by_letter = {s.letter: s for s in self.tool.suggestions}
        quote = by_letter[step.suggestion].quote if step and step.suggestion in by_letter else ""
        self.samenwerken.open_reader("bijlage-1", highlight=quote)

    def focus_list(self) -> None:
        self.query_one("#steps").focus()

    def refresh_steps(self, keep: int | None = None) -> None:
        steps_list = self.query_one("#steps", OptionList)
        current = steps_list.highlighted if keep is None else keep
        width = self._laid_out_for = self._row_width()
        head, *rows = columns(step_rows(self.steps, self.strings, due.today(), BOXES), width, step_caps(width))
        steps_list.set_options(
            Option(plain_text("\n".join(lines)), id=s.id) for s, lines in zip(self.steps, rows, strict=True)
        )
        self.query_one("#steps-head", Static).update(plain_text(head[0]) if self.steps else "")
        self.query_one("#steps-head", Static).display = bool(self.steps)
        if not self.steps:
            steps_list.add_option(Option(self.strings("steps.none"), disabled=True))
        else:  # the first step is highlighted on entry, so keys act on what is shown
            steps_list.highlighted = min(current or 0, len(self.steps) - 1)

    def current(self) -> NextStep | None:
        index = self.query_one("#steps", OptionList).highlighted
        if index is None or index >= len(self.steps):
            return None
        return self.steps[index]

    def _apply(self, change, *args, **kwargs) -> None:
        self.samenwerken.apply_change(self.editor, change, *args, **kwargs)
        self.refresh_steps()

    def action_add(self, text: str = "", suggestion: str = "") -> None:
        def done(result: dict[str, str] | None) -> None:
            if result:
                self._apply(self.editor.add_step, suggestion=suggestion, **result)
                self.refresh_steps(keep=len(self.steps) - 1)

        self.samenwerken.ask_step(NextStep(text=text, suggestion=suggestion), done)

    def action_edit(self) -> None:
        step = self.current()
        if step is None:
            return

        def done(result: dict[str, str] | None) -> None:
            if result:
                self._apply(self.editor.update_step, step.id, **result)

        self.samenwerken.ask_step(step, done)

    @on(OptionList.OptionSelected, "#steps")
    def _selected(self) -> None:
        """Enter (or a click) on a step edits it."""
        self.action_edit()

    def action_toggle_step(self) -> None:
        step = self.current()
        if step is not None:
            self._apply(self.editor.toggle_step, step.id)

    def action_remove(self) -> None:
        step = self.current()
        if step is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self._apply(self.editor.remove_step, step.id)

        self.samenwerken.confirm(self.strings("steps.confirm_remove", text=visible(step.text[:80])), done)

    def action_suggest(self) -> None:
        def chosen(letter: str | None) -> None:
            if letter:
                suggestion = self.tool.suggestion(letter)
                self.action_add(text=suggestion.loc("text", self.strings.language), suggestion=letter)

        self.samenwerken.pick_suggestion(chosen, taken={s.suggestion for s in self.steps if s.suggestion})
