"""Parsed CSS kept for the whole process, for the apps a room's warm parent forks.

Textual keeps what it parsed per `Stylesheet`, and every App (and every `reparse`,
which builds a fresh one) starts empty: each seat forked from the warm parent would
parse `app.tcss` and every widget's default CSS again, about a third of its CPU up
to its welcome. `share_parsed_css` makes every stylesheet of this process look in
one table first, keyed by the CSS, where it came from and the variables it was
parsed with; the warm parent fills it in its rehearsal, and its children only read
it (their pages stay shared with the parent's).

Textual is pinned (pyproject.toml): this wraps `Stylesheet._parse_rules`, a private
method whose signature is checked first; when it differs, nothing is changed.
"""

from __future__ import annotations

import inspect
from typing import Any

from textual.css.stylesheet import Stylesheet

MAX_ENTRIES = 512
"""Parsed sources kept: a seat's app has about seventy (one per widget class and file)."""

_EXPECTED = ["self", "css", "read_from", "is_default_rules", "tie_breaker", "scope"]
_parsed: dict[tuple[object, ...], Any] = {}
_variables: list[tuple[dict[str, str], tuple[tuple[str, str], ...]]] = []
"""The last variables seen and their key (the same dict for an app's stylesheet and its reparses)."""


def _variables_key(variables: dict[str, str]) -> tuple[tuple[str, str], ...]:
    if _variables and _variables[0][0] is variables:
        return _variables[0][1]
    key = tuple(sorted(variables.items()))
    _variables[:] = [(variables, key)]
    return key


def share_parsed_css() -> bool:
    """Every stylesheet of this process parses a source once; False when Textual's method is not as expected."""
    original = Stylesheet._parse_rules
    if getattr(original, "shared", False):
        return True
    if list(inspect.signature(original).parameters) != _EXPECTED:
        return False

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
