"""The key bar shows every key as Textual would, though one-character keys skip Unicode's name table (issue 24)."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

KEYS = [chr(c) for c in range(33, 0x250)] + ["question_mark", "enter", "escape", "space", "ctrl+q", "ctrl+s", "tab"]


def test_every_key_is_shown_as_textual_shows_it(app_factory) -> None:
    app = app_factory()
    for key in KEYS:
        binding = Binding(key, "quit", "x")
        assert app.get_key_display(binding) == App.get_key_display(app, binding), key
    assert app.get_key_display(Binding("1", "quit", "x", key_display="1-5")) == "1-5"
