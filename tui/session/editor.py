"""Changes to an open session, each saved the moment it is made.

The screens call these methods and never write files themselves. Opening reads
the file afresh under its lock, so an old copy from a list is never the one
edited. Every change is kept as a small function; when a save finds that the
file changed on disk meanwhile, the editor reads it again and applies the
changes not yet saved on top, so neither side's answers are lost. A save that
fails keeps the change in memory, marks the editor unsaved and raises
`SaveFailed`; `retry()` tries again later. Nothing the user gave is dropped.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from tui.core.errors import ChangedOnDisk, UserFileError
from tui.core.os_errors import os_error_reason
from tui.core.reason import Reason
from tui.session import due, limits
from tui.session.lock import SessionLock
from tui.session.model import Answer, NextStep, Session, now
from tui.session.rescue import write_rescue
from tui.session.store import SessionStore, StoredSession

T = TypeVar("T")
Mutation = Callable[[Session], bool]
"""Changes a session in place; True when something changed."""

MERGE_TRIES = 3


class SaveFailed(Exception):
    """The change is kept in memory but is not on disk yet; `reason.text(strings)` says why."""

    def __init__(self, reason: Reason) -> None:
        self.reason = reason
        super().__init__(str(reason))


class ReadOnly(Exception):
    """This session cannot be written here (open elsewhere, a link, a read-only folder): nothing changed.

    `reason.text(strings)` says why.
    """

    def __init__(self, reason: Reason) -> None:
        self.reason = reason
        super().__init__(str(reason))


def writes(method: Callable[..., T]) -> Callable[..., T]:
    """Refuse a change on a read-only session before anything in memory changes."""

    @functools.wraps(method)
    def guarded(self: SessionEditor, *args: Any, **kwargs: Any) -> T:
        if self.read_only_reason is not None:
            raise ReadOnly(self.read_only_reason)
        return method(self, *args, **kwargs)

    return guarded


_UNANSWERED = Answer()
"""An item without an answer (never handed out: changes are made to copies)."""


def _put_answer(item_id: str, update: dict[str, Any]) -> Mutation:
    def mutate(session: Session) -> bool:
        old = session.answers.get(item_id) or _UNANSWERED
        new = old.model_copy(update=update)
        if new == old:
            return False
        answers = dict(session.answers)
        if new == _UNANSWERED:
            answers.pop(item_id, None)
        else:
            answers[item_id] = new
        session.answers = answers
        return True

    return mutate


class SessionEditor:
    """The one way an open session is changed."""

    def __init__(
        self,
        store: SessionStore,
        stored: StoredSession,
        lock: bool = True,
        read_only_reason: Reason | None = None,
        tool_version: int | None = None,
    ) -> None:
        """Open `stored` for editing: take its lock, then read its file afresh.

        `tool_version` is recorded with every score, so a comparison can tell answers
        given to an earlier wording. `read_only_reason` opens it read-only from the start
        (e.g. the folder cannot be written). Raises SessionFileError when the file can no
        longer be read (gone, broken, newer).
        """
        self.store = store
        self.tool_version = tool_version
        self.unsaved = False
        self.last_error: Reason | None = None
        """Why the last save failed (None when everything is on disk)."""
        self.merged = False
        """Set when a save found changes made elsewhere and kept both; the screen says so once."""
        self._pending: list[Mutation] = []
        self.lock = SessionLock(stored.path)
        self.read_only_reason = read_only_reason
        """Why this session cannot be written here (None when it can)."""
        if os.path.islink(stored.path):
            self.read_only_reason = Reason("readonly.link")
        elif lock and self.read_only_reason is None:
            self.read_only_reason = self._take_lock()
        try:
            self.stored = store.load(stored.path)
        except BaseException:
            self.lock.release()
            raise

    def _take_lock(self) -> Reason | None:
        """None when this editor may write, else why not."""
        try:
            if self.lock.acquire():
                return None
            return Reason("readonly.locked", {"holder": self.lock.holder()})
        except UserFileError as error:
            return Reason("readonly.unsafe", {"reason": str(error)})
        except OSError as error:
            return Reason("readonly.folder", {"reason": os_error_reason(error)})

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    @property
    def path(self) -> Path:
        return self.stored.path

    def close(self) -> None:
        """Let other instances write this session again."""
        self.lock.release()

    @property
    def session(self) -> Session:
        return self.stored.session

    # changes ---------------------------------------------------------------

    def _change(self, mutate: Mutation) -> None:
        """Apply a change in memory, remember it until it is on disk, and save now."""
        if not mutate(self.session):
            return
        self._pending.append(mutate)
        self.commit()

    def _replace(self, field: str, new_value: Callable[[Session], object]) -> None:
        """Set one field of the session to what `new_value` makes of it, when that differs.

        The function is kept, not its result, so after a merge it is applied to the file's state.
        """

        def mutate(session: Session) -> bool:
            value = new_value(session)
            if value == getattr(session, field):
                return False
            setattr(session, field, value)
            return True

        self._change(mutate)

    @writes
    def answer(self, item_id: str, score: int) -> None:
        """Score an item 1–5."""
        self._change(
            _put_answer(
                item_id, {"score": score, "not_applicable": False, "at": now(), "tool_version": self.tool_version}
            )
        )

    @writes
    def not_applicable(self, item_id: str) -> None:
        self._change(
            _put_answer(
                item_id, {"score": None, "not_applicable": True, "at": now(), "tool_version": self.tool_version}
            )
        )

    @writes
    def clear(self, item_id: str) -> None:
        """Take back a score or n.v.t., keeping the note."""
        self._change(_put_answer(item_id, {"score": None, "not_applicable": False, "at": None, "tool_version": None}))

    @writes
    def remark(self, item_id: str, text: str) -> None:
        limits.check_length("note", text, limits.MAX_NOTE)
        self._change(_put_answer(item_id, {"remark": text}))

    @writes
    def share(self, item_id: str, shared: bool) -> None:
        """In a regional session: show this item's remark to the group (without a name), or stop."""
        self._change(_put_answer(item_id, {"shared": shared}))

    @writes
    def set_title(self, title: str) -> None:
        title = title.strip()
        limits.check_length("title", title, limits.MAX_TITLE)

        if title:
            self._replace("title", lambda session: title)

    @writes
    def set_context(self, **fields: Any) -> None:
        """Change context fields (themes, forms, partners, role, stage)."""
        for name in ("partners", "role", "stage"):
            if name in fields:
                limits.check_length(name, str(fields[name]), limits.MAX_SHORT)
        for name in ("themes", "forms"):
            if name in fields:
                limits.check_count(name, len(fields[name]), limits.MAX_CONTEXT_CHOICES)
                for value in fields[name]:
                    limits.check_length(name, value, limits.MAX_SHORT)

        self._replace("context", lambda session: session.context.model_copy(update=fields))

    @writes
    def set_remarks(self, text: str) -> None:
        limits.check_length("note", text, limits.MAX_NOTE)
        self._replace("remarks", lambda session: text)

    @staticmethod
    def _check_step(fields: dict[str, Any]) -> None:
        if "text" in fields:
            limits.check_length("step", str(fields["text"]), limits.MAX_STEP_TEXT)
        for name in ("who", "when"):
            if name in fields:
                limits.check_length(name, str(fields[name]), limits.MAX_SHORT)

    @writes
    def add_step(
        self, text: str, who: str = "", when: str = "", suggestion: str = "", today: date | None = None
    ) -> NextStep:
        """A new step; a date its `when` names is kept beside the text (a year left out: the next such date)."""
        self._check_step({"text": text, "who": who, "when": when})
        limits.check_count("steps", len(self.session.next_steps) + 1, limits.MAX_STEPS)
        found = due.parse_due(when, today or due.today())
        step = NextStep(text=text, who=who, when=when, due=found.date if found else None, suggestion=suggestion)

        def added(session: Session) -> list[NextStep]:
            if any(s.id == step.id for s in session.next_steps):
                return session.next_steps
            return [*session.next_steps, step.model_copy()]

        self._replace("next_steps", added)
        return step

    @writes
    def update_step(self, step_id: str, today: date | None = None, **fields: Any) -> None:
        """Change a step's fields; a changed `when` is read again for its date, an unchanged one keeps it.

        ("1 maart" typed in January stays this year's 1 March when the step is edited in April.)
        """
        self._check_step(fields)
        step = next((s for s in self.session.next_steps if s.id == step_id), None)
        if step is not None and "when" in fields and fields["when"] != step.when:
            found = due.parse_due(str(fields["when"]), today or due.today())
            fields = {**fields, "due": found.date if found else None}

        self._replace(
            "next_steps",
            lambda session: [s.model_copy(update=fields) if s.id == step_id else s for s in session.next_steps],
        )

    @writes
    def toggle_step(self, step_id: str) -> None:
        step = next(s for s in self.session.next_steps if s.id == step_id)
        self.update_step(step_id, done=not step.done)

    @writes
    def remove_step(self, step_id: str) -> None:
        self._replace("next_steps", lambda session: [s for s in session.next_steps if s.id != step_id])

    # saving ----------------------------------------------------------------

    def commit(self) -> None:
        """Save now; on failure keep everything in memory and raise SaveFailed."""
        try:
            if not self._write():
                self._failed(Reason("readonly.keeps_changing"))
        except OSError as error:
            self._failed(os_error_reason(error))
        except UserFileError as error:
            self._failed(Reason.plain(error.problem))
        self.unsaved = False
        self.last_error = None

    def _failed(self, reason: Reason) -> NoReturn:
        self.unsaved = True
        self.last_error = reason
        raise SaveFailed(reason) from None

    def _write(self) -> bool:
        """Save; when the file changed elsewhere, read it again and apply the unsaved changes on top.

        False when it kept changing through every try. A file that changed into something
        unreadable (broken, newer) is never overwritten: the SessionFileError goes up and
        the changes stay in memory.
        """
        for _ in range(MERGE_TRIES):
            try:
                self.store.save(self.stored)
            except ChangedOnDisk:
                fresh = self.store.load(self.stored.path)
                for mutate in self._pending:
                    mutate(fresh.session)
                self.stored = fresh
                self.merged = True
                continue
            self._pending.clear()
            return True
        return False

    def retry(self) -> bool:
        """Try a failed save again; True when everything is on disk."""
        if not self.unsaved:
            return True
        try:
            self.commit()
        except SaveFailed:
            return False
        return True

    def rescue(self) -> Path:
        """Write what is in memory to a rescue copy elsewhere; OSError when no folder takes it."""
        return write_rescue(self.session, self.store.root)
