"""`c` in the walk: what the cooperation is about. Every change is saved at once."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet, SelectionList, Static

from tui.content import load_tool
from tui.i18n import language, t
from tui.session.editor import SessionEditor


class ContextScreen(ModalScreen[None]):
    """Title, themes and forms (from the note's section 1), partners, role and stage."""

    BINDINGS = [Binding("escape", "close", t("key.close_saved"), id="context.close")]

    def __init__(self, editor: SessionEditor, save: Callable[..., bool]) -> None:
        super().__init__()
        self.editor = editor
        self.save = save
        self.tool = load_tool()

    def compose(self) -> ComposeResult:
        lang = language()
        context = self.editor.session.context
        lists = self.tool.context
        with VerticalScroll(classes="dialog wide tall", id="context-form"):
            yield Static(t("context.heading"), classes="dialog-question")
            yield Label(t("context.title"))
            yield Input(self.editor.session.title, id="ctx-title", max_length=400)
            yield Label(t("context.partners"))
            yield Input(context.partners, id="ctx-partners", placeholder=t("context.partners_example"))
            yield Label(t("context.role"))
            yield Input(context.role, id="ctx-role", placeholder=t("context.role_example"))
            yield Label(t("context.stage"))
            with RadioSet(id="ctx-stage"):
                for stage in lists.stages:
                    yield RadioButton(stage.loc("label", lang), value=context.stage == stage.id, name=stage.id)
            yield Label(t("context.themes"))
            yield SelectionList[str](*[(theme, theme, theme in context.themes) for theme in lists.themes], id="ctx-themes")
            yield Label(t("context.forms"))
            yield SelectionList[str](*[(form, form, form in context.forms) for form in lists.forms], id="ctx-forms")
            yield Static(t("context.hint"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#ctx-title").focus()

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
    def _next(self) -> None:
        self.focus_next()

    @on(RadioSet.Changed, "#ctx-stage")
    def _stage(self, event: RadioSet.Changed) -> None:
        self.save(self.editor.set_context, stage=event.pressed.name or "")

    @on(SelectionList.SelectedChanged, "#ctx-themes")
    def _themes(self, event: SelectionList.SelectedChanged) -> None:
        chosen = set(event.selection_list.selected)
        self.save(self.editor.set_context, themes=[x for x in self.tool.context.themes if x in chosen])

    @on(SelectionList.SelectedChanged, "#ctx-forms")
    def _forms(self, event: SelectionList.SelectedChanged) -> None:
        chosen = set(event.selection_list.selected)
        self.save(self.editor.set_context, forms=[x for x in self.tool.context.forms if x in chosen])

    def action_close(self) -> None:
        self.dismiss(None)
