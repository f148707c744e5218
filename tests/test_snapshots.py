"""What the reader looks like at 80x24, compared with a stored SVG."""

from __future__ import annotations

from tui.app.factory import make_app
from tui.app.start import Read
from tui.session import SessionStore


def test_reader_at_vooraf(snap_compare, tmp_path):
    app = make_app(SessionStore(tmp_path / "sessions"), Read("vooraf"))
    assert snap_compare(app, terminal_size=(80, 24))
