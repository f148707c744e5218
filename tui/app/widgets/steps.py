"""Vervolg: the next steps of a session — add, edit, tick off, remove, or take a suggestion."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.widgets.base import AppPane
from tui.app.widgets.lists import StayingOptionList
from tui.app.widgets.literal import plain_text
from tui.content import Tool
from tui.core.plain import record
from tui.render.parts import columns, step_caps, step_rows
from tui.session import NextStep, due
from tui.session.editor import SessionEditor

BOXES = ("☐", "☑")
"""Open and done, as the screen shows them."""

ROOM_BESIDE = 3
"""Cells the list's own padding and a scrollbar take beside the rows."""


class StepsPane(AppPane):
    """The list of next steps with its keys.

    The pane shows the steps and says what the user wants (`AddRequested`, …); the screen
    it is on asks what is needed and changes the session (see `tui.app.screens.steps_requests`),
    then lays the pane out again.
    """

    @record
    class AddRequested(Message):
        """Add a step; `step` holds what the dialog starts with (a suggestion's text and letter)."""

        pane: StepsPane
        step: NextStep

    @record
    class EditRequested(Message):
        """Edit this step."""

        pane: StepsPane
        step: NextStep

    @record
    class RemoveRequested(Message):
        """Remove this step (after asking)."""

        pane: StepsPane
        step: NextStep

    @record
    class ToggleRequested(Message):
        """Tick this step off, or open it again."""

        pane: StepsPane
        step: NextStep

    @record
    class SuggestionRequested(Message):
        """Add a step from Bijlage 1's suggestions; `taken` are the letters steps came from already."""

        pane: StepsPane
        taken: frozenset[str]

    @record
    class SourceRequested(Message):
        """Show Bijlage 1, with `quote` (the original of a step's suggestion) marked when not empty."""

        quote: str

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
        width = self.size.width or self.app.size.width
        return max(20, width - ROOM_BESIDE)

    @property
    def steps(self) -> list[NextStep]:
        return self.editor.session.next_steps

    def action_source(self) -> None:
        """Bijlage 1, with the original of the step's suggestion marked when it came from one."""
        step = self.current()
        by_letter = {s.letter: s for s in self.tool.suggestions}
        quote = by_letter[step.suggestion].quote if step and step.suggestion in by_letter else ""
        self.post_message(self.SourceRequested(quote))

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

    def action_add(self, text: str = "", suggestion: str = "") -> None:
        self.post_message(self.AddRequested(self, NextStep(text=text, suggestion=suggestion)))

    def action_edit(self) -> None:
        step = self.current()
        if step is not None:
            self.post_message(self.EditRequested(self, step))

    @on(OptionList.OptionSelected, "#steps")
    def _selected(self) -> None:
        """Enter (or a click) on a step edits it."""
        self.action_edit()

    def action_toggle_step(self) -> None:
        step = self.current()
        if step is not None:
            self.post_message(self.ToggleRequested(self, step))

    def action_remove(self) -> None:
        step = self.current()
        if step is not None:
            self.post_message(self.RemoveRequested(self, step))

    def action_suggest(self) -> None:
        self.post_message(self.SuggestionRequested(self, frozenset(s.suggestion for s in self.steps if s.suggestion)))
