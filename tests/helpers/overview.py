"""Sessions answered in one go, and the overview's text: for the overview, steps and export tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widgets import Static

from tests.helpers.answers import alternating
from tests.helpers.session import item_ids
from tui.session import Answer, SessionStore, StoredSession


def body_text(app: Any) -> str:
    """The overview's text with its wrapping undone, so a whole sentence can be looked for."""
    return " ".join(str(app.screen.query_one("#ov-body", Static).render()).split())


async def answer_all(app: Any, pilot: Any, scores: Callable[[int], int] = alternating) -> None:
    """Answer every item through the open walk's editor, as the keys would."""
    editor = app.screen.editor
    for n, item_id in enumerate(item_ids()):
        editor.answer(item_id, scores(n))
    await pilot.pause()


def answered_session(store: SessionStore, title: str, scores: Callable[[int], int] = alternating) -> StoredSession:
    """A saved session with every item answered by `scores(n)`."""
    stored = store.create(title)
    stored.session.answers = {i: Answer(score=scores(n)) for n, i in enumerate(item_ids())}
    store.save(stored)
    return stored
