"""The welcome's paragraphs in one widget, spaced as widgets with margins were (tui/app/screens/room_welcome.py)."""

from __future__ import annotations

from textual.content import Content

from tui.app.screens.room_welcome import Part, joined_parts


def lines(*parts: Part) -> list[str]:
    return joined_parts(list(parts)).plain.split("\n")


def test_between_two_paragraphs_the_larger_margin_not_both() -> None:
    assert lines(Part(Content("a"), below=1), Part(Content("b"), above=1)) == ["a", "", "b"]
    assert lines(Part(Content("a"), below=2), Part(Content("b"), above=1)) == ["a", "", "", "b"]
    assert lines(Part(Content("a")), Part(Content("b"))) == ["a", "b"]


def test_the_first_margin_above_and_the_last_below_are_kept() -> None:
    assert lines(Part(Content("a"), above=1), Part(Content("b"), below=1)) == ["", "a", "b", ""]
    assert lines() == [""]
