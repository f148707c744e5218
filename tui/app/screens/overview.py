"""The overview of one session: part scores, strengths, obstacles, notes, next steps."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.app.screens.base import AppScreen
from tui.app.screens.help import HelpScreen, help_rows
from tui.app.widgets.footer import SteadyFooter
from tui.app.widgets.header import AppHeader
from tui.app.widgets.literal import visible
from tui.app.widgets.steps import StepsPane
from tui.render.export import to_text
from tui.session.editor import SessionEditor
from tui.session.model import Session
from tui.views.report import Report, build_report

BODY = ("context", "parts", "strengths", "absent", "obstacles", "help", "other_remarks", "notes")
"""What the overview shows above its list of next steps; the unanswered items follow below it."""


class OverviewScreen(AppScreen[None]):
    """Reads top to bottom at 80×24; marks (+, −) carry the meaning, colour only helps."""

    STYLE_FILES = ("overview.tcss", "steps.tcss")
    """Its rules beside app.tcss's (see `tui.app.screens.base.read_style_files`)."""

    editor: SessionEditor
    """The session on screen (never None here)."""

    BINDINGS = [
        Binding("e", "export", "key.export", id="overview.export"),
        Binding("a", "add_step", "key.add_step", id="overview.add_step"),
        Binding("s", "suggest", "key.suggestion", id="overview.suggest"),
        Binding("w", "walk", "key.walk", id="overview.walk"),
        Binding("y", "copy", "key.copy", id="overview.copy"),
        Binding("question_mark", "help", "key.help", id="overview.help"),
        Binding("q,escape", "back", "key.back", id="overview.back"),
        # Keys that jump, instead of scrolling through the whole overview (shown by ?).
        Binding("1", "jump('parts')", "key.jump_parts", show=False, id="overview.jump_parts"),
        Binding("2", "jump('strengths')", "key.jump_strengths", show=False, id="overview.jump_strengths"),
        Binding("3", "jump('obstacles')", "key.jump_obstacles", show=False, id="overview.jump_obstacles"),
        Binding("4", "jump('steps')", "key.jump_steps", show=False, id="overview.jump_steps"),
    ]

    JUMP_HEADINGS = {"parts": "report.parts", "strengths": "report.strengths", "obstacles": "report.obstacles"}
    """The sections the number keys jump to, by the heading they start with."""

    def __init__(self, editor: SessionEditor) -> None:
        super().__init__()
        self.editor = editor
        self.tool = self.samenwerken.tool
        self.earlier: Session | None = None
        """The session this one follows up, when the store has it: parts and signals say what moved."""

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with VerticalScroll(id="overview"):
            yield Static(id="ov-body")
            yield Static(self.strings("report.steps"), id="ov-steps-heading", classes="ov-heading")
            yield Static(self.strings("overview.steps_hint"), id="ov-steps-hint", classes="hint")
            yield StepsPane(self.editor, self.tool, id="ov-steps")
            yield Static(id="ov-rest")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.title = visible(self.editor.session.title)
        self.sub_title = self.strings("overview.subtitle")
        self.earlier = self.samenwerken.earlier_session(self.editor.session)
        self.refresh_report()
        self.query_one(StepsPane).refresh_steps()
        self.query_one("#overview").focus()

    def on_screen_resume(self) -> None:
        self.refresh_report()

    def report(self) -> Report:
        return build_report(self.tool, self.editor.session, self.strings, self.earlier)

    def refresh_report(self) -> None:
        """The overview as the text renderer writes it (the same words as `overview --print`)."""
        report = self.report()
        width = max(40, self.samenwerken.size.width - 4)
        body = to_text(report, width, color=True, sections=BODY).rstrip("\n")
        self.query_one("#ov-body", Static).update(Text.from_ansi(body))
        rest = to_text(report, width, color=True, sections=("unanswered", "not_applicable"))
        self.query_one("#ov-rest", Static).update(Text.from_ansi(rest))

    def on_resize(self) -> None:
        self.refresh_report()

    def action_jump(self, section: str) -> None:
        """Bring a section's heading to the top: the overview is long, and a meeting asks for one part of it."""
        scroller = self.query_one("#overview", VerticalScroll)
        if section == "steps":
            scroller.scroll_to_widget(self.query_one("#ov-steps-heading"), top=True, animate=False)
            return
        heading = self.strings(self.JUMP_HEADINGS[section])
        lines = self.query_one("#ov-body", Static).render()
        text = lines.plain if isinstance(lines, Text) else str(lines)
        for number, line in enumerate(text.split("\n")):
            if line.strip() == heading:
                scroller.scroll_to(y=number, animate=False)
                return

    def action_export(self) -> None:
        from tui.app.screens.export_picker import ExportPicker

        if self.samenwerken.room_seat is not None:  # a seat's reflection goes home with the participant
            self.samenwerken.take_home(self.editor.session)
            return

        def chosen(fmt: str | None) -> None:
            if fmt:  # the app delivers it, asks before replacing, and says how it went
                self.samenwerken.export_session(self.editor.session, fmt)

        self.samenwerken.push_screen(ExportPicker(), chosen)

    def action_copy(self) -> None:
        """The whole overview as plain text on the clipboard (OSC 52: works over SSH too)."""
        self.samenwerken.copy_to_clipboard(to_text(self.report(), width=80))
        self.samenwerken.say(self.strings("overview.copied"))

    def action_add_step(self) -> None:
        self.query_one(StepsPane).action_add()

    def action_suggest(self) -> None:
        self.query_one(StepsPane).action_suggest()

    def action_walk(self) -> None:
        self.samenwerken.switch_screen_to_walk(self.editor)

    def action_help(self) -> None:
        self.samenwerken.push_screen(HelpScreen(help_rows(self), self.strings("help.overview")))

    def action_back(self) -> None:
        """Back; asks first when answers are not on disk."""
        self.samenwerken.confirm_leave([self.editor], lambda _: self.dismiss(None), self.strings("unsaved.leave"))
