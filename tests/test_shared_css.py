"""Parsed CSS shared by every stylesheet of a process (tui/app/shared_css.py): what a warm parent's seats reuse."""

from __future__ import annotations

from pathlib import Path

import pytest
import textual.css.stylesheet
from textual.css.stylesheet import Stylesheet

from tui.app import shared_css

CSS = "Static { color: $text; padding: 1 2; }"


@pytest.fixture
def shared(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shared for this test only: Textual's own method is back afterwards."""
    monkeypatch.setattr(Stylesheet, "_parse_rules", Stylesheet._parse_rules)
    monkeypatch.setattr(textual.css.stylesheet, "tokenize_values", textual.css.stylesheet.tokenize_values)
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


def test_a_themes_variables_are_computed_once_and_each_caller_has_its_own_copy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shared_css, "_themes", [])
    theme, other = object(), object()
    computed: list[str] = []

    def compute(name: str) -> dict[str, str]:
        computed.append(name)
        return {"primary": name}

    first = shared_css.theme_variables(theme, {}, lambda: compute("a"))
    again = shared_css.theme_variables(theme, {}, lambda: compute("again"))
    assert first == again == {"primary": "a"} and first is not again and computed == ["a"]
    again["primary"] = "changed by its stylesheet"
    assert shared_css.theme_variables(theme, {}, lambda: compute("x")) == {"primary": "a"}
    assert shared_css.theme_variables(other, {}, lambda: compute("b")) == {"primary": "b"}
    assert shared_css.theme_variables(theme, {"x": "1"}, lambda: compute("c")) == {"primary": "c"}  # other defaults
    assert computed == ["a", "b", "c"]


def test_apps_take_the_same_variables_as_textual_computes_them(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from textual.app import App

    from tui.app.factory import make_app
    from tui.session import SessionStore

    monkeypatch.setattr(shared_css, "_themes", [])
    app = make_app(SessionStore(tmp_path))
    assert app.get_css_variables() == App.get_css_variables(app) == app.theme_variables
    app.theme = "textual-light"
    assert app.get_css_variables() == App.get_css_variables(app)


def test_the_variables_tokens_are_made_once(shared: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shared_css, "_tokens", {})
    first = Stylesheet(variables={"text": "red"})._variable_tokens
    assert Stylesheet(variables={"text": "red"})._variable_tokens is first
    assert Stylesheet(variables={"text": "blue"})._variable_tokens is not first
    assert getattr(textual.css.stylesheet.tokenize_values, "shared", False)
