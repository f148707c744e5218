"""What the walk and the home screen look like at 80x24, compared with stored SVGs.

Everything shown is fixed: titles, dates (in UTC), and the sessions folder
(a relative path, so the test's tmp folder does not show). Session ids are
random but never on screen.
"""

from __future__ import annotations

from datetime import UTC, datetime

from tui.app.factory import make_app
from tui.app.start import Home, Walk
from tui.session import SessionStore

CREATED = datetime(2024, 2, 5, 9, 15, tzinfo=UTC)
UPDATED = datetime(2024, 2, 6, 14, 30, tzinfo=UTC)


def fixed_session(store: SessionStore, title: str, created: datetime, updated: datetime):
    stored = store.create(title)
    stored.session.created = created
    stored.session.updated = updated
    store.save(stored, touch=False)
    return stored


def test_walk_after_three_answers(snap_compare, fixed_place: SessionStore) -> None:
    stored = fixed_session(fixed_place, "Regio Test", CREATED, UPDATED)
    app = make_app(fixed_place, Walk(stored))
    assert snap_compare(app, terminal_size=(80, 24), press=["4", "_", "4", "_", "4", "_"])


def test_home_with_two_sessions(snap_compare, fixed_place: SessionStore) -> None:
    fixed_session(fixed_place, "RPO Noord-Veluwe", CREATED, UPDATED)
    fixed_session(
        fixed_place,
        "Samenwerkingsverband Zuid",
        datetime(2024, 3, 1, 8, 0, tzinfo=UTC),
        datetime(2024, 3, 2, 16, 45, tzinfo=UTC),
    )
    app = make_app(fixed_place, Home())
    assert snap_compare(app, terminal_size=(80, 24))
