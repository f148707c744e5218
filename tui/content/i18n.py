"""The interface's words in Dutch (default) or English, from content/strings.toml.

The language is chosen once, at start. `strings_for(language)` gives a `Strings`
object for it; that object is what every renderer (report, exports, compare,
command-line text) and every screen (through the app) is handed. There is no
global language: one process can hold an app in each language.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Literal

from tui.content.loader import load_language
from tui.core.plain import record

Language = Literal["nl", "en"]
LANGUAGES: tuple[Language, ...] = ("nl", "en")


@record(frozen=True)
class Strings:
    """The interface's words in one language: `strings("key", name=value)` gives the text.

    `table` holds every word of the language, English gaps already filled with the Dutch
    text (`tui.content.loader.load_language`), so one language's words are all it keeps.
    """

    language: Language
    table: Mapping[str, str]

    def __call__(self, key: str, **values: object) -> str:
        text = self.table.get(key)
        if text is None:
            raise KeyError(f"no interface text {key!r} in content/strings.toml")
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        return key in self.table


def as_language(language: str) -> Language:
    """'nl' or 'en'; anything else is Dutch, the app's default."""
    return "en" if language == "en" else "nl"


@cache
def strings_for(language: str) -> Strings:
    """The Strings of a language (read once per run, and only that language's); Dutch text fills any gap."""
    chosen = as_language(language)
    return Strings(chosen, load_language(chosen))
