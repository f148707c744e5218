"""Plain mode: the walk as lines of text, for a screen reader, a dumb terminal or a pipe.

Each item is asked on lines of its own (the part's heading when a part starts,
"k/n: statement", the scale's anchors) and one line is read: 1–5, 0 for n.v.t.,
`n` to type a remark on one line, Enter alone to skip, `q` to stop. Every answer
is saved at once through a `SessionEditor`, exactly as in the app. After the last
item the next steps are asked the same way (what, who, when; an empty 'what' ends).
No colour, no cursor movement; every user text is shown through `safe_line`. At the
end (or after `q`) the overview is printed as text. Nothing here imports Textual.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from tui.cli.output import UNWRAPPED
from tui.cli.plain_choice import wants_plain as wants_plain  # where it was
from tui.core.errors import UserFileError
from tui.core.text import safe_line
from tui.render.parts import CHECKBOXES, columns, step_caps, step_rows, walk_part_line
from tui.session import SessionStore, StoredSession, due
from tui.session.editor import ReadOnly, SaveFailed, SessionEditor
from tui.session.limits import OverLimit

if TYPE_CHECKING:
    from tui.content import Item, Part, Tool
    from tui.content.i18n import Strings

EXIT_PROBLEM = 1
STOP, SKIP, REMARK = "q", "", "n"


def start_plain(args: argparse.Namespace, folder: Path, strings: Strings) -> int:
    """`walk --plain [ID]`, and `new`/`resume`/`walk` where the app cannot run: pick the session, then walk."""
    from tui.content import load_tool

    store = SessionStore(folder)
    stored: StoredSession | None = None
    title: str | None = None
    if args.command == "new" and getattr(args, "follows", None):
        earlier = store.follow_up_source(args.follows)
        stored = store.create(args.title or earlier.title, strings.language, follows=earlier)
    elif args.command == "new":
        title = (args.title or "").strip() or None
    elif args.command == "resume" or args.id:
        stored = store.find(args.id)
    else:
        sessions, _ = store.scan()
        stored = sessions[0] if sessions else None
    return PlainWalk(store, strings, load_tool()).run(stored, title)


class PlainWalk:
    """One walk through the items on lines of text; `run` returns the exit code."""

    def __init__(
        self,
        store: SessionStore,
        strings: Strings,
        tool: Tool,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
    ) -> None:
        self.store = store
        self.strings = strings
        self.tool = tool
        self.lang = strings.language
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self.item_ids = [item.id for item in tool.items]
        self.echo = not _is_terminal(self.stdin)
        """Read from a pipe: what is read is written after the prompt, so the transcript reads as a dialogue."""

    # lines -----------------------------------------------------------------

    def say(self, text: str = "") -> None:
        """One line on stdout, safe for the terminal."""
        print(safe_line(text), file=self.stdout, flush=True)

    def warn(self, text: str) -> None:
        """A problem: one line on stderr."""
        self.stdout.flush()
        print(f"samenwerken: {safe_line(text)}", file=self.stderr, flush=True)

    def ask(self, prompt: str) -> str | None:
        """The prompt, then one line as typed (without its line end); None at the end of the input."""
        self.stdout.write(safe_line(prompt))
        self.stdout.flush()
        try:
            line = self.stdin.readline()
        except UnicodeDecodeError:
            line = "\ufffd\n"
        if not line:
            self.stdout.write("\n")
            return None
        line = line.rstrip("\r\n")
        if self.echo:
            self.stdout.write(safe_line(line) + "\n")
            self.stdout.flush()
        return line

    # the walk --------------------------------------------------------------

    def run(self, stored: StoredSession | None, title: str | None = None) -> int:
        """Walk `stored` from its first unanswered item (a new session named `title`, or asked for, if None)."""
        if stored is None:
            title = title or (self.ask(self.strings("home.ask_title") + " ") or "").strip()
            if not title:
                self.warn(self.strings("plain.no_title"))
                return EXIT_PROBLEM
            stored = self.store.create(title, self.lang)
        editor = SessionEditor(self.store, stored, tool_version=self.tool.version)
        try:
            return self._walk(editor)
        finally:
            editor.close()

    def _walk(self, editor: SessionEditor) -> int:
        session = editor.session
        if editor.read_only_reason is not None:
            self.warn(self.strings("plain.read_only", reason=editor.read_only_reason.text(self.strings)))
            self._overview(editor)
            return EXIT_PROBLEM
        done = session.answered_count(self.item_ids)
        self.say(self.strings("plain.start", title=session.title, done=done, total=len(self.item_ids)))
        first = session.first_unanswered(self.item_ids)
        if first is None:
            self.say(self.strings("plain.all_answered"))
            self._steps(editor)
            code = 0 if self._all_on_disk(editor) else EXIT_PROBLEM
            self._overview(editor)
            return code
        stopped = False
        shown_part: Part | None = None
        for index in range(self.item_ids.index(first), len(self.item_ids)):
            item = self.tool.items[index]
            part = self.tool.part_of(item.id)
            if part is not shown_part:
                self._part_heading(part)
                shown_part = part
            if not self._ask_item(editor, part, item, index + 1):
                stopped = True
                break
        answered = editor.session.answered_count(self.item_ids)
        total = len(self.item_ids)
        self.say()
        if stopped:
            self.say(self.strings("plain.stopped", done=answered, total=total, id=editor.session.id))
        else:
            self.say(self.strings("plain.done", done=answered, total=total))
            self._steps(editor)
        code = 0 if self._all_on_disk(editor) else EXIT_PROBLEM
        self._overview(editor)
        return code

    def _part_heading(self, part: Part) -> None:
        self.say()
        self.say(walk_part_line(self.tool, part, self.strings))
        self.say(part.loc("intro", self.lang))
        self.say(part.loc("question", self.lang))

    def _ask_item(self, editor: SessionEditor, part: Part, item: Item, number: int) -> bool:
        """Ask one item until it is answered, skipped or the walk stops; False to stop."""
        self.say()
        self.say(self.strings("plain.item", k=number, n=len(self.item_ids), text=item.loc("text", self.lang)))
        self.say(
            self.strings(
                "plain.anchors",
                low=part.anchor(item, "low", self.lang),
                high=part.anchor(item, "high", self.lang),
                na=self.tool.scale.loc("not_applicable", self.lang),
            )
        )
        self._current(editor, item)
        while True:
            line = self.ask(self.strings("plain.prompt"))
            if line is None:
                return False
            typed = line.strip().casefold()
            if typed == STOP:
                return False
            if typed == SKIP:
                return True
            if typed == REMARK:
                self._remark(editor, item)
                continue
            if typed in ("0", "1", "2", "3", "4", "5"):
                if typed == "0":
                    self._change(editor, editor.not_applicable, item.id)
                else:
                    self._change(editor, editor.answer, item.id, int(typed))
                return True
            self.say(self.strings("plain.not_understood", typed=line.strip()))

    def _current(self, editor: SessionEditor, item: Item) -> None:
        """What is given already: the answer and the remark."""
        answer = editor.session.answers.get(item.id)
        if answer is None:
            return
        if answer.answered:
            shown = self.tool.scale.loc("not_applicable", self.lang) if answer.not_applicable else str(answer.score)
            self.say(self.strings("plain.now", answer=shown))
        if answer.remark:
            self.say(self.strings("walk.note_label") + answer.remark)

    def _remark(self, editor: SessionEditor, item: Item) -> None:
        line = self.ask(self.strings("plain.ask_note"))
        text = (line or "").strip()
        if text and self._change(editor, editor.remark, item.id, text):
            self.say(self.strings("plain.note_saved"))

    def _change(self, editor: SessionEditor, change: Callable[..., Any], *args: Any) -> bool:
        """Apply a change and say plainly what became of it; False only when nothing changed."""
        try:
            change(*args)
        except SaveFailed as error:
            self.warn(self.strings("plain.save_failed", reason=error.reason.text(self.strings)))
        except ReadOnly as error:
            self.warn(self.strings("walk.read_only", reason=error.reason.text(self.strings)))
            return False
        except OverLimit as error:
            self.warn(self.strings("error.not_changed", reason=error.reason.text(self.strings)))
            return False
        if editor.merged:
            editor.merged = False
            self.say(self.strings("walk.merged"))
        return True

    def _steps(self, editor: SessionEditor) -> None:
        """The next steps part: the steps so far, then new ones asked line by line (what, who, when).

        An empty 'what' (or the end of the input) ends the part. Each step is saved at once, like
        an answer; its 'when' is kept as typed, and the date it names (if any) is said back.
        """
        part = next((p for p in self.tool.parts if p.kind == "steps"), None)
        self.say()
        if part is not None:
            self.say(walk_part_line(self.tool, part, self.strings))
        for line in self._step_lines(editor):
            self.say(line)
        self.say(self.strings("plain.steps_start"))
        while True:
            what = " ".join((self.ask(self.strings("plain.ask_what")) or "").split())
            if not what:
                return
            who = (self.ask(self.strings("plain.ask_who")) or "").strip()
            when = (self.ask(self.strings("plain.ask_when")) or "").strip()
            before = len(editor.session.next_steps)
            if not self._change(editor, editor.add_step, what, who, when) or len(editor.session.next_steps) == before:
                continue
            step = editor.session.next_steps[-1]
            if step.due is not None:
                shown = due.when_shown(step.when, step.due, self.lang)
                said = self.strings("plain.step_due", date=shown)
            else:
                said = self.strings("plain.step_no_due", typed=when) if when else ""
            self.say(self.strings("plain.step_saved", due=said))

    def _step_lines(self, editor: SessionEditor) -> list[str]:
        """The steps so far as the register's lines (Wat, Wie, Wanneer, Klaar), or nothing."""
        steps = editor.session.next_steps
        if not steps:
            return []
        width = shutil.get_terminal_size((80, 24)).columns if _is_terminal(self.stdout) else UNWRAPPED
        rows = step_rows(steps, self.strings, due.today(), CHECKBOXES)
        room = min(width, 120) - 2
        return ["  " + line for lines in columns(rows, room, step_caps(room)) for line in lines]

    def _all_on_disk(self, editor: SessionEditor) -> bool:
        """True when every answer is on disk; else one more try, then a rescue copy."""
        if editor.retry():
            return True
        try:
            path = editor.rescue()
        except UserFileError as error:
            self.warn(self.strings("rescue.failed", reason=error.text(self.strings)))
        except OSError as error:
            self.warn(self.strings("rescue.failed", reason=str(error)))
        else:
            self.warn(self.strings("rescue.written", paths=str(path)))
        return False

    def _overview(self, editor: SessionEditor) -> None:
        """The overview as text, as `overview ID --print` prints it (never in colour)."""
        from tui.render.export import to_text
        from tui.views.report import build_report

        width = shutil.get_terminal_size((80, 24)).columns if _is_terminal(self.stdout) else UNWRAPPED
        self.say()
        self.stdout.write(to_text(build_report(self.tool, editor.session, self.strings), width=width, color=False))
        self.stdout.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
