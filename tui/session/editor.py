"""Changes to an open session, each saved the moment it is made.

The screens call these methods and never write files themselves. A save that
fails keeps the change in memory, marks the editor unsaved and raises
`SaveFailed`; `retry()` tries again later. Nothing the user gave is dropped.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

from tui.errors import SessionFileError
from tui.session.lock import SessionLock
from tui.session.model import Answer, NextStep, now
from tui.session.store import SessionStore, StoredSession

T = TypeVar("T")


class SaveFailed(Exception):
    """The change is kept in memory but is not on disk yet."""


class ReadOnly(Exception):
    """This session is open for writing elsewhere (or from a newer format): nothing was changed."""


def writes(method: Callable[..., T]) -> Callable[..., T]:
    """Refuse a change on a read-only session before anything in memory changes."""

    @functools.wraps(method)
    def guarded(self: SessionEditor, *args: object, **kwargs: object) -> T:
        if self.read_only:
            raise ReadOnly(self.read_only_reason)
        return method(self, *args, **kwargs)

    return guarded


class SessionEditor:
    """The one way an open session is changed."""

    def __init__(self, store: SessionStore, stored: StoredSession, lock: bool = True) -> None:
        self.store = store
        self.stored = stored
        self.unsaved = False
        self.last_error = ""
        self.read_only_reason = ""
        self.lock = SessionLock(store.root, stored.session.id)
        if lock and not self.lock.acquire():
            self.read_only_reason = self.lock.holder()

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    def close(self) -> None:
        """Let other instances write this session again."""
        self.lock.release()

    @property
    def session(self):  # -> Session
        return self.stored.session

    def _answer(self, item_id: str) -> Answer:
        return self.session.answers.get(item_id) or Answer()

    def _put(self, item_id: str, answer: Answer) -> None:
        answers = dict(self.session.answers)
        if answer == Answer():
            answers.pop(item_id, None)
        else:
            answers[item_id] = answer
        self.session.answers = answers
        self.commit()

    @writes
    def answer(self, item_id: str, score: int) -> None:
        """Score an item 1–5."""
        self._put(item_id, self._answer(item_id).model_copy(update={"score": score, "not_applicable": False, "at": now()}))

    @writes
    def not_applicable(self, item_id: str) -> None:
        self._put(item_id, self._answer(item_id).model_copy(update={"score": None, "not_applicable": True, "at": now()}))

    @writes
    def clear(self, item_id: str) -> None:
        """Take back a score or n.v.t., keeping the note."""
        self._put(item_id, self._answer(item_id).model_copy(update={"score": None, "not_applicable": False, "at": None}))

    @writes
    def note(self, item_id: str, text: str) -> None:
        if self._answer(item_id).note == text:
            return
        self._put(item_id, self._answer(item_id).model_copy(update={"note": text}))

    @writes
    def set_title(self, title: str) -> None:
        title = title.strip()
        if title and title != self.session.title:
            self.session.title = title
            self.commit()

    @writes
    def set_context(self, **fields: object) -> None:
        """Change context fields (themes, forms, partners, role, stage)."""
        context = self.session.context.model_copy(update=fields)
        if context != self.session.context:
            self.session.context = context
            self.commit()

    @writes
    def set_notes(self, text: str) -> None:
        if text != self.session.notes:
            self.session.notes = text
            self.commit()

    @writes
    def add_step(self, text: str, who: str = "", when: str = "", suggestion: str = "") -> NextStep:
        step = NextStep(text=text, who=who, when=when, suggestion=suggestion)
        self.session.next_steps = [*self.session.next_steps, step]
        self.commit()
        return step

    @writes
    def update_step(self, step_id: str, **fields: object) -> None:
        steps = [s.model_copy(update=fields) if s.id == step_id else s for s in self.session.next_steps]
        if steps != self.session.next_steps:
            self.session.next_steps = steps
            self.commit()

    @writes
    def toggle_step(self, step_id: str) -> None:
        step = next(s for s in self.session.next_steps if s.id == step_id)
        self.update_step(step_id, done=not step.done)

    @writes
    def remove_step(self, step_id: str) -> None:
        self.session.next_steps = [s for s in self.session.next_steps if s.id != step_id]
        self.commit()

    def commit(self) -> None:
        """Save now; on failure keep everything in memory and raise SaveFailed."""
        try:
            self.store.save(self.stored)
        except (OSError, SessionFileError) as error:
            self.unsaved = True
            self.last_error = str(error.strerror if isinstance(error, OSError) and error.strerror else error)
            raise SaveFailed(self.last_error) from None
        self.unsaved = False
        self.last_error = ""

    def retry(self) -> bool:
        """Try a failed save again; True when everything is on disk."""
        if not self.unsaved:
            return True
        try:
            self.commit()
        except SaveFailed:
            return False
        return True
