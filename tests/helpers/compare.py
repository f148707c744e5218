"""Two answered sessions and the way to their comparison on screen, for the compare tests."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.helpers.pilot import screen_name
from tests.helpers.session import item_ids, until
from tui.session import Answer, SessionStore, StoredSession


def answered(
    store: SessionStore, title: str, scores, remarks: dict[int, str] | None = None, hour: int = 12
) -> StoredSession:
    """A session answered `scores(n)`, last changed at `hour` (the home screen lists the latest first)."""
    stored = store.create(title)
    stored.session.created = stored.session.updated = datetime(2024, 5, 1, hour, tzinfo=UTC)
    stored.session.answers = {i: Answer(score=scores(n)) for n, i in enumerate(item_ids())}
    for n, text in (remarks or {}).items():
        stored.session.answers[item_ids()[n]] = stored.session.answers[item_ids()[n]].model_copy(
            update={"remark": text}
        )
    store.save(stored, touch=False)
    return stored


def two(tmp_path: Path, title: str = "Partner Alfa", remark: str = "Alfa zegt: eerst geld.") -> SessionStore:
    store = SessionStore(tmp_path / "sessions")
    answered(store, title, lambda n: 5 if n % 2 == 0 else 1, {0: remark}, hour=12)  # the oldest: column A
    answered(store, "Partner Beta", lambda n: 3, {0: "Beta zegt: eerst tijd."}, hour=13)
    return store


async def open_compare(app, pilot) -> None:
    """Mark both on home, compare: the oldest, Alfa, is column A whatever the order marked."""
    await until(pilot, lambda: screen_name(app) == "HomeScreen")
    for key in ("space", "down", "space", "v"):
        await pilot.press(key)
    await until(pilot, lambda: screen_name(app) == "CompareScreen")
