"""The overview of one session: part scores, strengths, obstacles, notes, next steps."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tui.content import load_tool
from tui.i18n import language, t
from tui.report import Report, SignalRow, bar, build_report
from tui.screens.help import HelpScreen, help_rows
from tui.session.editor import SessionEditor
from tui.widgets.plain import plain_text, visible
from tui.widgets.steps import StepsPane


class OverviewScreen(Screen[None]):
    """Reads top to bottom at 80×24; marks (+, −) carry the meaning, colour only helps."""

    BINDINGS = [
        Binding("e", "export", t("key.export"), id="overview.export"),
        Binding("a", "add_step", t("key.add_step"), id="overview.add_step"),
        Binding("s", "suggest", t("key.suggestion"), id="overview.suggest"),
        Binding("w", "walk", t("key.walk"), id="overview.walk"),
        Binding("question_mark", "help", t("key.help"), id="overview.help"),
        Binding("q,escape", "back", t("key.back"), id="overview.back"),
    ]

    def __init__(self, editor: SessionEditor) -> None:
        super().__init__()
        self.editor = editor
        self.tool = load_tool()
        self.lang = language()

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="overview"):
            yield Static(id="ov-body")
            yield Static(t("report.steps"), classes="ov-heading")
            yield StepsPane(self.editor, self.tool, id="ov-steps")
            yield Static(id="ov-rest")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.title = visible(self.editor.session.title)
        self.sub_title = t("overview.subtitle")
        self.refresh_report()
        self.query_one(StepsPane).refresh_steps()
        self.query_one("#overview").focus()

    def on_screen_resume(self) -> None:
        self.refresh_report()

    def refresh_report(self) -> None:
        report = build_report(self.tool, self.editor.session, self.lang)
        self.query_one("#ov-body", Static).update(plain_text(self._body(report)))
        rest = f"\n{t('report.unanswered_count', n=len(report.unanswered))}"
        rest += "".join(f"\n  · {text}" for _, _, text in report.unanswered[:10])
        if len(report.unanswered) > 10:
            rest += "\n  …"
        self.query_one("#ov-rest", Static).update(plain_text(rest))

    def _body(self, report: Report) -> str:
        lines: list[str] = [label + ": " + value for label, value in report.context]
        lines += ["", t("report.parts").upper()]
        width = max(len(p.title) for p in report.parts)
        for p in report.parts:
            lines.append(f"{p.title:<{width}} {bar(p.mean, 12)} {p.score_text:>5}  {p.answered}/{p.total}")
        scoring = self.tool.scoring
        lines += ["", f"{t('report.strengths').upper()}  ({t('overview.strong_hint', at=scoring.strength_at)})"]
        lines += self._signals(report.strengths, "+") or ["  " + t("report.none")]
        lines += ["", f"{t('report.obstacles').upper()}  ({t('overview.weak_hint', at=scoring.obstacle_at)})"]
        lines += self._signals(report.obstacles, "−") or ["  " + t("report.none")]
        if report.other_notes:
            lines += ["", t("report.other_notes").upper()]
            for _, text, note in report.other_notes:
                lines += [f"  · {text}", f"    “{note}”"]
        if report.session.notes:
            lines += ["", t("report.notes").upper(), report.session.notes]
        return "\n".join(lines)

    def _signals(self, rows: list[SignalRow], mark: str) -> list[str]:
        lines: list[str] = []
        for r in rows:
            lines.append(f"{mark} {r.score}  {r.title}  ({r.part})")
            if r.note:
                lines.append(f"     {t('report.note')}: “{r.note}”")
            for letter, text in r.suggestions:
                lines.append(f"     → {t('report.try')} ({t('report.appendix1')} {letter}): {text}")
        return lines

    def action_export(self) -> None:
        from tui.screens.export_picker import ExportPicker

        def chosen(fmt: str | None) -> None:
            if not fmt:
                return
            try:
                path = self.app.write_export(self.editor.session, fmt)  # type: ignore[attr-defined]
            except OSError as error:
                self.app.say(t("export.failed", reason=error.strerror or str(error)), severity="error")  # type: ignore[attr-defined]
                return
            self.app.say(t("export.done", path=str(path)), timeout=10)  # type: ignore[attr-defined]

        self.app.push_screen(ExportPicker(), chosen)

    def action_add_step(self) -> None:
        self.query_one(StepsPane).action_add()

    def action_suggest(self) -> None:
        self.query_one(StepsPane).action_suggest()

    def action_walk(self) -> None:
        self.app.switch_screen_to_walk(self.editor)  # type: ignore[attr-defined]

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(help_rows(self), t("help.overview")))

    def action_back(self) -> None:
        """Back; asks first when answers are not on disk."""
        self.app.confirm_leave([self.editor], lambda: self.dismiss(None), t("unsaved.leave"))  # type: ignore[attr-defined]
