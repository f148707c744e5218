"""What the app's own widgets share: typed access to the app and key descriptions in its language.

BINDINGS name a `key.*` text of strings.toml as their description; each node's
own copy of its bindings gets the words when the node is made, so one process
can hold apps in two languages.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, cast

from textual.containers import Vertical
from textual.dom import DOMNode

from tui.content.i18n import Strings

if TYPE_CHECKING:
    from tui.app.application import SamenwerkenApp

KEY_TEXT = "key."
"""Binding descriptions that start with this are keys of strings.toml."""


def translate_bindings(node: DOMNode, strings: Strings) -> None:
    """Give the node's bindings their descriptions in `strings`' language.

    Textual copies a class's bindings into each node (`DOMNode._bindings`) when it
    is made; only that copy is changed, never the class's.
    """
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [
            replace(b, description=strings(b.description)) if b.description.startswith(KEY_TEXT) else b
            for b in bindings
        ]


class OfTheApp:
    """A mixin for the app's own nodes (put first in the bases): the app typed, and its words.

    A plain mixin, not a node itself, so the node classes after it keep their own styles
    and bindings exactly as Textual builds them.
    """

    @property
    def samenwerken(self) -> SamenwerkenApp:
        """The app, typed: its store, words, content and the methods screens call."""
        return cast("SamenwerkenApp", cast(DOMNode, self).app)

    @property
    def strings(self) -> Strings:
        return self.samenwerken.strings

    def _translate_own_bindings(self) -> None:
        """Call at the end of `__init__`: the node's key descriptions in the app's language."""
        translate_bindings(cast(DOMNode, self), self.strings)


class AppPane(OfTheApp, Vertical):
    """A part of a screen with keys of its own (the next steps)."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._translate_own_bindings()
