"""The interface's words in Dutch (default) or English, from content/strings.toml."""

from __future__ import annotations

from tui.content import load_strings

_language = "nl"


def set_language(language: str) -> None:
    """Choose the interface language for the rest of the run ('nl' or 'en')."""
    global _language
    _language = language if language in ("nl", "en") else "nl"


def language() -> str:
    return _language


def t(key: str, **values: object) -> str:
    """The text for `key` in the current language, with `{placeholders}` filled in."""
    strings = load_strings()
    text = strings[_language].get(key) or strings["nl"].get(key)
    if text is None:
        raise KeyError(f"no interface text {key!r} in content/strings.toml")
    return text.format(**values) if values else text
