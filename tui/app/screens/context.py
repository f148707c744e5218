"""`c` in the walk: what the cooperation is about. Every change is saved at once."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, RadioSet, SelectionList, Static

from tui.app.screens.base import AppModal
from tui.app.widgets.choices import MarkedRadioButton, MarkedSelectionList
from tui.app.widgets.literal import visible
from tui.session.editor import SessionEditor


class ContextScreen(AppModal[None]):
    """Title, themes and forms (from the note's section 1), partners, role and stage."""

    BINDINGS = [Binding("escape", "close", "key.close_saved", id="context.close")]

    def __init__(self, editor: SessionEditor, save: Callable[..., bool]) -> None:
        super().__init__()
        self.editor = editor
        self.save = save
        self.tool = self.samenwerken.tool

    def compose(self) -> ComposeResult:
        lang = self.strings.language
        context = self.editor.session.context
        lists = self.tool.context
        with VerticalScroll(classes="dialog wide tall", id="context-form"):
            yield Static(self.strings("context.heading"), classes="dialog-question")
            yield Label(self.strings("context.title"))
            yield Input(self.editor.session.title, id="ctx-title", max_length=400)
            yield Label(self.strings("context.partners"))
            yield Input(context.partners, id="ctx-partners", placeholder=self.strings("context.partners_example"))
            yield Label(self.strings("context.role"))
            yield Input(context.role, id="ctx-role", placeholder=self.strings("context.role_example"))
            yield Label(self.strings("context.stage"))
            with RadioSet(id="ctx-stage"):
                for stage in lists.stages:
                    yield MarkedRadioButton(stage.loc("label", lang), value=context.stage == stage.id, name=stage.id)
            yield Label(self.strings("context.themes"))
            yield MarkedSelectionList(*self._choices(lists.themes, context.themes), id="ctx-themes")
            yield Input(id="ctx-own-themes", placeholder=self.strings("context.own_theme"), max_length=400)
            yield Label(self.strings("context.forms"))
            yield MarkedSelectionList(*self._choices(lists.forms, context.forms), id="ctx-forms")
            yield Input(id="ctx-own-forms", placeholder=self.strings("context.own_form"), max_length=400)
            yield Static(self.strings("context.hint"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#ctx-title").focus()

    def _choices(self, offered: list[str], chosen: list[str]) -> list[tuple[str, str, bool]]:
        """The tool's choices, then the user's own ones from the file: nothing in it is dropped."""
        own = [value for value in chosen if value not in offered]
        return [(value, value, value in chosen) for value in offered] + [
            (self.strings("context.own", value=visible(value)), value, True) for value in own
        ]

    def _kept(self, field: str, offered: list[str], selected: set[str]) -> list[str]:
        """Selected values in the tool's order, then the user's own in the order they were added."""
        current: list[str] = getattr(self.editor.session.context, field)
        own = [value for value in current if value not in offered]
        own += [value for value in selected if value not in offered and value not in own]
        return [value for value in offered + own if value in selected]

    @on(Input.Changed, "#ctx-title")
    def _title(self, event: Input.Changed) -> None:
        if event.value.strip():
            self.save(self.editor.set_title, event.value)

    @on(Input.Changed, "#ctx-partners")
    def _partners(self, event: Input.Changed) -> None:
        self.save(self.editor.set_context, partners=event.value)

    @on(Input.Changed, "#ctx-role")
    def _role(self, event: Input.Changed) -> None:
        self.save(self.editor.set_context, role=event.value)

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        if event.input.id not in ("ctx-own-themes", "ctx-own-forms"):
            self.focus_next()

    @on(RadioSet.Changed, "#ctx-stage")
    def _stage(self, event: RadioSet.Changed) -> None:
        self.save(self.editor.set_context, stage=event.pressed.name or "")

    @on(SelectionList.SelectedChanged, "#ctx-themes")
    def _themes(self, event: SelectionList.SelectedChanged[str]) -> None:
        chosen = set(event.selection_list.selected)
        self.save(self.editor.set_context, themes=self._kept("themes", self.tool.context.themes, chosen))

    @on(SelectionList.SelectedChanged, "#ctx-forms")
    def _forms(self, event: SelectionList.SelectedChanged[str]) -> None:
        chosen = set(event.selection_list.selected)
        self.save(self.editor.set_context, forms=self._kept("forms", self.tool.context.forms, chosen))

    @on(Input.Submitted, "#ctx-own-themes, #ctx-own-forms")
    def _own(self, event: Input.Submitted) -> None:
        """A theme or form of one's own: added to the list, chosen, and saved."""
        value = event.value.strip()
        field = "themes" if event.input.id == "ctx-own-themes" else "forms"
        choices = self.query_one(f"#ctx-{field}", SelectionList)
        if value and value not in getattr(self.editor.session.context, field):
            if value in getattr(self.tool.context, field):
                choices.select(value)
            else:
                choices.add_option((self.strings("context.own", value=visible(value)), value, True))
            offered = getattr(self.tool.context, field)
            self.save(self.editor.set_context, **{field: self._kept(field, offered, set(choices.selected) | {value})})
        event.input.value = ""

    def action_close(self) -> None:
        self.dismiss(None)
