"""A folder of many session files, written quickly: one session made and saved, copied with a new id, title and time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from tui.session import Answer, SessionStore
from tui.session.codec import dump

T0 = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)


def title_of(n: int) -> str:
    """The title of session `n`; session n was changed n minutes after T0 (the last is the newest)."""
    return f"Sessie {n:05d}"


def many_sessions(folder: Path, count: int, item_ids: list[str]) -> None:
    """`count` session files with a few answers, without an fsync each (as bench/run.py makes them)."""
    store = SessionStore(folder)
    stored = store.create("Sessie sjabloon")
    for n, item_id in enumerate(item_ids[:5]):
        stored.session.answers[item_id] = Answer(score=n % 5 + 1)
    stored.session.updated = T0
    template = dump(stored.session).decode()
    stamp = "\nupdated = "
    assert template.count(stamp) == 1 and '"Sessie sjabloon"' in template
    head, _, tail = template.partition(stamp)
    tail = tail.partition("\n")[2]
    old_id = stored.session.id
    stored.path.unlink()
    for n in range(count):
        new_id = f"sessie-{n:05d}"
        when = (T0 + timedelta(minutes=n)).isoformat(sep=" ")
        text = f"{head}{stamp}{when}\n{tail}".replace(old_id, new_id).replace('"Sessie sjabloon"', f'"{title_of(n)}"')
        (folder / f"{new_id}.toml").write_text(text)
