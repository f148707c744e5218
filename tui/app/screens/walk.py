"""The guided walk: one cooperation, item by item, every answer saved as it is given."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.commands import WalkCommands
from tui.app.screens.base import AppScreen, SaveStateChanged
from tui.app.screens.walk_phone import WalkOnPhone
from tui.app.widgets.footer import SteadyFooter
from tui.app.widgets.header import AppHeader
from tui.app.widgets.lists import StayingOptionList, SteadyStatic
from tui.app.widgets.literal import plain_text, visible
from tui.app.widgets.scale import ScaleBar
from tui.content import Item, Part
from tui.render.parts import filled, walk_part_line
from tui.session.editor import SessionEditor
from tui.session.model import Session

if TYPE_CHECKING:
    from tui.app.widgets.steps import StepsPane

PROGRESS_WIDTH = 12

SCALE_ACTIONS = {"answer", "not_applicable", "clear", "remark", "down", "up"}


class WalkScreen(WalkOnPhone):
    """Answer the tool's items with 1–5 and 0; tab moves between parts."""

    STYLE_FILES = ("walk.tcss", "steps.tcss")
    """Its rules beside app.tcss's (see `tui.app.screens.base.read_style_files`)."""

    editor: SessionEditor
    """The session on screen (never None here)."""

    NARROW_HIDDEN = frozenset({"source", "context"})
    """Keys the bar leaves out below 80 columns (see SteadyFooter); ? lists them."""

    BINDINGS = [
        Binding("1", "answer(1)", "key.answer", key_display="1-5", id="walk.answer1"),
        *[Binding(str(n), f"answer({n})", "key.answer", show=False, id=f"walk.answer{n}") for n in range(2, 6)],
        Binding("0", "not_applicable", "key.not_applicable", show=False, id="walk.na"),  # the scale shows it
        Binding("backspace", "clear", "key.clear", show=False, id="walk.clear"),
        Binding("n", "remark", "key.note", id="walk.remark"),
        Binding("g", "share", "key.share", id="walk.share"),
        Binding("m", "vote", "key.vote", id="walk.vote", show=False),  # the room panel says it
        Binding("j", "down", "key.down", show=False, id="walk.down"),
        Binding("k", "up", "key.up", show=False, id="walk.up"),
        Binding("tab", "part(1)", "key.next_part", show=False, priority=True, id="walk.next_part"),
        Binding("shift+tab", "part(-1)", "key.previous_part", show=False, priority=True, id="walk.previous_part"),
        Binding("l", "source", "key.source", id="walk.source"),
        Binding("c", "context", "key.context", id="walk.context"),
        Binding("o", "overview", "key.overview", id="walk.overview"),
        Binding("question_mark", "help", "key.help", id="walk.help"),
        Binding("q", "back", "key.back", id="walk.back"),
    ]

    COMMANDS = AppScreen.COMMANDS | {WalkCommands}

    def __init__(self, editor: SessionEditor, item_id: str | None = None) -> None:
        super().__init__()
        self.editor = editor
        self.part_index = 0
        """Which part of the tool is on screen."""
        self.tool = self.samenwerken.tool
        self.lang = self.strings.language
        self.item_ids = [item.id for item in self.tool.items]
        self._start_item = item_id or editor.session.first_unanswered(self.item_ids)
        self.earlier: Session | None = self.samenwerken.earlier_session(editor.session)
        """In a follow-up: the reflection it follows, whose answers each item shows as 'last time'."""
        self.in_room = self.samenwerken.room_watch is not None
        """One seat of a regional session: the room's panel shows, remarks can be shared."""
        self._votes: list[str] = self.samenwerken.room_seat.votes() if self.samenwerken.room_seat else []
        """The items this seat marked to discuss (a regional session's reveal phase)."""
        self._shown: dict[str, tuple[str, str]] = {}
        """What each Static of the walk shows now: the same text again is not sent (one paint per answer)."""

    # building --------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Horizontal(id="walk-status"):
            yield SteadyStatic(id="walk-where")
            yield SteadyStatic(id="walk-total")
        yield SteadyStatic(id="walk-question")
        with Vertical(id="scale-pane"):
            yield StayingOptionList(id="items")
            yield SteadyStatic(id="item-text")
            yield SteadyStatic(id="item-explain", classes="hint")
            yield ScaleBar(self.tool.scale.loc("not_applicable", self.lang), id="scale")
            yield SteadyStatic(id="item-note")
            if self.earlier is not None:  # a follow-up's 'last time' line: no widget when there is none
                yield SteadyStatic(id="item-earlier", classes="hint")
        # Vervolg's pane (#steps-pane) follows the scale's once it is first shown: see `_show_steps`
        if self.in_room:  # a seat of a regional session: its panel (imported only there)
            from tui.app.widgets.room_panel import RoomPanel

            yield RoomPanel(id="room-panel")
        yield from self.phone_bars()  # on a phone: below all else, where a thumb reaches
        yield SteadyFooter()

    def on_mount(self) -> None:
        if self.in_room:
            self.set_interval(1.0, self._tick)
        self.title = visible(self.editor.session.title)
        if self._start_item:
            part = self.tool.part_of(self._start_item)
            self._show_part(self.tool.parts.index(part), [i.id for i in part.items].index(self._start_item))
        else:
            self._show_part(len(self.tool.parts) - 1 if self.all_answered else 0, 0)

    # where we are ----------------------------------------------------------

    @property
    def part(self) -> Part:
        return self.tool.parts[self.part_index]

    @property
    def item_list(self) -> OptionList:
        return self.query_one("#items", OptionList)

    @property
    def item(self) -> Item | None:
        if self.part.kind != "scale":
            return None
        index = self.item_list.highlighted
        return self.part.items[index] if index is not None else None

    @property
    def all_answered(self) -> bool:
        return self.editor.session.first_unanswered(self.item_ids) is None

    def _show_part(self, index: int, item_index: int = 0) -> None:
        self.part_index = index
        part = self.part
        self.sub_title = part.loc("title", self.lang)
        scale_pane = self.query_one("#scale-pane")
        if scale_pane.display != (part.kind != "steps"):
            scale_pane.display = part.kind != "steps"
        if part.kind == "steps":
            self._show_text("walk-question", part.loc("intro", self.lang))
            self._show_steps()
        else:
            for pane in self._steps_panes():
                pane.display = False
            self._show_text("walk-question", part.loc("question", self.lang), "bold")
            items = self.item_list
            items.set_options(Option(self._label(item), id=item.id) for item in part.items)
            items.highlighted = min(item_index, len(part.items) - 1)
            items.focus()
        self._update_status()
        self._show_room()
        self.refresh_bindings()

    def _show_steps(self) -> None:
        """Vervolg's pane, mounted the first time it is shown: most walks open on a statement and never show it."""
        panes = self._steps_panes()
        if panes:
            pane = panes[0]
            pane.display = True
            if pane.is_mounted:
                pane.refresh_steps()
                pane.focus_list()
            return  # else still mounting: `filled` below fills it
        from tui.app.widgets.steps import StepsPane

        pane = StepsPane(self.editor, self.tool, id="steps-pane")
        mounted = self.mount(pane, after="#scale-pane")

        async def filled() -> None:
            await mounted
            if pane.display:  # still the part on screen
                pane.refresh_steps()
                pane.focus_list()

        self.call_later(filled)

    def _steps_panes(self) -> list[StepsPane]:
        """Vervolg's pane, once made (its module is imported then: most walks never show it)."""
        return cast("list[StepsPane]", list(self.query("#steps-pane")))

    def _show_text(self, widget_id: str, text: str, style: str = "") -> None:
        """Put `text` in the Static `widget_id`, unless it shows exactly that already."""
        if self._shown.get(widget_id) != (text, style):
            self._shown[widget_id] = (text, style)
            self.query_one(f"#{widget_id}", Static).update(plain_text(text, style))

    def _label(self, item: Item) -> Text:
        answer = self.editor.session.answers.get(item.id)
        not_applicable = self.tool.scale.loc("not_applicable", self.lang)  # the scale's own word: n.v.t., n/a
        width = len(not_applicable) + 3  # every mark is as wide as the widest, '✓ n.v.t. '
        if answer and answer.score is not None:
            mark = f"✓ {answer.score}"
        elif answer and answer.not_applicable:
            mark = f"✓ {not_applicable}"
        else:
            mark = "·"
        mark = mark.ljust(width)
        note = "✎ " if answer and answer.remark else "  "
        label = Text(end="")
        label.append(mark, style="bold" if answer and answer.answered else "dim")
        label.append(note)
        if item.id in self._votes:
            label.append("★ ", style="bold")
        label.append(visible(item.loc("text", self.lang)))
        return label

    def _update_status(self) -> None:
        session = self.editor.session
        answered = session.answered_count(self.item_ids)
        total = len(self.item_ids)
        part = self.part
        where = walk_part_line(self.tool, part, self.strings)
        if part.kind == "scale":
            index = (self.item_list.highlighted or 0) + 1
            where += " · " + self.strings("walk.item", k=index, n=len(part.items))
        overall = self.strings(
            "walk.total", done=answered, total=total, bar=filled(answered / total if total else 0, PROGRESS_WIDTH)
        )
        if self.editor.unsaved:
            overall = self.strings("walk.unsaved")
        elif self.editor.read_only:
            overall = self.strings("walk.read_only_mark")
        self._show_text("walk-where", where)
        self._show_text("walk-total", overall)
        self.query_one("#walk-total", Static).set_class(self.editor.unsaved, "error")

    def _show_item(self) -> None:
        item = self.item
        if item is None:
            return
        part = self.part
        answer = self.editor.session.answers.get(item.id)
        self._show_text("item-text", item.loc("text", self.lang), "bold")
        source = self.samenwerken.note.label(item.source)
        self._show_text(
            "item-explain", f"{item.loc('explain', self.lang)}  [{self.strings('walk.source', section=source)}]"
        )
        scale = self.query_one(ScaleBar)
        scale.set_anchors(part.anchor(item, "low", self.lang), part.anchor(item, "high", self.lang))
        scale.value = None if answer is None or not answer.answered else (0 if answer.not_applicable else answer.score)
        note = answer.remark if answer else ""
        shown = self.strings("walk.note_label") + (visible(note) if note else self.strings("walk.no_note"))
        if self.in_room and answer is not None and answer.shared and note:
            shown = self.strings("room.shared_mark") + " " + shown
        self._show_text("item-note", shown)
        self._show_earlier(item)
        self._update_status()
        self._show_room()

    def _show_earlier(self, item: Item) -> None:
        """'Vorige keer: 3' in a follow-up, so the change is a choice, not an accident."""
        if self.earlier is None:
            return
        widget = self.query_one("#item-earlier", Static)
        before = self.earlier.answers.get(item.id)
        if before is None or not before.answered:
            widget.display = False
            return
        given = self.strings("room.nvt") if before.not_applicable else str(before.score)
        self._show_text("item-earlier", self.strings("walk.earlier", answer=given))
        widget.display = True

    def _refresh_label(self, item_id: str) -> None:
        items = self.query_one("#items", StayingOptionList)
        index = items.get_option_index(item_id)
        items.replace_prompt(index, self._label(self.tool.item(item_id)))  # the other items' lines kept

    @on(OptionList.OptionHighlighted, "#items")
    def _highlighted(self) -> None:
        self._show_item()

    @on(OptionList.OptionSelected, "#items")
    def _selected(self) -> None:
        self.action_remark()

    @on(ScaleBar.Chosen)
    def _clicked(self, event: ScaleBar.Chosen) -> None:
        """A click on the scale answers like the digit keys do."""
        if event.value == 0:
            self.action_not_applicable()
        else:
            self.action_answer(event.value)

    # answering -------------------------------------------------------------

    def _save(self, change: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
        """Apply a change through the app's one helper; False only when nothing changed."""
        try:
            return self.samenwerken.apply_change(self.editor, change, *args, **kwargs)
        finally:
            self._update_status()

    def action_answer(self, score: int) -> None:
        item = self.item
        if item is None:
            return
        if self._save(self.editor.answer, item.id, score):
            self._after_answer(item)

    def action_not_applicable(self) -> None:
        item = self.item
        if item is None:
            return
        if self._save(self.editor.not_applicable, item.id):
            self._after_answer(item)

    def action_clear(self) -> None:
        item = self.item
        if item is not None:
            self._save(self.editor.clear, item.id)
            self._refresh_label(item.id)
            self._show_item()

    def _after_answer(self, item: Item) -> None:
        """Mark the item and move on: to the next item, across the end of a part too."""
        self._refresh_label(item.id)
        index = self.item_list.highlighted or 0
        if index + 1 < len(self.part.items):
            self.item_list.highlighted = index + 1
            self._show_item()  # now, not when the highlight's message comes: one paint for the answer
        elif self.part_index + 1 < len(self.tool.parts):
            self._show_part(self.part_index + 1, 0)
            if self.part.kind == "steps" and self.all_answered:
                self.notify(self.strings("walk.all_answered"), timeout=6)
        else:
            self._show_item()

    def action_down(self) -> None:
        self.item_list.action_cursor_down()

    def action_up(self) -> None:
        self.item_list.action_cursor_up()

    def go_to_item(self, item_id: str) -> None:
        """Show the part of an item with that item highlighted (command palette)."""
        part = self.tool.part_of(item_id)
        self._show_part(self.tool.parts.index(part), [i.id for i in part.items].index(item_id))

    def go_to_part(self, part_id: str) -> None:
        self._show_part([p.id for p in self.tool.parts].index(part_id), 0)

    def action_part(self, step: int) -> None:
        self._show_part((self.part_index + step) % len(self.tool.parts), 0)

    # notes, source, context ------------------------------------------------

    def action_remark(self) -> None:
        item = self.item
        if item is None:
            return
        if self.editor.read_only:
            why = self.editor.read_only_reason.text(self.strings) if self.editor.read_only_reason else ""
            self.samenwerken.say(self.strings("walk.read_only", reason=why), severity="warning")
            return
        from tui.app.screens.remark_dialog import RemarkDialog

        answer = self.editor.session.answers.get(item.id)

        def changed(text: str) -> None:
            self._save(self.editor.remark, item.id, text)

        def closed(_: str | None) -> None:
            self._refresh_label(item.id)
            self._show_item()

        def share(want: bool) -> bool:
            now = self.set_shared(item.id, want)
            return (not want) if now is None else now  # nothing saved: as it was

        heading = self.strings("note.heading", item=item.loc("text", self.lang))
        remark, shared = (answer.remark, answer.shared) if answer else ("", False)
        sharing = share if self.in_room else None
        self.samenwerken.push_screen(RemarkDialog(heading, remark, changed, sharing, shared), closed)

    def action_source(self) -> None:
        from tui.app.screens.reader import ReaderScreen

        item = self.item
        if item is not None:
            self.samenwerken.push_screen(ReaderScreen(item.source, highlight=item.quote))
        else:
            self.samenwerken.push_screen(ReaderScreen(self.part.source))

    def action_context(self) -> None:
        from tui.app.screens.context import ContextScreen

        def closed(_: object) -> None:
            self.title = visible(self.editor.session.title)

        self.samenwerken.push_screen(ContextScreen(self.editor, self._save), closed)

    def action_overview(self) -> None:
        from tui.app.screens.overview import OverviewScreen

        self.samenwerken.push_screen(OverviewScreen(self.editor))

    def on_screen_resume(self) -> None:
        """Back from the overview or the reader: answers or steps may have changed there."""
        if self.part.kind == "scale":
            for item in self.part.items:
                self._refresh_label(item.id)
            self._show_item()
        else:
            for pane in self._steps_panes():
                if pane.is_mounted:
                    pane.refresh_steps()
            self._show_room()
        self._update_status()
        self.refresh_bindings()  # the room's phase may have moved on meanwhile

    def on_save_state_changed(self, _: SaveStateChanged) -> None:
        self._update_status()

    def action_help(self) -> None:
        from tui.app.screens.help import HelpScreen, help_rows

        self.samenwerken.push_screen(HelpScreen(help_rows(self), self.strings("help.walk")))

    def action_back(self) -> None:
        """Back to where the walk was opened from; asks first when answers are not on disk."""
        self.samenwerken.confirm_leave([self.editor], lambda _: self.dismiss(None), self.strings("unsaved.leave"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Scale keys only where there are scale items; steps keys only in Vervolg."""
        if action == "share":
            return self.in_room and self.part.kind == "scale"
        if action == "vote":
            watch = self.samenwerken.room_watch
            return watch is not None and watch.room.phase == "reveal" and self.part.kind == "scale"
        return not (action in SCALE_ACTIONS and self.part.kind != "scale")
