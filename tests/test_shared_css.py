"""Parsed CSS shared by every stylesheet of a process (tui/app/shared_css.py): what a warm parent's seats reuse."""

from __future__ import annotations

import pytest
from textual.css.stylesheet import Stylesheet

from tui.app import shared_css

CSS = "Static { color: $text; padding: 1 2; }"


@pytest.fixture
def shared(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shared for this test only: Textual's own method is back afterwards."""
    monkeypatch.setattr(Stylesheet, "_parse_rules", Stylesheet._parse_rules)
    monkeypatch.setattr(shared_css, "_parsed", {})
    assert shared_css.share_parsed_css()
    assert shared_css.share_parsed_css()  # twice wraps once


def rules_of(variables: dict[str, str]):
    sheet = Stylesheet(variables=variables)
    sheet.add_source(CSS, read_from=("app.tcss", ""))
    sheet.parse()
    return sheet.rules


def test_a_second_stylesheet_takes_the_rules_parsed_by_the_first(shared: None) -> None:
    first = rules_of({"text": "red"})
    again = rules_of({"text": "red"})
    assert [id(rule) for rule in again] == [id(rule) for rule in first]
    assert len(shared_css._parsed) == 1


def test_other_variables_are_parsed_again(shared: None) -> None:
    red, blue = rules_of({"text": "red"}), rules_of({"text": "blue"})
    assert red[0] is not blue[0]
    assert red[0].styles.color != blue[0].styles.color


def test_a_reparse_with_the_same_variables_parses_nothing(shared: None) -> None:
    sheet = Stylesheet(variables={"text": "red"})
    sheet.add_source(CSS, read_from=("app.tcss", ""))
    sheet.parse()
    before = sheet.rules[0]
    sheet.reparse()  # Textual builds a fresh Stylesheet here
    assert sheet.rules[0] is before


def test_an_unexpected_textual_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    def _parse_rules(self: Stylesheet, css: str) -> list[object]:
        return []

    monkeypatch.setattr(Stylesheet, "_parse_rules", _parse_rules)
    assert not shared_css.share_parsed_css()
    assert Stylesheet._parse_rules is _parse_rules
