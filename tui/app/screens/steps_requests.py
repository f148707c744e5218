"""What a screen does when its list of next steps asks for something: the dialog, then the change."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui.app.widgets.literal import visible

if TYPE_CHECKING:
    from tui.app.application import SamenwerkenApp
    from tui.app.widgets.steps import StepsPane  # handlers are found by name: the pane is imported where it shows


class StepsRequests:
    """A plain mixin for `AppScreen`: handlers of `StepsPane`'s requests, wherever the pane is shown.

    Textual finds `on_<message>` handlers on every class of the screen, this one included;
    the walk and the overview both show a pane, and handle it the same way.
    """

    samenwerken: SamenwerkenApp

    def _change(self, pane: StepsPane, change: Any, *args: Any, **kwargs: Any) -> None:
        """Change the session through the app (which says what became of it); then show the steps again."""
        self.samenwerken.apply_change(pane.editor, change, *args, **kwargs)
        pane.refresh_steps()

    def on_steps_pane_add_requested(self, event: StepsPane.AddRequested) -> None:
        pane, suggestion = event.pane, event.step.suggestion

        def done(result: dict[str, str] | None) -> None:
            if result:
                self._change(pane, pane.editor.add_step, suggestion=suggestion, **result)
                pane.refresh_steps(keep=len(pane.steps) - 1)

        self.samenwerken.ask_step(event.step, done)

    def on_steps_pane_edit_requested(self, event: StepsPane.EditRequested) -> None:
        pane, step = event.pane, event.step

        def done(result: dict[str, str] | None) -> None:
            if result:
                self._change(pane, pane.editor.update_step, step.id, **result)

        self.samenwerken.ask_step(step, done)

    def on_steps_pane_toggle_requested(self, event: StepsPane.ToggleRequested) -> None:
        self._change(event.pane, event.pane.editor.toggle_step, event.step.id)

    def on_steps_pane_remove_requested(self, event: StepsPane.RemoveRequested) -> None:
        pane, step = event.pane, event.step

        def done(yes: bool | None) -> None:
            if yes:
                self._change(pane, pane.editor.remove_step, step.id)

        self.samenwerken.confirm(pane.strings("steps.confirm_remove", text=visible(step.text[:80])), done)

    def on_steps_pane_suggestion_requested(self, event: StepsPane.SuggestionRequested) -> None:
        pane = event.pane

        def chosen(letter: str | None) -> None:
            if letter:
                suggestion = pane.tool.suggestion(letter)
                pane.action_add(text=suggestion.loc("text", pane.strings.language), suggestion=letter)

        self.samenwerken.pick_suggestion(chosen, taken=event.taken)

    def on_steps_pane_source_requested(self, event: StepsPane.SourceRequested) -> None:
        self.samenwerken.open_reader("bijlage-1", highlight=event.quote)
