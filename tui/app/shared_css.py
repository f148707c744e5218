"""Parsed CSS kept for the whole process, for the apps a room's warm parent forks.

Textual keeps what it parsed per `Stylesheet`, and every App (and every `reparse`,
which builds a fresh one) starts empty: each seat forked from the warm parent would
parse `app.tcss` and every widget's default CSS again, about a third of its CPU up
to its welcome. `share_parsed_css` makes every stylesheet of this process look in
one table first, keyed by the CSS, where it came from and the variables it was
parsed with; the warm parent fills it in its rehearsal, and its children only read
it (their pages stay shared with the parent's).

The same goes for what a stylesheet derives from the theme alone: the theme's variables
(`theme_variables`, which every App computes in its `__init__`, about 1 ms) and their tokens
(`textual.css.stylesheet.tokenize_values`, which the first style parsed from text needs,
about 1 ms more): made once per theme, then read.

Textual is pinned (pyproject.toml): this wraps `Stylesheet._parse_rules`, a private
method whose signature is checked first; when it differs, nothing is changed.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import textual.css.stylesheet
from textual.css.stylesheet import Stylesheet

MAX_ENTRIES = 512
"""Parsed sources kept: a seat's app has about seventy (one per widget class and file)."""

_EXPECTED = ["self", "css", "read_from", "is_default_rules", "tie_breaker", "scope"]
_parsed: dict[tuple[object, ...], Any] = {}
_variables: list[tuple[dict[str, str], tuple[tuple[str, str], ...]]] = []
"""The last variables seen and their key (the same dict for an app's stylesheet and its reparses)."""
MAX_THEMES = 32
"""Themes whose variables (and their tokens) are kept: Textual has about twenty of its own."""
_themes: list[tuple[object, tuple[tuple[str, str], ...], dict[str, str]]] = []
"""Each theme seen (the object itself), the app's defaults beside it, and the variables they gave."""
_tokens: dict[tuple[tuple[str, str], ...], Any] = {}


def _variables_key(variables: dict[str, str]) -> tuple[tuple[str, str], ...]:
    if _variables and _variables[0][0] is variables:
        return _variables[0][1]
    key = tuple(sorted(variables.items()))
    _variables[:] = [(variables, key)]
    return key


def theme_variables(theme: object, defaults: dict[str, str], compute: Callable[[], dict[str, str]]) -> dict[str, str]:
    """The CSS variables of `theme` with `defaults` (what `compute` gives), computed once per theme in this process.

    Every caller gets a copy of its own: a stylesheet keeps the dict it is given.
    """
    key = tuple(sorted(defaults.items()))
    for seen, seen_key, variables in _themes:
        if seen is theme and seen_key == key:
            return dict(variables)
    variables = compute()
    if len(_themes) < MAX_THEMES:
        _themes.append((theme, key, dict(variables)))
    return variables


def _shared_tokens(original: Callable[[dict[str, str]], Any]) -> Callable[[dict[str, str]], Any]:
    """`tokenize_values` once per set of variables; Textual only reads the tokens it gives."""

    def tokenize_values(values: dict[str, str]) -> Any:
        key = _variables_key(values)
        tokens = _tokens.get(key)
        if tokens is None:
            tokens = original(values)
            if len(_tokens) < MAX_THEMES:
                _tokens[key] = tokens
        return tokens

    tokenize_values.shared = True  # type: ignore[attr-defined]
    return tokenize_values


def share_parsed_css() -> bool:
    """Every stylesheet of this process parses a source once; False when Textual's method is not as expected."""
    original = Stylesheet._parse_rules
    if getattr(original, "shared", False):
        return True
    if list(inspect.signature(original).parameters) != _EXPECTED:
        return False
    module = textual.css.stylesheet
    tokenize = getattr(module, "tokenize_values", None)
    if tokenize is not None and not getattr(tokenize, "shared", False):
        setattr(module, "tokenize_values", _shared_tokens(tokenize))  # noqa: B010  # the name `_variable_tokens` calls

    def _parse_rules(
        self: Stylesheet,
        css: str,
        read_from: Any,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> Any:
        key = (_variables_key(self._variables), css, read_from, is_default_rules, tie_breaker, scope)
        rules = _parsed.get(key)
        if rules is None:
            rules = original(self, css, read_from, is_default_rules, tie_breaker, scope)
            if len(_parsed) < MAX_ENTRIES:
                _parsed[key] = rules
        return rules

    _parse_rules.shared = True  # type: ignore[attr-defined]
    Stylesheet._parse_rules = _parse_rules  # type: ignore[method-assign]
    return True
