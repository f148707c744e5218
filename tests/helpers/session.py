"""Small helpers for the walk, store, CLI and snapshot tests."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from tui.session import SessionStore, StoredSession


def walk_app(tmp_path: Path, title: str = "Regio Test", language: str = "nl"):
    """`(app, store, stored)`: a fresh session in `tmp_path/sessions`, the app opening its walk."""
    from tui.app.factory import make_app
    from tui.app.start import Walk

    store = SessionStore(tmp_path / "sessions")
    stored = store.create(title, language=language)
    app = make_app(store, Walk(stored), language)
    return app, store, stored


def read_session(path: Path) -> dict[str, Any]:
    """The session file as plain TOML data, read straight from disk."""
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def item_ids() -> list[str]:
    """Every scale item id of the tool, in walk order."""
    from tui.content import load_tool

    return [item.id for item in load_tool().items]


def widget_text(widget) -> str:
    """The plain text a Static currently shows."""
    return str(widget.content)


def file_state(path: Path) -> tuple[bytes, int]:
    """Bytes and mtime (ns) of a file, to prove it was not touched."""
    return path.read_bytes(), path.stat().st_mtime_ns


__all__ = ["StoredSession", "file_state", "item_ids", "read_session", "walk_app", "widget_text"]


async def until(pilot, condition, timeout: float = 10.0) -> None:
    """Let the app run until `condition()` holds (never a fixed sleep)."""
    waited = 0.0
    while not condition():
        await pilot.pause(0.02)
        waited += 0.02
        if waited > timeout:
            raise AssertionError("condition not reached")
